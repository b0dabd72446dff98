"""Render results as a Markdown report or as CSV rows, in English or French.

Markdown is for people (a report to print or paste into a wiki); CSV is for spreadsheets.
Both take the result produced by `scoring.score`, so they never recompute anything.
Links stay relative to the site root, exactly as in the result.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

Result = dict[str, Any]
Actions = dict[str, dict[str, str]]
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>()#+!|~]")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "report": "Assessment report",
        "index": "Resistance index",
        "no_index": "Not enough answers to compute an index: answer more questions, or use "
        '"Don\'t know" less often.',
        "answered": "Answered: {answered} of {total} questions ({percent}).",
        "dimensions": "Dimensions",
        "dimension": "Dimension",
        "score": "Score",
        "answers": "Answers",
        "diagnosis": "Diagnosis",
        "first_barrier": "First barrier",
        "first_barrier_text": "Start with **{label}** ({score}/100): it blocks progress elsewhere.",
        "adoption": "Adoption figures",
        "connection_rate": "Accounts used in the last 30 days",
        "adoption_rate": "Accounts used weekly for real work",
        "expected_rate": "Weekly use expected",
        "gap": "Relative gap between expected and real use",
        "significant_gap": "The gap is above {threshold}: a significant adoption problem.",
        "masked_resistance": "Masked resistance: real use is below {below} while {least} or more "
        "of accounts are used.",
        "antipatterns": "Anti-patterns detected",
        "instead": "Instead",
        "recommendations": "Recommendations",
        "phase": "Phase",
        "first_step": "First step",
        "owner": "Owner",
        "due": "Due date",
        "read_more": "Read more",
        "none": "None.",
        "footer": 'Model "{assessment}", version {version}. Re-assess every 3 months to see '
        "what has changed.",
        "respondent": "respondent",
        "index_column": "index",
        "band_column": "band",
        "completeness": "completeness",
        "antipatterns_column": "antipatterns",
        "batch": "Batch results",
        "summary": "{n} respondents, {scored} with an index; median index: {median}.",
    },
    "fr": {
        "report": "Rapport d'évaluation",
        "index": "Indice de résistance",
        "no_index": "Pas assez de réponses pour calculer un indice : répondez à davantage de "
        "questions, ou utilisez moins souvent « Je ne sais pas ».",
        "answered": "Réponses : {answered} questions sur {total} ({percent}).",
        "dimensions": "Dimensions",
        "dimension": "Dimension",
        "score": "Score",
        "answers": "Réponses",
        "diagnosis": "Diagnostic",
        "first_barrier": "Premier frein",
        "first_barrier_text": "Commencez par **{label}** ({score}/100) : ce frein bloque les "
        "progrès ailleurs.",
        "adoption": "Chiffres d'adoption",
        "connection_rate": "Comptes utilisés au cours des 30 derniers jours",
        "adoption_rate": "Comptes utilisés chaque semaine pour un vrai travail",
        "expected_rate": "Usage hebdomadaire attendu",
        "gap": "Écart relatif entre usage attendu et usage réel",
        "significant_gap": "L'écart dépasse {threshold} : le problème d'adoption est important.",
        "masked_resistance": "Résistance masquée : l'usage réel est inférieur à {below} alors que "
        "{least} des comptes ou plus sont utilisés.",
        "antipatterns": "Anti-patterns détectés",
        "instead": "À la place",
        "recommendations": "Recommandations",
        "phase": "Phase",
        "first_step": "Premier pas",
        "owner": "Responsable",
        "due": "Échéance",
        "read_more": "En savoir plus",
        "none": "Aucun.",
        "footer": "Modèle « {assessment} », version {version}. Refaites l'évaluation tous les "
        "3 mois pour mesurer le chemin parcouru.",
        "respondent": "répondant",
        "index_column": "indice",
        "band_column": "tranche",
        "completeness": "complétude",
        "antipatterns_column": "anti-patterns",
        "batch": "Résultats par répondant",
        "summary": "{n} répondants, dont {scored} avec un indice ; indice médian : {median}.",
    },
}


def format_number(value: float | None, lang: str) -> str:
    """One decimal, with a decimal comma in French; an em dash when there is no value."""
    if value is None:
        return "—"
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def colon(lang: str) -> str:
    # French typography puts a space before a colon.
    return "\u00a0:" if lang == "fr" else ":"


def format_percent(ratio: float, lang: str) -> str:
    # French puts a (non-breaking) space before the percent sign.
    number = f"{round(ratio * 100)}"
    return f"{number}\u00a0%" if lang == "fr" else f"{number}%"


def render_summary(result: Result, text: dict[str, str]) -> list[str]:
    lang = result["lang"]
    band = result["band"]
    if result["index"] is None:
        lines = [text["no_index"]]
    else:
        index = format_number(result["index"], lang)
        lines = [f"**{text['index']}{colon(lang)} {index}/100** — {band['label']}", "", band["meaning"]]
    completeness = result["completeness"]
    percent = format_percent(completeness["ratio"], lang)
    return [*lines, "", text["answered"].format(percent=percent, **completeness)]


def render_dimensions(result: Result, text: dict[str, str]) -> list[str]:
    lines = [
        f"## {text['dimensions']}",
        "",
        f"| {text['dimension']} | {text['score']} | {text['answers']} |",
        "|---|---:|---:|",
    ]
    for dimension in result["dimensions"]:
        score = format_number(dimension["score"], result["lang"])
        lines.append(f"| {dimension['label']} | {score} | {dimension['answered']}/{dimension['total']} |")
    return lines


def render_findings(result: Result, text: dict[str, str]) -> list[str]:
    lines = [f"## {text['diagnosis']}", ""]
    diagnosis = result["diagnosis"]
    lines.append(f"**{diagnosis['title']}** — {diagnosis['explanation']}" if diagnosis else text["none"])
    lines += ["", f"## {text['first_barrier']}", ""]
    barrier = result["first_barrier"]
    if barrier:
        score = format_number(barrier["score"], result["lang"])
        lines.append(text["first_barrier_text"].format(label=barrier["label"], score=score))
    else:
        lines.append(text["none"])
    return lines


def render_adoption(result: Result, text: dict[str, str]) -> list[str]:
    adoption, lang = result["adoption"], result["lang"]
    if adoption is None:
        return []
    lines = [f"## {text['adoption']}", ""]
    for key in ("connection_rate", "adoption_rate", "expected_rate", "gap"):
        if adoption[key] is not None:
            lines.append(f"- {text[key]}{colon(lang)} {format_percent(adoption[key], lang)}")
    thresholds = adoption["thresholds"]
    if adoption["significant_gap"]:
        threshold = format_percent(thresholds["significant_gap"], lang)
        lines += ["", text["significant_gap"].format(threshold=threshold)]
    if adoption["masked_resistance"]:
        below = format_percent(thresholds["masked_adoption_below"], lang)
        least = format_percent(thresholds["masked_connection_at_least"], lang)
        lines += ["", text["masked_resistance"].format(below=below, least=least)]
    return lines


def render_antipatterns(result: Result, text: dict[str, str]) -> list[str]:
    lines = [f"## {text['antipatterns']}", ""]
    if not result["antipatterns"]:
        return [*lines, text["none"]]
    for antipattern in result["antipatterns"]:
        link = f"[{text['read_more']}]({antipattern['url']})"
        instead = f"**{text['instead']}{colon(result['lang'])}** {antipattern['instead']} ({link})"
        lines += [f"### {antipattern['title']}", "", antipattern["why"], "", instead, ""]
    return lines[:-1]


def escape_markdown(value: str) -> str:
    """Owner names are typed by people: keep them inert text in any Markdown renderer."""
    return MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(0), " ".join(value.split()))


def render_recommendations(result: Result, text: dict[str, str], actions: Actions) -> list[str]:
    lines = [f"## {text['recommendations']}", ""]
    if not result["recommendations"]:
        return [*lines, text["none"]]
    sep = colon(result["lang"])
    for rec in result["recommendations"]:
        action = actions.get(rec["id"], {})
        owner = escape_markdown(action.get("owner", "")) or "________"
        due = action.get("due") or "________"
        lines += [
            f"{rec['rank']}. **{rec['title']}** — {text['phase']}{sep} {rec['phase']['title']}",
            f"   - {rec['why']}",
            f"   - {text['first_step']}{sep} {rec['first_step']}",
            f"   - {text['owner']}{sep} {owner} — {text['due']}{sep} {due}",
            f"   - [{text['read_more']}]({rec['url']})",
        ]
    return lines


def render_markdown(result: Result, title: str | None = None, actions: Actions | None = None) -> str:
    """A printable report; `title` defaults to the generic report title; `actions` fill owners and dates."""
    text = STRINGS[result["lang"]]
    heading = f"# {title} — {text['report']}" if title else f"# {text['report']}"
    sections = [
        [heading, "", *render_summary(result, text)],
        render_dimensions(result, text),
        render_findings(result, text),
        render_adoption(result, text),
        render_antipatterns(result, text),
        render_recommendations(result, text, actions or {}),
        ["---", "", text["footer"].format(assessment=result["assessment"], version=result["model_version"])],
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"


def csv_row(respondent: str, result: Result) -> list[str]:
    """One flat row: ids and dot-decimal numbers, so spreadsheets can sort and filter them."""
    band = result["band"]["id"] if result["band"] else ""
    scores = ["" if d["score"] is None else f"{d['score']:.1f}" for d in result["dimensions"]]
    index = "" if result["index"] is None else f"{result['index']:.1f}"
    antipatterns = "|".join(a["id"] for a in result["antipatterns"])
    return [respondent, index, band, f"{result['completeness']['ratio']:.3f}", *scores, antipatterns]


def render_csv(entries: Sequence[tuple[str, Result]], lang: str) -> str:
    """CSV with a header in `lang` (dimension columns use the dimension labels)."""
    text = STRINGS[lang]
    dimension_labels = [d["label"] for d in entries[0][1]["dimensions"]]
    header = [
        text["respondent"],
        text["index_column"],
        text["band_column"],
        text["completeness"],
        *dimension_labels,
        text["antipatterns_column"],
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(csv_row(respondent, result) for respondent, result in entries)
    return buffer.getvalue()


def render_batch_markdown(entries: Sequence[tuple[str, Result]], summary: dict[str, Any], lang: str) -> str:
    text = STRINGS[lang]
    lines = [
        f"# {text['batch']}",
        "",
        f"| {text['respondent']} | {text['index_column']} | {text['band_column']} | "
        f"{text['completeness']} | {text['antipatterns_column']} |",
        "|---|---:|---|---:|---|",
    ]
    for respondent, result in entries:
        cells = [
            respondent.replace("|", "\\|"),  # a pipe in a name would split the table cell
            format_number(result["index"], lang),
            result["band"]["label"] if result["band"] else "—",
            format_percent(result["completeness"]["ratio"], lang),
            ", ".join(a["title"] for a in result["antipatterns"]) or "—",
        ]
        lines.append(f"| {' | '.join(cells)} |")
    median = format_number(summary["median_index"], lang)
    lines += ["", text["summary"].format(n=summary["n"], scored=summary["scored"], median=median)]
    return "\n".join(lines) + "\n"


RESULT_CSV_COLUMNS = {
    "en": ["section", "id", "label", "score", "phase", "owner", "due", "link"],
    "fr": ["rubrique", "id", "libellé", "score", "phase", "responsable", "échéance", "lien"],
}


def result_csv_rows(result: Result, actions: Actions) -> list[list[str]]:
    """One row per fact: the index, each dimension, each anti-pattern, each recommendation."""
    index = "" if result["index"] is None else f"{result['index']:.1f}"
    band = result["band"]["label"] if result["band"] else ""
    rows = [["index", "index", band, index, "", "", "", ""]]
    rows += [
        ["dimension", d["id"], d["label"], "" if d["score"] is None else f"{d['score']:.1f}", "", "", "", ""]
        for d in result["dimensions"]
    ]
    rows += [["antipattern", a["id"], a["title"], "", "", "", "", a["url"]] for a in result["antipatterns"]]
    for rec in result["recommendations"]:
        action = actions.get(rec["id"], {})
        owner, due = action.get("owner", ""), action.get("due", "")
        rows.append(
            ["recommendation", rec["id"], rec["title"], "", rec["phase"]["title"], owner, due, rec["url"]]
        )
    return rows


def render_result_csv(result: Result, actions: Actions | None = None) -> str:
    """A single result as a long table a spreadsheet can filter: facts, then the action plan."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(RESULT_CSV_COLUMNS[result["lang"]])
    # A leading =, +, - or @ would make a spreadsheet evaluate a typed owner name as a formula.
    writer.writerows(
        [[neutralise_formula(cell) for cell in row] for row in result_csv_rows(result, actions or {})]
    )
    return buffer.getvalue()


def neutralise_formula(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell

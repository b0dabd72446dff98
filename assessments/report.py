"""Render results as a Markdown report or as CSV rows, in any language of the site.

Markdown is for people (a report to print or paste into a wiki); CSV is for spreadsheets.
Both take the result produced by `scoring.score`, so they never recompute anything.
Links stay relative to the site root, exactly as in the result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .languages import catalogue, language_info

Result = dict[str, Any]
Actions = dict[str, dict[str, str]]
MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>()#+!|~]")
# CSV dialects: (separator, decimal mark). "csv-semicolon" is what French and Belgian Excel open
# directly (";" between cells, decimal comma, a UTF-8 byte-order mark so accents survive).
CSV_DIALECTS = {"csv": (",", "."), "csv-semicolon": (";", ",")}
# A cell holding either separator is quoted whatever the dialect: a spreadsheet set to split on
# ";" must not see `x;=1+1` as two cells, the second one a formula.
CSV_QUOTE = re.compile(r'[,;"\r\n\t]')
# A formula character at the start of the cell or right after either separator: a spreadsheet that
# splits on the other separator than the file's would see a cell starting there.
FORMULA_START = re.compile(r"(^|[,;])([=+\-@\t\r])")


def strings(lang: str, part: str = "report") -> dict[str, str]:
    """One part of the language's catalogue (`report`, `team_report` or `compare_report`), with the
    labels the exports share with the pages (`labels`: one wording for both)."""
    return {**catalogue(lang)["labels"], **catalogue(lang)[part]}


def format_number(value: float | None, lang: str) -> str:
    """One decimal, with the language's decimal separator; an em dash when there is no value."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", language_info(lang)["decimal"])


def format_step(value: float | None, lang: str) -> str:
    """A rounding step or margin: like `format_number`, without a trailing `.0`."""
    return format_number(value, lang).removesuffix(f"{language_info(lang)['decimal']}0")


def colon(lang: str) -> str:
    # French typography puts a no-break space before a colon; the catalogue says which.
    return language_info(lang)["colon"]


def format_percent(ratio: float, lang: str) -> str:
    return language_info(lang)["percent"].format(number=round(ratio * 100))


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
    text = strings(result["lang"])
    heading = f"# {escape_markdown(title)} — {text['report']}" if title else f"# {text['report']}"
    sections = [
        [heading, "", *render_summary(result, text)],
        render_dimensions(result, text),
        render_findings(result, text),
        render_adoption(result, text),
        render_antipatterns(result, text),
        render_recommendations(result, text, actions or {}),
        [
            "---",
            "",
            text["footer"].format(
                assessment=escape_markdown(result["assessment"]),
                version=escape_markdown(result["model_version"]),
            ),
        ],
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"


def check_dialect(dialect: str) -> str:
    if dialect not in CSV_DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}; expected one of {sorted(CSV_DIALECTS)}")
    return dialect


def csv_number(value: float | None, dialect: str, digits: int = 1) -> str:
    """A number with the dialect's decimal mark; empty when there is no value."""
    if value is None:
        return ""
    return f"{value:.{digits}f}".replace(".", CSV_DIALECTS[dialect][1])


def csv_cell(value: object) -> str:
    """One cell: neutralised if a spreadsheet could read it as a formula, quoted if it holds a
    separator of either dialect, a quote or a line break."""
    text = neutralise_formula(str(value))
    return '"' + text.replace('"', '""') + '"' if CSV_QUOTE.search(text) else text


def write_csv(rows: Sequence[Sequence[object]], dialect: str = "csv") -> str:
    separator = CSV_DIALECTS[check_dialect(dialect)][0]
    text = "".join(separator.join(csv_cell(cell) for cell in row) + "\n" for row in rows)
    return "\ufeff" + text if dialect == "csv-semicolon" else text


def csv_row(respondent: str, result: Result, dialect: str = "csv") -> list[str]:
    """One flat row: ids and numbers (no thousands separator), so spreadsheets can sort and filter."""
    band = result["band"]["id"] if result["band"] else ""
    scores = [csv_number(d["score"], dialect) for d in result["dimensions"]]
    antipatterns = "|".join(a["id"] for a in result["antipatterns"])
    return [
        respondent,
        csv_number(result["index"], dialect),
        band,
        csv_number(result["completeness"]["ratio"], dialect, 3),
        *scores,
        antipatterns,
    ]


def render_csv(entries: Sequence[tuple[str, Result]], lang: str, dialect: str = "csv") -> str:
    """CSV with a header in `lang` (dimension columns use the dimension labels)."""
    text = strings(lang)
    dimension_labels = [d["label"] for d in entries[0][1]["dimensions"]]
    header = [
        text["respondent"],
        text["index_column"],
        text["band_column"],
        text["completeness"],
        *dimension_labels,
        text["antipatterns_column"],
    ]
    return write_csv([header, *(csv_row(name, result, dialect) for name, result in entries)], dialect)


def render_batch_markdown(entries: Sequence[tuple[str, Result]], summary: dict[str, Any], lang: str) -> str:
    text = strings(lang)
    lines = [
        f"# {text['batch']}",
        "",
        f"| {text['respondent']} | {text['index_column']} | {text['band_column']} | "
        f"{text['completeness']} | {text['antipatterns_column']} |",
        "|---|---:|---|---:|---|",
    ]
    for respondent, result in entries:
        cells = [
            escape_markdown(respondent),  # names come from a CSV file: keep them inert text in the table
            format_number(result["index"], lang),
            result["band"]["label"] if result["band"] else "—",
            format_percent(result["completeness"]["ratio"], lang),
            ", ".join(a["title"] for a in result["antipatterns"]) or "—",
        ]
        lines.append(f"| {' | '.join(cells)} |")
    median = format_number(summary["median_index"], lang)
    lines += ["", text["summary"].format(n=summary["n"], scored=summary["scored"], median=median)]
    return "\n".join(lines) + "\n"


def result_csv_rows(result: Result, actions: Actions, dialect: str = "csv") -> list[list[str]]:
    """One row per fact: the index, each dimension, each anti-pattern, each recommendation."""
    band = result["band"]["label"] if result["band"] else ""
    rows = [["index", "index", band, csv_number(result["index"], dialect), "", "", "", ""]]
    rows += [
        ["dimension", d["id"], d["label"], csv_number(d["score"], dialect), "", "", "", ""]
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


def render_result_csv(result: Result, actions: Actions | None = None, dialect: str = "csv") -> str:
    """A single result as a long table a spreadsheet can filter: facts, then the action plan."""
    rows = result_csv_rows(result, actions or {}, dialect)
    return write_csv([list(catalogue(result["lang"])["result_csv_columns"]), *rows], dialect)


def neutralise_formula(cell: str) -> str:
    """A leading =, +, - or @ would make a spreadsheet evaluate a typed owner name as a formula; an
    apostrophe before it keeps it text (also after a `,` or `;` inside the cell)."""
    return FORMULA_START.sub(lambda match: f"{match.group(1)}'{match.group(2)}", cell)


# --- team aggregates (team.py) and comparisons (compare.py) ------------------------------------


def render_team_counts(aggregate: Result, text: dict[str, str]) -> list[str]:
    counts = text["counts"].format(
        received=aggregate["received"],
        valid=aggregate["valid"],
        duplicates=len(aggregate["duplicates"]),
        rejected=len(aggregate["rejected"]),
    )
    lines = [counts]
    if aggregate.get("count_identical"):
        lines += ["", text["identical_counted"].format(count=len(aggregate["identical"]))]
    elif aggregate["duplicates"]:
        lines += ["", text["identical_once"]]
    if aggregate["rejected"]:
        lines += ["", f"## {text['rejected']}", ""]
        for entry in aggregate["rejected"]:
            # The excerpt is whatever was pasted, and the message quotes parts of it: keep both inert.
            code = escape_markdown(entry["code_excerpt"]) or "—"
            position = text["position"].format(position=entry["position"])
            message = escape_markdown(entry["error"]["message"])
            lines.append(f"- {position} ({code}){colon(aggregate['lang'])} {message}")
    return lines


def render_team_index(aggregate: Result, text: dict[str, str]) -> list[str]:
    lang, band = aggregate["lang"], aggregate["band"]
    if aggregate["index"] is None:
        return [text["no_index"].format(minimum=aggregate["min_responses"])]
    index = format_number(aggregate["index"], lang)
    lines = [f"**{text['team_index']}{colon(lang)} {index}/100** — {band['label']}", "", band["meaning"]]
    if aggregate["rounded_to"] >= 1:
        step = format_step(aggregate["rounded_to"], lang)
        lines += ["", text["coarse"].format(breakdown=aggregate["breakdown_min"], step=step)]
    return lines


def render_team_dimensions(aggregate: Result, text: dict[str, str]) -> list[str]:
    lang = aggregate["lang"]
    lines = [
        f"## {text['dimensions']}",
        "",
        f"| {text['dimension']} | {text['median']} | {text['quartiles']} | {text['iqr']} "
        f"| {text['responses']} |",
        "|---|---:|---:|---:|---:|",
    ]
    for d in aggregate["dimensions"]:
        quartiles = (
            "—" if d["q1"] is None else f"{format_number(d['q1'], lang)}–{format_number(d['q3'], lang)}"
        )
        cells = [d["label"], format_number(d["median"], lang), quartiles, format_number(d["iqr"], lang)]
        lines.append(f"| {' | '.join(cells)} | {d['n']} |")
    return [*lines, "", text["spread"]]


def render_team_bands(aggregate: Result, text: dict[str, str]) -> list[str]:
    lines = [f"## {text['bands']}", ""]
    if aggregate["bands"] is None:
        return [*lines, text["bands_withheld"].format(breakdown=aggregate["breakdown_min"])]
    lines += [f"| {text['band']} | {text['responses']} |", "|---|---:|"]
    labels = {**aggregate["band_labels"], "none": text["no_band"]}
    lines += [f"| {labels[band_id]} | {count} |" for band_id, count in aggregate["bands"].items()]
    return lines


def render_team_antipatterns(aggregate: Result, text: dict[str, str]) -> list[str]:
    lang = aggregate["lang"]
    lines = [f"## {text['antipatterns']}", ""]
    for entry in aggregate["antipatterns"]:
        if entry["share"] is None:  # a small team: which practices, not how many people
            minimum = aggregate["min_antipattern_reports"]
            lines.append(f"- {text['reported_by_several'].format(title=entry['title'], minimum=minimum)}")
            continue
        percent = format_percent(entry["share"], lang)
        share = text["antipattern_share"].format(
            title=entry["title"],
            colon=colon(lang),
            percent=percent,
            count=entry["count"],
            valid=aggregate["valid"],
        )
        lines.append(f"- {share}")
    if not aggregate["antipatterns"]:
        lines.append(strings(lang)["none"])
    if aggregate["antipatterns_withheld"]:
        lines += ["", text["withheld"].format(count=aggregate["antipatterns_withheld"])]
    return lines


def render_team_roles(aggregate: Result, text: dict[str, str]) -> list[str]:
    lang = aggregate["lang"]
    lines = [
        f"## {text['roles']}",
        "",
        f"| {text['role_group']} | {text['responses']} | {text['median_index']} |",
    ]
    lines.append("|---|---:|---:|")
    for group in aggregate["roles"]:
        breakdown = group["breakdown"]
        small = text["role_small"].format(minimum=aggregate["breakdown_min"])
        index = small if breakdown is None else format_number(breakdown["index"], lang)
        size = (
            text["fewer_than"].format(minimum=aggregate["min_responses"])
            if group["n"] is None
            else group["n"]
        )
        lines.append(f"| {text[group['role']]} | {size} | {index} |")
    return lines


def render_team_gap(aggregate: Result, text: dict[str, str]) -> list[str]:
    lang, gap = aggregate["lang"], aggregate["perception_gap"]
    lines = [f"## {text['gap']}", ""]
    if gap is None:
        return [*lines, aggregate["perception_gap_note"]["message"]]
    lines += [
        f"| {text['dimension']} | {text['staff']} | {text['leadership']} | {text['gap_column']} |",
        "|---|---:|---:|---:|",
    ]
    for row in [{"label": text["index"], **gap["index"]}, *gap["dimensions"]]:
        cells = [format_number(row[key], lang) for key in ("staff", "leadership")]
        lines.append(f"| {row['label']} | {' | '.join(cells)} | {format_change(row['gap'], lang)} |")
    return [*lines, "", aggregate["perception_gap_note"]["message"]]


def format_change(value: float | None, lang: str) -> str:
    """A signed difference: "+3.2", "−3.2" (a true minus sign), "0.0"."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return sign + format_number(abs(value), lang)


def render_version_note(aggregate: Result) -> list[list[str]]:
    """model: the notice of codes made with older or several model versions (see versions.py).

    Its text comes from the message catalogue and the model's `changes` list, and the versions it
    names are versions the model lists (others are refused)."""
    note = aggregate.get("version_note")
    if not note:
        return []
    # A stored aggregate read from an imported file may carry any text: keep it inert all the same.
    return [[f"> {escape_markdown(str(note['message']))}"]]


def render_team_markdown(aggregate: Result, lang: str | None = None, title: str | None = None) -> str:
    """A team report; only counts and rejected codes when there are too few responses."""
    lang = lang or aggregate["lang"]
    text = strings(lang, "team_report")
    heading = f"# {escape_markdown(title)} — {text['team_report']}" if title else f"# {text['team_report']}"
    sections = [[heading, "", *render_team_counts(aggregate, text)], *render_version_note(aggregate)]
    if aggregate["status"] != "ok":
        sections.append([text["too_few"].format(minimum=aggregate["min_responses"])])
    else:
        sections += [
            render_team_index(aggregate, text),
            render_team_dimensions(aggregate, text),
            render_team_bands(aggregate, text),
            render_team_antipatterns(aggregate, text),
            render_team_roles(aggregate, text),
            render_team_gap(aggregate, text),
            [text["period"].format(**aggregate["period"])],
        ]
    footer = text["footer"].format(
        assessment=escape_markdown(aggregate["assessment"]),
        version=escape_markdown(aggregate["model_version"]),
        minimum=aggregate["breakdown_min"],
    )
    sections.append(["---", "", footer])
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def render_team_csv(aggregate: Result, lang: str | None = None, dialect: str = "csv") -> str:
    """One row per dimension (header only when there are too few responses)."""
    text = strings(lang or aggregate["lang"], "team_report")
    rows: list[Sequence[object]] = [text["csv"].split(",")]
    for d in aggregate.get("dimensions", []) if aggregate["status"] == "ok" else []:
        stats = [csv_number(d[key], dialect) for key in ("median", "q1", "q3", "iqr")]
        rows.append([d["id"], d["label"], *stats, d["n"]])
    return write_csv(rows, dialect)


def comparison_row(label: str, entry: Result, text: dict[str, str], lang: str) -> str:
    """`label` is already Markdown (escaped by the caller): it may come from an imported file."""
    cells = [label, format_number(entry["before"], lang), format_number(entry["after"], lang)]
    trend = text[entry["direction"]] if entry["direction"] else text["unknown"]
    return f"| {' | '.join(cells)} | {format_change(entry['change'], lang)} | {trend} |"


def render_compare_table(comparison: Result, text: dict[str, str], lang: str) -> list[str]:
    band = comparison["band"]
    # Everything below may come from a file someone handed over (`compare` accepts given results):
    # labels, titles and versions are escaped so they stay text in any Markdown renderer.
    labels = [escape_markdown(entry["label"]) if entry else "—" for entry in (band["before"], band["after"])]
    lines = [
        f"**{text['band']}{colon(lang)}** {labels[0]} → {labels[1]}",
        "",
        f"| {text['dimension']} | {text['before']} | {text['after']} | {text['change']} | {text['trend']} |",
        "|---|---:|---:|---:|---|",
        comparison_row(f"**{text['index']}**", comparison["index"], text, lang),
    ]
    lines += [comparison_row(escape_markdown(d["label"]), d, text, lang) for d in comparison["dimensions"]]
    points = format_step(comparison["same_within"], lang)
    return [*lines, "", text["rule"].format(points=points)]


def render_changes(heading: str, groups: list[tuple[str, list[Result]]], text: dict[str, str]) -> list[str]:
    lines = [f"## {heading}", ""]
    for label, entries in groups:
        titles = ", ".join(escape_markdown(entry["title"]) for entry in entries) or text["none"]
        lines.append(f"- **{label}**{colon(text['lang'])} {titles}")
    return lines


def render_compare_markdown(comparison: Result, lang: str | None = None) -> str:
    lang = lang or comparison["lang"]
    text = {**strings(lang, "compare_report"), "lang": lang}
    heading = text["team_title"] if comparison["kind"] == "team" else text["title"]
    sections = [[f"# {heading}"], render_compare_table(comparison, text, lang)]
    if comparison["note"]:
        sections[0] += ["", escape_markdown(comparison["note"]["message"])]
    found = comparison["antipatterns"]
    sections.append(
        render_changes(
            text["antipatterns"], [(text["resolved"], found["resolved"]), (text["new"], found["new"])], text
        )
    )
    recs = comparison["recommendations"]
    if recs is not None:
        groups = [(text["added"], recs["added"]), (text["dropped"], recs["dropped"])]
        sections.append(render_changes(text["recommendations"], groups, text))
    versions = {side: escape_markdown(version) for side, version in comparison["versions"].items()}
    footer = text["footer"].format(assessment=escape_markdown(comparison["assessment"]), **versions)
    sections.append(["---", "", footer])
    return "\n\n".join("\n".join(section) for section in sections) + "\n"

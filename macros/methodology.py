"""Render the Methodology page from the compiled model, so it can never drift from the engine.

Numbers shown here (weights, points, thresholds, band limits) are read from the model the engine
scores with; the page's prose explains the rules and calls these functions for the values.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal

from assessments.languages import language_info
from macros import site_data

Model = dict[str, Any]


def percent(ratio: float, lang: str) -> str:
    """A ratio as a percentage in the language's notation ("25%", "25 %"; catalogue `language.percent`)."""
    value = format_decimal(ratio * 100, locale=site_data.LOCALES[lang])
    return language_info(lang)["percent"].format(number=value)


def points(value: float | None, strings: dict[str, str]) -> str:
    return strings["method_missing"] if value is None else f"{value:g}"


def count_questions(model: Model, dimension_id: str) -> int:
    return sum(1 for q in model["questions"] if q["dimension"] == dimension_id and q["kind"] == "choice")


def render_rules(model: Model, lang: str) -> str:
    """The thresholds the engine applies, with their values."""
    s = site_data.load_ui_strings(lang)
    adoption = model.get("adoption") or {}
    masked = adoption.get("masked_resistance", {})
    band_titles = {b["id"]: b["title"][lang] for b in model["bands"]}
    rows = [
        (s["method_rule_version"], f"`{model['version']}`"),
        (s["method_rule_min_answers"], str(model["scoring"]["min_answers"])),
        (s["method_rule_min_dimensions"], str(model["scoring"]["min_dimensions"])),
        (s["method_rule_elevated"], f"{model['diagnosis']['elevated']:g}"),
        (s["method_rule_both_margin"], f"{model['diagnosis']['both_margin']:g}"),
        (s["method_rule_barrier_margin"], f"{model['barrier_margin']:g}"),
        (s["method_rule_barrier_min"], band_titles[model["barrier_min_band"]]),
    ]
    if adoption:
        rows += [
            (s["method_rule_gap"], percent(adoption["significant_gap"], lang)),
            (s["method_rule_gap_scale"], percent(adoption["gap_full_scale"], lang)),
            (s["method_rule_masked_adoption"], percent(masked["adoption_below"], lang)),
            (s["method_rule_masked_connection"], percent(masked["connection_at_least"], lang)),
        ]
    return "\n".join(
        [
            f"| {s['method_rule']} | {s['method_value']} |",
            "| --- | --- |",
            *(f"| {label} | {value} |" for label, value in rows),
        ]
    )


def render_dimensions(model: Model, lang: str) -> str:
    s = site_data.load_ui_strings(lang)
    groups = {g["id"]: g["label"][lang] for g in model["groups"]}
    head = [
        f"| {s['label_dimension']} | {s['method_group']} | {s['method_kind']} | "
        f"{s['method_weight']} | {s['method_questions']} |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    rows = [
        f"| **{d['label'][lang]}** — {d['description'][lang]} | {groups[d['group']]} | "
        f"{s['method_kind_' + d['kind']]} | {d['weight']:g} | {count_questions(model, d['id'])} |"
        for d in model["dimensions"]
    ]
    return "\n".join(head + rows)


def band_range(band: Model, is_last: bool, lang: str) -> str:
    """The language's interval notation ("[0, 25)", "[0 ; 25["): min included, max excluded except
    for the last band, which includes 100."""
    pattern = language_info(lang)["interval_closed" if is_last else "interval"]
    locale = site_data.LOCALES[lang]
    return pattern.format(
        low=format_decimal(band["min"], locale=locale), high=format_decimal(band["max"], locale=locale)
    )


def render_bands(model: Model, lang: str) -> str:
    s = site_data.load_ui_strings(lang)
    last = model["bands"][-1]["id"]
    rows = [f"| {s['method_band']} | {s['method_range']} | {s['method_meaning']} |", "| --- | --- | --- |"]
    for band in model["bands"]:
        interval = band_range(band, band["id"] == last, lang)
        rows.append(f"| **{band['title'][lang]}** | {interval} | {band['meaning'][lang]} |")
    return "\n".join(rows)


def option_points(option: Model, strings: dict[str, str]) -> str:
    """Points, or why there are none: "not applicable" leaves the count, "don't know" is missing."""
    if option.get("not_applicable"):
        return strings["method_not_applicable"]
    return points(option.get("points"), strings)


def render_question(question: Model, lang: str, strings: dict[str, str]) -> str:
    options = "\n".join(
        f"    | {o['label'][lang]} | {option_points(o, strings)} |" for o in question["options"]
    )
    return "\n".join(
        [
            f"    **{question['text'][lang]}** ({strings['method_weight'].lower()} {question['weight']:g})",
            "",
            f"    | {strings['method_option']} | {strings['method_points']} |",
            "    | --- | ---: |",
            options,
            "",
        ]
    )


def render_questions(model: Model, lang: str) -> str:
    """Every question with its weight and each option's points, folded by dimension."""
    s = site_data.load_ui_strings(lang)
    blocks = []
    for dimension in model["dimensions"]:
        questions = [
            q for q in model["questions"] if q["dimension"] == dimension["id"] and q["kind"] == "choice"
        ]
        body = "\n".join(render_question(q, lang, s) for q in questions)
        blocks.append(f'??? note "{dimension["label"][lang]}"\n\n{body}')
    return "\n\n".join(blocks)


def render_antipatterns(model: Model, lang: str) -> str:
    """Which answers reveal each anti-pattern."""
    s = site_data.load_ui_strings(lang)
    questions = {q["id"]: q for q in model["questions"]}
    rows = [f"| {s['method_antipattern']} | {s['method_detected_by']} |", "| --- | --- |"]
    for antipattern in model["antipatterns"]:
        answers = []
        for condition in antipattern["when"]:
            question = questions[condition["question"]]
            labels = [o["label"][lang] for o in question["options"] if o["id"] in condition["options"]]
            answers.append(f"{question['text'][lang]} → {' / '.join(labels)}")
        rows.append(f"| **{antipattern['title'][lang]}** | {'<br>'.join(answers)} |")
    return "\n".join(rows)


def render_changes(model: Model, lang: str) -> str:
    """The model's version history, newest first, from the same `changes` list the engine uses to
    open older links, codes and exports (so the page and the notices cannot disagree)."""
    s = site_data.load_ui_strings(lang)
    blocks = []
    for entry in model.get("changes", []):
        heading = s["method_change_heading"].format(version=entry["version"], date=entry["date"])
        lines = [f"- {line}" for line in entry["summary"][lang]]
        if entry.get("breaking"):
            lines.append(f"- {s['method_change_breaking']}")
        blocks.append("\n".join([f"**{heading}**", "", *lines]))
    return "\n\n".join(blocks)


RENDERERS = {
    "rules": render_rules,
    "dimensions": render_dimensions,
    "bands": render_bands,
    "questions": render_questions,
    "antipatterns": render_antipatterns,
    "changes": render_changes,
}


def render_part(part: str, assessment_id: str, lang: str) -> str:
    """One part of the methodology (`rules`, `dimensions`, `bands`, `questions`, `antipatterns`,
    `changes`)."""
    if part not in RENDERERS:
        raise site_data.SiteDataError(
            f"methodology(): unknown part `{part}` (expected one of {sorted(RENDERERS)})."
        )
    return RENDERERS[part](site_data.load_model_cached(assessment_id), lang)

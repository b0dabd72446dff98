"""Render an assessment as a plain HTML form, in one language, from the compiled model.

The form works before any script runs: real fieldsets, legends and labels, radio groups that the
keyboard moves through with the arrow keys, and a "don't know" option on every question. The page
script only reads it, saves it and sends it to the engine.
"""

from __future__ import annotations

from html import escape
from typing import Any

from macros import site_data
from macros.usage_fill import render_usage_fill

Model = dict[str, Any]
TEAM_ROLES = ("leadership", "manager", "staff")  # as the engine's team codes know them


def attr(value: object) -> str:
    """Escape text for a double-quoted HTML attribute."""
    return escape(str(value), quote=True)


def text(texts: dict[str, str], lang: str) -> str:
    """One language of a model text, escaped for HTML content."""
    return escape(texts[lang], quote=False)


def dom_id(*parts: str) -> str:
    """Ids built from model ids, with hyphens (model ids are checked to be snake_case)."""
    return "-".join(part.replace("_", "-") for part in parts)


def render_option(question: Model, option: Model, lang: str) -> str:
    input_id = dom_id("q", question["id"], option["id"])
    # Both sit outside the scale: "don't know" counts as missing, "not applicable" leaves the count.
    marks = {"dont_know": ' data-dont-know="true"', "not_applicable": ' data-not-applicable="true"'}
    mark = "".join(value for key, value in marks.items() if option.get(key))
    return (
        f'<div class="choice"><input type="radio" id="{input_id}" name="{attr(question["id"])}" '
        f'value="{attr(option["id"])}"{mark}>'
        f'<label for="{input_id}">{text(option["label"], lang)}</label></div>'
    )


def render_help(question: Model, lang: str) -> tuple[str, str]:
    """The help paragraph and the aria-describedby attribute that points to it (both empty if none)."""
    if not question.get("help"):
        return "", ""
    help_id = dom_id("q", question["id"], "help")
    return (
        f'<p class="question__help" id="{help_id}">{text(question["help"], lang)}</p>',
        f' aria-describedby="{help_id}"',
    )


def render_choice_question(question: Model, number: int, lang: str) -> str:
    help_html, described = render_help(question, lang)
    options = "\n".join(render_option(question, option, lang) for option in question["options"])
    return (
        f'<fieldset class="question" id="{dom_id("q", question["id"])}" '
        f'data-question="{attr(question["id"])}"{described}>\n'
        f'<legend><span class="question__number">{number}.</span> {text(question["text"], lang)}</legend>\n'
        f'{help_html}\n<div class="question__options">\n{options}\n</div>\n</fieldset>'
    )


def render_number_question(question: Model, lang: str) -> str:
    input_id = dom_id("q", question["id"])
    help_html, described = render_help(question, lang)
    step = "1" if question.get("integer") else "any"
    return (
        f'<div class="figure-question" data-question="{attr(question["id"])}">\n'
        f'<label for="{input_id}">{text(question["text"], lang)}</label>\n'
        f'<div class="figure-question__input"><input type="number" id="{input_id}" '
        f'name="{attr(question["id"])}" min="{question["min"]:g}" max="{question["max"]:g}" '
        f'step="{step}" inputmode="{"numeric" if step == "1" else "decimal"}"{described}>'
        f'<span class="figure-question__unit">{text(question["unit"], lang)}</span></div>\n'
        f"{help_html}\n</div>"
    )


def render_figures(numbers: list[Model], strings: dict[str, str], lang: str, usage: bool = False) -> str:
    """The optional figures, in one fieldset after the questions of their dimension; with `usage`,
    the control that fills them from an AI usage report comes first."""
    if not numbers:
        return ""
    body = "\n".join(render_number_question(question, lang) for question in numbers)
    return (
        f'<fieldset class="figures" id="figures" aria-describedby="figures-help">\n'
        f"<legend>{escape(strings['form_figures_legend'])}</legend>\n"
        f'<p id="figures-help" class="question__help">{escape(strings["form_figures_help"])}</p>\n'
        f"{render_usage_fill(strings) if usage else ''}\n{body}\n</fieldset>"
    )


def render_dimension(model: Model, dimension: Model, start: int, lang: str) -> tuple[str, int]:
    """One section: heading, description, questions; returns the HTML and the next question number."""
    strings = site_data.load_ui_strings(lang)
    questions = [q for q in model["questions"] if q["dimension"] == dimension["id"]]
    choices = [q for q in questions if q["kind"] == "choice"]
    parts = [
        f'<section class="dimension" aria-labelledby="{dom_id("dim", dimension["id"])}">',
        f'<h2 id="{dom_id("dim", dimension["id"])}">{text(dimension["label"], lang)}</h2>',
        f'<p class="dimension__description">{text(dimension["description"], lang)}</p>',
    ]
    for offset, question in enumerate(choices):
        parts.append(render_choice_question(question, start + offset, lang))
    numbers = [q for q in questions if q["kind"] == "number"]
    parts.append(render_figures(numbers, strings, lang, usage="figures" in (model.get("adoption") or {})))
    parts.append("</section>")
    return "\n".join(part for part in parts if part), start + len(choices)


def render_form(model: Model, lang: str) -> str:
    """The whole form: privacy note, progress, one section per dimension, the submit button."""
    strings = site_data.load_ui_strings(lang)
    total = sum(1 for q in model["questions"] if q["kind"] == "choice")
    sections, number = [], 1
    for dimension in model["dimensions"]:
        html, number = render_dimension(model, dimension, number, lang)
        sections.append(html)
    return "\n".join(
        [
            f'<form id="assessment-form" class="assessment" data-assessment="{attr(model["id"])}" '
            f'data-model-version="{attr(model["version"])}" data-total="{total}" '
            f"{render_scoring_minimum(model)} novalidate>",
            '<p class="assessment__progress" aria-live="off">'
            f'<progress id="assessment-progress" max="{total}" '
            f'value="0" aria-labelledby="assessment-progress-text"></progress> '
            f'<span id="assessment-progress-text" data-template="{attr(strings["form_progress"])}">'
            f"{escape(strings['form_progress'].format(answered=0, total=total))}</span></p>",
            *sections,
            '<div class="assessment__actions">',
            '<div id="sparse-warning" class="sparse-warning" hidden></div>',
            f'<button type="submit" class="md-button md-button--primary" id="assessment-submit">'
            f"{escape(strings['form_submit'])}</button>",
            '<p id="engine-status" class="engine-status" role="status" data-state="idle"></p>',
            "</div>",
            "</form>",
        ]
    )


def render_antipattern_link(model: Model, antipattern_id: str, lang: str) -> str:
    """Markdown link to the question whose answers reveal the anti-pattern (its first condition)."""
    found = [a for a in model["antipatterns"] if a["id"] == antipattern_id]
    if not found:
        known = ", ".join(a["id"] for a in model["antipatterns"])
        raise site_data.SiteDataError(
            f"assessment_link: no anti-pattern `{antipattern_id}` (known: {known})."
        )
    question_id = found[0]["when"][0]["question"]
    label = site_data.load_ui_strings(lang)["assessment_link_text"]
    return f"[{label}](assessment.md#{dom_id('q', question_id)})"


def escaped_strings(lang: str) -> dict[str, str]:
    """The interface strings of a language, escaped for HTML."""
    return {key: escape(value) for key, value in site_data.load_ui_strings(lang).items()}


def render_privacy_note(s: dict[str, str], text_key: str) -> list[str]:
    """The "your answers stay on this device" box that opens the assessment and the team page."""
    return [
        '<div class="assessment-privacy admonition info">',
        f'<p class="admonition-title">{s["privacy_title"]}</p>',
        f"<p>{s[text_key]}</p></div>",
    ]


def render_export_bar(s: dict[str, str]) -> list[str]:
    """Download buttons (JSON, Markdown, CSV), print, and the reminder to re-assess."""
    return [
        '<p class="result-tools__exports">',
        export_button("json", s["export_json"]) + " ",
        export_button("markdown", s["export_markdown"]) + " ",
        export_button("csv", s["export_csv"]) + " ",
        export_button("csv-semicolon", s["export_csv_semicolon"]) + " ",  # trust: French Excel
        export_button("print", s["export_print"]),
        "</p>",
        f"<p>{s['export_reassess']}</p>",
    ]


def render_before(lang: str) -> str:
    """What the person sees before the questions: the privacy promise in one line, then keeping and
    importing answers folded into one compact area (the questions lead, on a phone too)."""
    s = escaped_strings(lang)
    return "\n".join(
        [
            f'<p class="assessment-privacy"><strong>{s["privacy_title"]}.</strong> '
            f'<a href="../privacy/">{s["ux_privacy_more"]}</a></p>',
            '<details class="assessment-tools" id="assessment-tools">',
            f"<summary>{s['ux_tools_summary']}</summary>",
            f'<p class="assessment-tools__privacy">{s["privacy_text"]}</p>',
            '<div class="assessment-tools__body">',
            '<div class="assessment-storage">',
            f'<p class="assessment-storage__consent"><input type="checkbox" id="storage-consent"> '
            f'<label for="storage-consent">{s["storage_consent_label"]}</label></p>',
            f'<p class="assessment-storage__notice" id="storage-notice">{s["storage_notice"]} '
            f"{s['storage_runtime_notice']}</p>",
            f'<button type="button" class="md-button" id="storage-erase">{s["storage_erase"]}</button>',
            "</div>",
            '<div class="assessment-import">',
            f'<label for="import-file">{s["import_label"]}</label>',
            '<input type="file" id="import-file" accept=".json,application/json">',
            "</div>",
            "</div>",
            "</details>",
            '<p id="storage-status" class="assessment-storage__status" role="status"></p>',
            '<div id="assessment-messages" class="assessment-messages" role="alert"></div>',
            # model: filled when an export or a share link of an older questionnaire version is opened.
            '<div id="version-notice" class="version-notice-region" role="status" hidden></div>',
        ]
    )


def render_scoring_minimum(model: Model) -> str:
    """Data attributes with the engine's minimum for an overall score (answers per dimension, scored
    dimensions), so the page can warn before scoring a sparse form without copying the rule."""
    rule = model["scoring"]
    return (
        f'data-min-answers="{int(rule["min_answers"])}" data-min-dimensions="{int(rule["min_dimensions"])}"'
    )


def export_button(kind: str, label: str) -> str:
    """A button the page script turns into a download (or the print dialog)."""
    return f'<button type="button" class="md-button" data-export="{kind}">{label}</button>'


def render_after(lang: str) -> str:
    """Where the result appears, the exports and the share link, and the fallback if Python fails."""
    s = escaped_strings(lang)
    return "\n".join(
        [
            '<div id="engine-fallback" class="engine-fallback" hidden>',
            f"<p>{s['fallback_text']}</p>",
            export_button("json", s["export_answers_json"]),
            "</div>",
            '<section id="result" class="result" hidden></section>',
            '<section id="result-tools" class="result-tools" aria-labelledby="result-tools-title" hidden>',
            f'<h2 id="result-tools-title">{s["tools_title"]}</h2>',
            *render_export_bar(s),
            f'<h3 id="share-title">{s["share_title"]}</h3>',
            f'<p id="share-help">{s["share_help"]}</p>',
            f'<p><button type="button" class="md-button" id="share-create">{s["share_create"]}</button></p>',
            f'<p class="share-link" hidden><label for="share-link">{s["share_link_label"]}</label> '
            '<input type="text" id="share-link" readonly aria-describedby="share-help"> '
            f'<button type="button" class="md-button" id="share-copy">{s["share_copy"]}</button> '
            '<span id="share-status" role="status"></span></p>',
            *render_team_code(s),
            *render_compare(s),
            "</section>",
        ]
    )


def render_team_code(s: dict[str, str]) -> list[str]:
    """The anonymous response code a respondent hands to a facilitator (team mode)."""
    roles = "".join(f'<option value="{role}">{s["label_" + role]}</option>' for role in TEAM_ROLES)
    return [
        f'<h3 id="team-code-title">{s["team_code_title"]}</h3>',
        f'<p id="team-code-help">{s["team_code_help"]}</p>',
        f'<p><label for="team-role">{s["team_role_label"]}</label> <select id="team-role">'
        f'<option value="">{s["team_role_none"]}</option>{roles}</select> '
        f'<button type="button" class="md-button" id="team-code-create">{s["team_code_create"]}</button></p>',
        f'<p class="team-code" hidden><label for="team-code">{s["team_code_label"]}</label> '
        '<input type="text" id="team-code" readonly aria-describedby="team-code-help"> '
        f'<button type="button" class="md-button" id="team-code-copy">{s["share_copy"]}</button> '
        f'<button type="button" class="md-button" id="team-code-download">{s["team_code_download"]}</button> '
        '<span id="team-code-status" role="status"></span></p>',
    ]


def render_compare(s: dict[str, str]) -> list[str]:
    """Progress over time: open an earlier export and see what changed (single or team)."""
    return [
        f'<h3 id="compare-title">{s["compare_title"]}</h3>',
        f'<p id="compare-help">{s["compare_help"]}</p>',
        f'<p><label for="compare-file">{s["compare_label"]}</label> '
        '<input type="file" id="compare-file" accept=".json,application/json" '
        'aria-describedby="compare-help"></p>',
        '<section id="comparison" class="comparison" hidden></section>',
    ]


def render_page(model: Model, lang: str) -> str:
    """The assessment page's interactive part: tools, form, result area."""
    return "\n".join([render_before(lang), render_form(model, lang), render_after(lang)])

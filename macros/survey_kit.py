"""The survey kit (#13): our questions, ready for the survey tools organisations already use.

For each questionnaire (the leaders' self-assessment `resistance`, the staff pulse `pulse`) and each
language, the build writes into `<language root>/survey-kit/`:
- a question list to paste into any tool (question, help, type, the exact option labels one per line);
- a CSV template (UTF-8 with BOM) whose header row is the question texts, the same shape the team
  and workshop pages read back once it is filled, and a JSON file with ids, texts, options and kinds;
- a Google Apps Script that creates the Google Form (every string JSON-encoded: nothing in the
  model's texts can become code);
- a LimeSurvey survey structure in its tab-separated text format.

Every questionnaire ends with the role question the export reader (assessments/survey_match.py)
recognises: worded as the team and pulse pages word it, in the kit's language. Every text comes from
the model and the catalogues; file names are catalogue keys (`kit_file_*`), as a reader sees them.
The questions are CC BY 4.0: each file but the CSV carries an attribution line (`kit_credit`).
Why these files and no others: adr/0017-survey-kit.md.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import textwrap
from dataclasses import dataclass, replace
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from macros import pulse_page, site_data, toolkit

KIT_FOLDER = "survey-kit"
QUESTIONNAIRES = ("resistance", "pulse")
ROLE_ID = "role"
FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
BOM = "\ufeff"
# Parts of the kit: catalogue key of the file name's suffix, extension, catalogue key of the link.
PARTS = {
    "list": ("kit_file_questions", "txt", "kit_link_list"),
    "csv": ("kit_file_template", "csv", "kit_link_csv"),
    "json": ("kit_file_template", "json", "kit_link_json"),
    "google": ("kit_file_google", "gs", "kit_link_google"),
    "limesurvey": ("kit_file_limesurvey", "txt", "kit_link_limesurvey"),
}
MEDIA_TYPES = {"txt": "text/plain", "csv": "text/csv", "json": "application/json", "gs": "text/javascript"}
# LimeSurvey's tab-separated survey structure: the columns its import reads by name (manual page
# "Tab Separated Value survey structure"), and two attributes of its numerical question type.
LIMESURVEY_COLUMNS = (
    "class",
    "type/scale",
    "name",
    "relevance",
    "text",
    "help",
    "language",
    "validation",
    "mandatory",
    "other",
    "default",
    "same_default",
    "min_num_value_n",
    "max_num_value_n",
)


@dataclass(frozen=True)
class Question:
    """One question as a survey tool asks it, in one language."""

    id: str
    kind: str  # "choice" or "number"
    text: str
    help: str
    options: tuple[tuple[str, str], ...]  # (option id, label)
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str = ""


@dataclass(frozen=True)
class Kit:
    """A questionnaire in one language, the role question last."""

    assessment: str
    version: str
    lang: str
    title: str
    questions: tuple[Question, ...]
    credit: str = ""  # attribution (the questions are CC BY 4.0): site, page, licence


# Reading the model ------------------------------------------------------------------------------


def load_questionnaire(assessment: str) -> dict[str, Any]:
    if assessment == pulse_page.PULSE_ID:
        return pulse_page.load_pulse_cached()
    return site_data.load_model_cached(assessment)


def strings(lang: str) -> dict[str, str]:
    return site_data.load_ui_strings(lang)


def to_question(question: dict[str, Any], lang: str) -> Question:
    options = tuple((option["id"], option["label"][lang]) for option in question.get("options") or ())
    if question["kind"] != "number":
        return Question(question["id"], "choice", question["text"][lang], help_text(question, lang), options)
    return Question(
        question["id"],
        "number",
        question["text"][lang],
        help_text(question, lang),
        (),
        float(question["min"]),
        float(question["max"]),
        bool(question.get("integer")),
        (question.get("unit") or {}).get(lang, ""),
    )


def help_text(question: dict[str, Any], lang: str) -> str:
    return str((question.get("help") or {}).get(lang) or "")


def role_question(assessment: str, lang: str) -> Question:
    """The contract's role question: the pages' label, the code's roles, in the kit's language."""
    ui = strings(lang)
    if assessment == pulse_page.PULSE_ID:
        roles = load_questionnaire(assessment)["roles"]
        options = tuple((role["id"], role["label"][lang]) for role in roles)
        return Question(ROLE_ID, "choice", ui["pulse_role_label"], "", options)
    options = tuple((role, ui[f"label_{role}"]) for role in ("leadership", "manager", "staff"))
    return Question(ROLE_ID, "choice", ui["team_role_label"], "", options)


@cache
def build_kit(assessment: str, lang: str) -> Kit:
    model = load_questionnaire(assessment)
    questions = tuple(to_question(question, lang) for question in model["questions"])
    return Kit(
        assessment,
        str(model["version"]),
        lang,
        model["title"][lang],
        (*questions, role_question(assessment, lang)),
    )


# File names -------------------------------------------------------------------------------------


def file_name(assessment: str, part: str, lang: str) -> str:
    """A kit file's name in its language, e.g. `leaders-self-assessment-questions.txt`."""
    ui = strings(lang)
    suffix_key, extension, _ = PARTS[part]
    base_key = f"kit_file_{assessment}"
    for key in (base_key, suffix_key):
        if not FILE_NAME.fullmatch(ui.get(key, "")):
            raise site_data.SiteDataError(
                f"assessments/locales/{lang}/interface.yml: ui.{key} must be lowercase words joined by "
                f"hyphens (a file name part), got {ui.get(key)!r}."
            )
    return f"{ui[base_key]}-{ui[suffix_key]}.{extension}"


def kit_path(assessment: str, part: str, lang: str) -> str:
    """The file's path relative to its language's root."""
    return f"{KIT_FOLDER}/{file_name(assessment, part, lang)}"


# The question list -------------------------------------------------------------------------------


def format_number(value: float | None) -> str:
    """Bounds as a person types them: 0, 100, 1000000 (no separators, no trailing .0)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def describe_kind(question: Question, lang: str) -> str:
    ui = strings(lang)
    if question.kind == "choice":
        return ui["kit_list_choice"]
    key = "kit_list_number_whole" if question.integer else "kit_list_number"
    text = ui[key].format(min=format_number(question.minimum), max=format_number(question.maximum))
    return f"{text} ({question.unit})" if question.unit else text


def list_entry(number: int, question: Question, lang: str) -> str:
    lines = [f"{number}. {question.text}"]
    if question.help:
        lines.append(strings(lang)["kit_list_help"].format(help=question.help))
    lines.append(describe_kind(question, lang))
    lines.extend(label for _, label in question.options)
    return "\n".join(lines)


def render_list(kit: Kit) -> str:
    """Plain text: a heading, how to use it, then each question with its options one per line."""
    ui = strings(kit.lang)
    head = [kit.title, "=" * len(kit.title), "", *wrap(ui["kit_list_intro"]), ""]
    entries = [list_entry(n, q, kit.lang) for n, q in enumerate(kit.questions, 1)]
    footer = "\n---\n" + "\n".join(wrap(kit.credit)) + "\n" if kit.credit else ""
    return "\n".join(head) + "\n" + "\n\n".join(entries) + "\n" + footer


# Line breaks and tabs, but not the no-break spaces French typography puts before ":" and "?".
BREAKS = re.compile(r"[ \t\r\n\v\f\x85\u2028\u2029]+")


def wrap(text: str, width: int = 100) -> list[str]:
    """Prose on lines of at most `width` characters, broken only at ordinary spaces."""
    return textwrap.wrap(BREAKS.sub(" ", text).strip(), width, break_on_hyphens=False) or [""]


# Template: CSV and JSON --------------------------------------------------------------------------


def csv_header(kit: Kit) -> list[str]:
    return [question.text for question in kit.questions]


def render_csv(kit: Kit) -> str:
    """The header row a filled export has: question texts, the role column last (UTF-8 BOM added
    when written, so that Excel opens accents right)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(csv_header(kit))
    return buffer.getvalue()


def question_data(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {"id": question.id, "kind": question.kind, "text": question.text}
    data["help"] = question.help or None
    if question.kind == "choice":
        data["options"] = [{"id": option_id, "label": label} for option_id, label in question.options]
    else:
        data |= {"min": question.minimum, "max": question.maximum, "integer": question.integer}
        data["unit"] = question.unit or None
    return data


def render_json(kit: Kit) -> str:
    data = {
        "assessment": kit.assessment,
        "model_version": kit.version,
        "language": kit.lang,
        "title": kit.title,
        "credit": kit.credit or None,
        "csv_header": csv_header(kit),
        "questions": [question_data(q) for q in kit.questions if q.id != ROLE_ID],
        "role": question_data(kit.questions[-1]),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Google Apps Script ------------------------------------------------------------------------------


def js_literal(value: Any) -> str:
    """A JSON value as a JavaScript literal: strings escaped by json.dumps, and the two line
    separators JSON allows raw but older JavaScript engines do not."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def comment_lines(text: str) -> list[str]:
    """Catalogue text as `//` comment lines (a line break is the only way out of such a comment)."""
    return [f"// {line}".rstrip() for line in wrap(text, 96)]


def script_question(question: Question, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": question.kind, "title": question.text, "help": question.help}
    if question.kind == "choice":
        data["choices"] = [label for _, label in question.options]
        return data
    bounds = {"min": format_number(question.minimum), "max": format_number(question.maximum)}
    data |= {"min": question.minimum, "max": question.maximum}
    data["error"] = strings(lang)["kit_number_error"].format(**bounds)
    return data


GOOGLE_SCRIPT_BODY = """
function createSurveyForm() {
  var form = FormApp.create(FORM_TITLE);
  form.setDescription(FORM_DESCRIPTION);
  form.setCollectEmail(false);
  QUESTIONS.forEach(function (question) {
    if (question.kind === "number") {
      addNumberQuestion(form, question);
    } else {
      addChoiceQuestion(form, question);
    }
  });
  Logger.log(form.getEditUrl());
}

function addChoiceQuestion(form, question) {
  var item = form.addMultipleChoiceItem();
  item.setTitle(question.title).setChoiceValues(question.choices).setRequired(false);
  if (question.help) {
    item.setHelpText(question.help);
  }
}

function addNumberQuestion(form, question) {
  var validation = FormApp.createTextValidation()
    .setHelpText(question.error)
    .requireNumberBetween(question.min, question.max)
    .build();
  var item = form.addTextItem();
  item.setTitle(question.title).setValidation(validation).setRequired(false);
  if (question.help) {
    item.setHelpText(question.help);
  }
}
"""


def form_description(kit: Kit) -> str:
    """What respondents read under the title: anonymity, optional questions, where the questions come from."""
    return "\n\n".join(filter(None, (strings(kit.lang)["kit_form_description"], kit.credit)))


def render_apps_script(kit: Kit) -> str:
    """A standalone Apps Script: paste it into a new project at script.google.com, run
    `createSurveyForm`; the form's edit link is written to the execution log."""
    ui = strings(kit.lang)
    questions = [script_question(q, kit.lang) for q in kit.questions]
    header = [
        *comment_lines(kit.title),
        *comment_lines(ui["kit_script_howto"]),
        *comment_lines(ui["kit_script_privacy"]),
        *(comment_lines(kit.credit) if kit.credit else []),
        "",
        f"var FORM_TITLE = {js_literal(kit.title)};",
        f"var FORM_DESCRIPTION = {js_literal(form_description(kit))};",
        f"var QUESTIONS = {js_literal(questions)};",
    ]
    return "\n".join(header) + "\n" + GOOGLE_SCRIPT_BODY


# LimeSurvey --------------------------------------------------------------------------------------


# Python names for the columns whose names are not identifiers.
COLUMN_NAMES = {"cls_": "class", "type_scale": "type/scale"}


def limesurvey_row(**cells: str) -> list[str]:
    named = {COLUMN_NAMES.get(key, key): value for key, value in cells.items()}
    return [one_line(named.get(column, "")) for column in LIMESURVEY_COLUMNS]


def one_line(text: str) -> str:
    """A cell on one line: the import reads one row per line."""
    return BREAKS.sub(" ", text).strip()


def limesurvey_question_rows(number: int, question: Question, lang: str) -> list[list[str]]:
    # Question codes: a letter then letters or digits; answer codes: at most five characters.
    code = "ROLE" if question.id == ROLE_ID else f"Q{number:02d}"
    common = {"name": code, "relevance": "1", "text": question.text, "help": question.help}
    common |= {"language": lang, "mandatory": "N", "other": "N"}
    if question.kind == "number":
        bounds = {"min_num_value_n": format_number(question.minimum)}
        bounds["max_num_value_n"] = format_number(question.maximum)
        return [limesurvey_row(cls_="Q", type_scale="N", **common, **bounds)]
    rows = [limesurvey_row(cls_="Q", type_scale="L", **common)]
    for index, (_, label) in enumerate(question.options, 1):
        rows.append(limesurvey_row(cls_="A", type_scale="0", name=f"A{index}", text=label, language=lang))
    return rows


def render_limesurvey(kit: Kit) -> str:
    """One survey row for the base language, one for its title, one group, then each question
    followed by its answers (relationships are read from the order of the rows)."""
    rows = [
        limesurvey_row(cls_="S", name="language", text=kit.lang),
        limesurvey_row(cls_="SL", name="surveyls_title", text=kit.title, language=kit.lang),
        limesurvey_row(
            cls_="G", type_scale="G1", name=kit.title, relevance="1", text=kit.credit, language=kit.lang
        ),
    ]
    for number, question in enumerate(kit.questions, 1):
        rows.extend(limesurvey_question_rows(number, question, kit.lang))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\r\n")
    writer.writerow(LIMESURVEY_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


# Writing the files --------------------------------------------------------------------------------

RENDERERS = {
    "list": (render_list, ""),
    "csv": (render_csv, BOM),
    "json": (render_json, ""),
    "google": (render_apps_script, ""),
    "limesurvey": (render_limesurvey, BOM),
}


def credit_line(lang: str, site_name: str, site_url: str) -> str:
    """The attribution the questions' licence asks for, naming the site and the kit's page."""
    if not site_name:
        return ""
    page = f"{site_url.rstrip('/')}/{KIT_FOLDER}/"
    return strings(lang)["kit_credit"].format(site=site_name, url=page)


def write_kit(site_dir: Path, lang: str, site_name: str = "", site_url: str = "") -> list[Path]:
    """Write every file of every questionnaire's kit in one language into `<site_dir>/survey-kit/`."""
    folder = site_dir / KIT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    credit = credit_line(lang, site_name, site_url)
    for assessment in QUESTIONNAIRES:
        kit = replace(build_kit(assessment, lang), credit=credit)
        for part, (render, prefix) in RENDERERS.items():
            target = site_dir / kit_path(assessment, part, lang)
            target.write_text(prefix + render(kit), encoding="utf-8", newline="")
            written.append(target)
    return written


# The page ---------------------------------------------------------------------------------------


def render_link(assessment: str, part: str, lang: str, page_url: str) -> str:
    extension = PARTS[part][1]
    target = kit_path(assessment, part, lang)
    label = escape(strings(lang)[PARTS[part][2]])
    return (
        f'<li><a href="{escape(toolkit.relative_href(target, page_url))}" '
        f'download="{escape(posixpath.basename(target))}" type="{MEDIA_TYPES[extension]}">'
        f"{label}</a> <code>{escape(posixpath.basename(target))}</code></li>"
    )


def render_questionnaire(assessment: str, lang: str, page_url: str) -> str:
    ui = strings(lang)
    kit = build_kit(assessment, lang)
    count = ui["kit_count"].format(count=len(kit.questions) - 1, title=kit.title)
    links = "".join(render_link(assessment, part, lang, page_url) for part in PARTS)
    return (
        f"### {ui[f'kit_questionnaire_{assessment}']} {{#kit-{assessment}}}\n\n"
        f"{escape(count, quote=False)}\n\n"
        f'<ul class="survey-kit-files">{links}</ul>\n'
    )


def render_downloads(lang: str, page_url: str) -> str:
    """The downloads of every questionnaire's kit, in the page's language."""
    return "\n".join(render_questionnaire(assessment, lang, page_url) for assessment in QUESTIONNAIRES)

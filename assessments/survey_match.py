"""A survey export's columns matched to a questionnaire's questions, and its rows turned into codes.

A column is matched by its header, compared with each question's text in every language of the model
after both are normalised (case, accents, punctuation, white space, a leading number such as "3." or
"Q3 -", a tool's code such as LimeSurvey's "[G01Q03]" or "G01Q03.", a trailing "(optional)" or "*").
An exact match first; then a header that contains a question's text, or is the start of one (a tool
that cuts long titles), when that text is long enough to say which question it is. Two questions
that fit one header equally are never guessed between: the column stays unmatched, and a warning says
so. A cell is matched to an option by its label in any language, or by the option's id.

Columns that identify people (name, e-mail, respondent id, IP address, times) are dropped on reading:
only their header is reported, their cells are never read. Rows become ordinary anonymous codes
(`team.encode_team_code`, `pulse.encode_pulse_code`) with the day the page gives, never the export's
timestamps, so pooling keeps its rules (minimum group of five, identical answer sets count once).

Standard library only: runs unchanged in CPython and in Pyodide.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .answers import clip, parse_number
from .batch import parse_figure
from .errors import AssessmentError
from .languages import catalogue, languages
from .messages import format_message
from .pulse import KIND as PULSE_KIND
from .pulse import encode_pulse_code
from .scoring import check_lang
from .survey_table import HEADER_ROWS, Table
from .survey_vocabulary import (
    IDENTITY_HEADERS,
    OPTIONAL_MARKS,
    TICKED,
    TOOL_COLUMN_PREFIXES,
    USAGE_REPORT_HEADERS,
)
from .team import MIN_RESPONSES, ROLES, check_day, encode_team_code

Model = dict[str, Any]
Overrides = Mapping[int, str | None]

ROLE = "role"
MIN_CONTAINED = 20  # characters a question's text needs before "the header contains it" may match
MIN_PREFIX = 24  # characters a cut header needs before "the question's text starts with it" may match
MAX_VALUES = 10  # unmatched values listed per column
MAX_VALUE = 80  # characters of an unmatched value shown
ROLE_SHARE = 0.8  # share of a column's filled cells that must be role options to take it for the role
NUMBERING = re.compile(r"^(?:(?:q|question|vraag)\s?)?\d+[a-z]?\s+(?=\S)")
LIME_CODE = re.compile(r"^\[([A-Za-z][A-Za-z0-9_]*)\]\s*")
CODE_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)\.\s+(?=\S)")
SUB_COLUMN = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]$", re.DOTALL)
MULTI_SPLIT = re.compile(r"\s*[;,]\s*")
UNTICKED = frozenset({"n", "no", "non", "nee", "0", "false", "faux", "onwaar"})


# --- normalising ---------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text for comparison only: no case, accents, punctuation or repeated space ("_" is a space)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


def vocabulary(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise(word) for word in words)


IDENTITY = vocabulary(IDENTITY_HEADERS)
TOOL_PREFIXES = tuple(normalise(word) + " " for word in TOOL_COLUMN_PREFIXES)
MARKS = re.compile(r"\s(?:" + "|".join(re.escape(normalise(word)) for word in OPTIONAL_MARKS) + r")$")
TICKS = vocabulary(TICKED)
USAGE_REPORT = vocabulary(USAGE_REPORT_HEADERS)


@lru_cache(maxsize=16_384)  # cells repeat the same few option labels thousands of times
def clean(text: str) -> str:
    """A header or a question's text, normalised, without leading number or trailing "optional"."""
    normal = normalise(text)
    normal = NUMBERING.sub("", normal)
    return MARKS.sub("", normal).strip()


def header_variants(header: str) -> set[str]:
    """The ways a tool may have decorated a question's text: with a code before it, on several lines."""
    variants = {header, header.split("\n", 1)[0]}
    for pattern in (LIME_CODE, CODE_PREFIX):
        found = pattern.match(header)
        if found:
            variants |= {header[found.end() :], found.group(1)}
    return {clean(variant) for variant in variants} - {""}


# --- the questionnaire's keys --------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    texts: frozenset[str]
    options: Mapping[str, str | None]  # cleaned label or id -> option id (None: two options share it)
    source: Model


def option_keys(options: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str | None]:
    """Cleaned label (any language) and id of each option -> its id; a key two options share -> None."""
    keys: dict[str, str | None] = {}
    for option_id, labels in options:
        for key in {clean(label) for label in labels} | {clean(option_id)}:
            keys[key] = option_id if keys.get(key, option_id) == option_id else None
    return keys


def question_keys(question: Model) -> Question:
    texts = {clean(text) for text in question["text"].values()} | {clean(question["id"])}
    compact = question["id"].replace("_", "")
    options = [(option["id"], option["label"].values()) for option in question.get("options", [])]
    return Question(
        question["id"], question["kind"], frozenset(texts | {compact}), option_keys(options), question
    )


def role_question(model: Model) -> Question:
    """The survey kit's optional role question: its text in every language, the code's role options."""
    key = "pulse_role_label" if model.get("kind") == PULSE_KIND else "team_role_label"
    texts = {clean(str(catalogue(lang).get("ui", {}).get(key, ""))) for lang in languages()} - {""}
    if model.get("kind") == PULSE_KIND:
        options = [(role["id"], role["label"].values()) for role in model["roles"]]
    else:
        options = [(role, [str(catalogue(lang)["labels"][role]) for lang in languages()]) for role in ROLES]
    return Question(ROLE, "choice", frozenset(texts), option_keys(options), {})


# --- columns -------------------------------------------------------------------------------------


@dataclass
class Column:
    position: int
    header: str
    status: str = "unmatched"  # matched | role | identity | unmatched | ignored
    question: str | None = None
    option: str | None = None  # a one-column-per-option export: the option this column ticks
    exact: bool = True
    candidates: tuple[str, ...] = ()  # questions a header fits equally (left unmatched, said)


def is_identity(header: str) -> bool:
    return clean(header) in IDENTITY or normalise(header) in IDENTITY


def is_tool_column(header: str) -> bool:
    return normalise(header).startswith(TOOL_PREFIXES)


def find_questions(variants: set[str], questions: Sequence[Question]) -> tuple[list[Question], bool]:
    """The questions whose text the header is (exact), else those whose text it contains or starts."""
    exact = [q for q in questions if q.texts & variants]
    if exact:
        return exact, True
    near = [q for q in questions if any(fits(text, variants) for text in q.texts)]
    # A question whose text lies inside another candidate's text is the less precise fit.
    texts = {q.id: [t for t in q.texts if fits(t, variants)] for q in near}
    precise = [
        q
        for q in near
        if not any(
            other.id != q.id and any(t in o and t != o for t in texts[q.id] for o in texts[other.id])
            for other in near
        )
    ]
    return precise, False


def fits(text: str, variants: set[str]) -> bool:
    for header in variants:
        if len(text) >= MIN_CONTAINED and f" {text} " in f" {header} ":
            return True
        if len(header) >= MIN_PREFIX and text.startswith(header + " "):
            return True
    return False


def classify(position: int, header: str, questions: Sequence[Question], role: Question) -> Column:
    column = Column(position, header)
    if not header or is_tool_column(header):
        return column
    if is_identity(header):
        return replace(column, status="identity")
    variants = header_variants(header)
    if role.texts & variants:
        return replace(column, status="role")
    sub_column = classify_sub_column(column, questions)
    if sub_column is not None:
        return sub_column
    found, exact = find_questions(variants, questions)
    if len(found) == 1:
        return replace(column, status="matched", question=found[0].id, exact=exact)
    if len(found) > 1:
        return replace(column, candidates=tuple(q.id for q in found))
    return column


def classify_sub_column(column: Column, questions: Sequence[Question]) -> Column | None:
    """LimeSurvey's multiple choice: one column per option, "Question text [Option label]"."""
    found = SUB_COLUMN.match(column.header)
    if found is None:
        return None
    matches, exact = find_questions(header_variants(found.group(1)), questions)
    option = matches[0].options.get(clean(found.group(2))) if len(matches) == 1 else None
    if option is None:
        return None
    return replace(column, status="matched", question=matches[0].id, option=option, exact=exact)


def settle_duplicates(columns: list[Column]) -> list[Column]:
    """One column per question (option columns apart): an exact header beats a near one, then the first."""
    owner: dict[str, Column] = {}
    for column in columns:
        if column.status != "matched" or column.option is not None or column.question is None:
            continue
        held = owner.get(column.question)
        if held is None or (column.exact and not held.exact):
            owner[column.question] = column
    return [
        column
        if column.status != "matched" or column.option is not None or owner[str(column.question)] is column
        else replace(column, status="unmatched", candidates=(str(column.question),))
        for column in columns
    ]


# --- the plan: questionnaire, header row, columns -------------------------------------------------


@dataclass
class Plan:
    model: Model
    questions: dict[str, Question]
    role: Question
    header_row: int  # 0: the table's header; n: the table's row n - 1 served as header (Drupal Webform)
    columns: list[Column]
    rows: list[list[str]]
    readings: dict[int, list[Reading]] = field(default_factory=dict)  # column position -> one per row


def plan_for(model: Model, header: list[str], header_row: int, rows: list[list[str]]) -> Plan:
    questions = {q["id"]: question_keys(q) for q in model["questions"]}
    role = role_question(model)
    columns = [classify(p, h, list(questions.values()), role) for p, h in enumerate(header)]
    return Plan(model, questions, role, header_row, settle_duplicates(columns), rows)


def matched_count(plan: Plan) -> int:
    return len({c.question for c in plan.columns if c.status == "matched"})


def best_plan(models: Sequence[Model], table: Table) -> Plan:
    """The questionnaire, and the header line, that match the most columns (first model on a tie)."""
    plans = [
        plan_for(model, header, row, table.rows[row:])
        for model in models
        for row, header in enumerate([table.header, *table.rows[: HEADER_ROWS - 1]])
        if row < len(table.rows)
    ]
    if not plans:
        raise AssessmentError("survey.no_questions", available=", ".join(m["id"] for m in models))
    return max(plans, key=matched_count)  # max keeps the first of a tie


def choose_plan(models: Sequence[Model], table: Table, overrides: Overrides) -> Plan:
    plan = best_plan(models, table)
    wanted = {value for value in overrides.values() if value not in (None, ROLE)}
    if wanted and not wanted <= set(plan.questions):
        for model in models:
            if wanted <= {q["id"] for q in model["questions"]}:
                row = plan.header_row
                header = table.rows[row - 1] if row else table.header
                plan = plan_for(model, header, row, table.rows[row:])
                break
    return plan


def apply_overrides(plan: Plan, overrides: Overrides) -> Plan:
    """The person's corrections: column position -> question id, "role", or None ("not used")."""
    columns = list(plan.columns)
    for position, target in overrides.items():
        if not isinstance(position, int) or not 0 <= position < len(columns):
            raise AssessmentError("survey.bad_column", got=clip(repr(position), 20), last=len(columns) - 1)
        if columns[position].status == "identity":
            raise AssessmentError("survey.identity_override", column=clip(columns[position].header))
        if target is not None and target != ROLE and target not in plan.questions:
            allowed = ", ".join([*plan.questions, ROLE])
            raise AssessmentError("survey.bad_question", got=clip(repr(target), 40), allowed=allowed)
        columns = [free_target(c, target) if c.position != position else c for c in columns]
        columns[position] = set_target(columns[position], target)
    return replace(plan, columns=columns)


def set_target(column: Column, target: str | None) -> Column:
    if target is None:
        return replace(column, status="ignored", question=None, option=None, candidates=())
    status = ROLE if target == ROLE else "matched"
    return replace(column, status=status, question=None if target == ROLE else target, option=None)


def free_target(column: Column, target: str | None) -> Column:
    """A column the person moved a question (or the role) to loses it elsewhere."""
    taken = target is not None and (
        (target == ROLE and column.status == ROLE)
        or (column.status == "matched" and column.question == target)
    )
    return replace(column, status="unmatched", question=None, option=None) if taken else column


def find_role_by_values(plan: Plan) -> Plan:
    """No role header found (a translated or reworded role question): the column whose answers are
    all role options (ROLE_SHARE of its filled cells) is the role column."""
    if any(c.status == ROLE for c in plan.columns):
        return plan
    for column in plan.columns:
        if column.status != "unmatched" or column.candidates:
            continue
        cells = [row[column.position] for row in plan.rows if row[column.position]]
        roles = sum(1 for cell in cells if plan.role.options.get(clean(cell)))
        if cells and roles >= ROLE_SHARE * len(cells):
            columns = [replace(c, status=ROLE) if c is column else c for c in plan.columns]
            return replace(plan, columns=columns)
    return plan


def make_plan(models: Sequence[Model], table: Table, overrides: Overrides | None) -> Plan:
    overrides = dict(overrides or {})
    plan = apply_overrides(choose_plan(models, table, overrides), overrides)
    if not any(c.status == "matched" for c in plan.columns):
        raise no_questions(models, table)
    return read_cells(find_role_by_values(plan))


def no_questions(models: Sequence[Model], table: Table) -> AssessmentError:
    if {normalise(h) for h in table.header} & USAGE_REPORT:
        return AssessmentError("survey.usage_report").at(table.source)
    return AssessmentError("survey.no_questions", available=", ".join(m["id"] for m in models)).at(
        table.source
    )


# --- cells ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    state: str  # empty | matched | unmatched | multiple
    value: str | int | float | None = None


EMPTY = Reading("empty")


def read_choice(question: Question, cell: str) -> Reading:
    if not cell:
        return EMPTY
    option = question.options.get(clean(cell))
    if option is not None:
        return Reading("matched", option)
    chosen = split_choices(question, cell)
    return Reading("multiple" if chosen and len(chosen) > 1 else "unmatched")


def split_choices(question: Question, cell: str) -> list[str] | None:
    """The options of a cell a tool joined (Google Forms: ", "; Microsoft Forms: ";"), if every part
    is an option; option labels may hold commas themselves, so runs of parts are tried too."""
    parts = [clean(part) for part in MULTI_SPLIT.split(cell) if part.strip()]
    ways: dict[int, list[str]] = {0: []}
    for end in range(1, len(parts) + 1):
        for start in range(end):
            option = question.options.get(" ".join(parts[start:end]))
            if start in ways and option is not None:
                ways[end] = [*ways[start], option]
                break
    return ways.get(len(parts)) if parts else None


def read_number(question: Question, cell: str) -> Reading:
    if not cell:
        return EMPTY
    figure = parse_figure(cell)
    try:
        return Reading("matched", parse_number(question.source, figure))
    except AssessmentError:
        return Reading("unmatched")


def read_cell(question: Question, cell: str) -> Reading:
    return read_number(question, cell) if question.kind == "number" else read_choice(question, cell)


def read_ticked(cell: str) -> Reading:
    """A cell of a one-column-per-option export: ticked, not ticked, or something else."""
    normal = normalise(cell)
    if not normal or normal in UNTICKED:
        return EMPTY
    return Reading("matched", "ticked") if normal in TICKS else Reading("unmatched")


def column_question(plan: Plan, column: Column) -> Question:
    return plan.role if column.status == ROLE else plan.questions[str(column.question)]


def read_column(plan: Plan, column: Column, row: list[str]) -> Reading:
    cell = row[column.position]
    return read_ticked(cell) if column.option is not None else read_cell(column_question(plan, column), cell)


# --- rows ----------------------------------------------------------------------------------------


@dataclass
class RowAnswers:
    answers: dict[str, str | int | float] = field(default_factory=dict)
    role: str | None = None
    multiple: list[str] = field(default_factory=list)  # questions answered with several options


def read_cells(plan: Plan) -> Plan:
    """Every used cell read once: the preview, the warnings and the codes share these readings."""
    used = [column for column in plan.columns if column.status in ("matched", ROLE)]
    readings = {column.position: [read_column(plan, column, row) for row in plan.rows] for column in used}
    return replace(plan, readings=readings)


def read_row(plan: Plan, index: int) -> RowAnswers:
    found = RowAnswers()
    ticked: dict[str, list[str]] = {}
    for column in plan.columns:
        if column.status not in ("matched", ROLE):
            continue
        reading = plan.readings[column.position][index]
        if reading.state == "multiple":
            found.multiple.append(str(column.question))
        if reading.state != "matched":
            continue
        if column.status == ROLE:
            found.role = str(reading.value)
        elif column.option is not None:
            ticked.setdefault(str(column.question), []).append(column.option)
        else:
            found.answers[str(column.question)] = reading.value  # type: ignore[assignment]
    for question, options in ticked.items():
        if len(options) == 1:
            found.answers[question] = options[0]
        else:
            found.multiple.append(question)
    return found


# --- the preview -------------------------------------------------------------------------------


def column_summary(plan: Plan, column: Column) -> Model:
    entry: Model = {"position": column.position, "header": column.header, "status": column.status}
    if column.status == "matched":
        entry["question"] = column.question
        if column.option is not None:
            entry["option"] = column.option
    if column.status not in ("matched", ROLE):
        return entry
    readings = [
        (reading, row[column.position])
        for reading, row in zip(plan.readings[column.position], plan.rows, strict=True)
    ]
    states = Counter(reading.state for reading, _ in readings)
    unmatched = Counter(
        clip(cell, MAX_VALUE) for reading, cell in readings if reading.state != "matched" and cell
    )
    shown = sorted(unmatched.items(), key=lambda item: (-item[1], item[0]))[:MAX_VALUES]
    return entry | {
        "matched_cells": states["matched"],
        "empty_cells": states["empty"],
        "unmatched": [{"value": value, "count": count} for value, count in shown],
    }


def warn(code: str, lang: str, **params: object) -> Model:
    return {"code": code, "message": format_message(code, params, lang)}


def column_warnings(plan: Plan, lang: str) -> list[Model]:
    found = []
    for column in plan.columns:
        if column.status == "unmatched" and len(column.candidates) > 1:
            found.append(
                warn(
                    "survey.ambiguous_column",
                    lang,
                    column=clip(column.header),
                    questions=", ".join(column.candidates),
                )
            )
        elif column.status == "unmatched" and column.candidates:
            found.append(
                warn(
                    "survey.duplicate_column", lang, column=clip(column.header), question=column.candidates[0]
                )
            )
    identity = [c for c in plan.columns if c.status == "identity"]
    if identity:
        found.append(warn("survey.identity_dropped", lang, count=len(identity)))
    return found


def multi_select_warnings(plan: Plan, lang: str) -> list[Model]:
    counts = Counter(
        question for index in range(len(plan.rows)) for question in read_row(plan, index).multiple
    )
    found = []
    for question, count in sorted(counts.items()):
        column = next(c for c in plan.columns if c.question == question)
        header = SUB_COLUMN.sub(r"\1", column.header) if column.option is not None else column.header
        found.append(warn("survey.multi_select", lang, column=clip(header), count=count))
    return found


def count_warnings(plan: Plan, lang: str) -> list[Model]:
    found = []
    answered = {c.question for c in plan.columns if c.status == "matched"}
    missing = [q for q in plan.questions if q not in answered]
    if missing:
        found.append(warn("survey.missing_questions", lang, count=len(missing), total=len(plan.questions)))
    if len(plan.rows) < MIN_RESPONSES:
        found.append(warn("survey.too_few_rows", lang, count=len(plan.rows), minimum=MIN_RESPONSES))
    return found


def describe_plan(plan: Plan, table: Table, lang: str) -> Model:
    where = {c.question: c.position for c in reversed(plan.columns) if c.status == "matched"}
    return {
        "source": table.source,
        "format": table.format,
        "encoding": table.encoding,
        "assessment": plan.model["id"],
        "model_version": plan.model["version"],
        "rows": len(plan.rows),
        "header_row": plan.header_row + 1,
        "columns": [column_summary(plan, column) for column in plan.columns],
        "questions": [
            {"id": q["id"], "label": q["text"][lang], "column": where.get(q["id"])}
            for q in plan.model["questions"]
        ],
        "warnings": column_warnings(plan, lang)
        + multi_select_warnings(plan, lang)
        + count_warnings(plan, lang),
    }


# The page shows a table's preview, then asks for its codes with the same columns: the plan (every
# cell read) is kept for the last table and column choice, so a 5,000-row export is read once.
_last_plan: list[tuple[Table, tuple[object, ...], Plan]] = []


def plan_once(models: Sequence[Model], table: Table, overrides: Overrides | None) -> Plan:
    key = (tuple(id(model) for model in models), tuple(sorted((overrides or {}).items())))
    if _last_plan and _last_plan[0][0] is table and _last_plan[0][1] == key:
        return _last_plan[0][2]
    plan = make_plan(models, table, overrides)
    _last_plan[:] = [(table, key, plan)]
    return plan


def preview(models: Sequence[Model], table: Table, lang: str, overrides: Overrides | None = None) -> Model:
    """How the export's columns and cells match the questionnaire it fits best (see the module)."""
    lang = check_lang(lang)
    try:
        return describe_plan(plan_once(models, table, overrides), table, lang)
    except AssessmentError as error:
        raise error.at(table.source) from None


# --- codes ---------------------------------------------------------------------------------------


def encode_row(model: Model, found: RowAnswers, day: str) -> str:
    if model.get("kind") == PULSE_KIND:
        return encode_pulse_code(model, found.answers, found.role, day)
    return encode_team_code(model, found.answers, found.role, day)


def skipped(row: int, code: str, lang: str, **params: object) -> Model:
    return {"row": row, "code": code, "reason": format_message(code, params, lang)}


def to_codes(
    models: Sequence[Model], table: Table, lang: str, overrides: Overrides | None, day: str
) -> Model:
    """One anonymous code per response row, made with the page's day; rows with no usable answer skipped."""
    lang = check_lang(lang)
    check_day(day)  # the page's day, refused before any row is read
    try:
        plan = plan_once(models, table, overrides)
    except AssessmentError as error:
        raise error.at(table.source) from None
    codes, rows_skipped = encode_rows(plan, table, lang, day)
    return {
        "assessment": plan.model["id"],
        "codes": codes,
        "rows_used": len(codes),
        "rows_skipped": rows_skipped,
        "preview": describe_plan(plan, table, lang),
    }


def row_numbers(plan: Plan, table: Table) -> list[int]:
    """Each plan row's number as a spreadsheet shows it (a Table made by hand may not carry them)."""
    numbers = table.numbers or list(range(2, len(table.rows) + 2))
    return numbers[len(table.rows) - len(plan.rows) :]


def encode_rows(plan: Plan, table: Table, lang: str, day: str) -> tuple[list[str], list[Model]]:
    codes: list[str] = []
    rows_skipped: list[Model] = []
    for index, number in enumerate(row_numbers(plan, table)):
        found = read_row(plan, index)
        if not found.answers:
            rows_skipped.append(skipped(number, "survey.row_no_answer", lang))
            continue
        try:
            codes.append(encode_row(plan.model, found, day))
        except AssessmentError as error:
            if error.code == "team.bad_day":
                raise
            rows_skipped.append(skipped(number, "survey.row_refused", lang, reason=error.message(lang)))
    return codes, rows_skipped

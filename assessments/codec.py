"""Compact, checksummed codes that carry an answer set in a URL fragment (share links).

Format (every part is URL-fragment safe):  r1~<model version>~<choices>~<figures>~<checksum>
- choices: one character per choice question, in model order: the option's position in
  0-9a-z, or "-" when the question was not answered;
- figures: the number questions in model order, comma-separated, empty when not given;
- checksum: CRC-32 of everything before it, 8 hex digits, so a cut or edited link is refused.
A code decodes against the questions of the version it names: the current one, or an older one
the model's `changes` list still reads (versions.py); other versions are refused.
"""

from __future__ import annotations

import zlib
from typing import Any

from .answers import Answer, parse_answers
from .errors import AssessmentError
from .versions import layout_model, require_readable, version_of_code

PREFIX = "r1"
SEPARATOR = "~"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
MISSING = "-"
MAX_CODE = 2_000

Model = dict[str, Any]


def checksum(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):08x}"


def questions_of(model: Model, kind: str) -> list[Model]:
    return [q for q in model["questions"] if q["kind"] == kind]


def encode_choice(question: Model, answers: dict[str, Any]) -> str:
    value = answers.get(question["id"])
    if value is None:
        return MISSING
    return DIGITS[[o["id"] for o in question["options"]].index(value)]


def format_figure(value: Answer | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # f"{value:g}" alone keeps 6 significant digits: 89.350025 came back as 89.35 and the shared
        # link scored differently (expected rate 0.894 vs 0.893). Fall back to repr, the shortest
        # text that reads back as the very same float; short values keep their usual form.
        short = f"{value:g}"
        return short if float(short) == value else repr(value)
    return str(value)


def encode_answers(model: Model, answers: object) -> str:
    """The share code of a (valid) answer set; "don't know" is kept so the form shows it again."""
    parse_answers(model, answers)  # refuse what could not be scored
    given: dict[str, Any] = dict(answers)  # type: ignore[call-overload]
    choices = "".join(encode_choice(q, given) for q in questions_of(model, "choice"))
    figures = ",".join(format_figure(given.get(q["id"])) for q in questions_of(model, "number"))
    body = SEPARATOR.join([PREFIX, model["version"], choices, figures])
    return f"{body}{SEPARATOR}{checksum(body)}"


def split_code(model: Model, code: object) -> tuple[str, str]:
    """Check the envelope (prefix, version, checksum); return the choices and figures parts."""
    if not isinstance(code, str):
        raise AssessmentError("share.malformed")
    if len(code) > MAX_CODE:
        raise AssessmentError("share.too_long", limit=MAX_CODE)
    code = code.strip()
    if not code.isascii():
        # Codes are ASCII by construction. Refusing anything else here also keeps a lone surrogate
        # (possible in a JSON or JavaScript string) away from checksum(), whose UTF-8 encoding raised
        # UnicodeEncodeError instead of an AssessmentError.
        raise AssessmentError("share.malformed")
    parts = code.split(SEPARATOR)
    if len(parts) != 5 or parts[0] != PREFIX:
        raise AssessmentError("share.malformed")
    body = SEPARATOR.join(parts[:4])
    if checksum(body) != parts[4].lower():
        raise AssessmentError("share.checksum")
    require_readable(model, parts[1], "share.other_version")
    return parts[2], parts[3]


def decode_choices(model: Model, choices: str) -> dict[str, Answer]:
    questions = questions_of(model, "choice")
    if len(choices) != len(questions):
        raise AssessmentError("share.malformed")
    answers: dict[str, Answer] = {}
    for position, (question, char) in enumerate(zip(questions, choices, strict=True), start=1):
        if char == MISSING:
            continue
        index = DIGITS.find(char)
        if index < 0 or index >= len(question["options"]):
            raise AssessmentError("share.bad_answer", position=position)
        answers[question["id"]] = question["options"][index]["id"]
    return answers


def decode_figures(model: Model, figures: str) -> dict[str, Answer]:
    questions = questions_of(model, "number")
    cells = figures.split(",") if questions else []
    if len(cells) != len(questions):
        raise AssessmentError("share.malformed")
    answers: dict[str, Answer] = {}
    for question, cell in zip(questions, cells, strict=True):
        if cell:
            try:
                number = float(cell)
            except ValueError:
                raise AssessmentError("share.malformed") from None
            answers[question["id"]] = int(number) if number.is_integer() else number
    return answers


def decode_answers(model: Model, code: object) -> dict[str, Answer]:
    """The answer set of a share code, checked like any other answer set."""
    return decode_share(model, code)[0]


def decode_share(model: Model, code: object) -> tuple[dict[str, Answer], str]:
    """The answer set of a share code and the model version it was made with (maybe an older one:
    its positions are read against that version's questions, see versions.py)."""
    choices, figures = split_code(model, code)
    version = version_of_code(str(code))
    layout = layout_model(model, version)
    answers = {**decode_choices(layout, choices), **decode_figures(layout, figures)}
    parse_answers(model, answers)
    return answers, version

"""Check an answer set against a compiled model and return the usable answers.

An answer set maps question ids to an option id (choice questions) or a number (number
questions). `None` and the "don't know" option both mean "not answered": they are dropped
here so that nothing downstream can mistake them for a 0.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from .errors import AssessmentError

# A choice question's answer is an option id; a number question's is a figure. Code that does
# arithmetic takes figures only (`figures_of`), so a type checker sees that no option id is divided.
Choice = str
Figure = int | float
Answer = Choice | Figure


MAX_SHOWN = 60  # characters of a person's input quoted back in an error message


def clip(text: str, limit: int = MAX_SHOWN) -> str:
    """Shorten input quoted in a message: a 10 MB answer must not give a 10 MB error message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show(value: object) -> str:
    return clip(json.dumps(value, ensure_ascii=False, default=str))


def parse_choice(question: dict[str, Any], value: object) -> str | None:
    if not isinstance(value, str):
        raise AssessmentError("answers.not_option", id=question["id"], got=show(value))
    options = {option["id"]: option for option in question["options"]}
    if value not in options:
        allowed = ", ".join(options)
        raise AssessmentError("answers.unknown_option", id=question["id"], got=show(value), allowed=allowed)
    return None if options[value]["dont_know"] else value


def parse_number(question: dict[str, Any], value: object) -> int | float:
    # bool is an int subclass in Python; true/false is never a valid figure.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise AssessmentError("answers.not_number", id=question["id"], got=show(value))
    if isinstance(value, float) and not math.isfinite(value):
        raise AssessmentError("answers.not_number", id=question["id"], got=show(value))
    if question["integer"] and isinstance(value, float) and not value.is_integer():
        raise AssessmentError("answers.not_integer", id=question["id"], got=show(value))
    if not question["min"] <= value <= question["max"]:
        low, high = f"{question['min']:g}", f"{question['max']:g}"
        raise AssessmentError("answers.out_of_range", id=question["id"], got=show(value), min=low, max=high)
    # + 0 turns -0.0 into 0.0: otherwise "expected_rate": -0.0 came out in the result as -0.0, so the
    # same answer gave different JSON, and a share link (which writes it "-0") scored it as 0.
    return int(value) if question["integer"] else value + 0


def figures_of(given: Mapping[str, Answer]) -> dict[str, Figure]:
    """The answers that are figures (number questions), by question id."""
    return {key: value for key, value in given.items() if not isinstance(value, str)}


def check_figures(model: dict[str, Any], answers: Mapping[str, Answer]) -> None:
    """Reject figures that cannot all be true at once (e.g. more weekly users than accounts)."""
    if model["adoption"] is None:
        return
    given = figures_of(answers)
    roles = model["adoption"]["figures"]
    seats, active, weekly = roles["seats"], roles["active"], roles["weekly"]
    # (smaller, larger): the first count can never exceed the second.
    for smaller, larger in ((active, seats), (weekly, seats), (weekly, active)):
        if smaller in given and larger in given and given[smaller] > given[larger]:
            got, limit = show(given[smaller]), show(given[larger])
            raise AssessmentError("answers.exceeds", id=smaller, got=got, other=larger, limit=limit)
    for count in (active, weekly):
        if given.get(seats) == 0 and count in given:
            raise AssessmentError("answers.no_seats", id=count, seats=seats)


def parse_answers(model: dict[str, Any], answers: object) -> dict[str, Answer]:
    """Return {question id: option id or number} for the questions actually answered."""
    if not isinstance(answers, Mapping):
        raise AssessmentError("answers.not_object", got=show(answers))
    questions = {question["id"]: question for question in model["questions"]}
    given: dict[str, Answer] = {}
    for question_id, value in answers.items():
        if question_id not in questions:
            raise AssessmentError("answers.unknown_question", id=clip(str(question_id)))
        question = questions[question_id]
        parser = parse_choice if question["kind"] == "choice" else parse_number
        parsed = None if value is None else parser(question, value)
        if parsed is not None:
            given[question_id] = parsed
    check_figures(model, given)
    return given

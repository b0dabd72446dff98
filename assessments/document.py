"""Read an answer document: the JSON a person or a tool hands to the engine.

The same shape serves the CLI's `score` input and the site's JSON export, so an export can be
imported back in the browser and scored by the CLI:

    {"assessment": "resistance", "answers": {...},                       # required
     "model_version": "1.0.0", "lang": "fr", "exported": "2026-11-22",   # optional
     "actions": {"<recommendation id>": {"owner": "...", "due": "2026-12-31"}},
     "result": {...}}                                                    # ignored: always recomputed
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .answers import clip, show
from .errors import AssessmentError
from .versions import is_readable

REQUIRED = ("assessment", "answers")
OPTIONAL = ("model_version", "lang", "exported", "actions", "result")
MAX_OWNER = 80
# ASCII digits and fullmatch: \d also matched other scripts' digits ("٢٠٢٦-١٢-٣١") and $ let a
# trailing newline through ("2026-12-31\n# heading" could reach the Markdown report).
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Control characters (NUL, newlines, ESC...), bidirectional overrides and isolates (which can
# display an owner name reversed) and lone surrogates (which UTF-8 output cannot encode).
UNSAFE_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

Actions = dict[str, dict[str, str]]


@dataclass(frozen=True)
class AnswerDocument:
    assessment: object
    answers: dict[str, Any]
    model_version: str | None = None
    actions: Actions = field(default_factory=dict)


def reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads would silently keep the last of two identical keys."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise AssessmentError("input.duplicate_key", key=clip(key))
        result[key] = value
    return result


def parse_int(digits: str) -> int | float:
    """A JSON integer; beyond CPython's int digit limit (4300), a float, as JSON.parse gives in a browser.

    json.loads raised a bare ValueError ("Exceeds the limit ... for integer string conversion") on
    such a number; as a float it becomes inf and is refused like any other impossible figure.
    """
    try:
        return int(digits)
    except ValueError:
        return float(digits)


def parse_json(text: str) -> object:
    """Parse JSON text, turning every failure into a located, translated error."""
    try:
        return json.loads(text, object_pairs_hook=reject_duplicate_keys, parse_int=parse_int)
    except json.JSONDecodeError as error:
        raise AssessmentError("input.bad_json", line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise AssessmentError("input.too_deep") from None


def check_keys(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise AssessmentError("input.not_object", got=type(data).__name__)
    for key in data:
        if key not in REQUIRED + OPTIONAL:
            raise AssessmentError("input.unknown_key", key=clip(key))
    for key in REQUIRED:
        if key not in data:
            raise AssessmentError("input.missing_key", key=key)
    if not isinstance(data["answers"], dict):
        raise AssessmentError("input.answers_not_object", got=type(data["answers"]).__name__)
    return data


def is_day(text: str) -> bool:
    """YYYY-MM-DD and a real date (2026-02-30 is refused)."""
    if not DAY.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_action(rec_id: str, action: object) -> dict[str, str]:
    """One owner/due pair: short plain strings, the date as YYYY-MM-DD or empty."""
    if not isinstance(action, dict) or set(action) - {"owner", "due"}:
        raise AssessmentError("input.bad_action", id=rec_id, got=show(action)[:60])
    owner, due = action.get("owner", ""), action.get("due", "")
    if not isinstance(owner, str) or len(owner) > MAX_OWNER or UNSAFE_TEXT.search(owner):
        raise AssessmentError("input.bad_owner", id=rec_id, limit=MAX_OWNER)
    if not isinstance(due, str) or (due and not is_day(due)):
        raise AssessmentError("input.bad_due", id=rec_id, got=show(due)[:40])
    return {"owner": owner.strip(), "due": due}


def check_actions(actions: object, recommendation_ids: set[str]) -> Actions:
    if actions is None:
        return {}
    if not isinstance(actions, dict):
        raise AssessmentError("input.actions_not_object", got=type(actions).__name__)
    checked = {}
    for rec_id, action in actions.items():
        if rec_id not in recommendation_ids:
            raise AssessmentError("input.unknown_recommendation", id=str(rec_id)[:60])
        checked[rec_id] = check_action(rec_id, action)
    return checked


def read_document(data: object) -> AnswerDocument:
    """Check the document's shape (not yet its answers, which need the model)."""
    data = check_keys(data)
    version = data.get("model_version")
    if version is not None and not isinstance(version, str):
        raise AssessmentError("input.bad_version", got=show(version)[:40])
    return AnswerDocument(data["assessment"], data["answers"], version, data.get("actions"))  # type: ignore[arg-type]


def check_against_model(document: AnswerDocument, model: dict[str, Any]) -> AnswerDocument:
    """Refuse a document made for a version that no longer opens (an older one the model's `changes`
    still reads is accepted: its questions are all in this one); validate its actions."""
    if document.model_version is not None and not is_readable(model, document.model_version):
        got = clip(document.model_version)
        raise AssessmentError("input.other_version", got=got, expected=model["version"])
    recommendation_ids = {rec["id"] for rec in model["recommendations"]}
    actions = check_actions(document.actions, recommendation_ids)
    return AnswerDocument(document.assessment, document.answers, document.model_version, actions)

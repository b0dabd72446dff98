"""Older model versions: which ones still open, what they held, and what changed since.

A share code, a team code or an export carries the model version it was made with. The
positions in a code only mean something against that version's questions, so the model keeps
a `changes` list (newest first): each entry names a version, the questions it `added`, and a
`layout` fingerprint of the questions and options codes of that version hold. Answers of an
older version (from the oldest listed one on) open in the current one when no version since then
is marked `breaking`: the questions of version V are today's questions minus those added after V,
in model order, with the same options (the fingerprint makes validation fail if someone reorders
them).

Standard library only: this module runs in Pyodide.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import AssessmentError
from .messages import format_message

Model = dict[str, Any]
Answers = dict[str, Any]
# One spelling per version (no leading zero, no sign, bounded): a code's text must not have variants.
CANONICAL_VERSION = re.compile(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})")


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a version (so that 1.10.0 comes after 1.9.0); callers pass X.Y.Z versions only."""
    return tuple(int(part) for part in version.split("."))


def by_version(item: tuple[str, Any]) -> tuple[int, ...]:
    return version_key(item[0])


def newer_changes(model: Model, version: str) -> list[Model]:
    """The `changes` entries of versions after `version`, up to the current one, newest first."""
    return [
        entry for entry in model.get("changes", []) if version_key(entry["version"]) > version_key(version)
    ]


def is_readable(model: Model, version: str) -> bool:
    """True for the current version, and for an older one, written canonically, from the oldest
    listed version on, that no `breaking` entry separates from the current one.

    Versions between two entries need not be listed (a plain bump that changed only texts): every
    change of questions or options is listed, since validation checks each entry's `layout`, so
    such a version's questions are those of the entry before it, which `layout_model` gives.
    """
    if version == model["version"]:
        return True
    changes = model.get("changes", [])
    if not changes or not CANONICAL_VERSION.fullmatch(version):
        return False
    oldest, current = version_key(changes[-1]["version"]), version_key(model["version"])
    if not oldest <= version_key(version) < current:
        return False
    return not any(entry.get("breaking") for entry in newer_changes(model, version))


def require_readable(model: Model, version: str, error_code: str) -> None:
    """Refuse a code or document whose version cannot be read; `error_code` names the kind of input."""
    if not is_readable(model, version):
        raise AssessmentError(error_code, got=version[:20], expected=model["version"])


def added_since(model: Model, version: str) -> list[str]:
    """Ids of the questions added after `version`, in model order."""
    added = {question_id for entry in newer_changes(model, version) for question_id in entry["added"]}
    return [q["id"] for q in model["questions"] if q["id"] in added]


def layout_model(model: Model, version: str) -> Model:
    """The model as codes of `version` see it: only the questions that version had."""
    if version == model["version"]:
        return model
    added = set(added_since(model, version))
    questions = [q for q in model["questions"] if q["id"] not in added]
    return {**model, "version": version, "questions": questions}


def layout_fingerprint(questions: Iterable[Model]) -> str:
    """CRC-32 of what a code's positions depend on: question ids, kinds and option ids, in order."""
    shape = [[q["id"], q["kind"], [o["id"] for o in q.get("options", [])]] for q in questions]
    return f"{zlib.crc32(json.dumps(shape, separators=(',', ':')).encode('utf-8')):08x}"


def version_of_code(code: str) -> str:
    """The version field of a code whose envelope was already checked (`prefix~version~...`)."""
    return code.strip().split("~")[1]


def keep_questions(answers: Mapping[str, Any], model: Model) -> Answers:
    """The answers to questions `model` (a layout) has; the others are dropped."""
    known = {question["id"] for question in model["questions"]}
    return {question_id: value for question_id, value in answers.items() if question_id in known}


def change_lines(model: Model, version: str, lang: str) -> list[Model]:
    """What changed after `version`: `{version, date, summary}` per newer version, newest first."""
    return [
        {"version": entry["version"], "date": entry["date"], "summary": entry["summary"][lang]}
        for entry in newer_changes(model, version)
    ]


def older_version_note(model: Model, version: str | None, lang: str) -> Model | None:
    """The notice shown when answers of an older version are opened; None for the current one."""
    if version is None or version == model["version"]:
        return None
    added = added_since(model, version)
    params = {"old": version, "new": model["version"], "added": len(added)}
    return {
        "code": "note.older_version",
        "message": format_message("note.older_version", params, lang),
        "from": version,
        "to": model["version"],
        "added": added,
        "changes": change_lines(model, version, lang),
    }


def team_versions_note(model: Model, versions: Mapping[str, int], lang: str) -> Model | None:
    """The notice of a team pool holding codes of several versions, or only of an older one;
    None when every code has the current version (or there is no code)."""
    if not versions or set(versions) == {model["version"]}:
        return None
    oldest = min(versions, key=version_key)
    dropped = added_since(model, oldest)
    listed = ", ".join(f"{version} ({count})" for version, count in sorted(versions.items(), key=by_version))
    code = "note.mixed_versions" if len(versions) > 1 else "note.team_older_version"
    params = {"versions": listed, "oldest": oldest, "new": model["version"], "dropped": len(dropped)}
    return {
        "code": code,
        "message": format_message(code, params, lang),
        "oldest": oldest,
        "left_out": dropped,
        "changes": change_lines(model, oldest, lang),
    }

"""The browser's requests for survey exports (registered by bridge.py): read, apply, forget.

The worker writes the dropped file's bytes into Pyodide's file system and passes its path; the table
read from it is kept under a handle while the person checks the preview and fixes columns by hand,
so the file is read once. Nothing is kept after `survey_forget` (or a page reload).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .answers import clip
from .errors import AssessmentError
from .survey_match import Overrides, preview, to_codes
from .survey_table import MAX_BYTES, Table, read_table
from .uploads import UploadTooLarge, read_upload

Model = dict[str, Any]
Request = dict[str, Any]
MAX_NAME = 80  # characters of the file's name kept in messages and in the preview
MAX_TABLES = 4  # tables kept at once: a page holds one; older ones are dropped first


def read_bytes(path: object, name: str) -> bytes:
    try:
        return read_upload(path, MAX_BYTES)
    except UploadTooLarge:
        raise AssessmentError("survey.too_large", limit=MAX_BYTES // (1024 * 1024)).at(name) from None
    except OSError:
        raise AssessmentError("input.missing_file").at(name) from None


def read_overrides(raw: object) -> dict[int, str | None]:
    """JSON keys are strings: {"3": "question_id", "7": null} -> {3: "question_id", 7: None}."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise AssessmentError("survey.bad_overrides", got=type(raw).__name__)
    overrides: dict[int, str | None] = {}
    for key, value in raw.items():
        text = str(key)
        if not text.isdigit() or not (value is None or isinstance(value, str)):
            raise AssessmentError("survey.bad_column", got=clip(repr(key), 20), last="…")
        overrides[int(text)] = value
    return overrides


def survey_methods(models: dict[str, Model]) -> dict[str, Callable[[Request], Any]]:
    """The request handlers, reading the questionnaires the page loaded."""
    tables: dict[str, Table] = {}
    counter = [0]

    def loaded() -> list[Model]:
        found = {str(model["id"]): model for key, model in models.items() if key != "current"}
        if not found:
            raise AssessmentError("bridge.no_model")
        return list(found.values())

    def keep(table: Table) -> str:
        counter[0] += 1
        handle = f"s{counter[0]}"
        tables[handle] = table
        while len(tables) > MAX_TABLES:
            del tables[next(iter(tables))]
        return handle

    def table_of(request: Request) -> Table:
        handle = request.get("table")
        if not isinstance(handle, str) or handle not in tables:
            raise AssessmentError("survey.unknown_table")
        return tables[handle]

    def read(request: Request) -> Model:
        given = request.get("name")
        name = clip(given, MAX_NAME) if isinstance(given, str) and given.strip() else "?"
        table = read_table(read_bytes(request.get("path"), name), name)
        result = preview(loaded(), table, request["lang"], read_overrides(request.get("overrides")))
        return {"table": keep(table), "preview": result}

    def show(request: Request) -> Model:
        """The preview again, with the person's corrections (before pooling)."""
        return preview(loaded(), table_of(request), request["lang"], read_overrides(request.get("overrides")))

    def apply(request: Request) -> Model:
        table = table_of(request)
        overrides: Overrides = read_overrides(request.get("overrides"))
        return to_codes(loaded(), table, request["lang"], overrides, request.get("day"))  # type: ignore[arg-type]

    def forget(request: Request) -> bool:
        return tables.pop(str(request.get("table")), None) is not None

    return {"survey_read": read, "survey_preview": show, "survey_apply": apply, "survey_forget": forget}

"""The browser's entry point into the engine: JSON text in, JSON text out.

The page's worker loads the compiled model once (`load_model`), then sends requests such as
`{"method": "score", "lang": "fr", "answers": {...}}` to `handle`. Every reply is
`{"ok": true, "value": ...}` or `{"ok": false, "error": {"code": ..., "message": ...}}` with the
message in the request's language, so the page shows the engine's own words and never has to
interpret Python exceptions. Standard library only: this module runs in Pyodide.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

# Imported here, not only when an .xlsx arrives: a page started from a memory snapshot has in its file
# system none of the engine's files, only the modules imported when the snapshot was taken (openpyxl
# itself stays lazy: the worker installs its wheels when an .xlsx is dropped).
from . import xlsx_table  # noqa: F401
from .codec import decode_share, encode_answers
from .compare import compare_documents
from .document import check_against_model, parse_json, read_document
from .errors import AssessmentError
from .languages import install_catalogue
from .pulse_bridge import pulse_methods
from .report import CSV_DIALECTS, render_markdown, render_result_csv, render_team_csv, render_team_markdown
from .scoring import check_lang, score
from .survey_bridge import survey_methods
from .team import aggregate, check_code_list, encode_team_code, parse_codes
from .usage_report import usage_methods
from .versions import older_version_note

Model = dict[str, Any]
Request = dict[str, Any]

_models: dict[str, Model] = {}


def load_model(text: str) -> str:
    """Keep a compiled model (JSON made at build time) for the following requests; return its id.

    The site sends a bundle `{"model": ..., "catalogues": {lang: ...}}`: the engine's messages and
    export strings come with the model, since the browser has no locales folder to read."""
    data = json.loads(text)
    model = data.get("model", data)
    for lang, catalogue in data.get("catalogues", {}).items():
        install_catalogue(lang, catalogue)
    _models["current"] = model
    _models[str(model["id"])] = model  # the staff pulse's requests look models up by id
    return str(model["id"])


def current_model() -> Model:
    if "current" not in _models:
        raise AssessmentError("bridge.no_model")
    return _models["current"]


def run_score(request: Request) -> Any:
    return score(current_model(), request.get("answers"), request["lang"])  # score checks the answers


def run_report(request: Request) -> str:
    """Markdown or CSV export of the current answers, with the owners and dates typed in the page."""
    model = current_model()
    document = check_against_model(
        read_document(
            {"assessment": model["id"], "answers": request.get("answers"), "actions": request.get("actions")}
        ),
        model,
    )
    result = score(model, document.answers, request["lang"])
    if request.get("format") in CSV_DIALECTS:
        return render_result_csv(result, document.actions, request["format"])
    return render_markdown(result, model["title"][request["lang"]], document.actions)


def run_encode(request: Request) -> str:
    return encode_answers(current_model(), request.get("answers"))


def run_decode(request: Request) -> Any:
    """The answers of a share link, and a notice when the link was made with an older version."""
    answers, version = decode_share(current_model(), request.get("code"))
    notice = older_version_note(current_model(), version, request["lang"])
    return {"answers": answers, "actions": {}, "notice": notice}


def read_imported(request: Request) -> object:
    """The imported file as its raw text (`text`), parsed here exactly as the CLI parses it: the
    browser's JSON.parse turned 1e309 into Infinity (then null, "not answered") and kept the last of
    two "answers" keys. `document` (already parsed) is still accepted for callers that have no text."""
    if "text" in request:
        text = request["text"]
        if not isinstance(text, str):
            raise AssessmentError("input.not_object", got=type(text).__name__)
        return parse_json(text)
    return request.get("document")


def run_check_import(request: Request) -> Any:
    """An imported export: same checks as the CLI, plus the assessment must be this page's one."""
    model = current_model()
    document = check_against_model(read_document(read_imported(request)), model)
    if document.assessment != model["id"]:
        raise AssessmentError(
            "input.unknown_assessment", got=json.dumps(document.assessment)[:40], available=model["id"]
        )
    score(model, document.answers, request["lang"])  # refuse answers that could not be scored
    notice = older_version_note(model, document.model_version, request["lang"])
    return {"answers": document.answers, "actions": document.actions, "notice": notice}


def run_team_code(request: Request) -> str:
    return encode_team_code(current_model(), request.get("answers"), request.get("role"), request.get("day"))


def run_aggregate(request: Request) -> Any:
    """Codes as a list (`codes`) or as pasted text (`text`): one a line, or separated by spaces or commas."""
    codes = check_code_list(request["codes"]) if "codes" in request else parse_codes(request.get("text"))
    return aggregate(current_model(), codes, request["lang"], request.get("count_identical", False))


def run_parse_codes(request: Request) -> list[str]:
    """The codes in pasted text, split as `aggregate` splits them (the team export keeps this list)."""
    return parse_codes(request.get("text"))


def run_team_report(request: Request) -> str:
    team = run_aggregate(request)
    if request.get("format") in CSV_DIALECTS:
        return render_team_csv(team, dialect=request["format"])
    if request.get("format") == "json":
        return json.dumps(team, sort_keys=True, ensure_ascii=False, indent=2)
    return render_team_markdown(team, title=current_model()["title"][request["lang"]])


def run_compare(request: Request) -> Any:
    """Two results, team aggregates or exports; exports are recomputed, never trusted as stored.

    `before_text`: an opened file's raw text, parsed here like the CLI parses it (see read_imported)."""
    before = (
        read_imported({"text": request["before_text"]}) if "before_text" in request else request.get("before")
    )
    return compare_documents(current_model(), before, request.get("after"), request["lang"])


METHODS: dict[str, Callable[[Request], Any]] = {
    "parse_codes": run_parse_codes,
    "score": run_score,
    "report": run_report,
    "encode": run_encode,
    "decode": run_decode,
    "check_import": run_check_import,
    "team_code": run_team_code,
    "aggregate": run_aggregate,
    "team_report": run_team_report,
    "compare": run_compare,
}
METHODS.update(pulse_methods(_models))  # staff pulse and workshop (#18)
METHODS.update(survey_methods(_models))  # survey-tool exports (#13)
METHODS.update(usage_methods(current_model))  # AI usage reports fill the usage figures (#13)


def handle(request_text: str) -> str:
    """Answer one request; never raises for bad input, whatever the page sends."""
    lang = "en"
    try:
        request = parse_json(request_text)
        if not isinstance(request, dict):
            raise AssessmentError("bridge.unknown_method", got=json.dumps(request)[:40])
        lang = check_lang(request.get("lang", "en"))
        name = request.get("method")
        method = METHODS.get(name) if isinstance(name, str) else None
        if method is None:
            raise AssessmentError("bridge.unknown_method", got=json.dumps(request)[:40])
        reply: dict[str, Any] = {"ok": True, "value": method({**request, "lang": lang})}
    except AssessmentError as error:
        reply = {"ok": False, "error": {"code": error.code, "message": error.message(lang)}}
    return json.dumps(reply, ensure_ascii=False, sort_keys=True)

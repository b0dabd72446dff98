"""The browser's requests for the staff pulse and the workshop (registered by bridge.py).

The pulse page loads the pulse model; the workshop page loads the pulse model, then adds the
leaders' model (`add_model`), so both questionnaires' codes can be pooled and compared in one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .document import parse_json
from .errors import AssessmentError
from .pulse import KIND, encode_pulse_code, score_pulse
from .team import check_code_list, parse_codes
from .workshop import pool_workshop
from .workshop_report import render_workshop_csv, render_workshop_markdown

Model = dict[str, Any]
Request = dict[str, Any]


def pulse_methods(models: dict[str, Model]) -> dict[str, Callable[[Request], Any]]:
    """The request handlers, reading the models the page loaded."""

    def pulse_model() -> Model:
        found = [m for m in models.values() if m.get("kind") == KIND]
        if not found:
            raise AssessmentError("bridge.no_model")
        return found[0]

    def both() -> tuple[Model, Model]:
        pulse = pulse_model()
        leaders = models.get(pulse["compares_with"])
        if leaders is None:
            raise AssessmentError("pulse.no_model")
        return pulse, leaders

    def add_model(request: Request) -> str:
        text = request.get("model")
        if not isinstance(text, str):
            raise AssessmentError("bridge.no_model")
        data = parse_json(text)
        model = data.get("model", data) if isinstance(data, dict) else None  # a bundle or a bare model
        if not isinstance(model, dict) or not isinstance(model.get("id"), str):
            raise AssessmentError("bridge.no_model")
        models[model["id"]] = model
        return str(model["id"])

    def pool(request: Request) -> Model:
        codes = check_code_list(request["codes"]) if "codes" in request else parse_codes(request.get("text"))
        return pool_workshop(*both(), codes, request["lang"], request.get("count_identical", False))

    def report(request: Request) -> str:
        result = pool(request)
        if request.get("format") == "json":
            return json.dumps(result, sort_keys=True, ensure_ascii=False, indent=2)
        if request.get("format") == "csv":
            return render_workshop_csv(result)
        return render_workshop_markdown(result, pulse_model()["title"][request["lang"]])

    return {
        "add_model": add_model,
        "pulse_score": lambda r: score_pulse(pulse_model(), r.get("answers"), r["lang"]),
        "pulse_code": lambda r: encode_pulse_code(
            pulse_model(), r.get("answers"), r.get("role"), r.get("day")
        ),
        "workshop_pool": pool,
        "workshop_report": report,
    }

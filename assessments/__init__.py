"""Scoring engine for the bilingual (EN/FR) AI-resistance self-assessment.

Typical use::

    from assessments import load_model, score
    model = load_model(default_model_path("resistance"))
    result = score(model, {"usage_spread": "handful"}, lang="fr")

`load_model` needs PyYAML; everything else is standard library only, so a browser
(Pyodide) can call `score` and `describe` on the compiled JSON model
(`python -m assessments compile`).
"""

from __future__ import annotations

from .describe import describe
from .errors import AssessmentError
from .loader import compile_model, default_model_path, dump_model_json, load_model
from .messages import format_message
from .scoring import score

__all__ = [
    "AssessmentError",
    "compile_model",
    "default_model_path",
    "describe",
    "dump_model_json",
    "format_message",
    "load_model",
    "score",
]

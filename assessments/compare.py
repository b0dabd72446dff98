"""Progress over time: compare two results (or two team aggregates) of the same assessment.

Scores run from 0 to 100 and higher is worse, so a drop is progress. A change smaller than
SAME_WITHIN points in absolute value is reported as "same": one answer moving by one option
already shifts a dimension by several points, and the engine should not celebrate noise.

`compare` takes what the engine produced (a result of `score`, or an aggregate of
`team.aggregate` with status "ok"). `compare_documents` also takes the site's JSON exports and
recomputes them from their answers or codes instead of trusting a stored result, which
anyone could have edited.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .answers import show
from .document import check_against_model, read_document
from .errors import AssessmentError
from .messages import format_message
from .scoring import check_lang, score
from .team import MIN_RESPONSES, aggregate, check_code_list
from .versions import is_readable

SAME_WITHIN = 2.0
SINGLE, TEAM = "single", "team"
TEAM_EXPORT_KEYS = {
    "kind",
    "assessment",
    "model_version",
    "exported",
    "codes",
    "count_identical",
    "aggregate",
}
# The value compared in each dimension: a person's score, or a team's median.
VALUE_KEY = {SINGLE: "score", TEAM: "median"}

Model = dict[str, Any]


# --- checking what was given -------------------------------------------------------------------


def is_score(value: object) -> bool:
    return value is None or (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= 100
    )


def is_text(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 500


def is_entries(*keys: str) -> Callable[[object], bool]:
    """A list of objects whose `keys` all hold non-empty text."""
    return lambda value: (
        isinstance(value, list)
        and all(isinstance(item, dict) and all(is_text(item.get(key)) for key in keys) for item in value)
    )


def is_band(value: object) -> bool:
    return value is None or (
        isinstance(value, dict) and is_text(value.get("id")) and is_text(value.get("label"))
    )


# What each checked key must hold; the error code names the expected form.
CHECKS: dict[str, tuple[str, Callable[[object], bool]]] = {
    "score": ("compare.bad_score", is_score),
    "text": ("compare.bad_text", is_text),
    "band": ("compare.bad_band", is_band),
    "labels": ("compare.bad_entries", is_entries("id", "label")),
    "titles": ("compare.bad_entries", is_entries("id", "title")),
}


def require(data: Model, key: str, form: str, side: str) -> Any:
    if key not in data:
        raise AssessmentError("compare.missing_key", side=side, key=key)
    code, valid = CHECKS[form]
    if not valid(data[key]):
        raise AssessmentError(code, side=side, key=key, got=show(data[key])[:40])
    return data[key]


def kind_of(data: Model) -> str:
    return TEAM if data.get("kind") == TEAM else SINGLE


def check_comparable(data: object, side: str) -> Model:
    """A result or an ok team aggregate, checked key by key: nothing else can be compared."""
    if not isinstance(data, dict):
        raise AssessmentError("compare.not_result", side=side, got=show(data)[:40])
    kind = kind_of(data)
    if kind == TEAM and data.get("status") != "ok":
        raise AssessmentError("compare.too_few", side=side, minimum=MIN_RESPONSES)
    require(data, "assessment", "text", side)
    require(data, "model_version", "text", side)
    require(data, "index", "score", side)
    require(data, "band", "band", side)
    dimensions = require(data, "dimensions", "labels", side)
    for dimension in dimensions:
        require(dimension, VALUE_KEY[kind], "score", side)
    require(data, "antipatterns", "titles", side)
    if kind == SINGLE:
        require(data, "recommendations", "titles", side)
    return data


# --- comparing ----------------------------------------------------------------------------------


def direction(before: float | None, after: float | None) -> tuple[float | None, str | None]:
    """(change, direction); lower is better and small moves are "same"."""
    if before is None or after is None:
        return None, None
    change = round(after - before, 1)
    if abs(change) < SAME_WITHIN:
        return change, "same"
    return change, "better" if change < 0 else "worse"


def compare_values(before: float | None, after: float | None) -> Model:
    change, way = direction(before, after)
    return {"before": before, "after": after, "change": change, "direction": way}


def compare_dimensions(before: Model, after: Model, key: str) -> list[Model]:
    """Dimensions present in both, in the order of the later document."""
    earlier = {d["id"]: d for d in before["dimensions"]}
    return [
        {"id": d["id"], "label": d["label"], **compare_values(earlier[d["id"]][key], d[key])}
        for d in after["dimensions"]
        if d["id"] in earlier
    ]


def difference(first: list[Model], second: list[Model], title: str) -> list[Model]:
    """Entries of `first` whose id is not in `second`, as {id, title}."""
    ids = {entry["id"] for entry in second}
    return [{"id": entry["id"], "title": entry[title]} for entry in first if entry["id"] not in ids]


def band_of(band: Model | None) -> Model | None:
    return None if band is None else {"id": band["id"], "label": band["label"]}


def version_note(before: Model, after: Model, lang: str) -> Model | None:
    if before["model_version"] == after["model_version"]:
        return None
    params = {"before": before["model_version"], "after": after["model_version"]}
    return {"code": "note.other_versions", "message": format_message("note.other_versions", params, lang)}


def compare_recommendations(before: Model, after: Model) -> Model | None:
    # Team aggregates carry no recommendations: they are a person's action plan, not a team's.
    if kind_of(after) == TEAM:
        return None
    return {
        "added": difference(after["recommendations"], before["recommendations"], "title"),
        "dropped": difference(before["recommendations"], after["recommendations"], "title"),
    }


def check_pair(before: object, after: object) -> tuple[Model, Model]:
    before, after = check_comparable(before, "before"), check_comparable(after, "after")
    if kind_of(before) != kind_of(after):
        raise AssessmentError("compare.other_kind", before=kind_of(before), after=kind_of(after))
    if before["assessment"] != after["assessment"]:
        raise AssessmentError(
            "compare.other_assessment", before=before["assessment"][:40], after=after["assessment"][:40]
        )
    return before, after


def compare(before: object, after: object, lang: str = "en") -> Model:
    """What changed between two results (or two team aggregates) of the same assessment."""
    lang = check_lang(lang)
    before, after = check_pair(before, after)
    kind = kind_of(after)
    return {
        "kind": kind,
        "assessment": after["assessment"],
        "lang": lang,
        "versions": {"before": before["model_version"], "after": after["model_version"]},
        "note": version_note(before, after, lang),
        "same_within": SAME_WITHIN,
        "index": compare_values(before["index"], after["index"]),
        "band": {"before": band_of(before["band"]), "after": band_of(after["band"])},
        "dimensions": compare_dimensions(before, after, VALUE_KEY[kind]),
        "antipatterns": {
            "resolved": difference(before["antipatterns"], after["antipatterns"], "title"),
            "new": difference(after["antipatterns"], before["antipatterns"], "title"),
        },
        "recommendations": compare_recommendations(before, after),
    }


# --- documents (the site's exports) -------------------------------------------------------------


def check_assessment(model: Model, assessment: object) -> None:
    if assessment != model["id"]:
        raise AssessmentError("input.unknown_assessment", got=show(assessment)[:40], available=model["id"])


def resolve_single_export(model: Model, data: Model, lang: str) -> tuple[Model, str]:
    """Re-score the answers; only an export of a version the model no longer reads (versions.py) falls
    back to its stored result."""
    document = read_document(data)
    check_assessment(model, document.assessment)
    unreadable = document.model_version is not None and not is_readable(model, document.model_version)
    if unreadable and data.get("result") is not None:
        return data["result"], "stored"  # its questions may no longer exist: it cannot be re-scored
    document = check_against_model(document, model)
    return score(model, document.answers, lang), "recomputed"


def resolve_team_export(model: Model, data: Model, lang: str) -> tuple[Model, str]:
    for key in data:
        if key not in TEAM_EXPORT_KEYS:
            raise AssessmentError("input.unknown_key", key=str(key)[:40])
    check_assessment(model, data.get("assessment"))
    version = data.get("model_version")
    unreadable = version is not None and not (isinstance(version, str) and is_readable(model, version))
    if unreadable and data.get("aggregate") is not None:
        return data["aggregate"], "stored"  # codes of a version the model no longer reads
    codes = check_code_list(data.get("codes"))
    return aggregate(model, codes, lang, data.get("count_identical", False)), "recomputed"


def resolve_document(model: Model, data: object, lang: str) -> tuple[object, str]:
    """(something `compare` accepts, where it came from: given, recomputed or stored)."""
    if isinstance(data, dict) and data.get("kind") == TEAM and "codes" in data:
        return resolve_team_export(model, data, lang)
    if isinstance(data, dict) and "answers" in data:
        return resolve_single_export(model, data, lang)
    return data, "given"


def compare_documents(model: Model, before: object, after: object, lang: str = "en") -> Model:
    """Like `compare`, but exports are recomputed with `model` rather than trusted as stored."""
    lang = check_lang(lang)
    sources = {}
    resolved = []
    for side, data in (("before", before), ("after", after)):
        try:
            comparable, sources[side] = resolve_document(model, data, lang)
        except AssessmentError as error:
            raise error.at(side) from None
        resolved.append(comparable)
    return {**compare(resolved[0], resolved[1], lang), "sources": sources}

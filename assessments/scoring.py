"""Turn an answer set into a result: scores, band, diagnosis, first barrier, recommendations.

Standard library only: this module runs unchanged in CPython and in Pyodide, on the
compiled JSON model. All the numbers that matter (thresholds, weights, bands) come from
the model; the formulas are documented in assessments/README.md.

Determinism: sums run in model order, every published number is rounded with round(),
and comparisons against margins use rounded differences so that float noise such as
55.3 - 40.3 = 15.000000000000004 cannot flip a decision.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from .answers import Answer, clip, figures_of, parse_answers
from .errors import AssessmentError
from .languages import REFERENCE, languages

Model = dict[str, Any]
Item = tuple[float, float]  # (weight, points) of one scored answer


def check_lang(lang: object) -> str:
    if lang not in languages():
        raise AssessmentError("lang.unknown", got=clip(repr(lang)), known=", ".join(languages()))
    return str(lang)


def playbook_url(page: str, anchor: str, lang: str) -> str:
    """Link into the playbook, relative to the site root (the reference language is the root,
    every other language lives under `<lang>/`)."""
    prefix = "" if lang == REFERENCE else f"{lang}/"
    return f"{prefix}{page}/#{anchor}"


def weighted_mean(items: Iterable[Item]) -> float:
    pairs = list(items)
    return sum(weight * value for weight, value in pairs) / sum(weight for weight, _ in pairs)


def collect_items(model: Model, given: Mapping[str, Answer]) -> dict[str, list[Item]]:
    """Group the answered choice questions by dimension as (weight, points) items."""
    items: dict[str, list[Item]] = {dimension["id"]: [] for dimension in model["dimensions"]}
    for question in model["questions"]:
        if question["kind"] == "choice" and question["id"] in given:
            option = next(o for o in question["options"] if o["id"] == given[question["id"]])
            if option["points"] is not None:  # "not applicable" is an answer without points
                items[question["dimension"]].append((question["weight"], option["points"]))
    return items


def not_applicable_ids(model: Model, given: Mapping[str, Answer]) -> set[str]:
    """Questions answered "not applicable": they leave both the scale and the count of questions.

    Counting them as 0 would read as "no resistance", and as missing would lower completeness for
    an organisation that simply has, say, no staff representatives; neither would be true.
    """
    return {
        q["id"]
        for q in model["questions"]
        if q["kind"] == "choice"
        and any(o["id"] == given.get(q["id"]) and o.get("not_applicable") for o in q["options"])
    }


def measure_adoption(model: Model, given: Mapping[str, Answer]) -> Model | None:
    """Adoption rates from the figures, or None when seats or weekly users are unknown."""
    rules = model["adoption"]
    if rules is None:
        return None
    numbers = figures_of(given)
    figures = {role: numbers.get(question_id) for role, question_id in rules["figures"].items()}
    if not figures["seats"] or figures["weekly"] is None:
        return None
    adoption = round(figures["weekly"] / figures["seats"], 3)
    connection = None if figures["active"] is None else round(figures["active"] / figures["seats"], 3)
    expected = None if figures["expected"] is None else round(figures["expected"] / 100, 3)
    # A relative gap needs a non-zero expectation; a negative gap means expectations were beaten.
    gap = round((expected - adoption) / expected, 3) if expected else None
    masked = rules["masked_resistance"]
    return {
        "adoption_rate": adoption,
        "connection_rate": connection,
        "expected_rate": expected,
        "gap": gap,
        "gap_points": None if gap is None else round(min(max(gap / rules["gap_full_scale"], 0.0), 1.0), 3),
        "significant_gap": None if gap is None else gap > rules["significant_gap"],
        "masked_resistance": None
        if connection is None
        else (adoption < masked["adoption_below"] and connection >= masked["connection_at_least"]),
        "thresholds": {
            "significant_gap": rules["significant_gap"],
            "masked_adoption_below": masked["adoption_below"],
            "masked_connection_at_least": masked["connection_at_least"],
        },
    }


def score_dimensions(
    model: Model, items: dict[str, list[Item]], lang: str, not_applicable: Collection[str] = ()
) -> list[Model]:
    min_answers = model["scoring"]["min_answers"]
    derived = model["adoption"]["dimension"] if model["adoption"] else None
    results = []
    choice_dimensions = [
        q["dimension"] for q in model["questions"] if q["kind"] == "choice" and q["id"] not in not_applicable
    ]
    for dimension in model["dimensions"]:
        dimension_items = items[dimension["id"]]
        total = choice_dimensions.count(dimension["id"])
        enough = len(dimension_items) >= min_answers
        results.append(
            {
                "id": dimension["id"],
                "label": dimension["label"][lang],
                "score": round(100 * weighted_mean(dimension_items), 1) if enough else None,
                "answered": len(dimension_items),
                "total": total + (1 if dimension["id"] == derived else 0),
            }
        )
    return results


def compute_index(model: Model, dimensions: list[Model]) -> float | None:
    """Weighted mean of the published (rounded) dimension scores, so readers can redo it."""
    weights = {dimension["id"]: dimension["weight"] for dimension in model["dimensions"]}
    scored = [(weights[d["id"]], d["score"]) for d in dimensions if d["score"] is not None]
    if len(scored) < model["scoring"]["min_dimensions"]:
        return None
    return round(weighted_mean(scored), 1)


def find_band(model: Model, index: float | None) -> Model | None:
    if index is None:
        return None
    last = model["bands"][-1]
    for band in model["bands"]:
        if band["min"] <= index < band["max"] or (band is last and index == band["max"]):
            found: Model = band
            return found
    raise AssertionError(f"index {index} outside the validated bands")  # validation forbids gaps


def detect_antipatterns(model: Model, given: Mapping[str, Answer]) -> list[Model]:
    return [
        antipattern
        for antipattern in model["antipatterns"]
        if any(given.get(rule["question"]) in rule["options"] for rule in antipattern["when"])
    ]


def kind_mean(model: Model, dimensions: list[Model], kind: str) -> float | None:
    meta = {dimension["id"]: dimension for dimension in model["dimensions"]}
    scored = [
        (meta[d["id"]]["weight"], d["score"])
        for d in dimensions
        if d["score"] is not None and meta[d["id"]]["kind"] == kind
    ]
    return round(weighted_mean(scored), 1) if scored else None


def diagnose(model: Model, dimensions: list[Model]) -> str | None:
    """Diagnosis type id: trust problem, AI-specific resistance, both, or limited."""
    trust, ai = kind_mean(model, dimensions, "trust"), kind_mean(model, dimensions, "ai_specific")
    if trust is None or ai is None:
        return None
    rules = model["diagnosis"]
    if max(trust, ai) < rules["elevated"]:
        return "limited"
    if min(trust, ai) >= rules["elevated"] and round(abs(trust - ai), 1) <= rules["both_margin"]:
        return "both"
    return "organisational_trust" if trust > ai else "ai_specific"


def find_first_barrier(model: Model, dimensions: list[Model]) -> Model | None:
    """The dimension to tackle first: the highest, unless a more foundational one is close."""
    scored = [d for d in dimensions if d["score"] is not None]
    threshold = next(b["min"] for b in model["bands"] if b["id"] == model["barrier_min_band"])
    top = max((d["score"] for d in scored), default=None)
    if top is None or top < threshold:
        return None
    close = [d for d in scored if round(top - d["score"], 1) <= model["barrier_margin"]]
    return min(close, key=lambda d: model["barrier_order"].index(d["id"]))


def trigger_strength(rec: Model, scores: Mapping[str, float | None], detected: set[str]) -> float | None:
    """100 when a linked anti-pattern is detected, else the highest linked score over threshold."""
    if detected.intersection(rec["antipatterns"]):
        return 100.0
    linked = [score for d in rec["dimensions"] if (score := scores[d]) is not None]
    top = max(linked, default=None)
    return top if top is not None and top >= rec["threshold"] else None


def select_recommendations(
    model: Model, dimensions: list[Model], detected: set[str], barrier: str | None
) -> list[Model]:
    """Triggered recommendations: first barrier's first, then strength, phase order, id."""
    scores = {d["id"]: d["score"] for d in dimensions}
    phase_order = {phase["id"]: phase["order"] for phase in model["phases"]}
    ranked = []
    for rec in model["recommendations"]:
        strength = trigger_strength(rec, scores, detected)
        if strength is not None:
            key = (barrier not in rec["dimensions"], -strength, phase_order[rec["phase"]], rec["id"])
            ranked.append((key, rec))
    return [rec for _, rec in sorted(ranked, key=lambda pair: pair[0])]


def localise_recommendation(model: Model, rec: Model, rank: int, lang: str) -> Model:
    phase = next(p for p in model["phases"] if p["id"] == rec["phase"])
    return {
        "id": rec["id"],
        "rank": rank,
        "title": rec["title"][lang],
        "why": rec["why"][lang],
        "first_step": rec["first_step"][lang],
        # Roadmap sections use the phase id with hyphens as heading id (macros/roadmap.py).
        "phase": {
            "id": phase["id"],
            "title": phase["title"][lang],
            "url": playbook_url("roadmap", phase["id"].replace("_", "-"), lang),
        },
        "url": playbook_url(rec["page"], rec["anchor"], lang),
        "dimensions": list(rec["dimensions"]),
        "antipatterns": list(rec["antipatterns"]),
    }


def localise_antipattern(antipattern: Model, lang: str) -> Model:
    return {
        "id": antipattern["id"],
        "title": antipattern["title"][lang],
        "why": antipattern["why"][lang],
        "instead": antipattern["instead"][lang],
        "url": playbook_url(antipattern["page"], antipattern["anchor"], lang),
    }


def describe_band(band: Model | None, lang: str) -> Model | None:
    if band is None:
        return None
    return {"id": band["id"], "label": band["title"][lang], "meaning": band["meaning"][lang]}


def describe_diagnosis(model: Model, type_id: str | None, lang: str) -> Model | None:
    if type_id is None:
        return None
    entry = next(t for t in model["diagnosis"]["types"] if t["id"] == type_id)
    return {"id": type_id, "title": entry["title"][lang], "explanation": entry["explanation"][lang]}


def measure_completeness(model: Model, given: Mapping[str, Answer]) -> Model:
    """Answered questions over the questions that apply ("not applicable" ones leave both counts)."""
    skipped = not_applicable_ids(model, given)
    choice_ids = [q["id"] for q in model["questions"] if q["kind"] == "choice" and q["id"] not in skipped]
    answered = sum(1 for question_id in choice_ids if question_id in given)
    return {
        "answered": answered,
        "total": len(choice_ids),
        "ratio": round(answered / len(choice_ids), 3),
        "not_applicable": len(skipped),
    }


def score(model: Model, answers: object, lang: str = "en") -> Model:
    """Score `answers` against a compiled `model`; texts in the result are in `lang`."""
    lang = check_lang(lang)
    given = parse_answers(model, answers)
    items = collect_items(model, given)
    adoption = measure_adoption(model, given)
    if adoption is not None and adoption["gap_points"] is not None:
        items[model["adoption"]["dimension"]].append((model["adoption"]["weight"], adoption["gap_points"]))
    dimensions = score_dimensions(model, items, lang, not_applicable_ids(model, given))
    index = compute_index(model, dimensions)
    # Without an index there is not enough evidence to name a diagnosis or a first barrier.
    barrier = find_first_barrier(model, dimensions) if index is not None else None
    diagnosis = diagnose(model, dimensions) if index is not None else None
    detected = detect_antipatterns(model, given)
    recommendations = select_recommendations(
        model, dimensions, {a["id"] for a in detected}, barrier["id"] if barrier else None
    )
    return {
        "assessment": model["id"],
        "model_version": model["version"],
        "lang": lang,
        "index": index,
        "band": describe_band(find_band(model, index), lang),
        "dimensions": dimensions,
        "completeness": measure_completeness(model, given),
        "antipatterns": [localise_antipattern(a, lang) for a in detected],
        "diagnosis": describe_diagnosis(model, diagnosis, lang),
        "first_barrier": None if barrier is None else {k: barrier[k] for k in ("id", "label", "score")},
        "recommendations": [
            localise_recommendation(model, rec, rank, lang) for rank, rec in enumerate(recommendations, 1)
        ],
        "adoption": adoption,
    }

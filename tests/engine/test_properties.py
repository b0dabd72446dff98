"""Generated answer sets: bounds, determinism, monotonicity and the meaning of "don't know"."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import AssessmentError, default_model_path, load_model, score

MODEL = load_model(default_model_path("resistance"))
CHOICES = [q for q in MODEL["questions"] if q["kind"] == "choice"]
OPTIONS = {q["id"]: {o["id"]: o["points"] for o in q["options"]} for q in CHOICES}
MISSING = "<missing>"

Answers = dict[str, Any]


@st.composite
def figures(draw: st.DrawFn) -> Answers:
    """A consistent set of figures: weekly <= active <= seats."""
    seats = draw(st.integers(1, 1_000_000))
    active = draw(st.integers(0, seats))
    weekly = draw(st.integers(0, active))
    expected = draw(st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False)))
    return {"seats": seats, "active_30d": active, "weekly_real": weekly, "expected_rate": expected}


@st.composite
def answer_sets(draw: st.DrawFn) -> Answers:
    answers: Answers = {}
    for question in CHOICES:
        choice = draw(st.sampled_from([MISSING, *OPTIONS[question["id"]]]))
        if choice != MISSING:
            answers[question["id"]] = choice
    if draw(st.booleans()):
        answers.update(draw(figures()))
    return answers


def canonical(result: Answers) -> str:
    return json.dumps(result, sort_keys=True, ensure_ascii=False)


def scores_of(result: Answers) -> dict[str, float | None]:
    return {d["id"]: d["score"] for d in result["dimensions"]}


def check_bounds(result: Answers) -> None:
    assert result["index"] is None or 0 <= result["index"] <= 100
    assert (result["band"] is None) == (result["index"] is None)
    for value in scores_of(result).values():
        assert value is None or 0 <= value <= 100


def check_monotone(answers: Answers, result: Answers, data: st.DataObject) -> None:
    """Raising one answer's points never lowers its dimension score or the index."""
    given_points = {qid: OPTIONS[qid][option] for qid, option in answers.items() if qid in OPTIONS}
    raisable = [qid for qid, points in given_points.items() if points is not None and points < 1]
    if not raisable:
        return
    question_id = data.draw(st.sampled_from(raisable))
    current = OPTIONS[question_id][answers[question_id]]
    higher = [o for o, p in OPTIONS[question_id].items() if p is not None and p > current]
    raised = score(MODEL, {**answers, question_id: data.draw(st.sampled_from(higher))})
    dimension = next(q["dimension"] for q in CHOICES if q["id"] == question_id)
    before, after = scores_of(result)[dimension], scores_of(raised)[dimension]
    assert before is None or after >= before
    assert result["index"] is None or raised["index"] >= result["index"]


def check_missing_is_not_zero(answers: Answers) -> None:
    """With every answered option at the maximum, missing answers cannot pull the index down."""
    top = {qid: max(points, key=lambda option: points[option] or 0) for qid, points in OPTIONS.items()}
    maxed = {
        qid: option if OPTIONS[qid][option] is None else top[qid]
        for qid, option in answers.items()
        if qid in OPTIONS
    }
    result = score(MODEL, maxed)
    assert result["index"] in (None, 100.0)
    assert all(value in (None, 100.0) for value in scores_of(result).values())
    answered = sum(1 for qid, option in maxed.items() if OPTIONS[qid][option] is not None)
    assert result["completeness"]["answered"] == answered


@settings(max_examples=1000, deadline=None)
@given(answer_sets(), st.data())
def test_scoring_properties(answers: Answers, data: st.DataObject) -> None:
    result = score(MODEL, answers)
    check_bounds(result)
    assert canonical(score(MODEL, dict(answers))) == canonical(result)
    check_monotone(answers, result, data)
    check_missing_is_not_zero(answers)


@settings(max_examples=200, deadline=None)
@given(figures())
def test_consistent_figures_give_rates_between_zero_and_one(answers: Answers) -> None:
    adoption = score(MODEL, answers)["adoption"]
    for key in ("adoption_rate", "connection_rate", "expected_rate"):
        assert 0 <= adoption[key] <= 1
    assert adoption["gap"] is None or adoption["gap"] <= 1


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 1_000_000), st.integers(1, 1000))
def test_more_users_than_accounts_is_refused(seats: int, excess: int) -> None:
    with pytest.raises(AssessmentError) as caught:
        score(MODEL, {"seats": seats, "weekly_real": seats + excess})
    assert caught.value.code in ("answers.exceeds", "answers.out_of_range")

"""Scoring on hand-checked answer sets: fixtures, adoption figures, rules and errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from assessments import AssessmentError, score

Model = dict[str, Any]
Answers = Callable[[str], dict[str, Any]]


def lowest(model: Model) -> dict[str, str]:
    return {q["id"]: q["options"][0]["id"] for q in model["questions"] if q["kind"] == "choice"}


def test_all_lowest_is_index_zero_and_band_low(model: Model, answers_of: Answers) -> None:
    result = score(model, answers_of("all_lowest.json"))
    assert result["index"] == 0.0
    assert result["band"]["id"] == "low"
    assert {d["score"] for d in result["dimensions"]} == {0.0}
    assert result["diagnosis"]["id"] == "limited"
    assert result["first_barrier"] is None
    assert result["antipatterns"] == []
    assert result["recommendations"] == []
    assert result["adoption"]["gap"] == -0.143
    assert result["adoption"]["gap_points"] == 0.0


def test_all_highest_is_index_100_and_band_critical(model: Model, answers_of: Answers) -> None:
    result = score(model, answers_of("all_highest.json"))
    assert result["index"] == 100.0
    assert result["band"]["id"] == "critical"
    assert result["diagnosis"]["id"] == "both"
    assert result["first_barrier"] == {"id": "trust", "label": "Trust and social climate", "score": 100.0}
    assert len(result["antipatterns"]) == len(model["antipatterns"])
    assert len(result["recommendations"]) == len(model["recommendations"])
    assert result["adoption"]["masked_resistance"] is True
    assert result["adoption"]["significant_gap"] is True


def test_mixed_organisation(model: Model, answers_of: Answers) -> None:
    result = score(model, answers_of("mixed.json"))
    assert result["index"] == 51.1
    assert result["band"]["id"] == "high"
    # mixed.json answers 33 of the questions version 1.0.0 had; questions added since are missing.
    total = sum(1 for q in model["questions"] if q["kind"] == "choice")
    assert result["completeness"] == {
        "answered": 33,
        "total": total,
        "ratio": round(33 / total, 3),
        "not_applicable": 0,
    }
    assert result["diagnosis"]["id"] == "both"
    # usage (70.5) is highest, but enablement (67.0) is within 10 points and comes first in barrier_order.
    assert result["first_barrier"]["id"] == "enablement"
    assert [a["id"] for a in result["antipatterns"]] == ["big_bang", "confidentiality_unanswered"]
    recommendations = result["recommendations"]
    assert recommendations[0]["id"] == "practise_on_real_tasks"
    assert [rec["rank"] for rec in recommendations] == list(range(1, len(recommendations) + 1))
    assert result["adoption"] == {
        "adoption_rate": 0.183,
        "connection_rate": 0.6,
        "expected_rate": 0.5,
        "gap": 0.634,
        "gap_points": 0.792,
        "significant_gap": True,
        "masked_resistance": True,
        "thresholds": {
            "significant_gap": 0.4,
            "masked_adoption_below": 0.2,
            "masked_connection_at_least": 0.5,
        },
    }


def test_result_keys_follow_the_contract(model: Model, answers_of: Answers) -> None:
    result = score(model, answers_of("mixed.json"), "fr")
    assert set(result) == {
        "assessment",
        "model_version",
        "lang",
        "index",
        "band",
        "dimensions",
        "completeness",
        "antipatterns",
        "diagnosis",
        "first_barrier",
        "recommendations",
        "adoption",
    }
    assert set(result["band"]) == {"id", "label", "meaning"}
    assert set(result["dimensions"][0]) == {"id", "label", "score", "answered", "total"}
    assert set(result["antipatterns"][0]) == {"id", "title", "why", "instead", "url"}
    assert set(result["recommendations"][0]) == {
        "id",
        "rank",
        "title",
        "why",
        "first_step",
        "phase",
        "url",
        "dimensions",
        "antipatterns",
    }
    assert result["antipatterns"][0]["url"] == "fr/anti-patterns/#big-bang"
    assert score(model, answers_of("mixed.json"))["antipatterns"][0]["url"] == "anti-patterns/#big-bang"
    json.dumps(result, allow_nan=False)


def test_dimension_score_is_a_weighted_mean(model: Model) -> None:
    # usage_spread has weight 0.5: (1 x 0.67 + 0.5 x 1) / 1.5 = 0.78 -> 78.0
    result = score(model, {"usage_expected_vs_actual": "half", "usage_spread": "one_or_two"})
    usage = result["dimensions"][0]
    assert usage == {"id": "usage", "label": "Real usage", "score": 78.0, "answered": 2, "total": 4}


def test_dimension_needs_min_answers_and_index_needs_min_dimensions(model: Model) -> None:
    result = score(model, {"usage_spread": "handful"})
    assert result["dimensions"][0]["score"] is None
    assert result["index"] is None
    assert result["band"] is None
    assert result["diagnosis"] is None
    assert result["first_barrier"] is None


def test_dont_know_counts_as_missing(model: Model) -> None:
    answers = {**lowest(model), "usage_spread": "dont_know", "trust_non_use": None}
    result = score(model, answers)
    assert result["index"] == 0.0
    assert result["completeness"]["answered"] == result["completeness"]["total"] - 2


def test_band_edges(model: Model) -> None:
    from assessments.scoring import find_band

    assert find_band(model, 24.9)["id"] == "low"
    assert find_band(model, 25.0)["id"] == "moderate"
    assert find_band(model, 74.9)["id"] == "high"
    assert find_band(model, 100.0)["id"] == "critical"


def test_gap_item_joins_the_usage_dimension(model: Model) -> None:
    figures = {"seats": 100, "active_30d": 70, "weekly_real": 10, "expected_rate": 50}
    result = score(model, {"usage_expected_vs_actual": "as_expected", **figures})
    # gap = (0.5 - 0.1) / 0.5 = 0.8 -> points 1.0; mean of (0, 1) -> 50.0
    assert result["dimensions"][0]["score"] == 50.0
    assert result["adoption"]["gap"] == 0.8


def test_adoption_is_null_without_figures(model: Model) -> None:
    assert score(model, {"seats": 10})["adoption"] is None
    partial = score(model, {"seats": 10, "weekly_real": 1})["adoption"]
    assert partial["gap"] is None
    assert partial["masked_resistance"] is None
    assert partial["adoption_rate"] == 0.1


def test_diagnosis_separates_trust_from_ai(model: Model) -> None:
    answers = lowest(model)
    for q in model["questions"]:
        if q["kind"] == "choice" and q["dimension"] in ("trust", "fatigue", "benefit"):
            answers[q["id"]] = q["options"][3]["id"]
    assert score(model, answers)["diagnosis"]["id"] == "organisational_trust"
    assert score(model, answers)["first_barrier"]["id"] == "trust"


BAD_ANSWERS = [
    ({"usage_speed": "half"}, "answers.unknown_question"),
    ({"usage_spread": "everyone"}, "answers.unknown_option"),
    ({"usage_spread": 2}, "answers.not_option"),
    ({"seats": "12"}, "answers.not_number"),
    ({"seats": True}, "answers.not_number"),
    ({"seats": float("nan")}, "answers.not_number"),
    ({"seats": 12.5}, "answers.not_integer"),
    ({"seats": -1}, "answers.out_of_range"),
    ({"expected_rate": 120}, "answers.out_of_range"),
    ({"seats": 10, "active_30d": 11}, "answers.exceeds"),
    ({"seats": 10, "weekly_real": 11}, "answers.exceeds"),
    ({"active_30d": 5, "weekly_real": 6}, "answers.exceeds"),
    ({"seats": 0, "weekly_real": 0}, "answers.no_seats"),
]


@pytest.mark.parametrize(("answers", "code"), BAD_ANSWERS)
def test_bad_answers_are_refused(model: Model, answers: dict[str, Any], code: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        score(model, answers)
    assert caught.value.code == code
    assert caught.value.message("en") != caught.value.message("fr")


def test_answers_must_be_a_mapping_and_lang_known(model: Model) -> None:
    with pytest.raises(AssessmentError, match="answers must be a mapping"):
        score(model, ["usage_spread"])  # type: ignore[arg-type]
    with pytest.raises(AssessmentError, match="unknown language"):
        score(model, {}, "de")

"""Broken models are refused with a message naming the file, the key or id, and the fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assessments import AssessmentError, load_model
from assessments.loader import default_model_path

Model = dict[str, Any]


def question(raw: Model, question_id: str) -> Model:
    return next(q for q in raw["questions"] if q["id"] == question_id)


def duplicate_question(raw: Model) -> None:
    raw["questions"][1]["id"] = raw["questions"][0]["id"]


def missing_french(raw: Model) -> None:
    del question(raw, "usage_spread")["text"]["fr"]


def empty_french_option(raw: Model) -> None:
    question(raw, "trust_non_use")["options"][0]["label"]["fr"] = "  "


def heavy_weight(raw: Model) -> None:
    question(raw, "usage_spread")["weight"] = 1.5


def points_above_one(raw: Model) -> None:
    question(raw, "usage_spread")["options"][1]["points"] = 1.2


def unknown_dimension(raw: Model) -> None:
    question(raw, "usage_spread")["dimension"] = "morale"


def dangling_phase(raw: Model) -> None:
    raw["recommendations"][0]["phase"] = "celebrate"


def missing_dont_know(raw: Model) -> None:
    question(raw, "usage_spread")["options"].pop()


def no_top_of_scale(raw: Model) -> None:
    question(raw, "usage_spread")["options"][3]["points"] = 0.9


def band_gap(raw: Model) -> None:
    raw["bands"][2]["min"] = 55


def unknown_antipattern_option(raw: Model) -> None:
    raw["antipatterns"][0]["when"][0]["options"] = ["per_person_quotas"]


def uncovered_dimension(raw: Model) -> None:
    for rec in raw["recommendations"]:
        rec["dimensions"] = [d for d in rec["dimensions"] if d != "expertise"] or ["usage"]


def misspelt_key(raw: Model) -> None:
    question(raw, "usage_spread")["wieght"] = 1


CASES: list[tuple[Callable[[Model], None], str, tuple[str, ...]]] = [
    (duplicate_question, "model.duplicate_id", ("questions", "usage_expected_vs_actual")),
    (missing_french, "model.missing_translation", ("questions.usage_spread.text.fr",)),
    (empty_french_option, "model.missing_translation", ("questions.trust_non_use.options.ask_why.label.fr",)),
    (heavy_weight, "model.bad_number", ("questions.usage_spread.weight", "(0, 1]", "1.5")),
    (points_above_one, "model.bad_number", ("questions.usage_spread.options.uneven.points", "[0, 1]")),
    (unknown_dimension, "model.unknown_ref", ("questions.usage_spread.dimension", "morale")),
    (dangling_phase, "model.unknown_ref", ("recommendations.state_what_ai_will_not_do.phase", "celebrate")),
    (missing_dont_know, "model.missing_dont_know", ("usage_spread", "dont_know")),
    (no_top_of_scale, "model.scale_ends", ("usage_spread",)),
    (band_gap, "model.bands_gap", ("bands.high.min", "55", "50")),
    (unknown_antipattern_option, "model.unknown_ref", ("antipatterns.usage_quotas.when[0].options[0]",)),
    (uncovered_dimension, "model.uncovered", ("expertise",)),
    (misspelt_key, "model.unknown_key", ("questions.usage_spread", "wieght")),
]


@pytest.mark.parametrize(("breaker", "code", "fragments"), CASES, ids=[case[0].__name__ for case in CASES])
def test_broken_model_is_refused(
    tmp_path: Path, raw_model: Model, breaker: Callable[[Model], None], code: str, fragments: tuple[str, ...]
) -> None:
    breaker(raw_model)
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(raw_model, allow_unicode=True), encoding="utf-8")
    with pytest.raises(AssessmentError) as caught:
        load_model(path)
    error = caught.value
    assert error.code == code
    for lang in ("en", "fr"):
        message = error.message(lang)
        assert str(path) in message
        for fragment in fragments:
            assert fragment in message, message
    assert error.message("en") != error.message("fr")


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "syntax.yml"
    path.write_text("id: resistance\ntitle: {en: Broken\nversion: '1.0.0'\n", encoding="utf-8")
    with pytest.raises(AssessmentError) as caught:
        load_model(path)
    assert caught.value.code == "model.yaml_syntax"
    assert f"{path}:" in str(caught.value)
    assert caught.value.message("fr").startswith(f"{path}:")
    assert "YAML invalide" in caught.value.message("fr")


def test_duplicate_yaml_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.yml"
    path.write_text("id: resistance\nid: other\n", encoding="utf-8")
    with pytest.raises(AssessmentError, match=r"twice\.yml:2: key \"id\" appears twice"):
        load_model(path)


def test_missing_model_file(tmp_path: Path) -> None:
    with pytest.raises(AssessmentError, match="model file not found"):
        load_model(tmp_path / "absent.yml")


@pytest.mark.parametrize("assessment_id", ["burnout", "../models/resistance", "", "Resistance"])
def test_unknown_assessment_ids_are_refused(assessment_id: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        default_model_path(assessment_id)
    assert caught.value.code == "input.unknown_assessment"
    assert "resistance" in caught.value.message("fr")

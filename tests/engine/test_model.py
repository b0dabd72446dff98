"""The bundled model: complete in both languages, consistent, and reachable at both ends."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from assessments import describe, dump_model_json, load_model
from assessments.languages import languages
from assessments.validate import ANCHOR_PATTERN

from .conftest import MODEL_PATH

Model = dict[str, Any]
SECTIONS = ("groups", "dimensions", "questions", "antipatterns", "bands", "phases", "recommendations")


def texts(node: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Yield (path, value) for every `{lang: text}` node of the compiled model."""
    if isinstance(node, dict):
        if node and set(node) == set(languages()):
            yield path, node
            return
        for key, value in node.items():
            yield from texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for position, value in enumerate(node):
            yield from texts(value, f"{path}[{position}]")


def test_every_text_exists_in_every_language(model: Model) -> None:
    found = dict(texts(model))
    assert len(found) > 300
    for path, text in found.items():
        assert set(text) == set(languages()), path
        for lang in languages():
            value = text[lang]
            items = value if isinstance(value, list) else [value]
            assert items, path
            assert all(isinstance(item, str) and item.strip() for item in items), f"{path}.{lang}"


def test_every_section_item_is_translated(model: Model) -> None:
    for section in SECTIONS:
        for item in model[section]:
            text_keys = [key for key, value in item.items() if isinstance(value, dict) and "fr" in value]
            assert text_keys, f"{section}.{item['id']} has no translated text"
    for entry in model["diagnosis"]["types"]:
        assert entry["title"]["fr"]
        assert entry["explanation"]["fr"]


def test_french_is_not_a_copy_of_english(model: Model) -> None:
    same = [path for path, text in texts(model) if text["en"] == text["fr"] and len(str(text["en"])) > 3]
    assert same == []


def test_sizes_match_the_brief(model: Model) -> None:
    choice = [q for q in model["questions"] if q["kind"] == "choice"]
    assert 9 <= len(model["dimensions"]) <= 10
    assert 28 <= len(choice) <= 40
    assert 14 <= len(model["recommendations"]) <= 24
    assert [b["id"] for b in model["bands"]] == ["low", "moderate", "high", "critical"]


def test_each_choice_question_reaches_both_ends_and_ends_with_dont_know(model: Model) -> None:
    choice = [q for q in model["questions"] if q["kind"] == "choice"]
    # One wording of "don't know" per language, the same under every question.
    dont_know = choice[0]["options"][-1]["label"]
    for question in choice:
        *others, last = question["options"]
        # "Not applicable" (at most one, just before "don't know") is an answer outside the scale.
        scored = [option for option in others if not option.get("not_applicable")]
        assert len(others) - len(scored) <= 1, question["id"]
        assert all(option["points"] is not None for option in scored), question["id"]
        points = [option["points"] for option in scored]
        assert 4 <= len(scored) <= 5, question["id"]
        assert (min(points), max(points)) == (0, 1), question["id"]
        assert points == sorted(points), f"{question['id']}: options should run from 0 to 1"
        assert last == {
            "id": "dont_know",
            "label": dont_know,
            "points": None,
            "dont_know": True,
        }


def test_every_antipattern_can_be_revealed_by_an_answer(model: Model) -> None:
    for antipattern in model["antipatterns"]:
        assert antipattern["when"], antipattern["id"]
        assert antipattern["anchor"] == antipattern["id"].replace("_", "-")
        assert antipattern["page"] == "anti-patterns"


def test_every_dimension_and_antipattern_leads_to_a_recommendation(model: Model) -> None:
    covered_dimensions = {d for rec in model["recommendations"] for d in rec["dimensions"]}
    covered_antipatterns = {a for rec in model["recommendations"] for a in rec["antipatterns"]}
    assert covered_dimensions == {d["id"] for d in model["dimensions"]}
    assert covered_antipatterns == {a["id"] for a in model["antipatterns"]}


def test_links_are_kebab_case_anchors(model: Model) -> None:
    for section in ("dimensions", "antipatterns", "recommendations"):
        for item in model[section]:
            assert ANCHOR_PATTERN.match(item["anchor"]), f"{section}.{item['id']}"


def test_compiled_json_is_deterministic(model: Model) -> None:
    text = dump_model_json(model)
    assert dump_model_json(load_model(MODEL_PATH)) == text  # a second, independent compilation
    assert dump_model_json(dict(reversed(list(model.items())))) == text  # key order does not matter
    assert json.loads(text) == model
    assert "\n" not in text


def test_describe_lists_questions_with_points(model: Model) -> None:
    for lang in ("en", "fr"):
        described = describe(model, lang)
        assert described["id"] == "resistance"
        assert len(described["dimensions"]) == len(model["dimensions"])
        seats = next(q for q in described["questions"] if q["id"] == "seats")
        assert seats["kind"] == "number"
        assert seats["options"] == []
        assert seats["max"] == 1_000_000
        spread = next(q for q in described["questions"] if q["id"] == "usage_spread")
        assert spread["options"][-1]["points"] is None
        assert [b["id"] for b in described["bands"]] == ["low", "moderate", "high", "critical"]
    assert describe(model, "fr")["questions"][0]["text"] != describe(model, "en")["questions"][0]["text"]


def test_the_browser_entry_point_imports_every_module_the_browser_may_need() -> None:
    """A page restored from a memory snapshot has the modules imported when the snapshot was taken,
    not the engine's files: a module imported later (lazily) is missing there. So importing the
    bridge must import every engine module but the command line's own."""
    import pkgutil
    import subprocess
    import sys

    import assessments

    command_line_only = {"__main__", "cli", "survey_report"}
    names = {module.name for module in pkgutil.iter_modules(assessments.__path__)}
    probe = "import sys, assessments.bridge; print(' '.join(sorted(sys.modules)))"
    imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = {name.removeprefix("assessments.") for name in imported.stdout.split()}
    assert sorted(names - command_line_only - loaded) == []

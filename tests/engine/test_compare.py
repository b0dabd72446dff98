"""Progress over time: directions, same-kind enforcement, and exports recomputed rather than trusted."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from assessments import AssessmentError, default_model_path, load_model, score
from assessments.bridge import handle
from assessments.bridge import load_model as bridge_load_model
from assessments.compare import compare, compare_documents
from assessments.languages import catalogue
from assessments.loader import dump_model_json
from assessments.team import aggregate

from .conftest import FIXTURES, read_fixture, run_cli

MODEL = load_model(default_model_path("resistance"))
TEAM = FIXTURES / "team"


def result_of(name: str, lang: str = "en") -> dict[str, Any]:
    return score(MODEL, read_fixture(name)["answers"], lang)


def team_of(name: str) -> dict[str, Any]:
    return aggregate(MODEL, (TEAM / name).read_text(encoding="utf-8").split(), "en")


def export_of(name: str) -> dict[str, Any]:
    """The site's JSON export shape."""
    answers = read_fixture(name)["answers"]
    return {
        "assessment": "resistance",
        "model_version": MODEL["version"],
        "lang": "en",
        "exported": "2026-11-22",
        "answers": answers,
        "actions": {},
        "result": score(MODEL, answers),
    }


def test_better_pair() -> None:
    comparison = compare(result_of("all_highest.json"), result_of("mixed.json"), "en")
    assert comparison["index"]["direction"] == "better"
    assert comparison["index"]["change"] == round(51.1 - 100.0, 1)
    assert (comparison["band"]["before"]["id"], comparison["band"]["after"]["id"]) == ("critical", "high")
    assert all(d["direction"] == "better" for d in comparison["dimensions"] if d["change"] is not None)
    assert comparison["note"] is None
    assert comparison["recommendations"]["dropped"]


def test_worse_pair_and_its_report() -> None:
    comparison = compare(result_of("all_lowest.json", "fr"), result_of("mixed.json", "fr"), "fr")
    assert comparison["index"]["direction"] == "worse"
    assert {a["id"] for a in comparison["antipatterns"]["new"]} == {"big_bang", "confidentiality_unanswered"}
    assert comparison["antipatterns"]["resolved"] == []
    assert comparison["recommendations"]["added"]


def test_small_changes_are_the_same() -> None:
    before = result_of("mixed.json")
    after = copy.deepcopy(before)
    after["index"] = round(before["index"] + 1.9, 1)
    after["dimensions"][0]["score"] = before["dimensions"][0]["score"] - 2.0
    comparison = compare(before, after)
    assert (comparison["index"]["direction"], comparison["dimensions"][0]["direction"]) == ("same", "better")


def test_other_versions_compare_common_dimensions_only() -> None:
    before = result_of("mixed.json")
    before["model_version"] = "0.9.0"
    before["dimensions"] = before["dimensions"][1:]
    comparison = compare(before, result_of("mixed.json"), "fr")
    assert comparison["note"]["code"] == "note.other_versions"
    assert "0.9.0" in comparison["note"]["message"]
    assert [d["id"] for d in comparison["dimensions"]] == [d["id"] for d in MODEL["dimensions"][1:]]


def test_team_aggregates_compare() -> None:
    before, after = team_of("six_codes.txt"), team_of("with_tampered.txt")
    comparison = compare(before, after)
    assert comparison["kind"] == "team"
    assert comparison["recommendations"] is None
    assert {d["direction"] for d in comparison["dimensions"]} <= {"better", "worse", "same"}


@pytest.mark.parametrize(
    ("before", "after", "code"),
    [
        (result_of("mixed.json"), team_of("six_codes.txt"), "compare.other_kind"),
        (team_of("six_codes.txt"), result_of("mixed.json"), "compare.other_kind"),
        (team_of("four_codes.txt"), team_of("six_codes.txt"), "compare.too_few"),
        (
            {**result_of("mixed.json"), "assessment": "other"},
            result_of("mixed.json"),
            "compare.other_assessment",
        ),
        ([1, 2], result_of("mixed.json"), "compare.not_result"),
        ({"hello": "world"}, result_of("mixed.json"), "compare.missing_key"),
        ({**result_of("mixed.json"), "index": 150}, result_of("mixed.json"), "compare.bad_score"),
        ({**result_of("mixed.json"), "band": "high"}, result_of("mixed.json"), "compare.bad_band"),
        (
            {**result_of("mixed.json"), "dimensions": [{"id": "usage"}]},
            result_of("mixed.json"),
            "compare.bad_entries",
        ),
    ],
)
def test_only_results_of_this_engine_are_compared(before: Any, after: Any, code: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        compare(before, after, "fr")
    assert caught.value.code == code
    assert caught.value.message("fr") != caught.value.message("en")


def test_exports_are_rescored_not_trusted() -> None:
    before, after = export_of("all_highest.json"), export_of("mixed.json")
    after["result"]["index"] = 0.0  # an edited stored result must not count
    after["result"]["dimensions"] = []
    comparison = compare_documents(MODEL, before, after, "en")
    assert comparison["sources"] == {"before": "recomputed", "after": "recomputed"}
    assert comparison["index"]["after"] == 51.1


def test_team_exports_are_recomputed_from_codes() -> None:
    codes = (TEAM / "six_codes.txt").read_text(encoding="utf-8").split()
    stored = aggregate(MODEL, codes, "en")
    forged = {**stored, "index": 0.0}
    document = {
        "kind": "team",
        "assessment": "resistance",
        "model_version": MODEL["version"],
        "exported": "2026-11-22",
    }
    before = {**document, "codes": codes, "aggregate": forged}
    comparison = compare_documents(MODEL, before, stored, "en")
    assert comparison["sources"] == {"before": "recomputed", "after": "given"}
    assert comparison["index"]["change"] == 0.0
    with pytest.raises(AssessmentError) as caught:
        compare_documents(MODEL, {**before, "codes": codes[:4]}, stored, "en")
    assert caught.value.code == "compare.too_few"


def test_bridge_compare() -> None:
    bridge_load_model(dump_model_json(MODEL))
    request = {
        "method": "compare",
        "lang": "fr",
        "before": export_of("all_lowest.json"),
        "after": export_of("mixed.json"),
    }
    reply = json.loads(handle(json.dumps(request)))
    assert reply["value"]["index"]["direction"] == "worse"
    refused = json.loads(handle(json.dumps({**request, "after": {"kind": "team", "status": "ok"}})))
    assert refused["error"]["code"] == "compare.missing_key"
    assert "« after »" in refused["error"]["message"]


def test_cli_compare(tmp_path: Path) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps(export_of("all_highest.json")), encoding="utf-8")
    after.write_text(json.dumps(result_of("mixed.json")), encoding="utf-8")
    completed = run_cli("compare", str(before), str(after))
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["sources"] == {"before": "recomputed", "after": "given"}
    markdown = run_cli("compare", str(before), str(after), "--format", "markdown", "--lang", "fr").stdout
    assert markdown.startswith("# Progrès depuis l'évaluation précédente")
    assert f"| {catalogue('fr')['labels']['better']} |" in markdown  # the page's word too
    assert "3 mois" in markdown
    refused = run_cli("compare", str(before), str(FIXTURES / "bad_malformed.json"), "--lang", "fr")
    assert refused.returncode == 2
    assert len(refused.stderr.splitlines()) == 1
    assert refused.stderr.startswith("erreur : ")

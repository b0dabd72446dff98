"""Model versions: what older versions produced still opens, with a notice; mixed team pools are
scored on shared questions; a version bump needs no test edit; "not applicable" is neither a
resistance signal nor a missing answer.

No version is written here: the current one comes from the model, older ones from the frozen
files in fixtures/legacy/<version>/ (what the site of that version really produced).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from assessments import AssessmentError, score
from assessments.bridge import handle
from assessments.bridge import load_model as bridge_load_model
from assessments.codec import decode_answers, decode_share, encode_answers
from assessments.document import check_against_model, read_document
from assessments.loader import dump_model_json
from assessments.team import aggregate, decode_team_code, encode_team_code
from assessments.validate import check_model
from assessments.versions import added_since, is_readable, layout_model, version_key

from .conftest import FIXTURES, REPO_ROOT, read_fixture, run_cli
from .fixtures.generate import fixture_texts

Model = dict[str, Any]
LEGACY = sorted(path for path in (FIXTURES / "legacy").iterdir() if path.is_dir())
STAFF_QUESTION = "governance_staff_consulted"
NOT_APPLICABLE = "not_applicable"


def legacy_export(folder: Path) -> Model:
    document: Model = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    return document


def legacy_codes(folder: Path) -> list[str]:
    return (folder / "team_codes.txt").read_text(encoding="utf-8").split()


def ask(request: Model) -> Model:
    reply: Model = json.loads(handle(json.dumps(request)))
    return reply


@pytest.fixture(autouse=True)
def _bridge_model(model: Model) -> None:
    bridge_load_model(dump_model_json(model))


def test_there_is_something_to_test(model: Model) -> None:
    assert LEGACY, "fixtures/legacy/ holds the frozen outputs of older versions"
    for folder in LEGACY:
        assert legacy_export(folder)["model_version"] != model["version"]


# --- what older versions produced still opens ---------------------------------------------------


@pytest.mark.parametrize("folder", LEGACY, ids=lambda path: path.name)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_older_share_link_opens_with_a_notice(model: Model, folder: Path, lang: str) -> None:
    old = legacy_export(folder)
    code = (folder / "share_code.txt").read_text(encoding="utf-8").strip()
    reply = ask({"method": "decode", "lang": lang, "code": code})
    assert reply["ok"], reply
    assert reply["value"]["answers"] == old["answers"]  # nothing saved is lost
    notice = reply["value"]["notice"]
    assert notice["code"] == "note.older_version"
    assert (notice["from"], notice["to"]) == (old["model_version"], model["version"])
    assert notice["added"] == added_since(model, old["model_version"])
    assert old["model_version"] in notice["message"]
    assert model["version"] in notice["message"]
    assert notice["changes"]
    assert all(change["summary"] for change in notice["changes"])
    assert notice["changes"][0]["summary"] == model["changes"][0]["summary"][lang]


@pytest.mark.parametrize("folder", LEGACY, ids=lambda path: path.name)
def test_an_older_export_imports_with_its_actions_and_a_notice(model: Model, folder: Path) -> None:
    old = legacy_export(folder)
    for lang in ("en", "fr"):
        reply = ask({"method": "check_import", "lang": lang, "document": old})
        assert reply["ok"], reply
        assert reply["value"]["answers"] == old["answers"]
        assert reply["value"]["actions"] == old["actions"]
        assert reply["value"]["notice"]["from"] == old["model_version"]
    english = ask({"method": "check_import", "lang": "en", "document": old})["value"]["notice"]["message"]
    french = ask({"method": "check_import", "lang": "fr", "document": old})["value"]["notice"]["message"]
    assert english != french


def test_current_links_and_exports_carry_no_notice(model: Model) -> None:
    answers = read_fixture("mixed.json")["answers"]
    reply = ask({"method": "decode", "lang": "en", "code": encode_answers(model, answers)})
    assert reply["value"]["notice"] is None
    document = {"assessment": model["id"], "model_version": model["version"], "answers": answers}
    assert ask({"method": "check_import", "lang": "en", "document": document})["value"]["notice"] is None


@pytest.mark.parametrize("folder", LEGACY, ids=lambda path: path.name)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cli_scores_an_older_export_and_says_what_changed(model: Model, folder: Path, lang: str) -> None:
    completed = run_cli("score", str(folder / "export.json"), "--lang", lang)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)  # stdout stays the result alone
    assert result["model_version"] == model["version"]
    assert result == score(model, legacy_export(folder)["answers"], lang)
    first = completed.stderr.splitlines()[0]
    assert first.startswith("note: " if lang == "en" else "remarque : ")
    assert model["changes"][0]["summary"][lang][0] in completed.stderr


@pytest.mark.parametrize("folder", LEGACY, ids=lambda path: path.name)
def test_older_team_codes_pool_with_a_notice(model: Model, folder: Path) -> None:
    old = legacy_export(folder)["model_version"]
    team = aggregate(model, legacy_codes(folder), "fr")
    assert (team["status"], team["valid"], team["rejected"]) == ("ok", 6, [])
    assert team["versions"] == {old: 6}
    assert team["version_note"]["code"] == "note.team_older_version"
    assert old in team["version_note"]["message"]
    completed = run_cli("aggregate", str(folder / "team_codes.txt"), "--format", "markdown")
    assert completed.returncode == 0
    assert completed.stderr.startswith("note: ")


def strip_new_questions(model: Model, answers: Model, version: str) -> Model:
    shared = {q["id"] for q in layout_model(model, version)["questions"]}
    return {key: value for key, value in answers.items() if key in shared}


@pytest.mark.parametrize("folder", LEGACY, ids=lambda path: path.name)
def test_mixed_versions_are_scored_on_the_questions_they_share(model: Model, folder: Path) -> None:
    old = legacy_export(folder)["model_version"]
    current = (FIXTURES / "team" / "six_codes.txt").read_text(encoding="utf-8").split()
    mixed = aggregate(model, [*legacy_codes(folder), *current], "en")
    assert mixed["versions"] == {old: 6, model["version"]: 6}
    assert mixed["version_note"]["code"] == "note.mixed_versions"
    assert mixed["version_note"]["left_out"] == added_since(model, old)
    # The same pool, with the newer codes' answers to questions added since `old` removed by hand.
    trimmed = []
    for code in current:
        response = decode_team_code(model, code)
        answers = strip_new_questions(model, response.answers, old)
        trimmed.append(encode_team_code(model, answers, response.role, response.day))
    by_hand = aggregate(model, [*legacy_codes(folder), *trimmed], "en")
    for key in ("index", "band", "dimensions", "bands", "antipatterns", "antipatterns_withheld", "roles"):
        assert mixed[key] == by_hand[key], key
    # Anti-patterns that only questions added since `old` can reveal are left out of a mixed pool,
    # though the newer codes alone report them.
    added = set(added_since(model, old))
    new_only = {a["id"] for a in model["antipatterns"] if all(c["question"] in added for c in a["when"])}
    alone = {a["id"] for a in aggregate(model, current, "en")["antipatterns"]}
    assert new_only & alone
    assert not new_only & {a["id"] for a in mixed["antipatterns"]}


def test_codes_of_one_version_carry_no_version_note(model: Model) -> None:
    team = aggregate(model, (FIXTURES / "team" / "six_codes.txt").read_text(encoding="utf-8").split(), "en")
    assert team["versions"] == {model["version"]: 6}
    assert team["version_note"] is None


# --- version rules in the model --------------------------------------------------------------


def bumped(version: str) -> str:
    major, minor, patch = version_key(version)
    return f"{major}.{minor}.{patch + 1}"


def test_a_plain_version_bump_keeps_everything_readable(raw_model: Model, model: Model) -> None:
    """What `make fixtures` relies on: bumping `version` alone needs no other edit."""
    raw_model["version"] = bumped(model["version"])
    newer = check_model(raw_model)
    answers = read_fixture("mixed.json")["answers"]
    assert decode_answers(newer, encode_answers(model, answers)) == answers
    assert is_readable(newer, model["version"])
    for folder in LEGACY:
        assert (
            decode_answers(newer, (folder / "share_code.txt").read_text(encoding="utf-8"))
            == (legacy_export(folder)["answers"])
        )


def test_which_older_versions_open(model: Model) -> None:
    oldest = version_key(model["changes"][-1]["version"])
    between = f"{oldest[0]}.{oldest[1]}.{oldest[2] + 1}"  # not listed: a bump that changed only texts
    assert is_readable(model, model["changes"][-1]["version"])
    assert is_readable(model, between)
    assert (
        layout_model(model, between)["questions"]
        == layout_model(model, model["changes"][-1]["version"])["questions"]
    )
    refused = ["0." + between, "0" + between, between + " ", bumped(model["version"]), "x.y.z", "1.0"]
    assert [version for version in refused if is_readable(model, version)] == []


def test_a_breaking_version_refuses_older_codes_links_and_exports(raw_model: Model, model: Model) -> None:
    raw_model["version"] = bumped(model["version"])
    raw_model["changes"].insert(0, {**copy.deepcopy(raw_model["changes"][0]), "breaking": True})
    raw_model["changes"][0].update(version=raw_model["version"], added=[])
    raw_model["changes"][0]["layout"] = expected_layout(raw_model)
    newer = check_model(raw_model)
    answers = read_fixture("mixed.json")["answers"]
    with pytest.raises(AssessmentError) as caught:
        decode_answers(newer, encode_answers(model, answers))
    assert caught.value.code == "share.other_version"
    with pytest.raises(AssessmentError) as caught:
        decode_team_code(newer, encode_team_code(model, answers, None, "2026-12-02"))
    assert caught.value.code == "team.other_version"
    document = read_document(
        {"assessment": model["id"], "model_version": model["version"], "answers": answers}
    )
    with pytest.raises(AssessmentError) as caught:
        check_against_model(document, newer)
    assert caught.value.code == "input.other_version"


def expected_layout(raw: Model) -> str:
    """The fingerprint validation computes, read from its own error message."""
    raw = copy.deepcopy(raw)
    raw["changes"][0]["layout"] = "00000000"
    with pytest.raises(AssessmentError) as caught:
        check_model(raw)
    assert caught.value.code == "model.layout_changed"
    return str(caught.value.params["expected"])


def test_reordering_options_of_an_old_question_fails_validation(raw_model: Model) -> None:
    options = next(q for q in raw_model["questions"] if q["id"] == "usage_spread")["options"]
    options[0], options[1] = options[1], options[0]
    options[0]["points"], options[1]["points"] = 0, 0.33
    with pytest.raises(AssessmentError) as caught:
        check_model(raw_model)
    assert caught.value.code == "model.layout_changed"
    assert "breaking" in caught.value.message("en")
    assert "breaking" in caught.value.message("fr")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda changes: changes.reverse(), "model.version_order"),
        (lambda changes: changes[0].update(version="99.0.0"), "model.version_order"),
        (lambda changes: changes[0].update(added=["no_such_question"]), "model.unknown_ref"),
        (lambda changes: changes[0].update(date="2 Dec 2026"), "model.bad_date"),
        (lambda changes: changes[0].update(layout="XYZ"), "model.bad_layout"),
        (lambda changes: changes[1].update(added=list(changes[0]["added"])), "model.duplicate_id"),
    ],
)
def test_a_broken_version_history_is_refused(raw_model: Model, change: Any, code: str) -> None:
    change(raw_model["changes"])
    with pytest.raises(AssessmentError) as caught:
        check_model(raw_model)
    assert caught.value.code == code


def test_every_version_change_is_described_in_both_languages(model: Model) -> None:
    for entry in model["changes"]:
        assert entry["summary"]["en"]
        assert len(entry["summary"]["en"]) == len(entry["summary"]["fr"])
        assert entry["summary"]["en"] != entry["summary"]["fr"]


def test_no_test_writes_the_current_version(model: Model) -> None:
    """Tests read the version from the model, so bumping it needs no test edit (issue 14)."""
    version = model["version"]
    pattern = re.compile(re.escape(version) + r"(?![0-9])")
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in (REPO_ROOT / "tests").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_generated_fixtures_are_up_to_date(model: Model) -> None:
    """`make fixtures` rewrites these; a model change without it fails here, naming the file."""
    stale = [
        name for name, text in fixture_texts(model).items() if (FIXTURES / name).read_text("utf-8") != text
    ]
    assert stale == [], f"run `make fixtures`: stale {stale}"


# --- "not applicable" ----------------------------------------------------------------------------


def options_of(model: Model, question_id: str) -> list[Model]:
    options: list[Model] = next(q for q in model["questions"] if q["id"] == question_id)["options"]
    return options


def test_not_applicable_is_neither_resistance_nor_missing(model: Model) -> None:
    base = read_fixture("mixed.json")["answers"]
    skipped = score(model, base)
    not_applicable = score(model, {**base, STAFF_QUESTION: NOT_APPLICABLE})
    best = score(model, {**base, STAFF_QUESTION: options_of(model, STAFF_QUESTION)[0]["id"]})
    dimension = next(q["dimension"] for q in model["questions"] if q["id"] == STAFF_QUESTION)

    def of(result: Model) -> Model:
        return next(d for d in result["dimensions"] if d["id"] == dimension)

    # The score is that of a question left out, not that of the best answer (0 points).
    assert of(not_applicable)["score"] == of(skipped)["score"] != of(best)["score"]
    assert not_applicable["index"] == skipped["index"]
    assert (of(not_applicable)["answered"], of(not_applicable)["total"]) == (
        of(skipped)["answered"],
        of(skipped)["total"] - 1,
    )
    # Completeness: the question leaves the count instead of counting as unanswered.
    assert not_applicable["completeness"]["total"] == skipped["completeness"]["total"] - 1
    assert not_applicable["completeness"]["answered"] == skipped["completeness"]["answered"]
    assert not_applicable["completeness"]["not_applicable"] == 1


def test_the_consultation_antipattern_is_flagged_only_where_it_applies(model: Model) -> None:
    flagged = {}
    for option in options_of(model, STAFF_QUESTION):
        result = score(model, {STAFF_QUESTION: option["id"]})
        flagged[option["id"]] = "pilot_without_consultation" in {a["id"] for a in result["antipatterns"]}
    assert flagged == {
        "consulted_before": False,
        "informed_only": True,
        "after_the_fact": True,
        "not_involved": True,
        NOT_APPLICABLE: False,
        "dont_know": False,
    }
    result = score(model, {STAFF_QUESTION: "not_involved"})
    recommendation = next(r for r in result["recommendations"] if r["id"] == "consult_before_any_pilot")
    assert recommendation["url"] == "legal/#pilots"


def test_an_antipattern_cannot_be_revealed_by_not_applicable(raw_model: Model) -> None:
    antipattern = next(a for a in raw_model["antipatterns"] if a["id"] == "pilot_without_consultation")
    antipattern["when"][0]["options"].append(NOT_APPLICABLE)
    with pytest.raises(AssessmentError) as caught:
        check_model(raw_model)
    assert caught.value.code == "model.unknown_ref"


@pytest.mark.parametrize(
    "breakage",
    [
        lambda options: options[-2].update(points=0.5),  # N/A with points
        lambda options: options.insert(0, options.pop(-2)),  # N/A first
        lambda options: options[0].update(not_applicable=True),  # another id marked N/A
    ],
)
def test_a_misplaced_not_applicable_option_is_refused(raw_model: Model, breakage: Any) -> None:
    breakage(next(q for q in raw_model["questions"] if q["id"] == STAFF_QUESTION)["options"])
    with pytest.raises(AssessmentError) as caught:
        check_model(raw_model)
    assert caught.value.code in {"model.misplaced_not_applicable", "model.scale_ends"}


def test_not_applicable_survives_share_and_team_codes(model: Model) -> None:
    answers = {**read_fixture("mixed.json")["answers"], STAFF_QUESTION: NOT_APPLICABLE}
    assert decode_share(model, encode_answers(model, answers)) == (answers, model["version"])
    code = encode_team_code(model, answers, "staff", "2026-12-02")
    assert decode_team_code(model, code).answers == answers


def test_shadow_ai_recommendation_links_to_the_guide(model: Model) -> None:
    result = score(model, {"governance_shadow_ai_response": "punished"}, "fr")
    urls = {r["id"]: r["url"] for r in result["recommendations"]}
    assert urls["bring_shadow_ai_into_open"] == "fr/shadow-ai/#bring-it-into-the-open"
    literacy = next(r for r in model["recommendations"] if r["id"] == "build_ai_literacy")
    assert "enablement" in literacy["dimensions"]
    assert (literacy["page"], literacy["anchor"]) == (
        "legal",
        "ai-literacy",
    )

"""Staff pulse (#18): model, scoring bounds and monotonicity, codes told apart from the leaders',
pooled results under the minimum group, and the leadership-versus-staff gap."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import AssessmentError, default_model_path, load_model
from assessments.languages import LOCALES_DIR, REFERENCE, check_keys, languages
from assessments.loader import read_model_source
from assessments.pulse import (
    check_pairing,
    check_pulse,
    decode_pulse_code,
    encode_pulse_code,
    load_pulse,
    protect_counts,
    score_pulse,
)
from assessments.team import MIN_RESPONSES, decode_team_code, encode_team_code
from assessments.workshop import pool_workshop

Model = dict[str, Any]
DAY = "2026-12-02"
LANGS = languages()


@pytest.fixture(scope="module")
def pulse() -> Model:
    return load_pulse(default_model_path("pulse"))


@pytest.fixture(scope="module")
def leaders() -> Model:
    return load_model(default_model_path("resistance"))


def all_at(model: Model, option: str) -> dict[str, str]:
    return {q["id"]: option for q in model["questions"]}


def leader_answers(model: Model, position: int) -> dict[str, str]:
    """Every choice question answered with its option at `position` (0 = most favourable)."""
    return {q["id"]: q["options"][position]["id"] for q in model["questions"] if q["kind"] == "choice"}


def pulse_codes(pulse: Model, options: str, role: str | None = "staff") -> list[str]:
    """One code per letter of `options`: that person answers every question with that option, except
    the first question, which varies so that no two answer sets are identical."""
    codes = []
    for n, option in enumerate(options):
        answers = all_at(pulse, option)
        answers[pulse["questions"][0]["id"]] = "abcd"[n % 4]
        answers[pulse["questions"][1]["id"]] = "abcd"[(n // 4) % 4]
        codes.append(encode_pulse_code(pulse, answers, role, DAY))
    return codes


def leader_codes(leaders: Model, count: int, position: int, role: str = "leadership") -> list[str]:
    codes = []
    for n in range(count):
        answers = leader_answers(leaders, position)
        first = next(q for q in leaders["questions"] if q["kind"] == "choice")
        answers[first["id"]] = first["options"][n % 4]["id"]
        second = [q for q in leaders["questions"] if q["kind"] == "choice"][1]
        answers[second["id"]] = second["options"][(n // 4) % 4]["id"]
        codes.append(encode_team_code(leaders, answers, role, DAY))
    return codes


# --- model --------------------------------------------------------------------------------------


def test_the_pulse_is_short_enough_for_a_phone_and_maps_to_leaders_dimensions(
    pulse: Model, leaders: Model
) -> None:
    assert 12 <= len(pulse["questions"]) <= 18
    check_pairing(pulse, leaders)
    # Only dimensions a member of staff can judge: other people's avoidance behaviour is left out.
    assert "behaviour" not in {d["id"] for d in pulse["dimensions"]}


def test_every_question_names_an_asked_construct_of_utaut_or_oreg_or_the_site(pulse: Model) -> None:
    constructs = {c["id"]: c for c in pulse["constructs"]}
    sources = {constructs[q["construct"]]["source"] for q in pulse["questions"]}
    assert {"utaut", "oreg"} <= sources
    assert all(constructs[q["construct"]]["asked"] for q in pulse["questions"])


def test_every_language_file_of_the_pulse_has_exactly_the_english_keys() -> None:
    reference = yaml.safe_load((LOCALES_DIR / REFERENCE / "pulse.yml").read_text(encoding="utf-8"))
    files = sorted(LOCALES_DIR.glob("*/pulse.yml"))
    assert {f.parent.name for f in files} >= {"en", "fr", "nl"}
    for path in files:
        other = yaml.safe_load(path.read_text(encoding="utf-8"))
        check_keys(reference, other, path.parent.name, str(path), "en/pulse.yml")


def test_an_unknown_key_in_the_pulse_structure_is_named(pulse: Model) -> None:
    raw: Model = read_model_source(Path(default_model_path("pulse")))  # type: ignore[assignment]
    broken = copy.deepcopy(raw)
    broken["questions"][0]["weigth"] = 1
    with pytest.raises(AssessmentError) as caught:
        check_pulse(broken)
    assert "weigth" in caught.value.message("en")
    assert "questions." in caught.value.message("en")


# --- a person's result --------------------------------------------------------------------------


def test_scores_reach_both_ends_of_the_scale(pulse: Model) -> None:
    assert score_pulse(pulse, all_at(pulse, "a"))["index"] == 0
    worst = score_pulse(pulse, all_at(pulse, "d"))
    assert worst["index"] == 100
    assert worst["band"]["id"] == "critical"
    assert len(worst["asks"]) == len(pulse["dimensions"])


def test_dont_know_is_missing_never_zero(pulse: Model) -> None:
    answers = all_at(pulse, "d")
    answers[pulse["questions"][0]["id"]] = "dont_know"
    result = score_pulse(pulse, answers)
    usage = next(d for d in result["dimensions"] if d["id"] == pulse["questions"][0]["dimension"])
    assert usage["score"] == 100
    assert usage["answered"] == 1


@settings(max_examples=60, deadline=None)
@given(choices=st.lists(st.sampled_from("abcd"), min_size=18, max_size=18), which=st.integers(0, 17))
def test_a_worse_answer_never_lowers_a_score(choices: list[str], which: int) -> None:
    pulse = load_pulse(default_model_path("pulse"))
    questions = pulse["questions"]
    answers = {q["id"]: c for q, c in zip(questions, choices, strict=False)}
    before = score_pulse(pulse, answers)
    worse = dict(answers) | {questions[which]["id"]: "d"}
    after = score_pulse(pulse, worse)
    assert 0 <= before["index"] <= after["index"] <= 100
    for old, new in zip(before["dimensions"], after["dimensions"], strict=True):
        assert old["score"] <= new["score"]


def test_asks_come_highest_score_first_with_a_playbook_link(pulse: Model) -> None:
    answers = all_at(pulse, "a") | {q["id"]: "d" for q in pulse["questions"] if q["dimension"] == "trust"}
    answers |= {q["id"]: "c" for q in pulse["questions"] if q["dimension"] == "governance"}
    asks = score_pulse(pulse, answers, "fr")["asks"]
    assert [a["dimension"] for a in asks] == ["trust", "governance"]
    assert asks[0]["url"] == "fr/causes/#trust"


# --- codes ---------------------------------------------------------------------------------------


def test_a_pulse_code_carries_its_questionnaire_and_version(pulse: Model) -> None:
    code = encode_pulse_code(pulse, all_at(pulse, "b"), "manager", DAY)
    assert code.startswith(f"p1~{pulse['id']}~{pulse['version']}~m~20261202~")
    answers, role, day = decode_pulse_code(pulse, code)
    assert answers == all_at(pulse, "b")
    assert role == "manager"
    assert day == DAY


def test_a_pulse_code_pasted_among_leaders_codes_is_refused_by_name(pulse: Model, leaders: Model) -> None:
    code = encode_pulse_code(pulse, all_at(pulse, "b"), "staff", DAY)
    with pytest.raises(AssessmentError) as caught:
        decode_team_code(leaders, code)
    assert caught.value.code == "team.pulse_code"
    assert "staff pulse" in caught.value.message("en")
    assert "baromètre" in caught.value.message("fr")


def test_a_leaders_code_pasted_as_a_pulse_code_is_refused_by_name(pulse: Model, leaders: Model) -> None:
    code = leader_codes(leaders, 1, 0)[0]
    with pytest.raises(AssessmentError) as caught:
        decode_pulse_code(pulse, code)
    assert caught.value.code == "pulse.leader_code"
    assert "leaders' self-assessment" in caught.value.message("en")


def test_an_edited_questionnaire_id_or_version_is_refused(pulse: Model) -> None:
    code = encode_pulse_code(pulse, all_at(pulse, "b"), None, DAY)
    with pytest.raises(AssessmentError) as caught:
        decode_pulse_code(pulse, code.replace("~pulse~", "~other~"))
    assert caught.value.code == "team.checksum"  # edited by hand: the checksum no longer matches
    other = copy.deepcopy(pulse) | {"id": "other"}
    with pytest.raises(AssessmentError) as caught:
        decode_pulse_code(other, code)
    assert caught.value.code == "pulse.other_questionnaire"
    newer = copy.deepcopy(pulse) | {"version": "9.0.0"}
    with pytest.raises(AssessmentError) as caught:
        decode_pulse_code(newer, code)
    assert caught.value.code == "pulse.other_version"
    assert "9.0.0" in caught.value.message("en")


# --- pooled result and gap ----------------------------------------------------------------------


def test_four_codes_show_nothing_but_the_rule(pulse: Model, leaders: Model) -> None:
    pool = pool_workshop(pulse, leaders, pulse_codes(pulse, "dddd") + leader_codes(leaders, 10, 0), "en")
    assert pool["pulse"]["status"] == "too_few"
    assert "dimensions" not in pool["pulse"]
    assert "roles" not in pool["pulse"]
    assert "spread" not in pool["pulse"]
    assert pool["gap"] is None
    assert pool["gap_note"]["code"] == "note.pulse_gap_too_few"


def test_the_gap_is_staff_minus_leadership_largest_first(pulse: Model, leaders: Model) -> None:
    staff = pulse_codes(pulse, "ddddd")  # staff see the strongest signs
    pool = pool_workshop(pulse, leaders, staff + leader_codes(leaders, 5, 0), "en")  # leaders see none
    gaps = pool["gap"]
    assert gaps is not None
    assert len(gaps) == len(pulse["dimensions"])
    assert all(row["gap"] == row["staff"] - row["leadership"] for row in gaps)
    assert [abs(row["gap"]) for row in gaps] == sorted((abs(row["gap"]) for row in gaps), reverse=True)
    assert gaps[0]["gap"] > 0
    assert gaps[0]["url"].endswith(
        "#" + next(d["anchor"] for d in pulse["dimensions"] if d["id"] == gaps[0]["id"])
    )
    # Five people on each side: values rounded to 10 points (a pool under ten).
    assert all(row["staff"] % 10 == 0 and row["leadership"] % 10 == 0 for row in gaps)


def test_leaders_codes_marked_staff_stay_out_of_the_leadership_side(pulse: Model, leaders: Model) -> None:
    codes = (
        pulse_codes(pulse, "ddddd") + leader_codes(leaders, 4, 0) + leader_codes(leaders, 6, 3, "staff")[4:]
    )
    pool = pool_workshop(pulse, leaders, codes, "en")
    assert pool["leadership_n"] is None
    assert pool["gap"] is None


def test_a_role_group_of_four_is_hidden(pulse: Model, leaders: Model) -> None:
    codes = pulse_codes(pulse, "abcdabcdab", "staff") + pulse_codes(pulse, "dcba", "manager")[::-1]
    pool = pool_workshop(pulse, leaders, codes, "en")["pulse"]
    roles = {r["role"]: r for r in pool["roles"]}
    assert roles["manager"]["n"] is None
    assert roles["manager"]["breakdown"] is None
    assert roles["staff"]["n"] == 10
    assert roles["staff"]["breakdown"] is not None


def test_option_counts_never_show_fewer_than_five_people(pulse: Model, leaders: Model) -> None:
    pool = pool_workshop(pulse, leaders, pulse_codes(pulse, "aaaaaaaaaaad"), "en")["pulse"]
    assert pool["spread"] is not None
    for question in pool["spread"]:
        counts = [o["count"] for o in question["options"]]
        assert all(c is None or c == 0 or c >= MIN_RESPONSES for c in counts)
        # One withheld count alone could be worked out from the total: never exactly one withheld.
        assert sum(1 for c in counts if c is None) != 1


def test_option_counts_need_ten_responses(pulse: Model, leaders: Model) -> None:
    pool = pool_workshop(pulse, leaders, pulse_codes(pulse, "aaaaaaaaa"), "en")["pulse"]
    assert pool["status"] == "ok"
    assert pool["spread"] is None


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([7, 3, 0, 0, 0], [None, None, 0, 0, 0]),
        ([6, 5, 2, 1, 0], [6, 5, None, None, 0]),
        ([12, 0, 0, 0, 0], [12, 0, 0, 0, 0]),
    ],
)
def test_protect_counts(counts: list[int], expected: list[int | None]) -> None:
    assert protect_counts(counts) == expected


def test_one_person_counted_twice_counts_once(pulse: Model, leaders: Model) -> None:
    one = pulse_codes(pulse, "d")
    pool = pool_workshop(pulse, leaders, one * 5, "en")["pulse"]
    assert pool["valid"] == 1
    assert pool["status"] == "too_few"
    assert pool["duplicates"] == [2, 3, 4, 5]


def test_positions_of_refused_codes_count_in_the_whole_list(pulse: Model, leaders: Model) -> None:
    codes = [*pulse_codes(pulse, "ab"), "nonsense", *pulse_codes(pulse, "c")]
    pool = pool_workshop(pulse, leaders, codes, "en")
    assert [r["position"] for r in pool["leaders"]["rejected"]] == [3]


# --- exports and the browser's requests ---------------------------------------------------------


def test_the_summary_names_no_one_and_escapes_what_it_prints(pulse: Model, leaders: Model) -> None:
    from assessments.workshop_report import render_workshop_csv, render_workshop_markdown

    codes = [*pulse_codes(pulse, "ddddd"), *leader_codes(leaders, 5, 0), "<b>*nonsense*</b>"]
    pool = pool_workshop(pulse, leaders, codes, "fr")
    text = render_workshop_markdown(pool, "Baromètre *test*")
    assert text.startswith("# Baromètre \\*test\\* — ")
    assert "<b>" not in text
    assert all(row["label"] in text for row in pool["gap"])
    rows = render_workshop_csv(pool).splitlines()
    assert len(rows) == 1 + len(pulse["dimensions"])
    too_few = render_workshop_markdown(pool_workshop(pulse, leaders, pulse_codes(pulse, "dd"), "en"), "T")
    assert "Fewer than 5" in too_few
    assert "| Dimension |" not in too_few


def test_the_bridge_pools_both_questionnaires_and_refuses_a_bad_model(pulse: Model, leaders: Model) -> None:
    import json

    from assessments import bridge

    def ask(**request: object) -> Any:
        return json.loads(bridge.handle(json.dumps(request)))

    bridge._models.clear()  # a fresh page: other tests of this worker may have loaded models
    bridge.load_model(json.dumps({"model": pulse}))
    assert ask(method="add_model", model="{not json")["ok"] is False
    assert ask(method="workshop_pool", lang="en", codes=[])["error"]["code"] == "pulse.no_model"
    assert ask(method="add_model", model=json.dumps(leaders))["value"] == leaders["id"]
    codes = [*pulse_codes(pulse, "ddddd"), *leader_codes(leaders, 5, 0)]
    reply = ask(method="workshop_pool", lang="nl" if "nl" in LANGS else "fr", codes=codes)
    assert reply["ok"] is True
    assert reply["value"]["gap"][0]["gap"] > 0
    code = ask(method="pulse_code", lang="en", answers=all_at(pulse, "a"), role="staff", day=DAY)["value"]
    assert code.startswith("p1~pulse~")
    assert (
        ask(method="pulse_code", lang="en", answers={}, role="boss", day=DAY)["error"]["code"]
        == "pulse.bad_role"
    )

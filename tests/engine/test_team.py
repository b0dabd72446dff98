"""Anonymous response codes and their aggregate: round trips, refusals, and the anonymity rules."""

from __future__ import annotations

import csv
import io
import json
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments import AssessmentError, default_model_path, load_model, score
from assessments.bridge import handle
from assessments.bridge import load_model as bridge_load_model
from assessments.codec import checksum, encode_answers
from assessments.loader import dump_model_json
from assessments.messages import format_message
from assessments.team import (
    BREAKDOWN_MIN,
    MAX_CODE,
    MAX_CODES,
    MIN_RESPONSES,
    aggregate,
    decode_team_code,
    encode_team_code,
    parse_codes,
)

from .conftest import FIXTURES, run_cli
from .fixtures.team.generate import answers_for, fixture_texts, tamper

MODEL = load_model(default_model_path("resistance"))
CHOICES = [q for q in MODEL["questions"] if q["kind"] == "choice"]
TEAM = FIXTURES / "team"
ROLE_NAMES = ["leadership", "manager", "staff", None]
COUNT_KEYS = {
    "kind",
    "versions",
    "version_note",
    "assessment",
    "model_version",
    "lang",
    "min_responses",
    "min_antipattern_reports",
    "breakdown_min",
    "received",
    "valid",
    "count_identical",
    "identical",
    "duplicates",
    "rejected",
    "status",
}

Answers = dict[str, Any]


@st.composite
def answer_sets(draw: st.DrawFn) -> Answers:
    """Choice answers (missing, "don't know" or any option) and consistent whole-number figures."""
    answers: Answers = {}
    for question in CHOICES:
        choice = draw(st.sampled_from([None, *(o["id"] for o in question["options"])]))
        if choice is not None:
            answers[question["id"]] = choice
    if draw(st.booleans()):
        seats = draw(st.integers(1, 1_000_000))
        active = draw(st.integers(0, seats))
        weekly = draw(st.integers(0, active))
        expected = draw(st.integers(0, 100))
        answers |= {"seats": seats, "active_30d": active, "weekly_real": weekly, "expected_rate": expected}
    return answers


days = st.dates().map(lambda day: day.isoformat())
responses = st.tuples(answer_sets(), st.sampled_from(ROLE_NAMES), days)


def code_of(response: tuple[Answers, str | None, str]) -> str:
    return encode_team_code(MODEL, *response)


def resign(body: str) -> str:
    """A code with a valid checksum around an arbitrary body (to reach the checks after it)."""
    return f"{body}~{checksum(body)}"


def without_positions(team: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in team.items() if key not in ("duplicates", "identical", "rejected")}


def distinct(answers: Answers, count: int) -> list[Answers]:
    """`count` answer sets that differ only in the number of seats (identical sets count once)."""
    return [{**answers, "seats": 100 + i} for i in range(count)]


# --- codes -------------------------------------------------------------------------------------


def test_fixtures_match_their_generator() -> None:
    for name, text in fixture_texts(MODEL).items():
        assert (TEAM / name).read_text(encoding="utf-8") == text, f"run fixtures/team/generate.py ({name})"


@settings(max_examples=120, deadline=None)
@given(responses)
def test_code_round_trip(response: tuple[Answers, str | None, str]) -> None:
    answers, role, day = response
    decoded = decode_team_code(MODEL, code_of(response))
    assert decoded.answers == answers
    assert (decoded.role, decoded.day) == (role, day)
    assert score(MODEL, decoded.answers) == score(MODEL, answers)


def test_full_code_length() -> None:
    code = encode_team_code(MODEL, answers_for(MODEL, 1), "leadership", "2026-11-22")
    print(f"\nfull team code: {len(code)} characters: {code}")
    assert len(code) < 100
    assert code.startswith(f"t1~{MODEL['version']}~l~20261122~")
    assert all(char.isalnum() or char in "~.,-" for char in code)  # URL and paste safe


@pytest.mark.parametrize(
    ("role", "day", "code"),
    [
        ("boss", "2026-11-22", "team.bad_role"),
        ("", "2026-11-22", "team.bad_role"),
        ("staff", "2026-02-30", "team.bad_day"),
        ("staff", "22/11/2026", "team.bad_day"),
        ("staff", "20261122", "team.bad_day"),
        ("staff", None, "team.bad_day"),
    ],
)
def test_encode_refuses_bad_role_and_day(role: Any, day: Any, code: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        encode_team_code(MODEL, {}, role, day)
    assert caught.value.code == code
    assert caught.value.message("fr") != caught.value.message("en")


def test_encode_refuses_invalid_answers() -> None:
    with pytest.raises(AssessmentError) as caught:
        encode_team_code(MODEL, {"usage_spread": "everyone_and_more"}, "staff", "2026-11-22")
    assert caught.value.code == "answers.unknown_option"


def broken_codes() -> list[tuple[object, str]]:
    good = encode_team_code(MODEL, answers_for(MODEL, 2), "staff", "2026-11-22")
    body = good.rsplit("~", 1)[0]
    parts = body.split("~")
    return [
        (good[:-3], "team.checksum"),
        (tamper(good), "team.checksum"),
        (f"t1~{MODEL['version']}~s", "team.malformed"),
        ("hello", "team.malformed"),
        (42, "team.malformed"),
        ("t1~" + "x" * 2_000, "team.too_long"),
        (encode_answers(MODEL, answers_for(MODEL, 2)), "team.share_link"),
        (f"https://example.org/assessment/#r1~{MODEL['version']}~0~~00000000", "team.share_link"),
        (resign("~".join(["t1", "0.9.0", *parts[2:]])), "team.other_version"),
        (resign("~".join([*parts[:2], "x", *parts[3:]])), "team.bad_role"),
        (resign("~".join([*parts[:3], "20261332", *parts[4:]])), "team.bad_day"),
        (resign("~".join([*parts[:4], "z" + parts[4][1:], parts[5]])), "team.bad_answer"),
        (resign("~".join([*parts[:4], parts[4][1:], parts[5]])), "team.malformed"),
        (resign("~".join([*parts[:5], "40,50,10,60"])), "answers.exceeds"),
    ]


@pytest.mark.parametrize(("code", "expected"), broken_codes())
def test_decode_refusals_have_distinct_codes(code: object, expected: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        decode_team_code(MODEL, code)
    assert caught.value.code == expected


def test_other_version_names_both_versions() -> None:
    parts = encode_team_code(MODEL, {}, None, "2026-11-22").rsplit("~", 1)[0].split("~")
    with pytest.raises(AssessmentError) as error:
        decode_team_code(MODEL, resign("~".join(["t1", "0.9.0", *parts[2:]])))
    assert "0.9.0" in error.value.message("fr")
    assert MODEL["version"] in error.value.message("en")


def test_parse_codes_accepts_lines_spaces_and_commas() -> None:
    codes = (TEAM / "six_codes.txt").read_text(encoding="utf-8").split()
    text = f"\n\n  {codes[0]}, {codes[1]},{codes[2]}\r\n{codes[3]} {codes[4]}\n\n{codes[5]},\n"
    assert parse_codes(text) == codes
    assert parse_codes("  \n ") == []


def test_parse_codes_limits() -> None:
    with pytest.raises(AssessmentError) as caught:
        parse_codes("t1~x\n" * (MAX_CODES + 1))
    assert caught.value.code == "team.too_many"
    # An item over the length limit is rejected alone (by position); the other items are pooled.
    codes = (TEAM / "six_codes.txt").read_text(encoding="utf-8").split()
    pasted = parse_codes("\n".join([*codes[:3], "x" * 2_001, *codes[3:]]))
    assert len(pasted) == 7
    team = aggregate(MODEL, pasted, "fr")
    assert (team["valid"], team["status"]) == (6, "ok")
    assert [(r["position"], r["error"]["code"]) for r in team["rejected"]] == [(4, "team.too_long")]
    expected = format_message("team.too_long", {"limit": MAX_CODE}, "fr")
    assert team["rejected"][0]["error"]["message"] == expected


# --- aggregation ---------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.lists(responses, min_size=0, max_size=12), st.randoms(use_true_random=False))
def test_aggregate_properties(team: list[tuple[Answers, str | None, str]], rng: random.Random) -> None:
    codes = [code_of(response) for response in team]
    result = aggregate(MODEL, codes, "en")
    shuffled = codes[:]
    rng.shuffle(shuffled)
    assert without_positions(aggregate(MODEL, shuffled, "en")) == without_positions(result)
    answer_sets = {json.dumps(response[0], sort_keys=True) for response in team}
    assert result["valid"] == len(answer_sets)  # one person answering twice counts once
    assert len(result["duplicates"]) == len(codes) - len(answer_sets)
    if result["valid"] < MIN_RESPONSES:
        assert set(result) == COUNT_KEYS  # nothing derived from answers, not even role counts
        assert result["status"] == "too_few"
        return
    # `is not None`: an index of 0.0 (every answer at the calm end) is a real value, not a missing one.
    indexes = [score(MODEL, response[0])["index"] for response in team]
    present = [index for index in indexes if index is not None]
    step = result["rounded_to"]
    assert step == (0.1 if result["valid"] >= BREAKDOWN_MIN else 10.0)
    if result["index"] is not None:
        assert min(present) - step / 2 <= result["index"] <= max(present) + step / 2
    for dimension in result["dimensions"]:
        if dimension["median"] is not None:
            assert dimension["q1"] <= dimension["median"] <= dimension["q3"]
            if step == 10.0:
                assert dimension["median"] % 10 == 0
                assert dimension["q1"] % 10 == 0
    for group in result["roles"]:
        assert group["breakdown"] is None or group["n"] >= BREAKDOWN_MIN
        assert group["n"] is None or group["n"] == 0 or group["n"] >= MIN_RESPONSES
    if result["valid"] >= BREAKDOWN_MIN:
        assert sum(result["bands"].values()) == result["valid"]
        assert all(entry["count"] >= 2 for entry in result["antipatterns"])
    else:
        assert result["bands"] is None
        assert all(entry["count"] is None for entry in result["antipatterns"])


def test_too_few_reveals_nothing_even_with_rejected_codes() -> None:
    codes = [*(TEAM / "four_codes.txt").read_text(encoding="utf-8").split(), "junk"]
    result = aggregate(MODEL, codes, "fr")
    assert set(result) == COUNT_KEYS
    assert (result["valid"], result["status"]) == (4, "too_few")
    assert result["rejected"][0]["position"] == 5
    assert result["rejected"][0]["error"]["message"].startswith("ce n'est pas")


def test_duplicates_tampered_and_share_codes() -> None:
    codes = (TEAM / "with_tampered.txt").read_text(encoding="utf-8").split()
    result = aggregate(MODEL, codes, "en")
    assert (result["received"], result["valid"], result["duplicates"]) == (9, 6, [6])
    rejected = [(entry["position"], entry["error"]["code"]) for entry in result["rejected"]]
    assert rejected == [(4, "team.checksum"), (7, "team.share_link")]
    assert result["rejected"][0]["code_excerpt"] == codes[3][:24]
    assert result["status"] == "ok"


def test_perception_gap_needs_ten_leaders_and_ten_staff() -> None:
    calm, tense = answers_for(MODEL, 0), {q["id"]: q["options"][-2]["id"] for q in CHOICES}
    leaders = [encode_team_code(MODEL, a, "leadership", "2026-11-02") for a in distinct(calm, BREAKDOWN_MIN)]
    staff = [encode_team_code(MODEL, a, "staff", "2026-11-03") for a in distinct(tense, BREAKDOWN_MIN)]
    result = aggregate(MODEL, leaders + staff, "en")
    gap = result["perception_gap"]
    assert gap["index"]["gap"] > 0  # staff see more resistance than leadership
    assert gap["index"]["gap"] == round(gap["index"]["staff"] - gap["index"]["leadership"], 1)
    assert result["perception_gap_note"]["code"] == "note.gap_meaning"
    assert [g["role"] for g in result["roles"] if g["breakdown"]] == ["leadership", "staff"]
    fewer = aggregate(MODEL, leaders[:9] + staff, "fr")
    assert fewer["perception_gap"] is None
    assert fewer["perception_gap_note"]["code"] == "note.gap_too_few"
    assert str(BREAKDOWN_MIN) in fewer["perception_gap_note"]["message"]
    assert [g["n"] for g in fewer["roles"]] == [9, 0, 10, 0]
    assert [g["n"] for g in aggregate(MODEL, leaders[:4] + staff, "fr")["roles"]] == [None, 0, 10, 0]


def test_an_antipattern_reported_once_is_withheld() -> None:
    calm = {q["id"]: q["options"][0]["id"] for q in CHOICES}
    codes = [encode_team_code(MODEL, answers, "staff", "2026-11-01") for answers in distinct(calm, 5)]
    result = aggregate(MODEL, [*codes, encode_team_code(MODEL, answers_for(MODEL, 0), None, "2026-11-09")])
    assert result["status"] == "ok"
    assert result["antipatterns"] == []
    assert result["antipatterns_withheld"] > 0


def thousand_codes() -> list[str]:
    rng = random.Random(7)
    codes = []
    for _ in range(1_000):
        answers = {q["id"]: rng.choice(q["options"])["id"] for q in CHOICES}
        codes.append(encode_team_code(MODEL, answers, rng.choice(ROLE_NAMES), "2026-11-22"))
    return codes


def test_thousand_codes() -> None:
    # How long this takes is measured by `make bench`, not asserted here.
    codes = thousand_codes()
    result = aggregate(MODEL, codes, "fr")
    bridge_load_model(dump_model_json(MODEL))
    reply = json.loads(handle(json.dumps({"method": "aggregate", "lang": "fr", "text": "\n".join(codes)})))
    assert result["valid"] == len({decode_team_code(MODEL, code).answers.__repr__() for code in codes})
    assert reply["value"] == result


# --- bridge and CLI ------------------------------------------------------------------------------


def ask(request: dict[str, Any]) -> dict[str, Any]:
    bridge_load_model(dump_model_json(MODEL))
    return json.loads(handle(json.dumps(request)))


def test_bridge_team_methods() -> None:
    code = ask(
        {"method": "team_code", "answers": answers_for(MODEL, 1), "role": "staff", "day": "2026-11-22"}
    )
    assert decode_team_code(MODEL, code["value"]).role == "staff"
    codes = (TEAM / "six_codes.txt").read_text(encoding="utf-8").split()
    team = ask({"method": "aggregate", "lang": "fr", "codes": codes})["value"]
    assert team["status"] == "ok"
    table = ask({"method": "team_report", "format": "csv", "text": "\n".join(codes)})["value"]
    assert table.splitlines()[0] == "id,label,median,q1,q3,iqr,n"
    report = ask({"method": "team_report", "lang": "fr", "codes": codes})["value"]
    assert "Rapport d'équipe" in report
    refused = ask({"method": "team_code", "lang": "fr", "answers": {}, "role": "boss", "day": "2026-11-22"})
    assert refused["error"]["code"] == "team.bad_role"
    assert refused["error"]["message"].startswith("rôle inconnu")
    assert ask({"method": "aggregate", "codes": "not a list"})["error"]["code"] == "team.not_text"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cli_aggregate_six_codes(lang: str) -> None:
    completed = run_cli("aggregate", str(TEAM / "six_codes.txt"), "--lang", lang)
    assert completed.returncode == 0, completed.stderr
    team = json.loads(completed.stdout)
    assert (team["status"], team["valid"], team["lang"]) == ("ok", 6, lang)
    markdown = run_cli("aggregate", str(TEAM / "with_tampered.txt"), "--format", "markdown", "--lang", lang)
    text = markdown.stdout
    assert ("Team report" if lang == "en" else "Rapport d'équipe") in text
    assert ("3 months" if lang == "en" else "3 mois") in text
    assert MODEL["version"] in text
    assert "Code 4" in text


def test_cli_aggregate_csv() -> None:
    completed = run_cli("aggregate", str(TEAM / "six_codes.txt"), "--format", "csv", "--lang", "fr")
    rows = list(csv.reader(io.StringIO(completed.stdout)))
    assert rows[0] == ["id", "libellé", "médiane", "q1", "q3", "écart_interquartile", "n"]
    assert len(rows) == 1 + len(MODEL["dimensions"])
    assert rows[1][:2] == ["usage", "Usage réel"]


def test_cli_aggregate_codes_as_arguments_and_stdin() -> None:
    codes = (TEAM / "four_codes.txt").read_text(encoding="utf-8").split()
    extra = (TEAM / "six_codes.txt").read_text(encoding="utf-8").split()[4]
    completed = run_cli("aggregate", "-", extra, stdin="\n".join(codes))
    team = json.loads(completed.stdout)
    assert (team["received"], team["valid"], team["status"]) == (5, 5, "ok")
    too_few = json.loads(run_cli("aggregate", str(TEAM / "four_codes.txt")).stdout)
    assert set(too_few) == COUNT_KEYS


@pytest.mark.parametrize(
    ("arguments", "lang", "expected"),
    [
        (["missing_codes.txt"], "en", "error: missing_codes.txt: file not found"),
        (["-", str(TEAM / "empty.txt")], "fr", "erreur : aucun code de réponse"),
    ],
)
def test_cli_aggregate_bad_input(arguments: list[str], lang: str, expected: str) -> None:
    completed = run_cli("aggregate", *arguments, "--lang", lang, stdin="\n  \n")
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.splitlines()) == 1
    assert completed.stderr.startswith(expected)

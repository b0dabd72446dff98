"""Regression cases of the adversarial review (issue 14): anonymity, exports, imports, the CLI.

Each test names the hostile input it replays. Versions and labels are read from the model.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from pathlib import Path
from typing import Any

import markdown
import pytest

from assessments import AssessmentError, default_model_path, load_model, score
from assessments.bridge import handle
from assessments.bridge import load_model as bridge_load_model
from assessments.codec import checksum
from assessments.compare import compare
from assessments.loader import dump_model_json
from assessments.report import (
    render_compare_markdown,
    render_csv,
    render_result_csv,
    render_team_csv,
    render_team_markdown,
)
from assessments.team import (
    BREAKDOWN_MIN,
    COARSE_STEP,
    MIN_RESPONSES,
    aggregate,
    decode_team_code,
    encode_team_code,
)

from .conftest import FIXTURES, run_cli
from .fixtures.team.generate import answers_for

MODEL = load_model(default_model_path("resistance"))
VERSION = MODEL["version"]
CHOICES = [q for q in MODEL["questions"] if q["kind"] == "choice"]
NUMBERS = [q for q in MODEL["questions"] if q["kind"] == "number"]
DAY = "2026-11-22"
HOSTILE_TEXT = [
    "<svg/onload=alert(1)>",
    "[click](javascript:alert(1))",
    "x\n# Injected heading",
    "![img](https://example.org/x.png)",
    "| cell | break |",
]
Answers = dict[str, Any]


def resigned(code: str, change: dict[int, str]) -> str:
    """The code with some of its seven parts replaced and a fresh, valid checksum."""
    parts = code.split("~")
    for index, value in change.items():
        parts[index] = value
    body = "~".join(parts[:6])
    return f"{body}~{checksum(body)}"


def with_figure(code: str, text: str) -> str:
    """The code with its first figure (seats) spelt `text`, checksum recomputed."""
    figures = code.split("~")[5].split(",")
    figures[0] = text
    return resigned(code, {5: ",".join(figures)})


def calm_and_tense(seed: int) -> list[Answers]:
    """Two made-up answer sets at the ends of every scale (distinct by their seat count)."""
    lowest = {q["id"]: q["options"][0]["id"] for q in CHOICES}
    highest = {q["id"]: next(o["id"] for o in reversed(q["options"]) if not o["dont_know"]) for q in CHOICES}
    return [{**lowest, "seats": 10 + seed}, {**highest, "seats": 20 + seed}]


# --- one canonical form ------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["40.0", "4e1", "4_0", "+40", " 40", "040"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_other_spellings_of_a_figure_are_refused(spelling: str, lang: str) -> None:
    code = encode_team_code(MODEL, answers_for(MODEL, 1), "staff", DAY)
    assert code.split("~")[5].split(",")[0] == "40"
    with pytest.raises(AssessmentError) as caught:
        decode_team_code(MODEL, with_figure(code, spelling))
    assert caught.value.code == "team.figure_spelling"
    message = caught.value.message(lang)
    assert spelling.strip() in message
    assert '"40"' in message.replace("« 40 »", '"40"')


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_checksum_in_capitals_is_refused(lang: str) -> None:
    code = encode_team_code(MODEL, answers_for(MODEL, 1), "staff", DAY)
    shouting = code[:-8] + code[-8:].upper()
    assert shouting != code
    with pytest.raises(AssessmentError) as caught:
        decode_team_code(MODEL, shouting)
    assert caught.value.code == "team.checksum_case"
    assert code[-8:] in caught.value.message(lang)


def one_person_five_ways() -> list[str]:
    """The attack of the review: one answer set made to look like five people."""
    code = encode_team_code(MODEL, answers_for(MODEL, 1), "staff", DAY)
    return [
        code,
        resigned(code, {3: "20261123"}),  # another day
        resigned(code, {2: "l"}),  # another role
        code[:-8] + code[-8:].upper(),  # checksum in capitals
        with_figure(code, "4e1"),  # figure spelt differently
    ]


def test_one_person_never_counts_as_five() -> None:
    team = aggregate(MODEL, one_person_five_ways(), "en")
    assert (team["valid"], team["status"]) == (1, "too_few")
    assert team["duplicates"] == [2, 3] == team["identical"]
    assert [r["error"]["code"] for r in team["rejected"]] == ["team.checksum_case", "team.figure_spelling"]


def test_an_honest_person_submitting_twice_counts_once() -> None:
    codes = [encode_team_code(MODEL, answers_for(MODEL, seed), None, DAY) for seed in range(5)]
    again = encode_team_code(MODEL, answers_for(MODEL, 2), None, "2026-11-29")
    team = aggregate(MODEL, [*codes, again], "en")
    assert (team["valid"], team["duplicates"], team["identical"]) == (5, [6], [6])


def test_the_facilitator_may_count_identical_answer_sets_separately() -> None:
    codes = [encode_team_code(MODEL, answers_for(MODEL, 0), None, DAY)] * 5
    assert aggregate(MODEL, codes, "en")["valid"] == 1
    team = aggregate(MODEL, codes, "en", count_identical=True)
    assert (team["valid"], team["status"], team["duplicates"], team["identical"]) == (
        5,
        "ok",
        [],
        [2, 3, 4, 5],
    )
    report = render_team_markdown(team)
    assert "counted separately" in report
    with pytest.raises(AssessmentError) as caught:
        aggregate(MODEL, codes, "en", count_identical="yes")  # type: ignore[arg-type]
    assert caught.value.code == "team.bad_option"


def test_count_identical_through_the_bridge_and_the_cli(tmp_path: Path) -> None:
    codes = [encode_team_code(MODEL, answers_for(MODEL, 0), None, DAY)] * 5
    bridge_load_model(dump_model_json(MODEL))
    request = {"method": "aggregate", "lang": "fr", "codes": codes, "count_identical": True}
    assert json.loads(handle(json.dumps(request)))["value"]["valid"] == 5
    request["count_identical"] = False
    assert json.loads(handle(json.dumps(request)))["value"]["valid"] == 1
    (tmp_path / "codes.txt").write_text("\n".join(codes), encoding="utf-8")
    once = json.loads(run_cli("aggregate", str(tmp_path / "codes.txt")).stdout)
    each = json.loads(run_cli("aggregate", str(tmp_path / "codes.txt"), "--count-identical").stdout)
    assert (once["valid"], each["valid"]) == (1, 5)


# --- small groups ----------------------------------------------------------------------------------


def fabricated_team() -> tuple[Answers, list[str]]:
    """Four made-up codes around one real person: two at the calm end, two at the tense end, so
    every median would be exactly the real person's score."""
    real = answers_for(MODEL, 1)
    fake = calm_and_tense(0) + calm_and_tense(1)
    codes = [encode_team_code(MODEL, answers, None, DAY) for answers in fake]
    return real, [*codes, encode_team_code(MODEL, real, "leadership", DAY)]


def test_four_made_up_codes_do_not_reveal_the_fifth_persons_scores() -> None:
    real, codes = fabricated_team()
    mine = score(MODEL, real)
    team = aggregate(MODEL, codes, "en")
    assert (team["status"], team["valid"], team["rounded_to"]) == ("ok", MIN_RESPONSES, COARSE_STEP)
    # The attack works on exact values: the median index is the real person's index.
    exact = statistics.median(score(MODEL, decode_team_code(MODEL, c).answers)["index"] for c in codes)
    assert exact == mine["index"]
    assert mine["index"] % COARSE_STEP != 0
    assert team["index"] % COARSE_STEP == 0
    assert team["index"] != mine["index"]
    for shown, own in zip(team["dimensions"], mine["dimensions"], strict=True):
        for key in ("median", "q1", "q3"):
            assert shown[key] is None or shown[key] % COARSE_STEP == 0
        if own["score"] is not None and own["score"] % COARSE_STEP:
            assert shown["median"] != own["score"]
    assert team["bands"] is None
    assert all(entry["count"] is None and entry["share"] is None for entry in team["antipatterns"])
    roles = {group["role"]: group for group in team["roles"]}
    assert roles["leadership"] == {"role": "leadership", "n": None, "breakdown": None}
    report = render_team_markdown(team)
    assert f"{mine['index']:.1f}" not in report
    assert str(BREAKDOWN_MIN) in report


def test_ten_responses_show_exact_values_and_distributions() -> None:
    codes = [encode_team_code(MODEL, answers_for(MODEL, seed), None, DAY) for seed in range(BREAKDOWN_MIN)]
    team = aggregate(MODEL, codes, "fr")
    assert team["rounded_to"] == 0.1
    assert sum(team["bands"].values()) == BREAKDOWN_MIN
    indexes = [score(MODEL, answers_for(MODEL, seed))["index"] for seed in range(BREAKDOWN_MIN)]
    assert team["index"] == round(statistics.median(indexes), 1)


# --- exports --------------------------------------------------------------------------------------


def cells_of(text: str, separator: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=separator))


FORMULAS = ["x;=1+1", "x,=1+1", "=HYPERLINK(1)", "+1", "-1+1", "@SUM(1)", 'a"b;=c']


@pytest.mark.parametrize("dialect", ["csv", "csv-semicolon"])
def test_no_spreadsheet_sees_a_formula_in_either_separator(dialect: str) -> None:
    result = score(MODEL, answers_for(MODEL, 1), "fr")
    actions = {
        rec["id"]: {"owner": owner, "due": ""}
        for rec, owner in zip(result["recommendations"], FORMULAS, strict=False)
    }
    batch = render_csv([(name, result) for name in FORMULAS], "fr", dialect)
    for text in (render_result_csv(result, actions, dialect), batch):
        for separator in (",", ";"):
            for row in cells_of(text, separator):
                assert not any(cell and cell[0] in "=+-@" for cell in row), (separator, row)
    owners = [
        row[5] for row in cells_of(render_result_csv(result, actions, dialect), dialect_separator(dialect))
    ]
    assert "x;'=1+1" in owners  # still readable, never a formula
    assert "'=HYPERLINK(1)" in owners


def dialect_separator(dialect: str) -> str:
    return ";" if dialect == "csv-semicolon" else ","


def test_the_semicolon_dialect_is_what_french_excel_opens() -> None:
    codes = [encode_team_code(MODEL, answers_for(MODEL, seed), None, DAY) for seed in range(BREAKDOWN_MIN)]
    team = aggregate(MODEL, codes, "fr")
    text = render_team_csv(team, dialect="csv-semicolon")
    assert text.startswith("\ufeff")  # Excel reads the accents as UTF-8
    rows = cells_of(text, ";")
    assert rows[0] == ["id", "libellé", "médiane", "q1", "q3", "écart_interquartile", "n"]
    first = team["dimensions"][0]
    assert rows[1][:3] == [first["id"], first["label"], f"{first['median']:.1f}".replace(".", ",")]
    assert all(len(row) == len(rows[0]) for row in rows)


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def given_result(text: str) -> dict[str, Any]:
    """A result as `compare` accepts it from a file, with hostile text in every free field."""
    result = score(MODEL, answers_for(MODEL, 1), "en")
    return {
        **result,
        "model_version": text[:500],
        "band": {"id": "x", "label": text},
        "dimensions": [{**d, "label": text} for d in result["dimensions"]],
        "antipatterns": [{"id": "a", "title": text}],
        "recommendations": [{"id": "r", "title": text}],
    }


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_comparison_report_keeps_imported_text_inert(hostile: str) -> None:
    before = score(MODEL, answers_for(MODEL, 2), "en")
    html = rendered(render_compare_markdown(compare(before, given_result(hostile), "en")))
    assert "<svg" not in html
    assert "<a " not in html
    assert "<img" not in html
    assert html.count("<h1") == 1
    assert "Injected heading</h" not in html


def test_cli_comparison_report_keeps_imported_text_inert(tmp_path: Path) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps(score(MODEL, answers_for(MODEL, 2), "en")), encoding="utf-8")
    after.write_text(json.dumps(given_result("<svg/onload=alert(1)> [x](javascript:1)")), encoding="utf-8")
    completed = run_cli("compare", str(before), str(after), "--format", "markdown")
    assert completed.returncode == 0, completed.stderr
    html = rendered(completed.stdout)
    assert "<svg" not in html
    assert "<a " not in html
    assert "&lt;svg/onload=alert" in html  # shown as text


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_team_report_keeps_rejected_codes_inert(hostile: str) -> None:
    code = encode_team_code(MODEL, answers_for(MODEL, 1), None, DAY)
    other_version = resigned(code, {1: hostile.replace("~", "").replace(" ", "")[:20]})
    codes = [f"t1~{hostile}", other_version, hostile]
    html = rendered(render_team_markdown(aggregate(MODEL, codes, "en"), title=hostile))
    assert "<svg" not in html
    assert "<a " not in html
    assert "<img" not in html
    assert html.count("<h1") == 1
    assert "Injected heading</h" not in html


# --- imports: one validation for the browser and the CLI ---------------------------------------------


def import_reply(text: str) -> dict[str, Any]:
    bridge_load_model(dump_model_json(MODEL))
    return json.loads(handle(json.dumps({"method": "check_import", "lang": "fr", "text": text})))


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("huge.json", '{"assessment": "resistance", "answers": {"seats": 1e309}}', "answers.not_number"),
        (
            "twice.json",
            '{"assessment": "resistance", "answers": {"seats": 10}, "answers": {}}',
            "input.duplicate_key",
        ),
    ],
)
def test_browser_import_refuses_what_the_cli_refuses(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    reply = import_reply(text)
    assert (reply["ok"], reply["error"]["code"]) == (False, expected)
    (tmp_path / name).write_text(text, encoding="utf-8")
    completed = run_cli("score", str(tmp_path / name), "--lang", "fr")
    assert completed.returncode == 2
    assert reply["error"]["message"] in completed.stderr


def test_browser_import_of_a_real_export() -> None:
    text = (FIXTURES / "mixed.json").read_text(encoding="utf-8")
    reply = import_reply(text)
    assert reply["ok"]
    assert reply["value"]["answers"] == json.loads(text)["answers"]


# --- the CLI and the terminal ---------------------------------------------------------------------------

ESCAPES = ["\x1b]0;owned\x07", "\x1b[2J", "\x9b31m"]


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize("where", ["header", "name"])
def test_cli_refuses_terminal_escapes_in_a_batch(tmp_path: Path, escape: str, where: str) -> None:
    question = CHOICES[0]["id"]
    header, name = (
        (f"respondent,{question}{escape}", "A") if where == "header" else (f"respondent,{question}", escape)
    )
    path = tmp_path / "batch.csv"
    path.write_text(f"{header}\n{name},\n", encoding="utf-8")
    completed = run_cli("score", str(path), "--format", "markdown", "--lang", "fr")
    assert completed.returncode == 2
    assert "caractère de contrôle" in completed.stderr
    assert "batch.csv:" in completed.stderr
    assert not any(char in completed.stderr + completed.stdout for char in "\x1b\x9b\x07")


def test_cli_refuses_a_nul_byte(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    path.write_bytes(f"respondent,{CHOICES[0]['id']}\nA\x00B,\n".encode())
    completed = run_cli("score", str(path))
    assert completed.returncode == 2
    assert completed.stderr.startswith("error: ")
    assert "NUL" in completed.stderr
    assert "batch.csv:2" in completed.stderr


@pytest.mark.parametrize("output", ["json", "markdown", "csv"])
def test_cli_prints_no_escape_from_a_code_argument(output: str) -> None:
    code = encode_team_code(MODEL, answers_for(MODEL, 1), None, DAY)
    hostile = resigned(code, {1: "\x1b[2J"})
    completed = run_cli("aggregate", hostile, "t1~\x1b]0;x\x07", "--format", output)
    assert completed.returncode == 0
    assert "\x1b" not in completed.stdout
    assert "\x07" not in completed.stdout
    assert VERSION in completed.stdout or output == "csv"

"""Hostile input for every parser: share codes, answer documents, the browser bridge and the CLI.

The contract under test: bad input gives an AssessmentError (or, for the bridge, `ok: false`; for
the CLI, exit 2 and one stderr line), never another exception, a hang or an unbounded message; input
echoed into reports is neutralised. The corpus of hostile strings is tests/fixtures/hostile.txt (one
JSON string literal per line); 10 MB strings, deep nesting and wrong encodings are generated here.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments import AssessmentError, bridge, default_model_path, dump_model_json, load_model, score
from assessments.answers import parse_answers
from assessments.codec import DIGITS, checksum, decode_answers, encode_answers
from assessments.document import check_against_model, parse_json, read_document
from assessments.report import escape_markdown, render_markdown, render_result_csv

from .conftest import run_cli

MODEL = load_model(default_model_path("resistance"))
VERSION = MODEL["version"]
CHOICES = [q for q in MODEL["questions"] if q["kind"] == "choice"]
NUMBERS = [q for q in MODEL["questions"] if q["kind"] == "number"]
QUESTION_IDS = [q["id"] for q in MODEL["questions"]]
RECOMMENDATION_IDS = [rec["id"] for rec in MODEL["recommendations"]]
CORPUS_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "hostile.txt"
TEN_MB = 10 * 1024 * 1024
UNESCAPED = re.compile(r"(?<!\\)<script|(?<!\\)\]\(javascript")  # markup escape_markdown missed
MAX_MESSAGE = 400  # an error message quoting a 10 MB input must stay one readable line
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Answers = dict[str, Any]


def read_corpus() -> list[str]:
    lines = CORPUS_PATH.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


HOSTILE = read_corpus()
hostile = st.sampled_from(HOSTILE)
texts = st.one_of(hostile, st.text(max_size=80))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), texts, st.sampled_from([-0.0, 1e309, 10**400])
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(texts, children, max_size=5),
    max_leaves=20,
)


def check_error(error: AssessmentError) -> None:
    for lang in ("en", "fr"):
        message = error.message(lang)
        assert isinstance(message, str), error.code
        assert message.strip(), error.code
        assert len(message) < MAX_MESSAGE, (error.code, message[:200])


def outcome(call: Callable[[], Any]) -> Any:
    """The call's value, or None after checking the AssessmentError it raised; anything else fails."""
    try:
        return call()
    except AssessmentError as error:
        check_error(error)
        return None


def test_corpus_is_big_and_varied() -> None:
    assert len(HOSTILE) >= 60
    assert len(set(HOSTILE)) == len(HOSTILE)
    joined = "".join(HOSTILE)
    for needle in ("<script>", "onerror=", "javascript:", "{{7*7}}", "=HYPERLINK", "../", "\u0000", "\u202e"):
        assert needle in joined
    assert any(0xD800 <= ord(char) <= 0xDFFF for char in joined)  # lone surrogates survived decoding


# --- share codes (codec) ---------------------------------------------------------------------


@st.composite
def answer_sets(draw: st.DrawFn) -> Answers:
    """Valid answer sets, including "don't know", floats and negative zero in the expected rate."""
    answers: Answers = {}
    for question in CHOICES:
        option = draw(st.sampled_from([None, *(o["id"] for o in question["options"])]))
        if option is not None:
            answers[question["id"]] = option
    if draw(st.booleans()):
        seats = draw(st.integers(1, 1_000_000))
        active = draw(st.integers(0, seats))
        answers |= {"seats": seats, "active_30d": active, "weekly_real": draw(st.integers(0, active))}
        answers["expected_rate"] = draw(st.floats(0, 100) | st.integers(0, 100) | st.just(-0.0))
    return answers


def canonical(result: Answers) -> str:
    return json.dumps(result, sort_keys=True, ensure_ascii=False)


def sign(body: str) -> str:
    return f"{body}~{checksum(body)}"


def check_decoded(code: object) -> Answers | None:
    answers = outcome(lambda: decode_answers(MODEL, code))
    if answers is not None:
        score(MODEL, answers, "fr")  # what decodes also scores
    return answers


@FAST
@given(st.one_of(st.text(), hostile, json_values))
def test_decode_any_value(code: object) -> None:
    check_decoded(code)


def test_decode_corpus() -> None:
    for text in HOSTILE:
        assert check_decoded(text) is None
        check_decoded(f"r1~{VERSION}~{text}~~00000000")


@FAST
@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=len(CHOICES) + 2),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40),
)
@example("0" * len(CHOICES), "1e309,NaN,-1,inf")
@example("z" * len(CHOICES), ",,,")
@example("-" * len(CHOICES), " 5,1_0,\t7,")
def test_decode_signed_garbage(choices: str, figures: str) -> None:
    """Past the checksum (a crafted link): the choices and figures parts still only give errors."""
    check_decoded(sign(f"r1~{VERSION}~{choices}~{figures}"))


@pytest.mark.parametrize("char", ["\ud800", "\u00e9", "\u0661", "\U0001f600"])
def test_decode_refuses_non_ascii_codes(char: str) -> None:
    # Bug: a lone surrogate reached checksum() and raised UnicodeEncodeError.
    code = encode_answers(MODEL, {CHOICES[0]["id"]: CHOICES[0]["options"][0]["id"]})
    with pytest.raises(AssessmentError) as caught:
        decode_answers(MODEL, code[:12] + char + code[12:])
    assert caught.value.code == "share.malformed"


@settings(max_examples=150, deadline=None)
@given(answer_sets())
@example({"seats": 1000, "weekly_real": 100, "expected_rate": 89.350025})
@example({"seats": 1000, "weekly_real": 100, "expected_rate": -0.0})
def test_share_code_round_trip_scores_the_same(answers: Answers) -> None:
    # Bugs: f"{value:g}" kept 6 digits (89.350025 came back as 89.35 and scored differently);
    # -0.0 was scored as -0.0 but came back from a link as 0.
    decoded = decode_answers(MODEL, encode_answers(MODEL, answers))
    assert parse_answers(MODEL, decoded) == parse_answers(MODEL, answers)
    assert canonical(score(MODEL, decoded, "en")) == canonical(score(MODEL, answers, "en"))


def mutations(code: str) -> list[str]:
    alphabet = sorted(set(DIGITS + DIGITS.upper() + "-~,.+eE \t\n" + "é\u0000\ud800\u200b") | set(code))
    out = [code[:cut] for cut in range(len(code))]  # every truncation
    for i in range(len(code) + 1):
        out += [code[:i] + char + code[i:] for char in alphabet]  # every insertion
    for i in range(len(code)):
        out.append(code[:i] + code[i + 1 :])  # every deletion
        out += [code[:i] + char + code[i + 1 :] for char in alphabet if char != code[i]]  # substitutions
    return out


def test_single_character_changes_never_change_the_answers() -> None:
    """CRC-32 catches every single-character change of the body; only harmless edits still decode."""
    answers = {q["id"]: q["options"][i % len(q["options"])]["id"] for i, q in enumerate(CHOICES) if i % 4}
    answers |= {"seats": 1200, "active_30d": 700, "weekly_real": 95, "expected_rate": 62.5}
    code = encode_answers(MODEL, answers)
    body = code.rsplit("~", 1)[0]
    expected = decode_answers(MODEL, code)
    variants = mutations(code)
    assert len(variants) > 5_000
    for variant in variants:
        decoded = check_decoded(variant)
        if decoded is not None:
            # Only surrounding whitespace or an upper-case checksum digit may have changed.
            assert decoded == expected, repr(variant)
            assert variant.strip().rsplit("~", 1)[0] == body, repr(variant)


# --- answer documents ------------------------------------------------------------------------

dates = st.one_of(st.just(""), st.dates().map(str), texts)
actions = st.dictionaries(
    st.one_of(st.sampled_from(RECOMMENDATION_IDS), texts),
    st.one_of(
        st.fixed_dictionaries({}, optional={"owner": st.one_of(texts, json_values), "due": dates}),
        json_values,
    ),
    max_size=4,
)
option_ids = st.sampled_from(sorted({o["id"] for q in CHOICES for o in q["options"]}))
documents = st.fixed_dictionaries(
    {
        "assessment": st.one_of(st.just("resistance"), texts, json_values),
        "answers": st.one_of(
            st.dictionaries(
                st.one_of(st.sampled_from(QUESTION_IDS), texts),
                st.one_of(option_ids, json_values),
                max_size=6,
            ),
            json_values,
        ),
    },
    optional={
        "model_version": st.one_of(st.just(VERSION), texts, json_values),
        "lang": st.one_of(st.sampled_from(["en", "fr"]), texts),
        "exported": st.one_of(dates, json_values),
        "actions": st.one_of(actions, json_values),
        "result": json_values,
        "__proto__": json_values,
    },
)


def read_and_score(data: object) -> None:
    document = outcome(lambda: read_document(data))
    if document is None:
        return
    document = outcome(lambda: check_against_model(document, MODEL))
    if document is None:
        return
    result = outcome(lambda: score(MODEL, document.answers, "fr"))
    if result is not None:
        check_neutralised(result, document.actions)


def check_neutralised(result: Answers, actions: dict[str, dict[str, str]]) -> None:
    """Owners typed by people are inert in Markdown and cannot start a spreadsheet formula."""
    report = render_markdown(result, "Titre", actions)
    for rec in result["recommendations"]:
        owner = actions.get(rec["id"], {}).get("owner", "")
        if owner:
            assert escape_markdown(owner) in report
    for line in report.splitlines():
        if "Responsable" in line:
            assert not UNESCAPED.search(line), line
    for row in csv.reader(io.StringIO(render_result_csv(result, actions))):
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row


@FAST
@given(json_values)
def test_document_from_any_json_value(data: object) -> None:
    read_and_score(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_document_with_hostile_fields(data: Answers) -> None:
    read_and_score(data)


@pytest.mark.parametrize("position", ["key", "answer_key", "answer", "assessment", "version", "owner", "due"])
def test_document_with_each_corpus_string_in_each_position(position: str) -> None:
    rec_id = RECOMMENDATION_IDS[0]
    for text in HOSTILE:
        data: Answers = {"assessment": "resistance", "answers": {CHOICES[0]["id"]: "dont_know"}}
        if position == "key":
            data[text] = 1
        elif position == "answer_key":
            data["answers"] = {text: "dont_know"}
        elif position == "answer":
            data["answers"] = {CHOICES[0]["id"]: text, NUMBERS[0]["id"]: text}
        elif position == "assessment":
            data["assessment"] = text
        elif position == "version":
            data["model_version"] = text
        else:
            data["actions"] = {rec_id: {position: text}}
        read_and_score(data)
        for raw in (text, json.dumps(text), json.dumps(data)):
            value = outcome(lambda raw=raw: parse_json(raw))
            if value is not None:
                read_and_score(value)


@pytest.mark.parametrize(
    "due",
    [
        "2026-12-31\n",
        "2026-12-31\n# injected",
        "\u0662\u0660\u0662\u0666-\u0661\u0662-\u0663\u0661",
        "2026-02-30",
        "9999-99-99",
        "2026-1-1",
        " 2026-12-31",
        "20261231",
    ],
)
def test_due_dates_are_real_ascii_dates(due: str) -> None:
    # Bug: the pattern \d{4}-\d{2}-\d{2}$ accepted a trailing newline, other scripts' digits and
    # impossible dates, which then went as is into the Markdown and CSV reports.
    document = read_document(
        {"assessment": "resistance", "answers": {}, "actions": {RECOMMENDATION_IDS[0]: {"due": due}}}
    )
    with pytest.raises(AssessmentError) as caught:
        check_against_model(document, MODEL)
    assert caught.value.code == "input.bad_due"


@pytest.mark.parametrize(
    "owner", ["a\u0000b", "line\nbreak", "\u202eevil", "\u2066x\u2069", "\ud800", "\u001b[31m"]
)
def test_owners_refuse_control_and_bidi_characters(owner: str) -> None:
    # Bug: NUL, newlines, escape sequences, bidi overrides and lone surrogates went into reports
    # (escape_markdown only escapes Markdown syntax; a lone surrogate crashed the CLI's output).
    document = read_document(
        {"assessment": "resistance", "answers": {}, "actions": {RECOMMENDATION_IDS[0]: {"owner": owner}}}
    )
    with pytest.raises(AssessmentError) as caught:
        check_against_model(document, MODEL)
    assert caught.value.code == "input.bad_owner"


def test_plain_owner_names_and_dates_still_pass() -> None:
    owners = ["Direction générale", "Ana O'Neil", "李雷", "\U0001f469\u200d\U0001f4bb team", "=HYPERLINK(1)"]
    actions = {
        rec: {"owner": owner, "due": "2026-12-31"}
        for rec, owner in zip(RECOMMENDATION_IDS, owners, strict=False)
    }
    document = check_against_model(
        read_document({"assessment": "resistance", "answers": {}, "actions": actions}), MODEL
    )
    assert document.actions == actions


def test_huge_integers_are_refused_not_crashing() -> None:
    # Bug: json.loads raised a bare ValueError for integers over 4300 digits (CPython's limit).
    value = parse_json("9" * 5000)
    assert value == math.inf
    data = parse_json('{"assessment": "resistance", "answers": {"seats": ' + "9" * 5000 + "}}")
    with pytest.raises(AssessmentError) as caught:
        score(MODEL, read_document(data).answers)
    assert caught.value.code == "answers.not_number"
    assert parse_json("9" * 4000) == int("9" * 4000)  # below the limit, integers stay exact


@pytest.fixture(scope="module")
def big() -> str:
    return "<script>" + "x" * TEN_MB


def read_check_and_score(data: object) -> None:
    score(MODEL, check_against_model(read_document(data), MODEL).answers)


@pytest.mark.parametrize(
    "position", ["key", "answer_key", "answer", "answers", "version", "owner", "due", "rec"]
)
def test_messages_stay_short_for_10_mb_inputs(big: str, position: str) -> None:
    # Bug: unknown keys, questions, options, versions and duplicate keys were quoted in full.
    data: Answers = {"assessment": "resistance", "answers": {}}
    if position == "key":
        data[big] = 1
    elif position == "answer_key":
        data["answers"] = {big: 1}
    elif position == "answer":
        data["answers"] = {CHOICES[0]["id"]: big}
    elif position == "answers":
        data["answers"] = [big]
    elif position == "version":
        data["model_version"] = big
    elif position == "rec":
        data["actions"] = {big: {}}
    else:
        data["actions"] = {RECOMMENDATION_IDS[0]: {position: big}}
    with pytest.raises(AssessmentError) as caught:
        read_check_and_score(data)
    check_error(caught.value)
    with pytest.raises(AssessmentError) as caught:
        parse_json('{"' + big + '": 1, "' + big + '": 2}')
    assert caught.value.code == "input.duplicate_key"
    check_error(caught.value)


def test_deep_nesting_is_an_error() -> None:
    for text in ("[" * 100_000, '{"a":' * 100_000, "[" * 100_000 + "]" * 100_000):
        with pytest.raises(AssessmentError) as caught:
            parse_json(text)
        assert caught.value.code in ("input.too_deep", "input.bad_json")


# --- browser bridge --------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def loaded_model() -> None:
    bridge.load_model(dump_model_json(MODEL))


def check_reply(text: str) -> Answers:
    assert isinstance(text, str)
    reply = json.loads(text)
    assert isinstance(reply, dict)
    assert reply["ok"] in (True, False)
    if not reply["ok"]:
        message = reply["error"]["message"]
        assert isinstance(reply["error"]["code"], str)
        assert isinstance(message, str)
        assert message.strip()
        assert len(message) < MAX_MESSAGE, message[:200]
    return reply


def handle_in_both_languages(request: object) -> None:
    """Send the request as is, then in English and French: both error messages must be real text."""
    check_reply(bridge.handle(json.dumps(request)))
    if isinstance(request, dict):
        replies = [check_reply(bridge.handle(json.dumps({**request, "lang": lang}))) for lang in ("en", "fr")]
        assert replies[0]["ok"] == replies[1]["ok"]


@FAST
@given(st.one_of(st.text(), hostile))
def test_bridge_any_text(text: str) -> None:
    check_reply(bridge.handle(text))


def test_bridge_corpus_as_request_text() -> None:
    for text in HOSTILE:
        check_reply(bridge.handle(text))
        check_reply(bridge.handle(json.dumps(text)))


def no_container_method(value: object) -> bool:
    return not (isinstance(value, dict) and isinstance(value.get("method"), (list, dict)))


@FAST
@given(json_values.filter(no_container_method))
def test_bridge_any_json_value(value: object) -> None:
    check_reply(bridge.handle(json.dumps(value)))


requests = st.fixed_dictionaries(
    {"method": st.one_of(st.sampled_from(sorted(bridge.METHODS)), texts, scalars)},
    optional={
        "lang": st.one_of(st.sampled_from(["en", "fr"]), texts),
        "answers": documents.map(lambda d: d["answers"]),
        "actions": st.one_of(actions, json_values),
        "format": st.one_of(st.sampled_from(["csv", "markdown"]), texts),
        "code": st.one_of(texts, json_values),
        "document": st.one_of(documents, json_values),
        # team mode (team_code, aggregate, team_report, compare) reads these
        "codes": st.one_of(st.lists(texts, max_size=8), json_values),
        "text": st.one_of(texts, json_values),
        "role": st.one_of(texts, json_values),
        "day": st.one_of(dates, json_values),
        "before": st.one_of(documents, json_values),
        "after": st.one_of(documents, json_values),
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests)
def test_bridge_hostile_requests(request: Answers) -> None:
    handle_in_both_languages(request)


@pytest.mark.parametrize("method", sorted(bridge.METHODS))
def test_bridge_every_method_with_corpus_strings(method: str) -> None:
    rec_id = RECOMMENDATION_IDS[0]
    for text in HOSTILE:
        request = {
            "method": method,
            "answers": {CHOICES[0]["id"]: text, text: text},
            "actions": {rec_id: {"owner": text, "due": text}},
            "format": text,
            "code": text,
            "document": {"assessment": text, "answers": {text: text}, "model_version": text},
        }
        handle_in_both_languages(request)
        for key in (
            "answers",
            "actions",
            "code",
            "document",
            "codes",
            "text",
            "role",
            "day",
            "before",
            "after",
        ):
            handle_in_both_languages({"method": method, key: text})


@pytest.mark.parametrize("method", [None, 1, 1.5, True, "", "__proto__", "constructor"])
def test_bridge_scalar_methods(method: object) -> None:
    assert (
        check_reply(bridge.handle(json.dumps({"method": method})))["error"]["code"] == "bridge.unknown_method"
    )


@pytest.mark.parametrize("method", [[], {}, ["score"], {"score": 1}])
def test_bridge_container_methods(method: object) -> None:
    check_reply(bridge.handle(json.dumps({"method": method})))


def test_bridge_regressions() -> None:
    lone = check_reply(bridge.handle('{"method": "decode", "code": "r1~1.0.0~\\ud800~~0"}'))
    assert lone["error"]["code"] == "share.malformed"  # was UnicodeEncodeError
    huge = check_reply(bridge.handle('{"method": "score", "answers": {"seats": ' + "9" * 5000 + "}}"))
    assert huge["error"]["code"] == "answers.not_number"  # was ValueError from json.loads


@pytest.mark.parametrize("field", ["garbage", "method", "answer_key", "answer", "code", "document", "owner"])
def test_bridge_10_mb_requests(big: str, field: str) -> None:
    if field == "garbage":
        text = big
    else:
        requests_by_field = {
            "method": {"method": big},
            "answer_key": {"method": "score", "answers": {big: 1}},
            "answer": {"method": "score", "answers": {CHOICES[0]["id"]: big}},
            "code": {"method": "decode", "code": big},
            "document": {
                "method": "check_import",
                "document": {"assessment": "resistance", "answers": {}, big: 1},
            },
            "owner": {"method": "report", "answers": {}, "actions": {RECOMMENDATION_IDS[0]: {"owner": big}}},
        }
        text = json.dumps(requests_by_field[field])
    assert check_reply(bridge.handle(text))["ok"] is False


def test_bridge_10_mb_lang(big: str) -> None:
    check_reply(bridge.handle(json.dumps({"method": "score", "lang": big})))


def test_bridge_reports_neutralise_owners() -> None:
    answers = {q["id"]: q["options"][-2]["id"] for q in CHOICES}  # strongest signals: every recommendation
    owners = [t for t in HOSTILE if len(t) <= 80]
    checked = 0
    for owner in owners:
        request = {
            "method": "report",
            "answers": answers,
            "actions": {rec: {"owner": owner} for rec in RECOMMENDATION_IDS},
        }
        markdown = check_reply(bridge.handle(json.dumps(request)))
        spreadsheet = check_reply(bridge.handle(json.dumps({**request, "format": "csv"})))
        if markdown["ok"]:
            checked += 1
            assert owner.strip() == "" or escape_markdown(owner.strip()) in markdown["value"]
            assert not UNESCAPED.search(markdown["value"])
            for row in csv.reader(io.StringIO(spreadsheet["value"])):
                assert all(cell[:1] not in ("=", "+", "-", "@") for cell in row), row
    assert checked > 40


# --- command line ----------------------------------------------------------------------------


def check_cli(completed: Any, output: str = "json") -> None:
    assert "Traceback" not in completed.stderr
    if completed.returncode == 2:
        lines = completed.stderr.splitlines()
        assert len(lines) == 1, completed.stderr[:500]
        assert lines[0].startswith(("error: ", "erreur : "))
        assert len(lines[0]) < MAX_MESSAGE + 200  # + the temporary file's path
        assert completed.stdout == ""
    else:
        assert completed.returncode == 0, completed.stderr[:500]
        if output == "json":
            json.loads(completed.stdout)


def hostile_files() -> dict[str, bytes]:
    document = {"assessment": "resistance", "answers": {CHOICES[0]["id"]: CHOICES[0]["options"][0]["id"]}}
    text = json.dumps(document)
    header = "respondent;" + ";".join(q["id"] for q in CHOICES[:3] + NUMBERS[:1])
    rows = [f"r{i};{CHOICES[0]['options'][0]['id']};;dont_know;1 2{i % 10}0" for i in range(1000)]
    return {
        "ten_mb.json": json.dumps({**document, "result": "x" * TEN_MB}).encode(),
        "deep.json": b"[" * 100_000,
        "deep_answer.json": (
            '{"assessment": "resistance", "answers": {"x": ' + "[" * 5000 + "]" * 5000 + "}}"
        ).encode(),
        "latin1.json": text.replace("resistance", "résistance").encode("latin-1"),
        "utf16.json": text.encode("utf-16"),
        "bom.json": b"\xef\xbb\xbf" + text.encode(),
        "nul.json": text.encode()[:-1] + b"\x00}",
        "huge_int.json": ('{"assessment": "resistance", "answers": {"seats": ' + "9" * 5000 + "}}").encode(),
        "lone_surrogate.json": b'{"assessment": "resistance", "answers": {"\\ud800": 1}}',
        "long_key.json": json.dumps({"assessment": "resistance", "answers": {"k" * 1_000_000: 1}}).encode(),
        "long_id.json": json.dumps({"assessment": "x" * 4_000_000, "answers": {}}).encode(),
        "formula.csv": b'respondent\n=HYPERLINK("http://evil")\n+cmd\n@SUM(1)\n-2\n',
        "markup.csv": b"respondent\n<img src=x onerror=alert(1)>\n[x](javascript:alert(1))\n",
        "hostile_header.csv": b"respondent,<script>alert(1)</script>,=cmd|' /C calc'!A0\n1,2,3\n",
        "long_header.csv": b"respondent," + b"z" * 100_000 + b"\n1,2\n",
        "nul.csv": b"respondent\na\x00b\n",
        "latin1.csv": "respondent\nrésistance\n".encode("latin-1"),
        "semicolons.csv": ("\ufeff" + "\n".join([header, *rows]) + "\n").encode(),
    }


# Files that are refused whatever the output format; the others are run in every format.
REFUSED = {
    *("ten_mb.json", "deep.json", "deep_answer.json", "latin1.json", "utf16.json", "nul.json"),
    *("huge_int.json", "lone_surrogate.json", "long_key.json", "long_id.json"),
    *("hostile_header.csv", "long_header.csv", "latin1.csv"),
}
FORMATS = ("json", "markdown", "csv")


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Any]:
    """Every CLI run at once, in parallel: starting Python and loading the YAML model dominates."""
    folder = tmp_path_factory.mktemp("hostile")
    jobs = []
    for name, content in hostile_files().items():
        (folder / name).write_bytes(content)
        jobs += [(name, output) for output in (FORMATS[:1] if name in REFUSED else FORMATS)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = pool.map(
            lambda job: run_cli("score", str(folder / job[0]), "--format", job[1], "--lang", "fr"), jobs
        )
        return dict(zip(jobs, runs, strict=True))


CRASHED_BEFORE = ("huge_int.json", "lone_surrogate.json", "long_key.json", "long_header.csv")


@pytest.mark.parametrize("name", sorted(set(hostile_files()) - {"long_id.json"}))
def test_cli_hostile_files(cli_runs: dict[tuple[str, str], Any], name: str) -> None:
    for output in FORMATS[:1] if name in REFUSED else FORMATS:
        check_cli(cli_runs[name, output], output)
    if name in REFUSED:
        assert cli_runs[name, "json"].returncode == 2
    if name in CRASHED_BEFORE:  # a traceback (ValueError, UnicodeEncodeError) or a 100 KB+ error line
        assert cli_runs[name, "json"].returncode == 2
    if name == "semicolons.csv":
        assert cli_runs[name, "csv"].returncode == 0
        assert len(cli_runs[name, "csv"].stdout.splitlines()) == 1001
        assert len(json.loads(cli_runs[name, "json"].stdout)["results"]) == 1000


def test_cli_long_assessment_id(cli_runs: dict[tuple[str, str], Any]) -> None:
    check_cli(cli_runs["long_id.json", "json"])


def test_cli_batch_csv_neutralises_formulas(cli_runs: dict[tuple[str, str], Any]) -> None:
    rows = list(csv.reader(io.StringIO(cli_runs["formula.csv", "csv"].stdout)))
    assert len(rows) == 5
    for row in rows:
        assert row[0][:1] not in ("=", "+", "-", "@"), row


def test_cli_batch_markdown_escapes_respondents(cli_runs: dict[tuple[str, str], Any]) -> None:
    report = cli_runs["markup.csv", "markdown"].stdout
    assert "onerror" in report
    assert not UNESCAPED.search(report.replace("<img", "<script"))

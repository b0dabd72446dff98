"""AI usage reports: each fixture gives the expected counts, bad files get a named message, and any
bytes give either a report or an AssessmentError (never a crash)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments import bridge
from assessments.errors import AssessmentError
from assessments.loader import dump_model_json
from assessments.usage_report import MAX_BYTES, figure_roles, fill_answers, read_usage_file, read_usage_report
from tests.languages import LANGUAGES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "usage"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
BASIC = b"Report Refresh Date,User Principal Name,Last Activity Date\n"
COPILOT = ["m365-copilot-usage.csv", "m365-copilot-usage-concealed.csv"]


def read(name: str) -> dict[str, Any]:
    return read_usage_report((FIXTURES / name).read_bytes(), name)


def refused(data: bytes, name: str = "report.csv") -> AssessmentError:
    with pytest.raises(AssessmentError) as caught:
        read_usage_report(data, name)
    return caught.value


@pytest.mark.parametrize("name", COPILOT)
def test_a_copilot_report_gives_seats_and_active_people(name: str) -> None:
    report, expected = read(name), EXPECTED["copilot"]
    assert report["kind"] == "m365_copilot"
    assert report["refresh_date"] == EXPECTED["refresh_date"] == "2026-11-28"
    assert (report["seats"], report["active_30d"], report["active_7d"]) == (40, 22, 12)
    assert (report["people"], report["active_30d"], report["active_7d"]) == (
        expected["people"],
        expected["active_30d"],
        expected["active_7d"],
    )
    assert {
        app["name"]: {k: app[k] for k in ("active_30d", "active_7d")} for app in report["apps"]
    } == expected["apps"]
    assert report["departments"] == []


def test_concealed_names_count_like_clear_names() -> None:
    clear, hidden = read(COPILOT[0]), read(COPILOT[1])
    assert (clear["concealed"], hidden["concealed"]) == (False, True)
    assert {**clear, "concealed": True} == hidden


def test_admin_labels_reordered_columns_semicolons_and_windows_1252_give_the_same_counts() -> None:
    report = read("m365-copilot-admin-labels-semicolon-cp1252.csv")
    assert (report["kind"], report["seats"], report["active_30d"], report["active_7d"]) == (
        "m365_copilot",
        40,
        22,
        12,
    )
    assert [app["name"] for app in report["apps"]] == ["Teams", "Word"]
    assert report["apps"][1] | {"name": "Word"} == {"name": "Word", **EXPECTED["copilot"]["apps"]["Word"]}


def test_departments_under_five_people_are_shown_only_together() -> None:
    report = read("m365-copilot-admin-labels-semicolon-cp1252.csv")
    expected = EXPECTED["departments"]
    named = {line["name"]: line for line in report["departments"] if not line.get("other")}
    assert set(named) == {name for name, line in expected.items() if line["people"] >= 5}
    for name, line in named.items():
        assert {k: line[k] for k in ("people", "active_30d", "active_7d")} == expected[name]
    (other,) = [line for line in report["departments"] if line.get("other")]
    small = [line for line in expected.values() if line["people"] < 5]
    assert other["people"] == sum(line["people"] for line in small) == 5
    assert other["active_30d"] == sum(line["active_30d"] for line in small)


def test_a_copilot_chat_report_gives_active_people_but_no_seat_count() -> None:
    report = read("copilot-chat-usage.csv")
    assert report["kind"] == "copilot_chat"
    assert report["seats"] is None  # it lists only people who used Chat
    assert (report["people"], report["active_30d"], report["active_7d"]) == tuple(
        EXPECTED["chat"][k] for k in ("people", "active_30d", "active_7d")
    )
    assert report["concealed"] is True


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", b""),
        ("utf-16", b""),
    ],
)
def test_every_text_encoding_reads_alike(encoding: str, bom: bytes) -> None:
    text = (FIXTURES / COPILOT[0]).read_bytes().decode("utf-8-sig")
    report = read_usage_report(bom + text.encode(encoding), "report.csv")
    assert (report["seats"], report["active_30d"], report["active_7d"]) == (40, 22, 12)


def test_a_person_listed_once_per_period_counts_once_with_their_latest_dates() -> None:
    text = (FIXTURES / COPILOT[0]).read_bytes().decode("utf-8-sig")
    header, *rows = text.splitlines()
    older = [row.replace(",30,", ",180,", 1) for row in rows]
    report = read_usage_report("\n".join([header, *older, *rows]).encode(), "all-periods.csv")
    assert (report["seats"], report["active_30d"], report["active_7d"]) == (40, 22, 12)


def test_the_counts_fill_the_models_questions_named_in_its_adoption_block(model: dict[str, Any]) -> None:
    figures = model["adoption"]["figures"]
    assert figure_roles(model) == {role: figures[role] for role in ("seats", "active", "weekly")}
    filled = fill_answers(read(COPILOT[0]), model)
    assert filled == {figures["seats"]: 40, figures["active"]: 22, figures["weekly"]: 12}
    numbers = {q["id"] for q in model["questions"] if q["kind"] == "number"}
    assert set(filled) <= numbers
    chat = fill_answers(read("copilot-chat-usage.csv"), model)
    assert figures["seats"] not in chat
    assert chat[figures["weekly"]] == EXPECTED["chat"]["active_7d"]


def test_the_browser_request_reads_the_file_and_fills_the_figures(model: dict[str, Any]) -> None:
    bridge.load_model(dump_model_json(model))
    request = {"method": "usage_read", "lang": "fr", "path": str(FIXTURES / COPILOT[1]), "name": "export.csv"}
    reply = json.loads(bridge.handle(json.dumps(request)))
    assert reply["ok"], reply
    figures = model["adoption"]["figures"]
    assert reply["value"]["fill"] == {figures["seats"]: 40, figures["active"]: 22, figures["weekly"]: 12}
    assert "sme.example" not in json.dumps(reply)  # counts only, never a name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_survey_export_is_refused_naming_the_file_and_the_expected_columns(
    lang: str, model: dict[str, Any]
) -> None:
    bridge.load_model(dump_model_json(model))
    path = FIXTURES / "survey-export.csv"
    request = {"method": "usage_read", "lang": lang, "path": str(path), "name": "Forms export.csv"}
    reply = json.loads(bridge.handle(json.dumps(request)))
    assert reply["error"]["code"] == "usage.not_usage_report"
    message = reply["error"]["message"]
    assert "Forms export.csv" in message
    assert "User Principal Name" in message
    assert "Completion time" in message


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "usage.empty"),
        (b"\r\n \n", "usage.empty"),
        (b"PK\x03\x04\x14\x00\x06\x00rest of a workbook", "usage.binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "usage.binary"),
        (b"Report Refresh Date,User Principal Name,Last Activity Date\r\n", "usage.no_users"),
        (b"User Principal Name,Last Activity Date\na@b.example,2026-11-20\n", "usage.no_refresh_date"),
        (
            b"Report Refresh Date,User Principal Name,Last Activity Date\n,a@b.example,2026-11-20\n",
            "usage.no_refresh_date",
        ),
        (
            BASIC + b"2026-11-28,a@b.example,20/11/2026\n",
            "usage.bad_date",
        ),
        (
            BASIC + b"2026-11-28,a@b.example,2026-02-30\n",
            "usage.bad_date",
        ),
        (b"Report Refresh Date,Display Name\n2026-11-28,A\n", "usage.not_usage_report"),
    ],
)
def test_a_bad_file_gets_its_own_message_naming_the_file(data: bytes, code: str) -> None:
    error = refused(data, "usage.csv")
    assert error.code == code
    for lang in LANGUAGES:
        assert "usage.csv" in error.message(lang)


def test_a_bad_date_names_the_row_the_column_and_the_expected_form() -> None:
    error = refused(b"Report Refresh Date,User Principal Name,Last Activity Date\n2026-11-28,a@b.example,x\n")
    assert (error.params["row"], error.params["column"], error.params["expected"]) == (
        2,
        "Last Activity Date",
        "YYYY-MM-DD",
    )


def test_a_file_over_50_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: nothing is written
    with pytest.raises(AssessmentError) as caught:
        read_usage_file(str(path), "huge.csv")
    assert caught.value.code == "usage.too_large"
    assert "huge.csv" in caught.value.message("nl")
    assert "50 MB" in caught.value.message("fr")
    assert refused(b"x" * (MAX_BYTES + 1)).code == "usage.too_large"


def test_a_missing_file_is_unreadable() -> None:
    with pytest.raises(AssessmentError) as caught:
        read_usage_file("/nonexistent/usage.csv", "usage.csv")
    assert caught.value.code == "usage.unreadable"


HEADER = b"Report Refresh Date,User Principal Name,Last Activity Date,Word Copilot Last Activity Date\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), st.binary(max_size=500).map(lambda tail: HEADER + tail)))
@example(b"\xff\xfe\x00")
@example(HEADER + b'2026-11-28,"a\n')
@example(HEADER + b"2026-11-28,a,9999-12-31\n")
def test_any_bytes_give_a_report_or_a_named_error(data: bytes) -> None:
    outcome = read_or_refuse(data)
    if isinstance(outcome, AssessmentError):
        assert outcome.code.startswith("usage.")
        assert all(outcome.message(lang) for lang in LANGUAGES)
    else:
        assert outcome["people"] >= outcome["active_30d"] >= outcome["active_7d"] >= 0


def read_or_refuse(data: bytes) -> dict[str, Any] | AssessmentError:
    try:
        return read_usage_report(data, "any.csv")
    except AssessmentError as error:
        return error


def test_five_thousand_people_are_counted(model: dict[str, Any]) -> None:
    lines = ["Report Refresh Date,User Principal Name,Last Activity Date,Word Copilot Last Activity Date"]
    days = [f"2026-11-{day:02d}" for day in range(1, 29)]  # 28 days up to the refresh date
    lines += [
        f"2026-11-28,user{i}@big.example,{days[i % 28]},{'' if i % 2 else days[i % 28]}" for i in range(5000)
    ]
    report = read_usage_report("\r\n".join(lines).encode(), "big.csv")
    within_week = sum(1 for i in range(5000) if i % 28 >= 21)  # 22 to 28 November
    assert (report["seats"], report["active_30d"], report["active_7d"]) == (5000, 5000, within_week)
    word_week = sum(1 for i in range(5000) if i % 28 >= 21 and i % 2 == 0)  # Word: even rows only
    assert report["apps"] == [{"name": "Word", "active_30d": 2500, "active_7d": word_week}]
    assert fill_answers(report, model)[model["adoption"]["figures"]["weekly"]] == within_week


@pytest.mark.parametrize(
    "request_fields", [{}, {"path": 3}, {"path": "", "name": "x.csv"}, {"path": "/", "name": "x.csv"}]
)
def test_a_request_without_a_readable_path_gets_a_message(
    request_fields: dict[str, Any], model: dict[str, Any]
) -> None:
    bridge.load_model(dump_model_json(model))
    reply = json.loads(bridge.handle(json.dumps({"method": "usage_read", "lang": "nl", **request_fields})))
    assert reply["ok"] is False
    assert reply["error"]["code"] == "usage.unreadable"

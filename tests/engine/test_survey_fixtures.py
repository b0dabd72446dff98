"""Every survey-tool fixture read end to end, a 5,000-response export, and the browser's requests."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path
from typing import Any

import pytest

from assessments import bridge
from assessments.languages import catalogue
from assessments.loader import dump_model_json
from assessments.pulse import aggregate_pulse
from assessments.survey_match import preview, to_codes
from assessments.survey_table import MAX_BYTES, MAX_ROWS, read_table
from assessments.team import aggregate
from tests.fixtures.surveys.generate import FIXTURES, HERE, pulse, resistance, write_xlsx

Model = dict[str, Any]
DAY = "2026-12-02"
# file -> (questionnaire, encoding, identity columns, role column found, responses used, rows skipped)
EXPECTED = {
    "google_forms_pulse_en.csv": ("pulse", "utf-8", 2, True, 12, 0),
    "google_forms_multi_select_en.csv": ("pulse", "utf-8", 2, True, 12, 0),
    "microsoft_forms_resistance_fr.xlsx": ("resistance", "", 6, True, 8, 1),
    "limesurvey_resistance_nl.csv": ("resistance", "utf-8-sig", 5, True, 8, 0),
    "framaforms_pulse_fr.csv": ("pulse", "utf-16", 7, True, 7, 0),
    "reordered_pulse_fr.csv": ("pulse", "cp1252", 1, True, 6, 0),
    "mixed_language_resistance_en.csv": ("resistance", "utf-8", 1, False, 6, 0),
}


@pytest.fixture(scope="module")
def models() -> list[Model]:
    return [resistance(), pulse()]


def read(name: str) -> Any:
    return read_table((HERE / name).read_bytes(), name)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_committed_fixtures_match_the_generator(name: str) -> None:
    assert FIXTURES[name]() == (HERE / name).read_bytes(), f"run `make fixtures` ({name} is out of date)"


def test_the_readme_describes_every_fixture() -> None:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in FIXTURES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_fixture_is_read_mapped_and_encoded(models: list[Model], name: str) -> None:
    assessment, encoding, identity, has_role, used, skipped = EXPECTED[name]
    table = read(name)
    found = to_codes(models, table, "en", None, DAY)
    shown = found["preview"]
    statuses = [c["status"] for c in shown["columns"]]
    assert (shown["assessment"], shown["encoding"]) == (assessment, encoding)
    assert statuses.count("identity") == identity
    assert ("role" in statuses) == has_role
    assert (found["rows_used"], len(found["rows_skipped"])) == (used, skipped)
    model = next(m for m in models if m["id"] == assessment)
    expected_columns = [q["id"] for q in model["questions"]]
    if name.startswith("mixed"):
        expected_columns = [q["id"] for q in model["questions"] if q["kind"] == "choice"]
    assert {q["id"] for q in shown["questions"] if q["column"] is not None} == set(expected_columns)
    pool = aggregate_pulse if assessment == "pulse" else aggregate
    assert pool(model, found["codes"], "en")["valid"] == used


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_identity_cells_never_leave_the_reader(models: list[Model], name: str) -> None:
    table = read(name)
    identity = [p for p, c in enumerate(preview(models, table, "en")["columns"]) if c["status"] == "identity"]
    offset = len(table.rows) - preview(models, table, "en")["rows"]
    values = {row[p] for row in table.rows[offset:] for p in identity if len(row[p]) > 3}
    dumped = json.dumps(to_codes(models, table, "fr", None, DAY), ensure_ascii=False)
    assert values
    assert not [value for value in values if value in dumped]


@pytest.mark.parametrize("name", ["google_forms_multi_select_en.csv", "limesurvey_resistance_nl.csv"])
def test_multi_select_answers_are_reported(models: list[Model], name: str) -> None:
    warnings = preview(models, read(name), "nl")["warnings"]
    warning = next(w for w in warnings if w["code"] == "survey.multi_select")
    # In the request's language: the catalogue's sentence, up to its first placeholder's value.
    opening = catalogue("nl")["messages"]["survey.multi_select"].split("{")[0]
    assert warning["message"].startswith(opening)


def test_limesurvey_option_columns_tick_one_option_each(models: list[Model]) -> None:
    shown = preview(models, read("limesurvey_resistance_nl.csv"), "en")
    options = [c for c in shown["columns"] if c.get("option")]
    assert {c["question"] for c in options} == {"usage_weekly_share"}
    assert [c["option"] for c in options] == ["most", "good_share", "minority", "very_few", "dont_know"]


def test_reordered_columns_are_matched_by_their_text(models: list[Model]) -> None:
    staff = models[1]
    shown = preview(models, read("reordered_pulse_fr.csv"), "fr")
    for entry in shown["columns"]:
        if entry["status"] == "matched":
            wanted = next(q for q in staff["questions"] if q["id"] == entry["question"])["text"]["fr"]
            assert wanted in entry["header"]
    assert [c["status"] for c in shown["columns"]].index("role") == 5


def test_a_column_in_another_language_is_matched(models: list[Model]) -> None:
    leaders = models[0]
    shown = preview(models, read("mixed_language_resistance_en.csv"), "en")
    choices = [q for q in leaders["questions"] if q["kind"] == "choice"]
    for position, lang in ((4, "nl"), (9, "fr")):
        entry = shown["columns"][position]
        assert entry["header"] == choices[position - 1]["text"][lang]
        assert (entry["question"], entry["unmatched"]) == (choices[position - 1]["id"], [])


def test_microsoft_forms_xlsx_numbers_and_refused_row(models: list[Model]) -> None:
    found = to_codes(models, read("microsoft_forms_resistance_fr.xlsx"), "fr", None, DAY)
    seats = next(c for c in found["preview"]["columns"] if c.get("question") == "seats")
    assert (seats["matched_cells"], seats["unmatched"]) == (9, [])
    assert found["rows_skipped"][0]["row"] == 10  # the spreadsheet's row: header is row 1
    assert "weekly_real" in found["rows_skipped"][0]["reason"]


def test_framaforms_second_header_line_is_found(models: list[Model]) -> None:
    shown = preview(models, read("framaforms_pulse_fr.csv"), "fr")
    assert (shown["header_row"], shown["rows"]) == (2, 7)


# --- 5,000 responses -----------------------------------------------------------------------------


def big_export(model: Model, count: int) -> list[list[object]]:
    rng = random.Random(5000)
    header: list[object] = ["ID", "Start time", "Completion time", "Email", "Name"]
    header += [q["text"]["en"] for q in model["questions"]]
    rows: list[list[object]] = [header]
    for n in range(count):
        cells: list[object] = [n + 1, "11/23/26 9:00:00", "11/23/26 9:05:00", "anonymous", ""]
        cells += [rng.choice(q["options"])["label"]["en"] for q in model["questions"]]
        rows.append(cells)
    return rows


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_5000_response_export_is_read_and_encoded(models: list[Model], form: str) -> None:
    rows = big_export(models[1], MAX_ROWS)
    if form == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        data = out.getvalue().encode("utf-8")
    else:
        data = write_xlsx(rows)
    found = to_codes(models, read_table(data, f"big.{form}"), "en", None, DAY)
    assert (found["assessment"], found["rows_used"], found["rows_skipped"]) == ("pulse", MAX_ROWS, [])
    pooled = aggregate_pulse(models[1], found["codes"], "en")
    assert pooled["received"] == MAX_ROWS
    assert pooled["status"] == "ok"


# --- the browser's requests ----------------------------------------------------------------------


def call(request: Model) -> Model:
    reply: Model = json.loads(bridge.handle(json.dumps(request)))
    return reply


@pytest.fixture
def page(models: list[Model]) -> None:
    """A workshop page: the pulse loaded, the leaders' questionnaire added."""
    bridge.load_model(dump_model_json(models[1]))
    assert call({"method": "add_model", "model": dump_model_json(models[0])})["ok"]


@pytest.mark.usefixtures("page")
def test_read_preview_apply_forget(tmp_path: Path) -> None:
    path = tmp_path / "1"
    path.write_bytes((HERE / "reordered_pulse_fr.csv").read_bytes())
    read_reply = call(
        {"method": "survey_read", "lang": "fr", "path": str(path), "name": "export.csv", "day": DAY}
    )
    assert read_reply["ok"], read_reply
    handle = read_reply["value"]["table"]
    assert read_reply["value"]["preview"]["assessment"] == "pulse"
    again = call({"method": "survey_preview", "lang": "fr", "table": handle, "overrides": {"5": None}})
    assert again["value"]["columns"][5]["status"] == "ignored"
    applied = call(
        {"method": "survey_apply", "lang": "fr", "table": handle, "overrides": {"5": None}, "day": DAY}
    )
    assert applied["value"]["rows_used"] == 6
    assert all("~-~20261202~" in code for code in applied["value"]["codes"])  # role column not used
    pooled = call({"method": "workshop_pool", "lang": "fr", "codes": applied["value"]["codes"]})
    assert pooled["ok"]
    assert call({"method": "survey_forget", "table": handle})["value"] is True
    gone = call({"method": "survey_apply", "lang": "nl", "table": handle, "day": DAY})
    assert gone["error"]["code"] == "survey.unknown_table"


@pytest.mark.usefixtures("page")
def test_bad_requests_get_named_errors(tmp_path: Path) -> None:
    huge = tmp_path / "huge"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: nothing is written, nothing is read
    cases = [
        ({"path": str(huge), "name": "big.xlsx"}, "survey.too_large"),
        ({"path": str(tmp_path / "absent"), "name": "gone.csv"}, "input.missing_file"),
        ({"path": 3, "name": "x.csv"}, "input.missing_file"),
    ]
    for request, code in cases:
        reply = call({"method": "survey_read", "lang": "nl", **request})
        assert reply["error"]["code"] == code
        assert reply["error"]["message"].startswith(request["name"] + ": ")
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    reply = call({"method": "survey_read", "lang": "en", "path": str(empty), "name": "e.csv"})
    assert reply["error"]["code"] == "survey.empty"
    handle = call(
        {"method": "survey_read", "lang": "en", "path": str(HERE / "google_forms_pulse_en.csv"), "name": "g"}
    )
    table = handle["value"]["table"]
    for overrides, code in [
        ({"x": "a"}, "survey.bad_column"),
        ([1], "survey.bad_overrides"),
        ({"1": 3}, "survey.bad_column"),
    ]:
        reply = call(
            {"method": "survey_apply", "lang": "en", "table": table, "overrides": overrides, "day": DAY}
        )
        assert reply["error"]["code"] == code
    bad_day = call({"method": "survey_apply", "lang": "en", "table": table, "day": "yesterday"})
    assert bad_day["error"]["code"] == "team.bad_day"

"""Matching an export's columns to questions and its cells to options; rows turned into codes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.errors import AssessmentError
from assessments.languages import catalogue
from assessments.survey_match import MAX_VALUE, MAX_VALUES, clean, normalise, preview, to_codes
from assessments.survey_table import Table
from assessments.team import MIN_RESPONSES, aggregate
from tests.fixtures.surveys.generate import pulse, resistance
from tests.languages import LANGUAGES

Model = dict[str, Any]
DAY = "2026-12-02"


@pytest.fixture(scope="module")
def leaders() -> Model:
    return resistance()


@pytest.fixture(scope="module")
def staff() -> Model:
    return pulse()


@pytest.fixture(scope="module")
def models(leaders: Model, staff: Model) -> list[Model]:
    return [leaders, staff]


def table(header: list[str], rows: list[list[str]]) -> Table:
    return Table("export.csv", "csv", "utf-8", header, rows)


def question(model: Model, qid: str) -> Model:
    return next(q for q in model["questions"] if q["id"] == qid)


def option_label(model: Model, qid: str, index: int, lang: str = "en") -> str:
    return str(question(model, qid)["options"][index]["label"][lang])


def text(model: Model, qid: str, lang: str = "en") -> str:
    return str(question(model, qid)["text"][lang])


def column(shown: Model, position: int) -> Model:
    return next(c for c in shown["columns"] if c["position"] == position)


# --- normalising ---------------------------------------------------------------------------------


def test_texts_compare_without_case_accents_punctuation_or_space() -> None:
    assert normalise("  Rôle  d'équipe ?\n(Équipes)") == "role d equipe equipes"
    assert normalise("start_time") == normalise("Start time") == "start time"


@pytest.mark.parametrize(
    "header",
    [
        "When I use the AI tools, it is…",
        "1. When I use the AI tools, it is…",
        "Q3 - When I use the AI tools, it is…",
        "3) When I use the AI tools, it is…",
        "Question 12: when i use the ai tools it is",
        "WHEN I USE THE AI TOOLS, IT IS… *",
        "When I use the AI tools, it is… (optional)",
        "When I use the AI tools, it is… (facultatif)",
        "  When I use   the AI tools,\n it is…  ",
    ],
)
def test_tools_decorations_are_dropped(header: str) -> None:
    assert clean(header) == "when i use the ai tools it is"


@pytest.mark.parametrize(
    "decorate",
    [
        lambda t: t,
        lambda t: f"[G01Q03] {t}",
        lambda t: f"G01Q03. {t}",
        lambda t: f"usage_depth. {t}",
        lambda t: f"{t}\nThink of a typical week.",  # Microsoft Forms: subtitle in the header cell
        lambda t: f"Section 2 – {t} (please tick one)",  # contains the whole text
        lambda t: t[:40],  # a tool that cuts long titles
    ],
)
def test_a_decorated_header_still_finds_its_question(
    staff: Model, models: list[Model], decorate: Any
) -> None:
    header = decorate(text(staff, "usage_depth"))
    shown = preview(models, table([header, "x"], [[option_label(staff, "usage_depth", 1), "y"]]), "en")
    assert column(shown, 0)["question"] == "usage_depth"
    assert column(shown, 0)["matched_cells"] == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_headers_and_cells_are_matched_in_every_language(
    leaders: Model, models: list[Model], lang: str
) -> None:
    qid = "trust_in_management"
    header = [text(leaders, qid, lang), text(leaders, "trust_non_use", lang)]
    rows = [
        [option_label(leaders, qid, i, lang), option_label(leaders, "trust_non_use", 0, "nl")]
        for i in range(3)
    ]
    shown = preview(models, table(header, rows), "fr")
    assert shown["assessment"] == "resistance"
    assert [column(shown, p)["question"] for p in (0, 1)] == [qid, "trust_non_use"]
    assert column(shown, 0)["matched_cells"] == 3
    labels = {q["id"]: q["label"] for q in shown["questions"]}
    assert labels[qid] == question(leaders, qid)["text"]["fr"]


def test_a_header_fitting_two_questions_is_never_guessed(staff: Model, models: list[Model]) -> None:
    both = f"{text(staff, 'governance_data')} / {text(staff, 'governance_tools')}"
    shown = preview(models, table([both, text(staff, "usage_depth")], [["a", "b"]]), "en")
    assert column(shown, 0)["status"] == "unmatched"
    assert "question" not in column(shown, 0)
    warning = next(w for w in shown["warnings"] if w["code"] == "survey.ambiguous_column")
    assert "governance_data" in warning["message"]
    assert "governance_tools" in warning["message"]


def test_a_short_header_is_not_a_prefix_match(staff: Model, models: list[Model]) -> None:
    shown = preview(models, table(["I know which", text(staff, "usage_depth")], [["a", "b"]]), "en")
    assert column(shown, 0)["status"] == "unmatched"


def test_two_columns_for_one_question_keep_the_exact_one(staff: Model, models: list[Model]) -> None:
    exact = text(staff, "usage_depth")
    shown = preview(models, table([f"Part 2: {exact} (tick one)", exact], [["a", "b"]]), "en")
    assert column(shown, 1)["question"] == "usage_depth"
    assert column(shown, 0)["status"] == "unmatched"
    assert any(w["code"] == "survey.duplicate_column" for w in shown["warnings"])


# --- cells ---------------------------------------------------------------------------------------


def test_cells_match_option_labels_in_any_language_and_option_ids(
    leaders: Model, models: list[Model]
) -> None:
    qid = "usage_weekly_share"
    cells = [
        option_label(leaders, qid, 0, "nl"),
        "  " + option_label(leaders, qid, 1, "fr").upper(),
        "minority",
    ]
    shown = preview(models, table([text(leaders, qid)], [[cell] for cell in [*cells, "", "Perhaps"]]), "en")
    entry = column(shown, 0)
    assert (entry["matched_cells"], entry["empty_cells"]) == (3, 1)
    assert entry["unmatched"] == [{"value": "Perhaps", "count": 1}]


def test_number_cells_are_read_as_people_type_them(leaders: Model, models: list[Model]) -> None:
    header = [text(leaders, "seats", "fr"), text(leaders, "expected_rate", "fr")]
    rows = [["1 200", "12,5"], ["1\u202f000", "60"], ["2000000", "150"], ["beaucoup", "-1"], ["12,5", ""]]
    shown = preview(models, table(header, rows), "fr")
    seats, rate = column(shown, 0), column(shown, 1)
    assert (seats["matched_cells"], rate["matched_cells"]) == (2, 2)
    assert {entry["value"] for entry in seats["unmatched"]} == {"2000000", "beaucoup", "12,5"}  # 12,5 people
    assert {entry["value"] for entry in rate["unmatched"]} == {"150", "-1"}
    found = to_codes(models, table(header, rows[:1]), "fr", None, DAY)
    assert found["codes"][0].split("~")[5] == "1200,,,12.5"


def test_multi_select_cells_are_reported_never_guessed(staff: Model, models: list[Model]) -> None:
    qid = "usage_frequency"  # its labels hold commas themselves ("never, or only when asked to")
    a, b, d = (option_label(staff, qid, i) for i in (0, 1, 3))
    cells = [f"{a}, {d}", f"{b};{a};", f"{d}, {a}", f"{a};", d, f"{d}, nonsense"]
    shown = preview(models, table([text(staff, qid)], [[cell] for cell in cells]), "en")
    entry = column(shown, 0)
    assert entry["matched_cells"] == 2  # "most days;" (one ticked box) and the plain label
    assert {e["value"] for e in entry["unmatched"]} == {
        f"{a}, {d}",
        f"{b};{a};",
        f"{d}, {a}",
        f"{d}, nonsense",
    }
    warning = next(w for w in shown["warnings"] if w["code"] == "survey.multi_select")
    assert "3 " in warning["message"]
    codes = to_codes(models, table([text(staff, qid)], [[cell] for cell in cells]), "en", None, DAY)
    assert codes["rows_used"] == 2
    assert len(codes["rows_skipped"]) == 4


def test_unmatched_values_are_clipped_and_counted(staff: Model, models: list[Model]) -> None:
    cells = [f"value {n % 13} " + "x" * 100 for n in range(60)] + ["rare"]
    shown = preview(models, table([text(staff, "usage_depth")], [[cell] for cell in cells]), "en")
    values = column(shown, 0)["unmatched"]
    assert len(values) == MAX_VALUES
    assert all(len(entry["value"]) <= MAX_VALUE for entry in values)
    assert values[0]["count"] == 5
    assert "rare" not in {entry["value"] for entry in values}


# --- identity, role, questionnaire ---------------------------------------------------------------

IDENTITY = {
    "ID": "17",
    "Start time": "11/23/26 9:00:00",
    "Completion time": "11/23/26 9:11:00",
    "Email": "jane.doe@example.org",
    "Name": "Jane Doe",
    "Last modified time": "11/23/26 9:12:00",
    "Horodateur": "23/11/2026 09:00:00",
    "Adresse e-mail": "jean@example.fr",
    "Tijdstempel": "23-11-2026 9:00:00",
    "E-mailadres": "jan@example.be",
    "Response ID": "4",
    "Date submitted": "2026-11-23 09:00:00",
    "Last page": "3",
    "Start language": "fr",
    "Seed": "839204",
    "IP address": "192.0.2.15",
    "Referrer URL": "https://intranet.example.org/",
    "token": "tok3n",
    "Serial": "1",
    "SID": "55",
    "Submitted": "23/11/2026",
    "Draft": "0",
    "UUID": "9f0d2c7e-1111-4a5b-9c3d-2e2f5a1b7c00",
    "submitdate": "2026-11-23",
}


def test_identity_columns_are_dropped_and_their_cells_never_returned(
    staff: Model, models: list[Model]
) -> None:
    header = [*IDENTITY, text(staff, "usage_depth")]
    rows = [[*IDENTITY.values(), option_label(staff, "usage_depth", n % 4)] for n in range(6)]
    found = to_codes(models, table(header, rows), "en", None, DAY)
    statuses = [c["status"] for c in found["preview"]["columns"]]
    assert statuses == ["identity"] * len(IDENTITY) + ["matched"]
    dumped = json.dumps(found, ensure_ascii=False)
    for value in IDENTITY.values():
        if len(value) > 2:
            assert value not in dumped
    assert any(w["code"] == "survey.identity_dropped" for w in found["preview"]["warnings"])


def test_an_identity_column_cannot_be_mapped_by_hand(staff: Model, models: list[Model]) -> None:
    header = ["Email", text(staff, "usage_depth")]
    with pytest.raises(AssessmentError) as caught:
        preview(models, table(header, [["a@b.c", "x"]]), "en", {0: "usage_depth"})
    assert caught.value.code == "survey.identity_override"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_role_question_is_recognised_in_every_language(
    leaders: Model, models: list[Model], lang: str
) -> None:
    role_header = catalogue(lang)["ui"]["team_role_label"]
    roles = [catalogue(lang)["labels"][role] for role in ("leadership", "manager", "staff")]
    header = [text(leaders, "trust_non_use", lang), role_header]
    rows = [[option_label(leaders, "trust_non_use", n % 3, lang), roles[n % 3]] for n in range(6)] + [
        ["", "Boss"]
    ]
    found = to_codes(models, table(header, rows), lang, None, DAY)
    role = column(found["preview"], 1)
    assert (role["status"], role["matched_cells"], role["unmatched"]) == (
        "role",
        6,
        [{"value": "Boss", "count": 1}],
    )
    assert [code.split("~")[2] for code in found["codes"]] == ["l", "m", "s"] * 2


def test_a_reworded_role_column_is_found_by_its_answers(staff: Model, models: list[Model]) -> None:
    roles = [str(r["label"]["fr"]) for r in staff["roles"]]
    header = [text(staff, "usage_depth", "fr"), "Votre situation"]
    rows = [[option_label(staff, "usage_depth", n % 4, "fr"), roles[n % 2]] for n in range(6)]
    found = to_codes(models, table(header, rows), "fr", None, DAY)
    assert column(found["preview"], 1)["status"] == "role"
    assert {code.split("~")[3] for code in found["codes"]} == {"s", "m"}


def test_the_questionnaire_matching_most_columns_is_chosen(
    leaders: Model, staff: Model, models: list[Model]
) -> None:
    # "benefit_time_saved" exists in both; the pulse's text of it and two pulse-only questions win.
    header = [text(staff, "benefit_time_saved"), text(staff, "usage_depth"), text(leaders, "trust_non_use")]
    shown = preview(models, table(header, [["a", "b", "c"]]), "en")
    assert (shown["assessment"], shown["model_version"]) == ("pulse", staff["version"])
    assert column(shown, 2)["status"] == "unmatched"
    by_hand = preview(models, table(header, [["a", "b", "c"]]), "en", {2: "trust_non_use"})
    assert by_hand["assessment"] == "resistance"


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (["Name", "Favourite colour", "Comments"], "survey.no_questions"),
        (
            ["Report Refresh Date", "User Principal Name", "Last activity date of Copilot"],
            "survey.usage_report",
        ),
    ],
)
def test_a_file_of_another_kind_is_named(models: list[Model], header: list[str], code: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        preview(models, table(header, [["a", "b", "c"]]), "nl")
    assert caught.value.code == code
    assert caught.value.message("nl").startswith("export.csv: ")


# --- corrections by hand -------------------------------------------------------------------------


def test_overrides_set_ignore_and_move_columns(staff: Model, models: list[Model]) -> None:
    header = [text(staff, "usage_depth"), "My own wording of the help question", "Comments"]
    rows = [[option_label(staff, "usage_depth", 0), option_label(staff, "enablement_help", 1), "free text"]]
    shown = preview(models, table(header, rows), "en", {1: "enablement_help", 2: None})
    assert column(shown, 1)["question"] == "enablement_help"
    assert column(shown, 1)["matched_cells"] == 1
    assert column(shown, 2)["status"] == "ignored"
    moved = preview(models, table(header, rows), "en", {1: "usage_depth"})
    assert column(moved, 0)["status"] == "unmatched"
    assert column(moved, 1)["question"] == "usage_depth"
    assert next(q for q in moved["questions"] if q["id"] == "usage_depth")["column"] == 1


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({9: "usage_depth"}, "survey.bad_column"),
        ({-1: None}, "survey.bad_column"),
        ({0: "no_such"}, "survey.bad_question"),
    ],
)
def test_bad_overrides_are_named(
    staff: Model, models: list[Model], overrides: dict[int, str | None], code: str
) -> None:
    with pytest.raises(AssessmentError) as caught:
        preview(models, table([text(staff, "usage_depth")], [["a"]]), "en", overrides)
    assert caught.value.code == code


# --- codes ---------------------------------------------------------------------------------------


def test_rows_become_codes_with_the_pages_day_and_skipped_rows_are_said(
    staff: Model, models: list[Model]
) -> None:
    header = ["Timestamp", text(staff, "usage_depth"), text(staff, "usage_frequency")]
    rows = [["2025/01/01", option_label(staff, "usage_depth", n % 4), ""] for n in range(5)]
    rows.insert(2, ["2025/01/01", "?", ""])
    found = to_codes(models, table(header, rows), "en", None, DAY)
    assert found["rows_used"] == 5
    assert all(code.startswith("p1~pulse~") and "~20261202~" in code for code in found["codes"])
    assert found["rows_skipped"] == [
        {"row": 4, "code": "survey.row_no_answer", "reason": "no answer matched a question in this row"}
    ]
    with pytest.raises(AssessmentError) as caught:
        to_codes(models, table(header, rows), "en", None, "2026-02-30")
    assert caught.value.code == "team.bad_day"


def test_the_same_export_imported_twice_still_needs_five_people(leaders: Model, models: list[Model]) -> None:
    qids = ["trust_non_use", "trust_in_management", "usage_spread"]
    rows = [
        [option_label(leaders, qid, index) for qid, index in zip(qids, (n % 3, n // 3, 0), strict=True)]
        for n in range(MIN_RESPONSES - 1)
    ]
    export = table([text(leaders, qid) for qid in qids], rows)
    codes = to_codes(models, export, "en", None, DAY)["codes"]
    twice = aggregate(leaders, codes + to_codes(models, export, "en", None, DAY)["codes"], "en")
    assert (twice["received"], twice["valid"], twice["status"]) == (2 * len(rows), len(rows), "too_few")
    assert len(twice["duplicates"]) == len(rows)
    assert "index" not in twice


# --- anything a table may hold -------------------------------------------------------------------

MODELS = [resistance(), pulse()]
PIECES = [
    text(MODELS[1], "usage_depth"),
    text(MODELS[0], "seats", "fr"),
    "Email",
    "Timestamp",
    "Votre groupe",
]
CELLS = [
    option_label(MODELS[1], "usage_depth", 0),
    "most days;never, or only when asked to",
    "1 200",
    "Y",
    "Staff",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), min_size=1, max_size=6).flatmap(
        lambda header: st.tuples(
            st.just(header),
            st.lists(
                st.lists(
                    st.one_of(st.sampled_from(CELLS), st.text(max_size=20)),
                    min_size=len(header),
                    max_size=len(header),
                ),
                min_size=1,
                max_size=6,
            ),
            st.dictionaries(
                st.integers(-1, 7),
                st.one_of(st.none(), st.sampled_from(["role", "usage_depth", "seats", "x"])),
            ),
        )
    )
)
def test_any_table_gives_a_preview_or_a_named_error(
    case: tuple[list[str], list[list[str]], dict[int, Any]],
) -> None:
    header, rows, overrides = case
    try:
        found = to_codes(MODELS, table(header, rows), "nl", overrides, DAY)
    except AssessmentError as error:
        problem = error
    else:
        assert found["rows_used"] + len(found["rows_skipped"]) == len(rows)
        assert len(found["preview"]["columns"]) == len(header)
        return
    assert problem.code.startswith("survey.")

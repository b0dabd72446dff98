"""Browser layer (#13): a facilitator brings a survey tool's responses export to the team or workshop
page, checks the preview, sets a column by hand, and sees the pooled result.

The exports are written here, in tmp_path, from the questionnaires' own texts in the page's language
(question texts as headers, option labels as cells, the role question worded as the survey kit words
it), with identity columns named as the tools name them.
"""

from __future__ import annotations

import base64
import csv
import io
import random
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from assessments import default_model_path
from assessments.errors import AssessmentError
from assessments.pulse import load_pulse
from assessments.team import aggregate
from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import ENGINE_TIMEOUT, model, run_axe, tab_until
from tests.browser.conftest import Traffic
from tests.browser.test_pulse import leader_codes
from tests.languages import LANGUAGES, lang_root, one_language

pytestmark = pytest.mark.browser
LANGS = LANGUAGES
# Identity columns as the tools name them in each language (Google Forms CSV; Microsoft Forms .xlsx).
GOOGLE_IDENTITY = {
    "en": ["Timestamp", "Email Address"],
    "fr": ["Horodateur", "Adresse e-mail"],
    "nl": ["Tijdstempel", "E-mailadres"],
}
FORMS_IDENTITY = ["ID", "Start time", "Completion time", "Email", "Name"]
ROLES = ("leadership", "manager", "staff")

Table = tuple[list[str], list[list[str]]]


@cache
def pulse() -> dict[str, Any]:
    return load_pulse(default_model_path("pulse"))


def choice_questions(questionnaire: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for q in questionnaire["questions"] if q["kind"] == "choice"]


def leaders_export(lang: str, count: int, seed: int = 5) -> tuple[Table, list[dict[str, str]]]:
    """Leaders who answered in a survey tool: random options (deterministic), a role for most.
    Returns the table and each row's answers (option ids), to compute the expected result."""
    s = load_ui_strings(lang)
    rng = random.Random(seed)
    questions = choice_questions(model())
    identity = GOOGLE_IDENTITY.get(lang, GOOGLE_IDENTITY["en"])
    header = [*identity, *(q["text"][lang] for q in questions), s["team_role_label"]]
    rows, answers = [], []
    for n in range(count):
        chosen = {q["id"]: rng.choice(q["options"]) for q in questions}
        role = ROLES[n % 3] if n % 4 else ""
        cells = [f"2026/11/{10 + n % 18} 09:{n % 60:02d}:00", f"person{n}@example.org"]
        rows.append(
            [*cells, *(chosen[q["id"]]["label"][lang] for q in questions), s[f"label_{role}"] if role else ""]
        )
        answers.append({qid: option["id"] for qid, option in chosen.items()})
    return (header, rows), answers


def pulse_export(lang: str, count: int) -> Table:
    """Staff who answered the pulse in a survey tool; the first two questions vary, so no two rows match."""
    s = load_ui_strings(lang)
    questions = choice_questions(pulse())
    header = [*GOOGLE_IDENTITY.get(lang, GOOGLE_IDENTITY["en"]), *(q["text"][lang] for q in questions)]
    header.append(s["pulse_role_label"])
    staff = next(r for r in pulse()["roles"] if r["id"] == "staff")["label"][lang]
    rows = []
    for n in range(count):
        picked = [q["options"][-2] for q in questions]  # the last option before "don't know"
        picked[0], picked[1] = questions[0]["options"][n % 4], questions[1]["options"][(n // 4) % 4]
        rows.append(
            ["2026/11/20 10:00:00", f"agent{n}@example.org", *(o["label"][lang] for o in picked), staff]
        )
    return header, rows


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([table[0], *table[1]])
    return out.getvalue().encode("utf-8")


def write_xlsx(path: Path, table: Table) -> Path:
    """A Microsoft Forms-style workbook (shared strings, as Excel writes them)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    for r, row in enumerate([table[0], *table[1]]):
        for c, cell in enumerate(row):
            sheet.write_string(r, c, cell)
    book.close()
    return path


def forms_table(table: Table, lang: str) -> Table:
    """The same answers under Microsoft Forms' identity columns (its .xlsx export)."""
    header, rows = table
    skip = len(GOOGLE_IDENTITY.get(lang, GOOGLE_IDENTITY["en"]))
    forms_rows = [
        [
            str(n + 1),
            "11/20/26 10:00:00",
            "11/20/26 10:04:00",
            f"person{n}@example.org",
            f"Person {n}",
            *row[skip:],
        ]
        for n, row in enumerate(rows)
    ]
    return [*FORMS_IDENTITY, *header[skip:]], forms_rows


def open_page(page: Page, site_url: str, lang: str, slug: str) -> dict[str, str]:
    page.goto(f"{site_url}{lang_root(lang)}{slug}/")
    return load_ui_strings(lang)


def choose_file(page: Page, s: dict[str, str], path: Path) -> None:
    """Open the export with the labelled file input (what a keyboard user does)."""
    page.get_by_label(s["survey_file_label"]).set_input_files(str(path))


def drop_file(page: Page, s: dict[str, str], name: str, data: bytes) -> None:
    """Drop a file on the drop zone, as a mouse user does (the event carries a real File)."""
    transfer = page.evaluate_handle(
        """([b64, name]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: "text/csv" }));
            return transfer;
        }""",
        [base64.b64encode(data).decode("ascii"), name],
    )
    page.get_by_text(s["survey_drop_hint"]).dispatch_event("drop", {"dataTransfer": transfer})


def wait_for_preview(page: Page, s: dict[str, str], name: str) -> None:
    title = page.get_by_role("heading", name=s["survey_preview_title"].format(name=name))
    expect(title).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(title).to_be_focused()


def add_button(page: Page, s: dict[str, str], count: int) -> Any:
    return page.get_by_role("button", name=s["survey_add"].format(count=count))


def column_row(page: Page, header: str) -> Any:
    return page.locator("#survey-preview tbody tr").filter(
        has=page.get_by_role("rowheader", name=header, exact=True)
    )


def expected_index(answers: Sequence[dict[str, str]], lang: str) -> str:
    """The team index CPython computes from the same answers (role and day do not change it)."""
    from assessments.team import encode_team_code

    codes = [encode_team_code(model(), a, None, "2026-12-02") for a in answers]
    return str(int(aggregate(model(), codes, lang)["index"] + 0.5))  # as Math.round in the page


def assert_clean(page: Page, traffic: Traffic) -> None:
    assert not traffic.foreign(), f"requests to another origin: {traffic.foreign()}"
    assert not traffic.console_errors, traffic.console_errors
    assert page.evaluate("() => window.__cspViolations ?? []") == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_google_forms_csv_dropped_on_the_team_page_is_previewed_and_pooled(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    s = open_page(page, site_url, lang, "team")
    (header, rows), answers = leaders_export(lang, 12)
    drop_file(page, s, "responses.csv", csv_bytes((header, rows)))
    wait_for_preview(page, s, "responses.csv")
    preview = page.locator("#survey-preview")
    expect(preview).to_contain_text(s["survey_format_csv"])
    expect(preview).to_contain_text(s["survey_questionnaire_resistance"])
    expect(
        page.get_by_role("table", name=s["survey_table_caption"].format(name="responses.csv"))
    ).to_be_visible()
    # Identity columns: the header is listed as dropped; no value of theirs reaches the page.
    expect(column_row(page, header[1])).to_contain_text(s["survey_status_identity"])
    expect(page.locator("body")).not_to_contain_text("@example.org")
    # A header worded as the question: its status gives the question's number (the select its text).
    expect(column_row(page, header[2])).to_contain_text(s["survey_status_matched"].format(question="1"))
    expect(page.get_by_label(header[2], exact=True)).to_have_value(choice_questions(model())[0]["id"])
    assert run_axe(page) == []
    add_button(page, s, 12).click()
    expect(page.locator(".result__index-value")).to_have_text(
        expected_index(answers, lang), timeout=ENGINE_TIMEOUT
    )
    expect(page.locator(".team__counts")).to_contain_text("12")
    sources = page.locator("#survey-sources")
    expect(sources).to_contain_text(s["survey_source_item"].format(name="responses.csv", count=12))
    # Removing the export updates the result shown: no codes are left, so nothing is shown.
    page.get_by_role("button", name=s["survey_remove_label"].format(name="responses.csv")).click()
    expect(page.locator(".team__too-few")).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(sources).to_be_hidden()
    assert_clean(page, traffic)


@pytest.mark.parametrize("lang", LANGS)
def test_a_microsoft_forms_xlsx_opened_on_the_team_page_is_pooled(
    page: Page, traffic: Traffic, site_url: str, lang: str, tmp_path: Path
) -> None:
    s = open_page(page, site_url, lang, "team")
    table, answers = leaders_export(lang, 8, seed=11)
    path = write_xlsx(tmp_path / "Team survey.xlsx", forms_table(table, lang))
    choose_file(page, s, path)
    wait_for_preview(page, s, path.name)
    expect(page.locator("#survey-preview")).to_contain_text(s["survey_format_xlsx"])
    expect(column_row(page, "Email")).to_contain_text(s["survey_status_identity"])
    expect(page.locator("body")).not_to_contain_text("@example.org")
    add_button(page, s, 8).click()
    expect(page.locator(".result__index-value")).to_have_text(
        expected_index(answers, lang), timeout=ENGINE_TIMEOUT
    )
    assert_clean(page, traffic)


@pytest.mark.parametrize("lang", LANGS)
def test_a_column_the_reader_did_not_recognise_is_set_by_hand(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    s = open_page(page, site_url, lang, "team")
    (header, rows), answers = leaders_export(lang, 6, seed=2)
    question = choice_questions(model())[3]
    position = header.index(question["text"][lang])
    header[position] = "Q4bis"  # renamed in the survey tool: matches nothing
    path = tmp_path / "renamed.csv"
    path.write_bytes(csv_bytes((header, rows)))
    # Keyboard alone: Tab reaches the file input (a native one: Enter or Space opens the chooser,
    # which a headless browser does not reliably raise, so the file is set on the focused input).
    tab_until(page, "#survey-file")
    page.locator("input[type=file]:focus").set_input_files(str(path))
    wait_for_preview(page, s, "renamed.csv")
    row = column_row(page, "Q4bis")
    expect(row).to_contain_text(s["survey_status_unmatched"])
    # The select is named by the column's header; its options are numbered as the questions are.
    number = [q["id"] for q in model()["questions"]].index(question["id"]) + 1
    numbered = f"{number}. {question['text'][lang]}"
    page.get_by_label("Q4bis", exact=True).select_option(label=numbered)
    # A header worded otherwise: the status names the question it is now read as.
    expect(row).to_contain_text(s["survey_status_matched"].format(question=numbered))
    expect(page.locator("#survey-status")).to_have_text(s["survey_updated"].format(count=6))
    expect(page.get_by_label("Q4bis", exact=True)).to_be_focused()
    add_button(page, s, 6).click()
    expect(page.locator(".result__index-value")).to_have_text(
        expected_index(answers, lang), timeout=ENGINE_TIMEOUT
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_pulse_export_on_the_workshop_page_sits_beside_leaders_codes(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    s = open_page(page, site_url, lang, "workshop")
    page.get_by_label(s["workshop_codes_label"]).fill("\n".join(leader_codes(5)))
    drop_file(page, s, "pulse.csv", csv_bytes(pulse_export(lang, 6)))
    wait_for_preview(page, s, "pulse.csv")
    expect(page.locator("#survey-preview")).to_contain_text(s["survey_questionnaire_pulse"])
    expect(add_button(page, s, 6)).to_be_enabled(timeout=ENGINE_TIMEOUT)
    assert run_axe(page) == []
    add_button(page, s, 6).click()
    result = page.locator("#workshop-result")
    expect(result.get_by_role("heading", name=s["workshop_gap_title"])).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(page.locator("#workshop-count")).to_have_text(s["workshop_count"].format(pulse=6, leaders=5))
    assert_clean(page, traffic)


@pytest.mark.parametrize("lang", LANGS)
def test_bad_files_are_refused_with_a_sentence_naming_them(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    s = open_page(page, site_url, lang, "team")
    alert = page.locator("#survey-messages[role=alert]")
    # An empty file: the engine's message, in the page's language, naming the file.
    drop_file(page, s, "empty.csv", b"")
    expect(alert).to_have_text(
        AssessmentError("survey.empty").at("empty.csv").message(lang), timeout=ENGINE_TIMEOUT
    )
    # A staff pulse export belongs on the workshop page, which the message links to.
    drop_file(page, s, "pulse.csv", csv_bytes(pulse_export(lang, 5)))
    expect(alert).to_contain_text(s["survey_pulse_on_team"].format(name="pulse.csv"), timeout=ENGINE_TIMEOUT)
    link = alert.get_by_role("link", name=s["survey_workshop_link"])
    expect(link).to_have_attribute("href", re.compile(rf"{lang_root(lang)}workshop/$"))
    # The same export twice (another name, same bytes): refused, so nobody counts twice.
    (table, _) = leaders_export(lang, 5)
    drop_file(page, s, "first.csv", csv_bytes(table))
    wait_for_preview(page, s, "first.csv")
    add_button(page, s, 5).click()
    expect(page.locator("#survey-sources")).to_be_visible()
    drop_file(page, s, "again.csv", csv_bytes(table))
    expect(alert).to_have_text(s["survey_duplicate"].format(name="again.csv", previous="first.csv"))


@pytest.mark.parametrize("lang", one_language("survey-too-large"))
def test_an_export_over_the_limit_is_refused_before_it_is_read(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    from assessments.survey_table import MAX_BYTES

    s = open_page(page, site_url, lang, "team")
    big = tmp_path / "huge.csv"
    with big.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    choose_file(page, s, big)
    alert = page.locator("#survey-messages[role=alert]")
    expect(alert).to_contain_text(s["survey_too_large"].split("{size}")[0].format(name="huge.csv"))
    expect(page.locator("#survey-status")).to_have_text("")

"""Browser layer: an AI usage report opened or dropped on the assessment page fills the usage figures,
marks them in words, shows a summary, and names a wrong file, in every language; nothing is
requested from another origin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.assessment_helpers import ENGINE_TIMEOUT, model, open_assessment, questions, run_axe
from tests.browser.conftest import Traffic
from tests.browser.test_assessment import assert_clean
from tests.languages import LANGUAGES, one_language, ui

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "usage"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def figure_fields(page: Page, lang: str) -> dict[str, Locator]:
    """The number inputs for the seat, 30-day and weekly figures, found by their question text."""
    roles = model()["adoption"]["figures"]
    return {
        role: page.get_by_label(questions(lang)[roles[role]]["text"], exact=True)
        for role in ("seats", "active", "weekly")
    }


def expect_filled(page: Page, lang: str, seats: int, active: int, weekly: int) -> None:
    fields = figure_fields(page, lang)
    for role, value in {"seats": seats, "active": active, "weekly": weekly}.items():
        expect(fields[role]).to_have_value(str(value), timeout=ENGINE_TIMEOUT)
    expect(page.get_by_text(ui(lang)["usage_filled"], exact=True)).to_have_count(3)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_usage_report_fills_the_figures_after_a_wrong_file_is_named(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    s = ui(lang)
    open_assessment(page, site_url, lang)
    chooser = page.get_by_label(s["usage_label"], exact=True)
    chooser.set_input_files(str(FIXTURES / "survey-export.csv"))
    alert = page.locator("#usage-fill").get_by_role("alert")
    expect(alert).to_contain_text("survey-export.csv", timeout=ENGINE_TIMEOUT)
    expect(alert).to_contain_text("User Principal Name")
    for field in figure_fields(page, lang).values():
        expect(field).to_have_value("")

    chooser.set_input_files(str(FIXTURES / "m365-copilot-usage.csv"))
    copilot = EXPECTED["copilot"]
    expect_filled(page, lang, copilot["people"], copilot["active_30d"], copilot["active_7d"])
    expect(alert).to_have_count(0)  # the error went with the file that caused it
    summary = page.get_by_role("region", name=s["usage_summary_title"])
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(s["usage_kind_m365_copilot"])
    expect(summary).to_contain_text(s["usage_weekly_note"])
    apps = summary.get_by_role("table", name=s["usage_apps_caption"])
    word = apps.get_by_role("row", name="Word", exact=False)
    expect(word.get_by_role("cell")).to_have_text(
        [str(EXPECTED["copilot"]["apps"]["Word"][key]) for key in ("active_30d", "active_7d")]
    )
    expect(page.get_by_role("status").filter(has_text="m365-copilot-usage.csv")).to_have_count(1)
    assert_clean(traffic, page)


@pytest.mark.parametrize("lang", one_language("usage-drop"))
def test_a_dropped_report_with_concealed_names_fills_the_figures_and_an_edit_drops_the_mark(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    s = ui(lang)
    open_assessment(page, site_url, lang)
    data = list((FIXTURES / "m365-copilot-admin-labels-semicolon-cp1252.csv").read_bytes())
    transfer = page.evaluate_handle(
        """(bytes) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], "copilot.csv", { type: "text/csv" }));
            return transfer;
        }""",
        data,
    )
    page.locator("#usage-fill").dispatch_event("drop", {"dataTransfer": transfer})
    copilot = EXPECTED["copilot"]
    expect_filled(page, lang, copilot["people"], copilot["active_30d"], copilot["active_7d"])
    departments = page.get_by_role("table", name=s["usage_departments_caption"])
    expect(departments.get_by_role("row", name=s["usage_other_departments"])).to_have_count(1)
    expect(departments.get_by_role("row", name="Legal")).to_have_count(0)  # two people: never named

    weekly = figure_fields(page, lang)["weekly"]
    weekly.fill("9")
    expect(page.get_by_text(s["usage_filled"], exact=True)).to_have_count(2)
    assert run_axe(page) == []
    assert_clean(traffic, page)


@pytest.mark.parametrize("lang", one_language("usage-chat"))
def test_a_copilot_chat_report_leaves_the_seat_count_to_the_person(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    s = ui(lang)
    open_assessment(page, site_url, lang)
    page.get_by_label(s["usage_label"], exact=True).set_input_files(str(FIXTURES / "copilot-chat-usage.csv"))
    fields = figure_fields(page, lang)
    expect(fields["active"]).to_have_value(str(EXPECTED["chat"]["active_30d"]), timeout=ENGINE_TIMEOUT)
    expect(fields["seats"]).to_have_value("")
    expect(page.get_by_text(s["usage_no_seats"], exact=True)).to_be_visible()
    expect(page.get_by_text(s["usage_concealed"], exact=True)).to_be_visible()
    assert_clean(traffic, page)


@pytest.mark.parametrize("lang", one_language("usage-too-large"))
def test_a_file_over_the_limit_is_refused_before_it_is_read(page: Page, site_url: str, lang: str) -> None:
    open_assessment(page, site_url, lang)
    box = page.locator("#usage-fill")
    limit = int(box.get_attribute("data-max-bytes") or 0)
    transfer = page.evaluate_handle(
        """(size) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(size)], "huge.csv", { type: "text/csv" }));
            return transfer;
        }""",
        limit + 1,
    )
    box.dispatch_event("drop", {"dataTransfer": transfer})
    alert = box.get_by_role("alert")
    expect(alert).to_contain_text("huge.csv")
    expect(alert).to_contain_text(box.get_attribute("data-limit") or "?")
    expect(figure_fields(page, lang)["seats"]).to_have_value("")

"""Browser layer (#18): staff answer the pulse, the facilitator pools pulse and leaders' codes on the
workshop page, sees the gap, and presents it with the keyboard alone."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from assessments import default_model_path
from assessments.languages import languages
from assessments.pulse import encode_pulse_code, load_pulse
from assessments.team import encode_team_code
from macros.pulse_page import strings
from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import ENGINE_TIMEOUT, model, run_axe

pytestmark = pytest.mark.browser
LANGS = list(languages())
DAY = "2026-12-02"


def root(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


@cache
def pulse() -> dict[str, Any]:
    return load_pulse(default_model_path("pulse"))


def pulse_codes(options: str, role: str | None = "staff") -> list[str]:
    """One code per letter; the first two questions vary so that no two answer sets are identical."""
    codes = []
    for n, option in enumerate(options):
        answers = {q["id"]: option for q in pulse()["questions"]}
        answers[pulse()["questions"][0]["id"]] = "abcd"[n % 4]
        answers[pulse()["questions"][1]["id"]] = "abcd"[(n // 4) % 4]
        codes.append(encode_pulse_code(pulse(), answers, role, DAY))
    return codes


def leader_codes(count: int) -> list[str]:
    """Leaders who see no resistance at all (the most favourable option everywhere but the first)."""
    choices = [q for q in model()["questions"] if q["kind"] == "choice"]
    codes = []
    for n in range(count):
        answers = {q["id"]: q["options"][0]["id"] for q in choices}
        answers[choices[0]["id"]] = choices[0]["options"][n % 4]["id"]
        answers[choices[1]["id"]] = choices[1]["options"][(n // 4) % 4]["id"]
        codes.append(encode_team_code(model(), answers, "leadership", DAY))
    return codes


def answer_pulse(page: Page, lang: str, option: str, first: str) -> None:
    """Answer every question by its visible wording: `option` everywhere, `first` for question 1."""
    for position, question in enumerate(pulse()["questions"]):
        chosen = first if position == 0 else option
        label = next(o["label"][lang] for o in question["options"] if o["id"] == chosen)
        group = page.get_by_role("group", name=question["text"][lang], exact=False)
        group.get_by_role("radio", name=label, exact=True).check()


def pool(page: Page, site_url: str, lang: str, codes: list[str]) -> None:
    s = strings(lang)
    page.goto(f"{site_url}{root(lang)}workshop/")
    page.get_by_label(s["workshop_codes_label"]).fill("\n".join(codes))
    page.get_by_role("button", name=s["workshop_submit"]).click()
    expect(page.locator("#workshop-result")).to_be_visible(timeout=ENGINE_TIMEOUT)


@pytest.mark.parametrize("lang", LANGS)
def test_five_staff_answer_the_pulse_and_the_gap_is_shown(page: Page, site_url: str, lang: str) -> None:
    s = strings(lang)
    page.goto(f"{site_url}{root(lang)}pulse/")
    codes = []
    for first in "abcdb":  # five people; the fifth differs from the second in its other answers
        answer_pulse(page, lang, "d" if len(codes) < 4 else "c", first)
        page.get_by_role("button", name=load_ui_strings(lang)["form_submit"]).click()
        expect(page.locator("#pulse-result-title")).to_be_visible(timeout=ENGINE_TIMEOUT)
        expect(page.locator(".pulse-asks li").first).to_be_visible()  # what to ask the manager for
        page.get_by_label(s["pulse_role_label"]).select_option("staff")
        page.get_by_role("button", name=s["pulse_code_create"]).click()
        code = page.get_by_label(s["pulse_code_label"], exact=True)
        expect(code).to_have_value(re.compile(r"^p1~pulse~"))
        # The same code as a QR code for the facilitator's camera, drawn by the kept encoder.
        expect(page.get_by_role("img", name=s["pulse_code_qr_label"])).to_be_visible()
        codes.append(code.input_value())
        if len(codes) == 1:
            assert run_axe(page) == []  # the form, the result and the code, as a participant sees them
    assert len(set(codes)) == 5
    pool(page, site_url, lang, [*codes, *leader_codes(5)])
    gap_table = page.locator("#workshop-result table").first
    expect(gap_table).to_be_visible()
    # Staff see the strongest signs and leaders none: the first row is the largest gap, positive.
    first_row = gap_table.locator("tbody tr").first
    expect(first_row.locator("td").last).to_have_text(re.compile(r"^\+\d+$"))
    expect(first_row.get_by_role("link")).to_have_attribute("href", re.compile(r"#[a-z-]+$"))


@pytest.mark.parametrize("lang", LANGS)
def test_four_codes_show_nothing_but_the_rule(page: Page, site_url: str, lang: str) -> None:
    pool(page, site_url, lang, [*pulse_codes("dddd"), *leader_codes(6)])
    expect(page.locator("#workshop-rule")).to_contain_text(
        strings(lang)["workshop_rule"].split("{")[0].strip()
    )
    expect(page.locator("#workshop-result table")).to_have_count(0)


@pytest.mark.parametrize("lang", LANGS)
def test_a_role_group_of_four_is_hidden(page: Page, site_url: str, lang: str) -> None:
    s = strings(lang)
    pool(page, site_url, lang, [*pulse_codes("abcdabcdab"), *pulse_codes("dcba", "manager")])
    managers = page.locator("#workshop-result li", has_text=s["workshop_role_manager"])
    expect(managers).to_have_text(re.compile(re.escape(s["workshop_fewer"].format(minimum=5)) + "$"))
    expect(page.locator("#workshop-result li", has_text=s["workshop_role_staff"])).to_contain_text("10")


@pytest.mark.parametrize("lang", LANGS)
def test_the_presenter_view_works_with_the_keyboard_alone(page: Page, site_url: str, lang: str) -> None:
    s = strings(lang)
    page.goto(f"{site_url}{root(lang)}workshop/")
    expect(page.locator(".presenter__qr svg")).to_be_visible()  # drawn at build time
    expect(page.locator(".presenter__qr figcaption")).to_contain_text(f"{root(lang)}pulse/")
    page.get_by_label(s["workshop_codes_label"]).fill("\n".join([*pulse_codes("ddddd"), *leader_codes(5)]))
    page.keyboard.press("Tab")  # leaves the text area: the count follows the codes
    expect(page.locator("#workshop-count")).to_contain_text("5", timeout=ENGINE_TIMEOUT)
    page.get_by_role("button", name=s["workshop_submit"]).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#workshop-result-title")).to_be_focused(timeout=ENGINE_TIMEOUT)
    largest = page.locator("#workshop-result table").first.locator("tbody tr th").first.inner_text()
    page.keyboard.press("ArrowRight")
    slide = page.locator(".presenter__slide:visible")
    expect(slide.locator(".presenter__title")).to_have_text(largest)
    expect(slide.locator(".presenter__prompts li")).to_have_count(3)
    page.keyboard.press("PageDown")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(".presenter__slide:visible .presenter__title")).to_have_text(largest)
    page.keyboard.press("PageUp")
    expect(page.locator(".presenter__slide:visible .presenter__qr")).to_be_visible()
    page.keyboard.press("ArrowRight")
    assert run_axe(page) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_pulse_code_on_the_team_page_is_refused_with_its_reason(
    page: Page, site_url: str, lang: str
) -> None:
    ui = load_ui_strings(lang)
    page.goto(f"{site_url}{root(lang)}team/")
    page.get_by_label(ui["team_input_label"]).fill("\n".join(pulse_codes("abcde"[:1])))
    page.get_by_role("button", name=ui["team_submit"]).click()
    rejected = page.locator(".team__rejected")
    expect(rejected).to_be_visible(timeout=ENGINE_TIMEOUT)
    rejected.locator("summary").click()
    expect(rejected).to_contain_text("p1~pulse~")


@pytest.mark.parametrize("lang", LANGS)
def test_the_reminder_is_an_ics_file_made_in_the_browser(page: Page, site_url: str, lang: str) -> None:
    s = strings(lang)
    pool(page, site_url, lang, [*pulse_codes("ddddd"), *leader_codes(5)])
    with page.expect_download() as download:
        page.get_by_role("button", name=s["workshop_export_ics"]).click()
    text = Path(download.value.path()).read_bytes().decode("utf-8")  # CRLF kept (RFC 5545)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:" in text
    assert text.rstrip().endswith("END:VCALENDAR")


@pytest.mark.parametrize("lang", LANGS)
def test_without_a_qr_reader_the_camera_button_says_to_paste(page: Page, site_url: str, lang: str) -> None:
    s = strings(lang)
    page.add_init_script("delete window.BarcodeDetector")
    page.goto(f"{site_url}{root(lang)}workshop/")
    page.get_by_role("button", name=s["workshop_camera_start"]).click()
    expect(page.locator("#workshop-camera-status")).to_have_text(s["workshop_camera_unavailable"])
    expect(page.locator("#workshop-camera-video")).to_be_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_the_works_council_summary_is_one_printable_section(page: Page, site_url: str, lang: str) -> None:
    s = strings(lang)
    page.add_init_script("window.print = () => { document.body.dataset.printed = document.body.className; }")
    pool(page, site_url, lang, [*pulse_codes("ddddd"), *leader_codes(5)])
    page.get_by_role("button", name=s["workshop_export_summary"]).click()
    summary = page.locator("#works-council-summary")
    expect(summary).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(summary.get_by_role("heading", name=s["workshop_summary_title"])).to_be_visible()
    # The gap table, largest first, and blank lines for the actions agreed.
    expect(summary.get_by_role("table")).to_be_visible()
    expect(summary.get_by_role("heading", name=s["workshop_summary_actions"])).to_be_visible()
    expect(summary.locator(".works-council-summary__blank")).to_have_count(3)
    expect(page.locator("body")).to_have_attribute("data-printed", re.compile("print-summary"))

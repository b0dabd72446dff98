"""Browser layer: team mode (anonymous codes pooled in the facilitator's browser) and progress over time."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.team import decode_team_code, encode_team_code
from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    answer_set,
    exported_json,
    fill_by_labels,
    model,
    open_assessment,
    questions,
    run_axe,
    wait_for_result,
)
from tests.browser.conftest import Traffic
from tests.engine.fixtures.team.generate import tamper, team_codes
from tests.languages import LANGUAGES, lang_root, one_language

pytestmark = pytest.mark.browser
LANGS = LANGUAGES
TEAM_PAGES = {lang: f"{lang_root(lang)}team/" for lang in LANGUAGES}


def pool(page: Page, site_url: str, lang: str, codes: list[str]) -> None:
    page.goto(site_url + TEAM_PAGES[lang])
    page.get_by_label(load_ui_strings(lang)["team_input_label"]).fill("\n".join(codes))
    page.get_by_role("button", name=load_ui_strings(lang)["team_submit"]).click()
    expect(page.locator("#team-result")).to_be_visible(timeout=ENGINE_TIMEOUT)


def random_codes(count: int, seed: int = 7) -> list[str]:
    """Distinct, valid codes for respondents answering at random (deterministic)."""
    rng = random.Random(seed)
    choices = [q for q in questions("en").values() if q["kind"] == "choice"]
    codes = set()
    while len(codes) < count:
        answers = {q["id"]: rng.choice(q["options"])["id"] for q in choices}
        codes.add(
            encode_team_code(
                model(), answers, rng.choice(["leadership", "manager", "staff", None]), "2026-11-22"
            )
        )
    return sorted(codes)


@pytest.mark.parametrize("lang", one_language("four-codes-show-nothing"))
def test_four_codes_show_nothing_but_the_count(page: Page, site_url: str, lang: str) -> None:
    pool(page, site_url, lang, team_codes(model(), 4))
    too_few = load_ui_strings(lang)["team_too_few"].split("{")[0]
    expect(page.locator(".team__too-few")).to_contain_text(too_few)
    expect(page.locator("#team-result table")).to_have_count(0)
    expect(page.locator("#team-result .result__index")).to_have_count(0)


@pytest.mark.parametrize("lang", LANGS)
def test_six_codes_show_the_team_result_without_small_groups(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    s = load_ui_strings(lang)
    codes = team_codes(model(), 6)
    pool(page, site_url, lang, [*codes, tamper(codes[0]), codes[1]])
    expect(page.locator(".team__counts")).to_contain_text("6")
    expect(page.locator(".result__index-value")).to_be_visible()
    rejected = page.locator(".team__rejected")
    rejected.locator("summary").click()
    expect(rejected).to_contain_text("7")  # the tampered code's position, reported with its reason
    # The role's row starts with its name (an anti-pattern's row may contain the word too).
    staff_row = page.get_by_role("row", name=re.compile("^" + re.escape(s["label_staff"]) + r"\b"))
    # 3 staff responses: neither their number nor a breakdown (6 responses: a small team).
    expect(staff_row).to_contain_text(s["label_fewer_than"].replace("{minimum}", "5"))
    expect(staff_row).to_contain_text(s["team_role_hidden"].replace("{minimum}", "10"))
    expect(page.locator(".team__coarse")).to_be_visible()
    assert not traffic.foreign()
    assert not traffic.console_errors, traffic.console_errors
    assert page.evaluate("() => window.__cspViolations ?? []") == []
    assert run_axe(page) == []


def test_a_thousand_codes_pool_in_the_browser(page: Page, site_url: str) -> None:
    # How long pooling takes and whether the page stays responsive is measured by `make bench`.
    codes = random_codes(1000)
    page.goto(site_url + TEAM_PAGES["en"])
    expect(page.locator("#engine-status")).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    page.get_by_label(load_ui_strings("en")["team_input_label"]).fill("\n".join(codes))
    page.get_by_role("button", name=load_ui_strings("en")["team_submit"]).click()
    expect(page.locator(".result__index-value")).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(page.locator(".team__counts")).to_contain_text("1000")


@pytest.mark.parametrize("lang", one_language("respondent-gets-an-anonymous"))
def test_respondent_gets_an_anonymous_code_that_decodes_to_their_answers(
    page: Page, site_url: str, lang: str
) -> None:
    s = load_ui_strings(lang)
    answers = answer_set("mixed")
    open_assessment(page, site_url, lang)
    fill_by_labels(page, answers, lang)
    page.get_by_role("button", name=s["form_submit"]).click()
    wait_for_result(page)
    page.get_by_label(s["team_role_label"]).select_option("staff")
    page.get_by_role("button", name=s["team_code_create"]).click()
    code_field = page.get_by_label(s["team_code_label"])
    expect(code_field).not_to_have_value("", timeout=ENGINE_TIMEOUT)  # the engine answers asynchronously
    code = code_field.input_value()
    response = decode_team_code(model(), code)
    assert response.role == "staff"
    assert response.answers == answers
    assert len(code) < 100


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_with_an_earlier_result_shows_the_directions(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    s = load_ui_strings(lang)
    open_assessment(page, site_url, lang)
    fill_by_labels(page, answer_set("all_lowest"), lang)
    page.get_by_role("button", name=s["form_submit"]).click()
    wait_for_result(page)
    earlier = tmp_path / "earlier.json"
    earlier.write_text(json.dumps(exported_json(page, s["export_json"])), encoding="utf-8")
    page.reload()
    fill_by_labels(page, answer_set("mixed"), lang)
    page.get_by_role("button", name=s["form_submit"]).click()
    wait_for_result(page)
    page.get_by_label(s["compare_label"]).set_input_files(str(earlier))
    comparison = page.locator("#comparison")
    expect(comparison).to_be_visible(timeout=ENGINE_TIMEOUT)
    worse = comparison.locator("tr[data-direction=worse]")
    expect(worse).to_have_count(10)
    expect(worse.first).to_contain_text(s["label_worse"])

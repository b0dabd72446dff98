"""Browser layer: what a person meets on the assessment and team pages (issue 17).

Desktop (1280×800) and phone (390×844): the result comes into view, focus never ends under the
sticky header, progress bar or "back to top" button, the first question is on the phone's first
screen, sparse answers are flagged before scoring, answers survive a language switch, the chart
stays readable on a phone, dates read one way per language, and the engine's state is shown.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    answer_set,
    fill_by_labels,
    model,
    open_assessment,
    wait_for_result,
)
from tests.engine.fixtures.team.generate import DAY, team_codes
from tests.languages import LANGUAGES, lang_root, one_language, tag
from tests.sitebuild import SUBPATH

pytestmark = pytest.mark.browser
LANGS = LANGUAGES
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
TEAM_PAGES = {lang: f"{lang_root(lang)}team/" for lang in LANGUAGES}

# For the focused element: every visible sticky or fixed element it does not belong to, that overlaps
# it (by more than a pixel each way) and is painted above it there, after the page had two frames to
# react to the scroll (Material shows its "back to top" button while scrolling up).
OBSCURED_BY = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  await new Promise((done) => setTimeout(done, 30));
  const focused = document.activeElement;
  if (!focused || focused === document.body) return {focused: null, covers: []};
  const r = focused.getBoundingClientRect();
  const covers = [];
  for (const e of document.querySelectorAll("body *")) {
    const style = getComputedStyle(e);
    if (style.position !== "sticky" && style.position !== "fixed") continue;
    if (e.contains(focused) || focused.contains(e) || e.closest("[hidden]")) continue;
    // Translucent layers (Material's search overlay dims the page while search is open) hide nothing.
    if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) < 1) continue;
    const b = e.getBoundingClientRect();
    const x = Math.min(r.right, b.right) - Math.max(r.left, b.left);
    const y = Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top);
    if (!(b.width && b.height && x > 1 && y > 1)) continue;
    // Painted above the focused element where they overlap (z-order decides, not geometry alone).
    const cx = Math.max(r.left, b.left) + x / 2, cy = Math.max(r.top, b.top) + y / 2;
    const top = document.elementFromPoint(cx, cy);
    if (top && e.contains(top) && !focused.contains(top)) covers.push(e.className || e.tagName);
  }
  const name = focused.id || focused.getAttribute("name") || focused.textContent.trim().slice(0, 30);
  return {focused: `${focused.tagName}#${name}`, covers, width: r.width, height: r.height};
}"""


def strings(lang: str) -> dict[str, str]:
    return load_ui_strings(lang)


def new_page(browser: Browser, viewport: str, **options: Any) -> Page:
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="en-GB", **options)
    return context.new_page()


def show_result(page: Page, site_url: str, lang: str) -> None:
    open_assessment(page, site_url, lang)
    fill_by_labels(page, answer_set("mixed"), lang)
    page.get_by_role("button", name=strings(lang)["form_submit"]).click()
    wait_for_result(page)


def assert_in_view_and_uncovered(page: Page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None
    height = page.viewport_size["height"]
    assert box["y"] >= 0, f"{selector} above the viewport: {box}"
    assert box["y"] + box["height"] <= height, f"{selector} below the viewport: {box}"
    page.locator(selector).focus()
    found = page.evaluate(OBSCURED_BY)
    assert not found["covers"], f"{selector} is under {found['covers']}"


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_team_result_comes_into_view_after_pooling(browser: Browser, site_url: str, viewport: str) -> None:
    page = new_page(browser, viewport)
    page.goto(site_url + TEAM_PAGES["en"])
    page.get_by_label(strings("en")["team_input_label"]).fill("\n".join(team_codes(model(), 6)))
    page.get_by_role("button", name=strings("en")["team_submit"]).click()
    expect(page.locator("#team-result")).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(page.locator("#team-result-title")).to_be_focused()
    assert_in_view_and_uncovered(page, "#team-result-title")
    page.context.close()


def walk_focus(page: Page, key: str, limit: int = 260) -> list[dict[str, Any]]:
    """Press `key` until focus comes back to where it started (or `limit`); the state at each stop."""
    stops, seen = [], 0
    for _ in range(limit):
        page.keyboard.press(key)
        found = page.evaluate(OBSCURED_BY)
        if found["focused"] is None:
            if seen:
                break
            continue
        seen += 1
        stops.append(found)
    return stops


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_result_in_view_and_no_focused_element_obscured_tabbing_both_ways(
    browser: Browser, site_url: str, viewport: str
) -> None:
    page = new_page(browser, viewport)
    show_result(page, site_url, "en")  # the result's own controls count too
    # The result comes into view: its heading near the top, focused, the overall result below it.
    expect(page.locator("#result-title")).to_be_focused()
    assert_in_view_and_uncovered(page, "#result-title")
    assert_in_view_and_uncovered(page, ".result__band")
    walk_focus(page, "Tab")  # from the result to the end: the next Tab starts at the top of the page
    forward = walk_focus(page, "Tab")
    backward = walk_focus(page, "Shift+Tab")
    assert len(forward) > 60, len(forward)
    assert len(backward) > 60, len(backward)
    hidden = [
        f"{direction}: {stop['focused']} under {stop['covers']}"
        for direction, stops in (("Tab", forward), ("Shift+Tab", backward))
        for stop in stops
        if stop["covers"]
    ]
    assert not hidden, "\n".join(hidden)
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_first_question_is_on_the_first_screen_of_a_phone(browser: Browser, site_url: str, lang: str) -> None:
    page = new_page(browser, "phone")
    open_assessment(page, site_url, lang)
    first = page.locator("fieldset.question").first
    legend, option = first.locator("legend"), first.get_by_role("radio").first
    assert legend.bounding_box()["y"] >= 0
    assert option.bounding_box()["y"] + option.bounding_box()["height"] <= VIEWPORTS["phone"]["height"]
    # The privacy promise is one line; keeping and importing answers are folded away.
    privacy = page.locator(".assessment-privacy")
    line = page.evaluate("(e) => parseFloat(getComputedStyle(e).lineHeight)", privacy.element_handle())
    assert privacy.bounding_box()["height"] <= line * 1.5
    expect(page.get_by_label(strings(lang)["storage_consent_label"])).to_be_hidden()
    page.get_by_text(strings(lang)["ux_tools_summary"]).click()
    expect(page.get_by_label(strings(lang)["storage_consent_label"])).to_be_visible()
    page.context.close()


@pytest.mark.parametrize(("lang", "answered"), [("en", 0), ("fr", 5)])
def test_sparse_submit_warns_and_jumps_to_the_first_unanswered_question(
    page: Page, site_url: str, lang: str, answered: int
) -> None:
    s = strings(lang)
    open_assessment(page, site_url, lang)
    groups = page.locator("fieldset.question")
    for index in range(answered):
        groups.nth(index).get_by_role("radio").first.check()
    page.get_by_role("button", name=s["form_submit"]).click()
    warning = page.locator("#sparse-warning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(s["ux_sparse_warning"].split("{")[0].strip())
    expect(page.locator("#sparse-warning-text")).to_be_focused()
    expect(page.locator("#result")).to_be_hidden()
    page.get_by_role("button", name=s["ux_sparse_jump"].format(number=answered + 1)).click()
    target = groups.nth(answered).get_by_role("radio").first
    expect(target).to_be_focused()
    found = page.evaluate(OBSCURED_BY)
    box = target.bounding_box()
    assert not found["covers"], found
    assert 0 <= box["y"] <= page.viewport_size["height"] - box["height"], box
    expect(warning).to_be_hidden()
    # Asked again, the person may still see the (mostly empty) result.
    page.get_by_role("button", name=s["form_submit"]).click()
    page.get_by_role("button", name=s["ux_sparse_anyway"]).click()
    wait_for_result(page)
    expect(page.locator(".result__band")).to_have_text(s["result_no_index"])


def checked_answers(page: Page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('input[type=radio]:checked')]"
        ".map(i => [i.name, i.value]))"
    )


def switch_language(page: Page, lang: str, to: str, name: str) -> None:
    """As a person does: open the header's language menu, pick the language."""
    page.locator(".md-header__option .md-select > button").hover()
    # Wait for the navigation itself: a URL pattern for the reference language ("**/assessment/**")
    # also matches the page being left.
    with page.expect_navigation():
        page.get_by_role("link", name=name).click()
    assert page.url.split(SUBPATH, 1)[1].split("#")[0].split("?")[0] == f"{lang_root(to)}assessment/"


def test_answers_survive_a_language_switch(page: Page, site_url: str) -> None:
    answers = answer_set("mixed")
    partial = dict(list(answers.items())[:12])
    open_assessment(page, site_url, "en")
    fill_by_labels(page, partial, "en")
    before = checked_answers(page)
    switch_language(page, "en", "fr", "Français")
    expect(page.locator("#storage-status")).to_have_text(
        strings("fr")["ux_answers_carried"], timeout=ENGINE_TIMEOUT
    )
    assert checked_answers(page) == before
    assert "#" not in page.url, "the carried code stays out of the address once used"
    expect(page.locator("#result")).to_be_hidden()
    # With a result shown, the other language opens on the result.
    page.get_by_role("button", name=strings("fr")["form_submit"]).click()
    page.get_by_role("button", name=strings("fr")["ux_sparse_anyway"]).click()
    wait_for_result(page)
    switch_language(page, "fr", "en", "English")
    wait_for_result(page)
    assert checked_answers(page) == before


def test_chart_stays_readable_on_a_phone(browser: Browser, site_url: str) -> None:
    page = new_page(browser, "phone")
    show_result(page, site_url, "fr")
    labels = page.locator(".result .chart__label, .result .chart__value")
    assert labels.count() == 2 * len(model()["dimensions"])
    sizes = page.evaluate(
        "() => [...document.querySelectorAll('.result .chart__label, .result .chart__value')].map(e => "
        "({size: parseFloat(getComputedStyle(e).fontSize), right: e.getBoundingClientRect().right}))"
    )
    assert min(s["size"] for s in sizes) >= 12, sizes
    assert max(s["right"] for s in sizes) <= VIEWPORTS["phone"]["width"], "a label runs off the screen"
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_dates_read_one_way_per_language(page: Page, site_url: str, lang: str) -> None:
    locale = tag(lang)
    show_result(page, site_url, lang)
    today = page.evaluate(
        "(l) => new Intl.DateTimeFormat(l, {day: 'numeric', month: 'long', year: 'numeric'})"
        ".format(new Date())",
        locale,
    )
    expect(page.locator(".result__meta").first).to_contain_text(today)
    page.goto(site_url + TEAM_PAGES[lang])
    page.get_by_label(strings(lang)["team_input_label"]).fill("\n".join(team_codes(model(), 6)))
    page.get_by_role("button", name=strings(lang)["team_submit"]).click()
    period = page.locator("#team-result .result__meta")
    expect(period).to_be_visible(timeout=ENGINE_TIMEOUT)
    year, month, day = (int(part) for part in DAY.split("-"))
    expected = page.evaluate(
        "([l, y, m, d]) => new Intl.DateTimeFormat(l, {day: 'numeric', month: 'long', year: 'numeric'})"
        ".format(new Date(y, m - 1, d))",
        [locale, year, month, day],
    )
    expect(period).to_contain_text(expected)
    expect(period).not_to_contain_text(DAY)


@pytest.mark.parametrize("lang", one_language("engine-state-is-shown"))
def test_engine_state_is_shown_next_to_the_submit_button(page: Page, site_url: str, lang: str) -> None:
    held: list = []
    released = False

    def hold_then_fail(route) -> None:
        # Hold the runtime while the "loading" state is checked; once released, fail every request
        # at once (the runtime may ask again, and a request held forever only ends at a timeout).
        route.abort() if released else held.append(route)

    # The module the worker imports first: an aborted import fails the start at once (an aborted
    # .wasm left Pyodide waiting until the client gave up after a minute).
    page.context.route("**/pyodide.mjs", hold_then_fail)
    open_assessment(page, site_url, lang)
    status, submit = page.locator("#engine-status"), page.locator("#assessment-submit")
    expect(status).to_have_text(strings(lang)["runtime_status_loading"])
    box, button = status.bounding_box(), submit.bounding_box()
    assert abs(box["y"] - button["y"]) < 3 * button["height"], "the state is not next to the button"
    while not held:
        page.wait_for_timeout(50)
    released = True
    for route in held:
        route.abort()
    expect(status).to_have_attribute("data-state", "failed", timeout=ENGINE_TIMEOUT)
    expect(status).to_contain_text(strings(lang)["ux_runtime_failed_hint"])
    page.context.unroute("**/pyodide.mjs")

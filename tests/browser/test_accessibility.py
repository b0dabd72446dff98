"""Browser layer: every page of every language, and the 404 page at any depth, in the light colour
scheme, and every page of one language in the dark scheme: axe-core (every rule it runs by default,
best practices included, every impact) finds nothing, the Content-Security-Policy blocks nothing, the
console logs no error, and nothing is requested from another origin."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Route, expect

from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    answer_set,
    fill_by_labels,
    model,
    wait_for_result,
)
from tests.browser.conftest import Traffic
from tests.build.test_structure import list_pages
from tests.engine.fixtures.team.generate import team_codes
from tests.languages import LANGUAGES, OTHER_LANGUAGES, lang_root, one_language
from tests.sitebuild import AXE_PATH

pytestmark = pytest.mark.browser
# Served the root 404.html, like Pages does, at any depth and under any language folder.
MISSING = ["no-such-page/", *(f"{lang}/a/deeper/missing/page/" for lang in OTHER_LANGUAGES)]


def page_paths(lang: str) -> list[str]:
    """Every page of one language (the 404 page is checked once, with the reference language)."""
    slugs = [
        "" if page == "index.md" else page.removesuffix(".md") + "/" for page in sorted(list_pages("en"))
    ]
    return [lang_root(lang) + slug for slug in slugs] + (MISSING if lang == LANGUAGES[0] else [])


def all_violations(page) -> list[dict]:
    page.add_script_tag(url=AXE_PATH)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in found
    ]


# The light scheme in every language (texts, names, tables and links differ by language); the dark
# scheme changes colours only, which do not depend on the language: it runs in one, picked by name.
SWEEPS = [("light", lang) for lang in LANGUAGES] + [("dark", one_language("axe-dark-scheme")[0])]


def hold_the_runtime(route: Route) -> None:
    """Leave Pyodide's request unanswered: a page that starts the engine stays "loading" (the markup
    axe sees at load either way) without spending seconds of CPU on a start the sweep never uses."""


@pytest.mark.parametrize(("scheme", "lang"), SWEEPS)
def test_every_page_is_clean_in_both_colour_schemes(
    browser: Browser, site_url: str, scheme: str, lang: str
) -> None:
    context = browser.new_context(color_scheme=scheme, locale="en-GB")
    context.route("**/pyodide.mjs", hold_the_runtime)
    page = context.new_page()
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => "
        "(window.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`))"
    )
    traffic = Traffic(origin=site_url.split("/ai-adoption-playbook/")[0])
    page.on("request", lambda r: traffic.requests.append(r.url))
    page.on(
        "console",
        lambda m: traffic.console_errors.append(f"{page.url}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: traffic.console_errors.append(f"{page.url}: {e}"))
    problems: dict[str, object] = {}
    for path in page_paths(lang):
        # "load": the page's own scripts have run; the engine may still be loading in its worker,
        # which changes no markup axe checks (waiting for the network to be idle cost ~1 min).
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None, path
        assert response.status == (404 if path in MISSING else 200), path
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected, path
        violations = all_violations(page)
        csp = page.evaluate("() => window.__cspViolations ?? []")
        if violations or csp:
            problems[path or "/"] = {"axe": violations, "csp": csp}
    assert not problems, problems
    # A missing page's console says "404" for the document itself; nothing else may fail.
    errors = [e for e in traffic.console_errors if "404" not in e]
    assert not errors, errors
    assert not traffic.foreign(), traffic.foreign()
    context.close()


def test_404_page_is_styled_and_its_links_work_at_any_depth(page, site_url: str) -> None:
    page.goto(site_url + MISSING[-1])
    # Material's stylesheet applied (the header is a fixed-height bar, not unstyled text) and ours.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("() => getComputedStyle(document.documentElement).scrollPaddingTop") != "auto"
    links = page.evaluate(
        "() => [...document.querySelectorAll('a.md-select__link, .md-content a')].map(a => a.href)"
    )
    assert all(site_url + lang_root(lang) in links for lang in LANGUAGES), links
    assert site_url in links, links
    assert all(link.startswith(site_url) for link in links), links
    for link in set(links):
        assert page.request.get(link).status == 200, link


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_and_team_views_are_clean_in_both_colour_schemes(
    browser: Browser, site_url: str, scheme: str
) -> None:
    """The views the scripts build, with a button focused (hover and focus colours count too)."""
    s = load_ui_strings("en")
    page = browser.new_context(color_scheme=scheme).new_page()
    page.goto(site_url + "assessment/")
    fill_by_labels(page, answer_set("mixed"), "en")
    page.get_by_role("button", name=s["form_submit"]).click()
    wait_for_result(page)
    page.get_by_role("button", name=s["share_create"]).click()
    assert all_violations(page) == []
    page.goto(site_url + "team/")
    page.get_by_label(s["team_input_label"]).fill("\n".join(team_codes(model(), 6)))
    page.get_by_role("button", name=s["team_submit"]).click()
    expect(page.locator("#team-result")).to_be_visible(timeout=ENGINE_TIMEOUT)
    assert all_violations(page) == []
    page.context.close()

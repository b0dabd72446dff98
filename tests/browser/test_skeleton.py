"""Browser layer: both languages load under a subpath, and Python boots in a module worker."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Traffic
from tests.languages import LANGUAGES, OTHER_LANGUAGES, lang_root, ui

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "lang"), [(lang_root(lang), lang) for lang in LANGUAGES])
def test_home_page_loads_with_every_request_same_origin(
    page: Page, traffic: Traffic, site_url: str, path: str, lang: str
) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not traffic.failures, traffic.failures
    assert not traffic.foreign(), traffic.foreign()
    assert not traffic.console_errors, traffic.console_errors
    assert page.evaluate("() => window.__cspViolations ?? []") == []


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_language_switch_keeps_the_page(page: Page, site_url: str, lang: str) -> None:
    page.goto(site_url + "runtime-check/")
    expect(page.locator("a.md-select__link")).to_have_count(len(LANGUAGES))
    href = page.locator(f"a.md-select__link[hreflang={lang}]").get_attribute("href")
    page.goto(site_url + "runtime-check/" + href)
    assert page.url == site_url + lang_root(lang) + "runtime-check/"
    back = page.locator(f"a.md-select__link[hreflang={LANGUAGES[0]}]").get_attribute("href")
    page.goto(page.url + back)
    assert page.url == site_url + "runtime-check/"


@pytest.mark.parametrize(
    ("path", "button", "expected"),
    [
        (lang_root(lang) + "runtime-check/", ui(lang)["runtime_check_button"], r"1 \+ 1 = 2")
        for lang in LANGUAGES
    ],
)
def test_python_boots_in_a_module_worker_from_self_hosted_files(
    page: Page, traffic: Traffic, site_url: str, path: str, button: str, expected: str
) -> None:
    page.goto(site_url + path)
    page.get_by_role("button", name=button).click()
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(expected), timeout=60_000)
    worker_urls = [w.url for w in page.workers]
    assert any(u.endswith("/assets/js/engine-worker.js") for u in worker_urls), worker_urls
    assert any("/assets/pyodide/314.0.7/pyodide.asm.wasm" in u for u in traffic.requests), traffic.requests
    assert not traffic.foreign(), traffic.foreign()
    assert not traffic.failures, traffic.failures
    assert not traffic.console_errors, traffic.console_errors

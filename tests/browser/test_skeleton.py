"""Browser layer: both languages load under a subpath, and Python boots in a module worker."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Traffic

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "lang"), [("", "en"), ("fr/", "fr")])
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


def test_language_switch_keeps_the_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "runtime-check/")
    href = page.locator("a.md-select__link[hreflang=fr]").get_attribute("href")
    page.goto(site_url + "runtime-check/" + href)
    assert page.url == site_url + "fr/runtime-check/"
    back = page.locator("a.md-select__link[hreflang=en]").get_attribute("href")
    page.goto(page.url + back)
    assert page.url == site_url + "runtime-check/"


@pytest.mark.parametrize(
    ("path", "button", "expected"),
    [
        ("runtime-check/", "Run the check", r"1 \+ 1 = 2"),
        ("fr/runtime-check/", "Lancer la vérification", r"1 \+ 1 = 2"),
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

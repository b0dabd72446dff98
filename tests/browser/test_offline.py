"""Browser layer: after one visit, the assessment works with the server gone (service worker)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    answer_set,
    cli_result,
    fill_by_labels,
    wait_for_result,
)
from tests.languages import LANGUAGES, lang_root
from tests.sitebuild import serve_site

pytestmark = pytest.mark.browser


def test_assessment_completes_offline_after_a_first_visit(browser: Browser, built_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    with serve_site(built_site) as url:  # a server of its own, to switch it off
        page.goto(url + "assessment/")
        expect(page.locator("#engine-status")).to_have_attribute(
            "data-state", "ready", timeout=ENGINE_TIMEOUT
        )
        page.wait_for_function(
            "async () => !!(await navigator.serviceWorker.ready).active", timeout=ENGINE_TIMEOUT
        )
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=ENGINE_TIMEOUT)
    # The server is gone: every request below is answered by the service worker or fails.
    for lang in LANGUAGES:
        page.goto(url + lang_root(lang) + "assessment/")
        fill_by_labels(page, answer_set("mixed"), lang)
        page.get_by_role("button", name=load_ui_strings(lang)["form_submit"]).click()
        wait_for_result(page)
        expect(page.locator(".result__band")).to_have_text(
            cli_result(answer_set("mixed"), lang)["band"]["label"]
        )
    context.close()


def test_a_new_version_replaces_the_offline_copy(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    # A copy of the site, since this test deploys a new version over it (the other xdist workers
    # read the shared build meanwhile).
    site = shutil.copytree(built_site, tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    with serve_site(site) as url:
        page.goto(url + "assessment/")
        page.wait_for_function(
            "async () => !!(await navigator.serviceWorker.ready).active", timeout=ENGINE_TIMEOUT
        )
        names = page.evaluate("async () => (await caches.keys()).filter(n => n.startsWith('aiap-offline-'))")
        assert len(names) == 1
        manifest = site / "sw-manifest.js"
        original = manifest.read_text(encoding="utf-8")
        manifest.write_text(original.replace('"version": "', '"version": "new-'), encoding="utf-8")
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        page.wait_for_function(
            "async () => { const n = (await caches.keys()).filter(n => n.startsWith('aiap-offline-'));"
            " return n.length === 1 && n[0].startsWith('aiap-offline-new-'); }",
            timeout=ENGINE_TIMEOUT,
        )
    context.close()

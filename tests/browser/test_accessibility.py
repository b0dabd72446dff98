"""Browser layer: axe-core finds no serious or critical violation on any page, in either language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.assessment_helpers import run_axe
from tests.build.test_structure import list_pages

pytestmark = pytest.mark.browser


def page_paths() -> list[str]:
    paths = []
    for page in sorted(list_pages("en")):
        slug = "" if page == "index.md" else page.removesuffix(".md") + "/"
        paths += [slug, "fr/" + slug]
    return paths


def test_no_serious_violation_on_any_page(page: Page, site_url: str) -> None:
    found = {}
    for path in page_paths():
        page.goto(site_url + path)
        violations = run_axe(page)
        if violations:
            found[path or "/"] = violations
    assert not found, found

"""Build layer: wherever the site asks for feedback, it offers a route besides a GitHub issue.

The routes come from mkdocs.yml `extra` (`repository_url`, `contact_email`): the private email is
shown only when it is set, and no address is ever typed in a page.
"""

from __future__ import annotations

import re

import pytest

from macros.contact import render_contact_routes
from macros.site_data import LANGUAGES
from tests.sitebuild import ROOT

FEEDBACK_PAGES = ["accessibility.md", "privacy.md", "sources.md"]
ISSUE_ONLY = re.compile(r"open an issue|ouvrez un ticket|\(une «\s*issue\s*»\)", re.IGNORECASE)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", FEEDBACK_PAGES)
def test_feedback_pages_show_the_contact_routes(lang: str, page: str) -> None:
    text = (ROOT / "docs" / lang / page).read_text(encoding="utf-8")
    assert "{{ contact_routes() }}" in text, (
        f"docs/{lang}/{page}: asks for feedback without the contact routes"
    )


@pytest.mark.parametrize("page", sorted((ROOT / "docs").glob("*/*.md")), ids=lambda p: p.name)
def test_no_page_sends_readers_to_an_issue_alone(page) -> None:
    text = page.read_text(encoding="utf-8")
    hits = ISSUE_ONLY.findall(text)
    assert not hits, f"{page.relative_to(ROOT)}: use {{{{ contact_routes() }}}} instead of {hits}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_settings_the_routes_are_named_without_link_or_address(lang: str) -> None:
    text = render_contact_routes({"repository_url": "", "contact_email": ""}, lang)
    assert "Discussions" in text
    assert "](" not in text
    assert "@" not in text
    assert "mailto" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_repository_links_its_discussions_and_issues(lang: str) -> None:
    text = render_contact_routes({"repository_url": "https://github.com/org/repo/"}, lang)
    assert "(https://github.com/org/repo/discussions)" in text
    assert "(https://github.com/org/repo/issues)" in text
    assert "mailto" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_email_appears_only_when_set(lang: str) -> None:
    text = render_contact_routes({"contact_email": "team@example.org"}, lang)
    assert "[team@example.org](mailto:team@example.org)" in text
    assert len(text.strip().splitlines()) == 2

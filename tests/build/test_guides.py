"""Build layer: the six guide pages are complete, honest about the law and dated where they cite funding.

- Each guide exists in every language, is no longer a stub, and ends with "What to do next" (`#next`).
- A guide that cites a legal reference also shows the "not legal advice" notice.
- On the funding page, every scheme (an h3 section) names its source and the date it was last checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.build.test_content import headings_of
from tests.languages import LANGUAGES, page_dir, ui
from tests.sitebuild import ROOT

GUIDES = ["shadow-ai", "managers", "when-roles-change", "measuring-value", "tools-and-data", "funding"]
LANGS = LANGUAGES
DATE = re.compile(r"\b\d{1,2}(er)? [a-zéû]+ 20\d\d\b", re.IGNORECASE)


def page_html(site: Path, lang: str, slug: str) -> str:
    return (page_dir(site, lang, slug) / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", GUIDES)
@pytest.mark.parametrize("lang", LANGS)
def test_guides_are_written_and_end_with_what_to_do_next(built_site: Path, lang: str, slug: str) -> None:
    source = (ROOT / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8")
    assert "being written" not in source, f"{lang}/{slug} is a stub"
    assert "en cours de rédaction" not in source, f"{lang}/{slug} is a stub"
    folder = page_dir(built_site, lang, slug)
    sections = [h for h in headings_of(folder / "index.html") if h[0] == "h2"]
    assert len(sections) >= 4, f"{lang}/{slug}: only {len(sections)} sections"
    assert sections[-1][1] == "next", f"{lang}/{slug}: last section should be `## … {{#next}}`"


@pytest.mark.parametrize("slug", GUIDES)
@pytest.mark.parametrize("lang", LANGS)
def test_guides_citing_the_law_show_the_notice(built_site: Path, lang: str, slug: str) -> None:
    html = page_html(built_site, lang, slug)
    if 'data-law="' in html:
        notice = f'<p class="admonition-title">{ui(lang)["legal_notice_title"]}</p>'
        assert notice in html, f"{lang}/{slug} cites the law without the not-legal-advice notice"


@pytest.mark.parametrize("lang", LANGS)
def test_every_funding_scheme_has_a_source_and_a_checked_date(lang: str) -> None:
    source = (ROOT / "docs" / lang / "funding.md").read_text(encoding="utf-8")
    # The words the legal references print before their date ("last checked {date}").
    checked = ui(lang)["legal_checked"].split("{date}")[0].strip().lower()
    schemes = re.split(r"^### ", source, flags=re.MULTILINE)[1:]
    assert len(schemes) >= 5, f"{lang}/funding: expected the French and Belgian schemes as h3 sections"
    for scheme in schemes:
        title = scheme.splitlines()[0]
        text = " ".join(re.split(r"^## ", scheme, flags=re.MULTILINE)[0].replace("**", "").split())
        if "hub.brussels" in text:  # no scheme confirmed: the section says so instead of citing one
            # The stem of the language's "not confirmed" ("confirm", "bevesti"), as the prose inflects it.
            stem = ui(lang)["legal_status_unconfirmed"].split()[-1].lower()[:-2]
            assert stem in text.lower(), (
                f"{lang}/funding `{title}`: no source, and not said to be unconfirmed"
            )
            continue
        assert re.search(r"\]\(https://", text), f"{lang}/funding `{title}` has no linked source"
        dated = text[text.lower().find(checked) :] if checked in text.lower() else ""
        assert DATE.search(dated), f"{lang}/funding `{title}` has no `{checked} <date>`"

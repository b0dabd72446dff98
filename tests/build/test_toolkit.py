"""Build layer: the toolkit's templates exist in every language, keep the same headings, and each
download is a real Markdown file of the built site that carries its licence line and version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import site_data, toolkit
from tests.languages import data, page_dir
from tests.sitebuild import ROOT

LANGS = site_data.LANGUAGES
INDEX = data(ROOT / "docs" / "toolkit" / "templates.yml")
TEMPLATES = list(INDEX)
HEADING = re.compile(r"^(#{1,6}) ", re.MULTILINE)
FRENCH_SPACING = re.compile(r"[^\S\u00a0\u202f\n][:;?!»]|«[^\S\u00a0\u202f\n]")
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/"


def lang_root(site: Path, lang: str) -> Path:
    return page_dir(site, lang)


def test_the_six_templates_of_the_issue_are_listed() -> None:
    assert len(TEMPLATES) == 6, TEMPLATES


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_exists_in_every_language_and_no_other(lang: str) -> None:
    files = {p.stem for p in (ROOT / "docs" / "toolkit" / lang).glob("*.md")}
    assert files == set(TEMPLATES), (
        f"docs/toolkit/{lang}/: missing {set(TEMPLATES) - files}, extra {files - set(TEMPLATES)}"
    )


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_language_keeps_the_same_headings(template_id: str) -> None:
    """Same levels in the same order: the page gives each heading an id by position."""
    levels = {
        lang: HEADING.findall(
            (ROOT / "docs" / "toolkit" / lang / f"{template_id}.md").read_text(encoding="utf-8")
        )
        for lang in LANGS
    }
    assert all(found == levels["en"] for found in levels.values()), f"{template_id}: headings differ {levels}"
    assert levels["en"][0] == "#", f"{template_id}: `# Title` first"
    assert levels["en"].count("#") == 1, f"{template_id}: one `# Title`"


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_french_templates_use_no_break_spaces(template_id: str) -> None:
    text = (ROOT / "docs" / "toolkit" / "fr" / f"{template_id}.md").read_text(encoding="utf-8")
    text = re.sub(r"\{\{.*?\}\}|`[^`]*`|\]\([^)]*\)|https?://\S+", "", text)
    hits = [text[max(0, m.start() - 20) : m.end()] for m in FRENCH_SPACING.finditer(text)]
    assert not hits, f"fr/{template_id}.md: ordinary space before high punctuation in {hits[:5]}"


def test_a_broken_index_entry_names_the_template_and_the_field() -> None:
    with pytest.raises(site_data.SiteDataError, match=r"`example`.*`file\.en`"):
        toolkit.check_entry(
            "example", {"version": "1.0.0", "updated": INDEX[TEMPLATES[0]]["updated"], "file": {}}
        )
    with pytest.raises(site_data.SiteDataError, match=r"`example`.*`version`"):
        toolkit.check_entry("example", {"version": "one", "updated": INDEX[TEMPLATES[0]]["updated"]})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_each_download_exists_and_carries_its_licence_and_version(
    built_site: Path, lang: str, template_id: str
) -> None:
    entry = INDEX[template_id]
    download = lang_root(built_site, lang) / "toolkit" / entry["file"][lang]
    assert download.is_file(), f"download missing from the built site: {download.relative_to(built_site)}"
    text = download.read_text(encoding="utf-8")
    title = (
        (ROOT / "docs" / "toolkit" / lang / f"{template_id}.md").read_text(encoding="utf-8").split("\n")[0]
    )
    assert text.startswith(title + "\n"), f"{download.name}: should start with its title"
    last_lines = text.rstrip().split("\n")[-3:]
    assert any(CC0 in line and entry["version"] in line for line in last_lines), (
        f"{download.name}: no closing licence line with CC0 and version {entry['version']}: {last_lines}"
    )
    assert "{{" not in text, f"{download.name}: unrendered macro"
    assert "{#" not in text, f"{download.name}: unrendered heading id"


@pytest.mark.parametrize("lang", LANGS)
def test_the_toolkit_page_shows_each_template_with_a_working_download_link(
    built_site: Path, lang: str
) -> None:
    page = lang_root(built_site, lang) / "toolkit" / "index.html"
    html = page.read_text(encoding="utf-8")
    for template_id in TEMPLATES:
        assert f'id="template-{template_id}"' in html, f"{lang}: template {template_id} not on the page"
        assert f'data-print-template="{template_id}"' in html, f"{lang}: no print button for {template_id}"
        name = INDEX[template_id]["file"][lang]
        links = re.findall(rf'<a [^>]*href="([^"]*{re.escape(name)})"[^>]*\bdownload=', html)
        assert links, f"{lang}: no download link for {template_id}"
        assert (page.parent / links[0]).resolve().is_file(), f"{lang}: {links[0]} does not resolve to a file"
    assert html.count('class="toolkit-licence"') == len(TEMPLATES), (
        f"{lang}: a template lacks its licence line"
    )

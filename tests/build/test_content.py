"""Build layer: the playbook's content rules, in both languages.

- (That no sentence of the source articles carries over is checked in test_originality.py.)
- Figures come from docs/figures.yml: no percentage is typed by hand in a page.
- Both languages have the same heading structure (levels and explicit ids), so a section, a link
  target and a recommendation anchor exist in each language.
- Every playbook page ends with a "what to do next" section (id `next`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.languages import LANGUAGES, OTHER_LANGUAGES, page_dir
from tests.originality import strings_in
from tests.sitebuild import ROOT

DOCS = ROOT / "docs"
PLAYBOOK = ["signals", "causes", "diagnose", "levers", "anti-patterns", "make-it-last", "roadmap", "faq"]
MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
HAND_PERCENT = re.compile(r"\d\s?(%|\bper ?cent\b|\bpour ?cent\b)", re.IGNORECASE)


def page_sources() -> list[Path]:
    return sorted(DOCS.glob("*/*.md"))


@pytest.mark.parametrize("page", page_sources(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_percentages_come_from_the_figures_file(page: Path) -> None:
    text = MACRO.sub(" ", page.read_text(encoding="utf-8"))
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.DOTALL)
    hits = [m.group(0) for m in HAND_PERCENT.finditer(text)]
    assert not hits, f"{page.relative_to(ROOT)}: write figures with {{{{ figure('id') }}}}, found {hits}"


class HeadingCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_article = 0
        self.headings: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        if self.in_article and tag in ("h2", "h3", "h4"):
            self.headings.append((tag, dict(attrs).get("id") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1


def headings_of(html_file: Path) -> list[tuple[str, str]]:
    collector = HeadingCollector()
    collector.feed(html_file.read_text(encoding="utf-8"))
    return collector.headings


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in OTHER_LANGUAGES)


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_language_shares_the_heading_structure(built_site: Path, lang: str) -> None:
    differences = {}
    for english in built_pages(built_site):
        relative = english.relative_to(built_site)
        other = built_site / lang / relative
        if headings_of(english) != headings_of(other):
            differences[relative.as_posix()] = (headings_of(english), headings_of(other))
    assert not differences, differences


@pytest.mark.parametrize("slug", PLAYBOOK)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_playbook_pages_end_with_what_to_do_next(built_site: Path, slug: str, lang: str) -> None:
    folder = page_dir(built_site, lang, slug)
    headings = [h for h in headings_of(folder / "index.html") if h[0] == "h2"]
    assert headings, f"{lang}/{slug}: no sections"
    assert headings[-1][1] == "next", f"{lang}/{slug}: last section should be `## … {{#next}}`"


FRENCH_SPACING = re.compile(r"[^\S\u00a0\u202f\n][:;?!»]|«[^\S\u00a0\u202f\n]")


@pytest.mark.parametrize("page", sorted(DOCS.glob("fr/*.md")), ids=lambda p: p.name)
def test_french_pages_use_no_break_spaces_around_high_punctuation(page: Path) -> None:
    """French typography: a no-break space before : ; ? ! » and after «, so a line never starts with one."""
    text = re.sub(r"`[^`]*`|\]\([^)]*\)|https?://\S+", "", MACRO.sub(" ", page.read_text(encoding="utf-8")))
    hits = [text[max(0, m.start() - 20) : m.end()] for m in FRENCH_SPACING.finditer(text)]
    assert not hits, f"{page.name}: ordinary space before high punctuation in {hits[:5]}"


def test_french_interface_strings_use_no_break_spaces() -> None:
    strings = yaml.safe_load((ROOT / FRENCH_CATALOGUE).read_text(encoding="utf-8"))["ui"]
    hits = [key for key, text in strings.items() if FRENCH_SPACING.search(str(text))]
    assert not hits, f"{FRENCH_CATALOGUE} ui values with an ordinary space before : ; ? ! »: {hits}"


# French puts a no-break space (U+00A0 or the narrow U+202F) between a number and "%": "68 %".
# A percent sign, not a printf placeholder (`%s`, `%(name)s`: argparse's messages in the catalogue).
FRENCH_PERCENT = re.compile(r"(?:(?<=[\d}])|[^\S\u00a0\u202f])%(?![s(])")
FRENCH_CATALOGUE = "assessments/locales/fr/interface.yml"
FRENCH_YAML = [
    FRENCH_CATALOGUE,
    "assessments/locales/fr/resistance.yml",
    "assessments/locales/fr/pulse.yml",
    "docs/locales/fr/figures.yml",
    "docs/locales/fr/legal.yml",
]


def french_strings(relative: str) -> list[tuple[str, str]]:
    """(key path, text) of every string of a French text file (its `messages` quote file paths and
    YAML as typed, so only its page and export strings count)."""
    data = yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))
    data = {key: value for key, value in data.items() if key not in ("language", "messages")}
    return list(strings_in(data))


def percent_hits(text: str) -> list[str]:
    text = re.sub(r"https?://\S+|\]\([^)]*\)", "", MACRO.sub(" ", text))
    return [text[max(0, m.start() - 20) : m.end()] for m in FRENCH_PERCENT.finditer(text)]


@pytest.mark.parametrize("page", sorted(DOCS.glob("fr/*.md")), ids=lambda p: p.name)
def test_french_pages_put_a_no_break_space_before_percent(page: Path) -> None:
    hits = percent_hits(page.read_text(encoding="utf-8"))
    assert not hits, f"{page.name}: write a no-break space before %: {hits[:5]}"


@pytest.mark.parametrize("relative", FRENCH_YAML)
def test_french_data_puts_a_no_break_space_before_percent(relative: str) -> None:
    strings = french_strings(relative)
    assert strings, f"{relative}: no French text found"
    hits = [(path, hit) for path, text in strings for hit in percent_hits(text)]
    assert not hits, f"{relative}: write a no-break space before % in {hits[:5]}"


def test_the_percent_rule_catches_an_ordinary_space_and_spares_a_no_break_one() -> None:
    assert percent_hits("68 % des salariés, 40% ou {percent}%")
    assert len(percent_hits("68 % des salariés, 40% ou {percent}%")) == 3
    assert not percent_hits("68\u00a0% et 22\u202f% ; {{ figure('x') }} ; [lien](https://a.b/c%20d)")
    assert not percent_hits("arguments manquants\u00a0: %s ; argument %(name)s")


def test_the_model_french_texts_use_no_break_spaces_around_high_punctuation() -> None:
    relative = "assessments/locales/fr/resistance.yml"
    hits = [path for path, text in french_strings(relative) if FRENCH_SPACING.search(text)]
    assert not hits, f"{relative}: ordinary space before : ; ? ! » (or after «) in {hits[:8]}"

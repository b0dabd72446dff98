"""Build layer: every legal reference is complete, dated and cited with its check date.

- docs/legal.yml: every field, French typography, dates that French and English readers expect.
- Pages: a passage that states a labour- or AI-law rule cites docs/legal.yml with {{ law("id") }},
  and a page that cites the law shows the "not legal advice" notice (ADR 0008).
- The career interview is no longer described as two-yearly (loi n° 2025-989); the roadmap's
  "before any pilot" checklist names who to inform or consult; the legal page explains every point.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from assessments.languages import language_info
from macros import legal, site_data
from tests.languages import LANGUAGES
from tests.sitebuild import ROOT


def test_every_reference_has_every_field() -> None:
    references = legal.load_legal()
    assert references, "docs/legal.yml is empty"
    for ref_id, ref in references.items():
        assert ref["checked"] <= datetime.date.today(), f"{ref_id}: checked in the future"
        assert re.fullmatch(r"(eu|fr|fr_public|be)_[a-z0-9_]+", ref_id.replace("fr-public", "fr_public")), (
            ref_id
        )


def test_a_broken_reference_names_the_entry_and_field() -> None:
    bad = {
        "jurisdiction": "fr",
        "status": "secondary",
        "checked": datetime.date(2026, 12, 1),
        "url": "https://x",
    }
    with pytest.raises(site_data.SiteDataError) as error:
        legal.check_reference("fr_example", bad)
    assert "fr_example" in str(error.value)
    assert "cite.en" in str(error.value)


def test_cited_references_show_their_check_date(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if 'data-law="' in p.read_text(encoding="utf-8")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<span class="law" data-law="([a-z0-9_]+)">(.*?)</span>', html, re.DOTALL):
            assert 'class="law-checked"' in match.group(2), f"{page}: {match.group(1)} without its check date"


# --- Every legal statement on a page carries its citation -------------------------------------
# A heuristic, on the Markdown sources: a block (paragraph, list item, table, definition) that names
# a body or text of labour or AI law states a rule, so it must carry {{ law("…") }} in the same block;
# a page that cites the law shows the "not legal advice" notice. Headings only name a topic.

DOCS = ROOT / "docs"
# Each language names its legal bodies and texts in its catalogue (`language.legal_terms`, a regular
# expression); a page in any language may name another country's bodies, so every list applies.
LEGAL_WORDS = re.compile(
    "|".join(f"(?:{language_info(lang)['legal_terms']})" for lang in LANGUAGES), re.IGNORECASE
)
# Pages about this site's own duties (its accessibility statement cites the law that requires it),
# not about what the reader must do.
NOT_READER_LAW = {"accessibility.md": "the site's own accessibility statement (law n° 2005-102, art. 47)"}
FENCE = re.compile(r"^\s*(```|~~~)")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def blocks_of(markdown: str) -> list[tuple[int, str]]:
    """Paragraphs, list items, tables and definitions, each with its first line number; headings dropped."""
    offset = 0
    if match := FRONT_MATTER.match(markdown):
        offset = match.group(0).count("\n")
        markdown = markdown[match.end() :]
    blocks: list[tuple[int, list[str]]] = []
    in_fence = False
    for number, line in enumerate(markdown.split("\n"), start=offset + 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or line.lstrip().startswith("#") or not line.strip():
            blocks.append((number, []))
            continue
        if ITEM.match(line) or not blocks or not blocks[-1][1]:
            blocks.append((number, [line]))
        else:
            blocks[-1][1].append(line)
    return [(number, "\n".join(lines)) for number, lines in blocks if lines]


# A link's target (`(legal.md#cse-consultation)`) is not a statement: only the words a reader sees count.
LINK_TARGET = re.compile(r"\]\([^)]*\)")


def uncited_legal_blocks(markdown: str) -> list[str]:
    return [
        f"line {number}: {text.strip()[:90]}…"
        for number, text in blocks_of(markdown)
        if LEGAL_WORDS.search(LINK_TARGET.sub("]", text)) and "law(" not in text
    ]


def test_the_detector_finds_an_uncited_rule_and_accepts_a_cited_one() -> None:
    page = (
        "---\ntitle: x\n---\n# The CSE {#cse}\n\nConsult the CSE first.\n\n"
        '- Belgium: CCT n° 39 applies {{ law("be_cct39") }}.\n- Art. 4 of the AI Act applies.\n\n'
        "| a | b |\n| --- | --- |\n| works council | x |\n\n```\nCSE in code\n```\n\nNothing legal here.\n"
    )
    found = uncited_legal_blocks(page)
    assert [line.split(":")[0] for line in found] == ["line 6", "line 9", "line 11"], found


@pytest.mark.parametrize("page", sorted(DOCS.glob("*/*.md")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_legal_statement_cites_its_reference(page: Path) -> None:
    if page.name in NOT_READER_LAW:
        return
    uncited = uncited_legal_blocks(page.read_text(encoding="utf-8"))
    assert not uncited, (
        f'{page.relative_to(ROOT)}: a passage states a legal rule without {{{{ law("id") }}}} '
        f"(ids in docs/legal.yml): {uncited}"
    )


@pytest.mark.parametrize("page", sorted(DOCS.glob("*/*.md")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_page_that_cites_the_law_shows_the_legal_notice(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    if "law(" in text:
        assert "legal_notice()" in text, (
            f"{page.relative_to(ROOT)} cites the law without {{{{ legal_notice() }}}}"
        )


def test_pages_with_law_show_the_notice_when_built(built_site: Path) -> None:
    notice = {lang: site_data.load_ui_strings(lang)["legal_notice_title"] for lang in site_data.LANGUAGES}
    pages = [p for p in built_site.rglob("*.html") if 'data-law="' in p.read_text(encoding="utf-8")]
    assert pages, "no built page cites the law"
    for page in pages:
        html = page.read_text(encoding="utf-8").replace("&#39;", "'").replace("&rsquo;", "’")
        assert any(title in html for title in notice.values()), f"{page}: cites the law without the notice"


def test_french_legal_texts_use_no_break_spaces() -> None:
    spacing = re.compile(r"[^\S\u00a0\u202f\n][:;?!%»]|«[^\S\u00a0\u202f\n]")
    hits = [
        f"{ref_id}.{field}"
        for ref_id, ref in legal.load_legal().items()
        for field in ("cite", "summary", "note")
        if spacing.search(str((ref.get(field) or {}).get("fr", "")))
    ]
    assert not hits, f"docs/legal.yml: ordinary space before : ; ? ! % » in French {hits}"


BIENNIAL = re.compile(r"every two years|tous les deux ans|biennial|biennal|bisannuel", re.IGNORECASE)
INTERVIEW = re.compile(r"entretien|career review|professional review|interview", re.IGNORECASE)


@pytest.mark.parametrize("page", sorted(DOCS.glob("*/*.md")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_page_says_the_career_interview_is_every_two_years(page: Path) -> None:
    """Loi n° 2025-989 replaced the two-yearly entretien professionnel (now at most every four years)."""
    stale = [
        text.strip()[:90]
        for _, text in blocks_of(page.read_text(encoding="utf-8"))
        if BIENNIAL.search(text) and INTERVIEW.search(text) and "fr_loi_2025_989" not in text
    ]
    assert not stale, f"{page.relative_to(ROOT)}: the career interview is no longer every two years: {stale}"


BEFORE_PILOT_IDS = ("fr_l2312_8", "fr_cse_11_49", "fr_tj_nanterre_2025", "fr_public_cst", "be_cct39")


@pytest.mark.parametrize("lang", site_data.LANGUAGES)
def test_the_before_any_pilot_checklist_names_who_to_consult(lang: str) -> None:
    roadmap = (DOCS / lang / "roadmap.md").read_text(encoding="utf-8")
    section = roadmap.split("{#before-any-pilot}", 1)[1].split("\n## ", 1)[0]
    missing = [ref_id for ref_id in BEFORE_PILOT_IDS if f'law("{ref_id}")' not in section]
    assert not missing, f"docs/{lang}/roadmap.md#before-any-pilot does not cite {missing}"
    assert "- [ ]" in section or "- [x]" in section, (
        f"docs/{lang}/roadmap.md#before-any-pilot is not a checklist"
    )


def test_dates_read_as_each_language_writes_them() -> None:
    first, second = datetime.date(2026, 12, 1), datetime.date(2026, 12, 2)
    assert legal.format_day(first, "fr") == "1er décembre 2026"
    assert legal.format_day(second, "fr") == "2 décembre 2026"
    assert legal.format_day(first, "en") == "1 December 2026"


@pytest.mark.parametrize("lang", site_data.LANGUAGES)
def test_the_legal_page_explains_every_reference_in_its_prose(lang: str) -> None:
    """The tables list every point; the prose must also explain each one where the reader stands."""
    prose = (DOCS / lang / "legal.md").read_text(encoding="utf-8")
    missing = [ref_id for ref_id in legal.load_legal() if f'law("{ref_id}")' not in prose]
    assert not missing, f"docs/{lang}/legal.md never cites {missing} in its text"

"""Build layer: every legal reference is complete, dated and cited with its check date."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from macros import legal, site_data
from tests.sitebuild import ROOT


def test_every_reference_has_every_field() -> None:
    references = legal.load_legal()
    assert references, "docs/legal.yml is empty"
    for ref_id, ref in references.items():
        assert ref["checked"] <= datetime.date.today(), f"{ref_id}: checked in the future"
        assert re.fullmatch(r"(eu|fr|fr_public|be)_[a-z0-9_]+", ref_id.replace("fr-public", "fr_public")), ref_id


def test_a_broken_reference_names_the_entry_and_field() -> None:
    bad = {"jurisdiction": "fr", "status": "secondary", "checked": datetime.date(2026, 12, 1), "url": "https://x"}
    try:
        legal.check_reference("fr_example", bad)
    except site_data.SiteDataError as error:
        assert "fr_example" in str(error) and "cite.en" in str(error)
    else:
        raise AssertionError("a reference without `cite` was accepted")


def test_cited_references_show_their_check_date(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("*.html") if 'data-law="' in p.read_text(encoding="utf-8")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<span class="law" data-law="([a-z0-9_]+)">(.*?)</span>', html, re.DOTALL):
            assert 'class="law-checked"' in match.group(2), f"{page}: {match.group(1)} without its check date"

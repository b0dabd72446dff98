"""The site's languages as the tests see them: read from the data, never listed by hand.

Every test that is about "each language" parametrizes over `LANGUAGES`, so adding a language's
files makes every such test run for it too.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from assessments.languages import REFERENCE, language_info
from macros import site_data

LANGUAGES: list[str] = list(site_data.LANGUAGES)
OTHER_LANGUAGES: list[str] = [lang for lang in LANGUAGES if lang != REFERENCE]


def lang_root(lang: str) -> str:
    """The language's folder relative to the site root: "" for the reference, else `<lang>/`."""
    return site_data.lang_root(lang)


def ui(lang: str) -> dict[str, str]:
    """The page strings of one language."""
    return site_data.load_ui_strings(lang)


def tag(lang: str) -> str:
    """The BCP 47 tag page scripts format numbers and dates with."""
    return language_info(lang)["tag"]


def data(path: Path) -> Any:
    """A site data file with every language's texts put back as `{lang: text}` nodes."""
    return site_data.read_with_texts(path)


def page_dir(site: Path, lang: str, slug: str = "") -> Path:
    """The built folder of a page (`slug` "" for the home page)."""
    return site / lang_root(lang) / slug


def one_language(test_name: str) -> list[str]:
    """For a browser test whose logic does not depend on the language (storage, versions, tampered
    input): run it once, in a language picked from its name, so that across the suite every language
    is used while the flows that show each language's words (assessment, team, comparison, offline,
    axe, print, dates) run in all of them. Keeps `make test` within its time budget."""
    return [LANGUAGES[zlib.crc32(test_name.encode()) % len(LANGUAGES)]]

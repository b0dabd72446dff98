"""Build layer: the strict build, language parity, the subpath, the self-hosted runtime."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assessments.languages import language_info
from macros import runtime_assets
from tests.languages import LANGUAGES, OTHER_LANGUAGES, lang_root, ui
from tests.sitebuild import ROOT

DOCS = ROOT / "docs"
RUNTIME_FILES = {
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "LICENSE",  # Pyodide's licence (MPL-2.0) travels with its files
}


def list_pages(lang: str) -> set[str]:
    return {p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md")}


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_language_holds_the_same_pages(lang: str) -> None:
    english, other = list_pages("en"), list_pages(lang)
    assert not english - other, f"pages missing in docs/{lang}/: {sorted(english - other)}"
    assert not other - english, f"pages missing in English (docs/en/): {sorted(other - english)}"


def test_every_language_folder_is_a_language_of_the_site() -> None:
    """A docs/<lang>/ folder without its catalogue would never be built: say so."""
    folders = {p.name for p in DOCS.iterdir() if p.is_dir() and len(p.name) == 2}
    assert folders == set(LANGUAGES), f"docs/ language folders {sorted(folders)} != catalogues {LANGUAGES}"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_navigation_lists_the_same_pages_in_every_language(lang: str) -> None:
    def nav_files(config: str) -> list[str]:
        nav = yaml.load((ROOT / config).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
        found: list[str] = []

        def walk(entries: list) -> None:
            for entry in entries:
                value = next(iter(entry.values())) if isinstance(entry, dict) else entry
                walk(value) if isinstance(value, list) else found.append(value)

        walk(nav)
        return found

    assert nav_files("mkdocs.yml") == nav_files(f"mkdocs.{lang}.yml")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_strict_build_writes_every_page_in_every_language(built_site: Path, lang: str) -> None:
    for page in sorted(list_pages("en")):
        html = page.removesuffix(".md") + "/index.html" if page != "index.md" else "index.html"
        html = html.replace("index/index.html", "index.html")
        assert (built_site / lang_root(lang) / html).is_file(), f"page not built: {lang_root(lang)}{html}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(built_site: Path, lang: str) -> None:
    folder = built_site / lang_root(lang) / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [language_info(lang)["search"]]
    assert index["docs"], f"the {lang} search index is empty"
    others = [lang_root(other) for other in OTHER_LANGUAGES if other != lang]
    assert all(not doc["location"].startswith(tuple(others)) for doc in index["docs"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_use_their_own_language_interface(built_site: Path, lang: str) -> None:
    html = (built_site / lang_root(lang) / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language_info(lang).get("theme", lang)}"' in html
    assert f'title="{ui(lang)["permalink_title"]}"' in html
    for other in LANGUAGES:
        if ui(other)["permalink_title"] != ui(lang)["permalink_title"]:
            assert f'title="{ui(other)["permalink_title"]}"' not in html


def test_runtime_folder_holds_only_what_the_browser_needs(built_site: Path) -> None:
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text(encoding="utf-8"))["version"]
    assert version == "314.0.7"
    folder = built_site / "assets" / "pyodide" / version
    names = {p.name for p in folder.iterdir()}
    wheels = {n for n in names if n.endswith(".whl")}
    snapshots = {n for n in names if n.startswith("snapshot-") and n.endswith(".bin.gz")}
    assert names - wheels - snapshots == RUNTIME_FILES | {"snapshot.json"}
    assert len(snapshots) == 1, f"expected one engine snapshot, found {sorted(snapshots)}"
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    # The engine's wheel, and the on-demand ones pinned in macros/browser-wheels.txt: nothing else.
    pinned = [
        line.split("==")[0] for line in runtime_assets.EXTRA_WHEELS.read_text().splitlines() if "==" in line
    ]
    assert sorted(lock["packages"]) == sorted(["assessments", *pinned])
    assert wheels == {entry["file_name"] for entry in lock["packages"].values()}
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert licence == (ROOT / "LICENSES" / "MPL-2.0.txt").read_text(encoding="utf-8")
    assert licence.startswith("Mozilla Public License Version 2.0")


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_no_runtime_in_other_language_trees(built_site: Path, lang: str) -> None:
    assert not (built_site / lang / "assets" / "pyodide").exists(), "the runtime must be shipped once"


def test_every_page_has_valid_front_matter_with_title_and_description() -> None:
    """A broken front matter is silently shown as page text by MkDocs; catch it here."""
    problems = []
    for page in sorted(DOCS.glob("*/*.md")):
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            problems.append(f"{page.relative_to(ROOT)}: no front matter")
            continue
        try:
            meta = yaml.safe_load(text.split("---\n", 2)[1])
        except yaml.YAMLError as error:
            problems.append(f"{page.relative_to(ROOT)}: {error}")
            continue
        if not isinstance(meta, dict) or not meta.get("title") or not meta.get("description"):
            problems.append(f"{page.relative_to(ROOT)}: needs `title` and `description`")
    assert not problems, problems

"""Build layer: the strict build, language parity, the subpath, the self-hosted runtime."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

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


def test_both_languages_hold_the_same_pages() -> None:
    english, french = list_pages("en"), list_pages("fr")
    assert not english - french, f"pages missing in French (docs/fr/): {sorted(english - french)}"
    assert not french - english, f"pages missing in English (docs/en/): {sorted(french - english)}"


def test_navigation_lists_the_same_pages_in_both_languages() -> None:
    def nav_files(config: str) -> list[str]:
        nav = yaml.load((ROOT / config).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
        found: list[str] = []

        def walk(entries: list) -> None:
            for entry in entries:
                value = next(iter(entry.values())) if isinstance(entry, dict) else entry
                walk(value) if isinstance(value, list) else found.append(value)

        walk(nav)
        return found

    assert nav_files("mkdocs.yml") == nav_files("mkdocs.fr.yml")


def test_every_interface_string_exists_in_both_languages() -> None:
    strings = yaml.safe_load((ROOT / "macros" / "ui.yml").read_text(encoding="utf-8"))
    missing = [
        f"{key}.{lang}"
        for key, texts in strings.items()
        for lang in ("en", "fr")
        if not str((texts or {}).get(lang, "")).strip()
    ]
    assert not missing, f"macros/ui.yml lacks: {missing}"


def test_strict_build_writes_both_languages(built_site: Path) -> None:
    for page in sorted(list_pages("en")):
        html = page.removesuffix(".md") + "/index.html" if page != "index.md" else "index.html"
        html = html.replace("index/index.html", "index.html")
        assert (built_site / html).is_file(), f"English page not built: {html}"
        assert (built_site / "fr" / html).is_file(), f"French page not built: fr/{html}"


def test_each_language_has_its_own_search_index(built_site: Path) -> None:
    english = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    french = json.loads((built_site / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"]
    assert french["config"]["lang"] == ["fr"]
    assert all(not doc["location"].startswith("fr/") for doc in english["docs"])
    assert french["docs"], "the French search index is empty"


def test_french_pages_use_a_french_interface(built_site: Path) -> None:
    html = (built_site / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert 'class="headerlink"' in html
    assert 'title="Lien vers cette section"' in html
    assert "Link to this section" not in html


def test_runtime_folder_holds_only_what_the_browser_needs(built_site: Path) -> None:
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text(encoding="utf-8"))["version"]
    assert version == "314.0.7"
    folder = built_site / "assets" / "pyodide" / version
    names = {p.name for p in folder.iterdir()}
    wheels = {n for n in names if n.endswith(".whl")}
    snapshots = {n for n in names if n.startswith("snapshot-") and n.endswith(".bin.gz")}
    assert names - wheels - snapshots == RUNTIME_FILES | {"snapshot.json"}
    assert len(snapshots) == 1, f"expected one engine snapshot, found {sorted(snapshots)}"
    assert len(wheels) == 1, f"expected one engine wheel, found {sorted(wheels)}"
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert list(lock["packages"]) == ["assessments"]
    assert lock["packages"]["assessments"]["file_name"] == next(iter(wheels))
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert licence == (ROOT / "LICENSES" / "MPL-2.0.txt").read_text(encoding="utf-8")
    assert licence.startswith("Mozilla Public License Version 2.0")


def test_no_runtime_in_the_french_tree(built_site: Path) -> None:
    assert not (built_site / "fr" / "assets" / "pyodide").exists(), "the runtime must be shipped once"


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

"""Build layer: the licences are stated (README, footer of every page), their texts are in the
repository, every questionnaire model version has its changelog entry, and the citation file is
well formed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from macros import credits
from tests.languages import LANGUAGES, OTHER_LANGUAGES, data
from tests.sitebuild import ROOT

CREDITS = data(ROOT / "docs" / "credits.yml")
PROJECT = CREDITS["project"]
MODELS = sorted((ROOT / "assessments" / "models").glob("*.yml"))
CHANGELOG = ROOT / "CHANGELOG.md"


def test_every_licence_file_named_in_the_credits_exists() -> None:
    data = credits.load_credits()  # checks every field and that each file exists
    assert set(data["project"]) == {"code", "text", "templates"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_package_declares_the_code_licence() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^license = "{PROJECT["code"]["spdx"]}"$', pyproject, re.MULTILINE)


def test_the_readme_states_the_three_licences() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [part["label"] for part in PROJECT.values() if part["label"] not in readme]
    assert not missing, f"README.md does not name: {missing}"


def test_every_page_shows_the_licence_line(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    missing = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = re.search(r'<p class="md-copyright__highlight site-licences">(.*?)</p>', html, re.DOTALL)
        first = page.relative_to(built_site).parts[0]
        lang = first if first in OTHER_LANGUAGES else LANGUAGES[0]
        urls = [part["url"][lang] for part in PROJECT.values()]
        if not footer or not all(f'href="{url}"' in footer.group(1) for url in urls):
            missing.append(str(page.relative_to(built_site)))
    assert not missing, f"pages without the licence line: {missing[:10]}"


@pytest.mark.parametrize("model", MODELS, ids=lambda p: p.stem)
def test_the_model_version_has_a_changelog_entry(model: Path) -> None:
    data = yaml.safe_load(model.read_text(encoding="utf-8"))
    version = str(data["version"])
    changelog = CHANGELOG.read_text(encoding="utf-8")
    entry = re.compile(
        rf"^- Questionnaire `{re.escape(data['id'])}` model {re.escape(version)}\b", re.MULTILINE
    )
    assert entry.search(changelog), (
        f"CHANGELOG.md has no line `- Questionnaire `{data['id']}` model {version}` under a release: "
        f"add one that says what changed (read from {model.relative_to(ROOT)})"
    )


def test_the_changelog_follows_keep_a_changelog() -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    assert "keepachangelog.com" in text
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    assert releases, "no `## [x.y.z] - YYYY-MM-DD` release heading"
    versions = [tuple(int(n) for n in v.split(".")) for v, _ in releases]
    assert versions == sorted(versions, reverse=True), "releases must be listed newest first"
    links = set(re.findall(r"^\[(\d+\.\d+\.\d+)\]: ", text, re.MULTILINE))
    assert {v for v, _ in releases} <= links, "every release heading needs its link at the bottom"


def test_the_citation_file_is_cff_1_2_0_and_matches_the_latest_release() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert cff.get(key), f"CITATION.cff: `{key}` is required by CFF 1.2.0"
    assert all(isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in cff["authors"])
    assert cff["type"] in ("software", "dataset")
    latest, date = re.findall(
        r"^## \[(\d+\.\d+\.\d+)\] - (\S+)$", CHANGELOG.read_text(encoding="utf-8"), re.M
    )[0]
    assert str(cff["version"]) == latest, (
        "CITATION.cff `version` should be the latest release of CHANGELOG.md"
    )
    assert str(cff["date-released"]) == date
    assert cff["license"] == [PROJECT["text"]["spdx"], PROJECT["code"]["spdx"], PROJECT["templates"]["spdx"]]


def test_the_offline_manifest_lists_only_files_that_exist(built_site: Path) -> None:
    """Pyodide's licence sits in the runtime folder, which the service worker keeps for offline use:
    every file it lists must exist, or the worker's install fails as a whole."""
    text = (built_site / "sw-manifest.js").read_text(encoding="utf-8")
    manifest = json.loads(text.removeprefix("self.AIAP_OFFLINE = ").rstrip().removesuffix(";"))
    missing = [
        name
        for name in manifest["files"]
        if not (
            built_site / name / "index.html" if name == "" or name.endswith("/") else built_site / name
        ).is_file()
    ]
    assert not missing, missing
    assert any(name.startswith("assets/pyodide/") and name.endswith("/LICENSE") for name in manifest["files"])

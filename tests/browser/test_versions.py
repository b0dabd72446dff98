"""Browser layer: what an older questionnaire version produced still opens, with a visible notice.

The older outputs are the frozen files of tests/engine/fixtures/legacy/<version>/ (a share code,
team codes, a JSON export made by that version of the site); no version is written here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from assessments.versions import older_version_note, team_versions_note
from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    FIXTURES,
    cli_result,
    model,
    open_assessment,
    wait_for_result,
)
from tests.browser.conftest import Traffic
from tests.languages import LANGUAGES, lang_root, one_language

pytestmark = pytest.mark.browser
LANGS = LANGUAGES
LEGACY = sorted(path for path in (FIXTURES / "legacy").iterdir() if path.is_dir())[0]
TEAM_PAGES = {lang: f"{lang_root(lang)}team/" for lang in LANGUAGES}


def legacy_export() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((LEGACY / "export.json").read_text(encoding="utf-8"))
    return document


def checked_answers(page: Page) -> dict[str, str]:
    checked: dict[str, str] = page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('input[type=radio]:checked')]"
        ".map(i => [i.name, i.value]))"
    )
    return checked


def expect_notice(region: Any, note: dict[str, Any], lang: str) -> None:
    """The engine's message, the first change of the newest version, and the link to the full list."""
    expect(region).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(region).to_contain_text(note["message"])
    expect(region).to_contain_text(note["changes"][0]["summary"][0])
    link = region.get_by_role("link", name=load_ui_strings(lang)["version_notice_more"])
    expect(link).to_have_attribute("href", re.compile(r"methodology/#changes$"))


@pytest.mark.parametrize("lang", one_language("an-older-share-link"))
def test_an_older_share_link_opens_with_a_notice_and_every_answer(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    old = legacy_export()
    code = (LEGACY / "share_code.txt").read_text(encoding="utf-8").strip()
    open_assessment(page, site_url, lang, f"#r={code}")
    wait_for_result(page)
    note = older_version_note(model(), old["model_version"], lang)
    assert note is not None
    expect_notice(page.locator("#version-notice"), note, lang)
    expect(page.locator(".result__band")).to_have_text(cli_result(old["answers"], lang)["band"]["label"])
    assert checked_answers(page) == {k: v for k, v in old["answers"].items() if isinstance(v, str)}
    assert page.locator("#q-seats").input_value() == str(old["answers"]["seats"])
    assert not traffic.console_errors, traffic.console_errors


@pytest.mark.parametrize("lang", one_language("an-older-export-imports"))
def test_an_older_export_imports_with_its_owners_and_a_notice(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    old = legacy_export()
    path = tmp_path / "older-export.json"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    open_assessment(page, site_url, lang)
    page.get_by_label(load_ui_strings(lang)["import_label"]).set_input_files(str(path))
    wait_for_result(page)
    note = older_version_note(model(), old["model_version"], lang)
    assert note is not None
    expect_notice(page.locator("#version-notice"), note, lang)
    owner = next(iter(old["actions"].values()))["owner"]
    expect(page.locator("[data-action=owner]").first).to_have_value(owner)
    assert checked_answers(page) == {k: v for k, v in old["answers"].items() if isinstance(v, str)}


def test_an_older_saved_draft_comes_back_whole(page: Page, site_url: str) -> None:
    old = legacy_export()
    open_assessment(page, site_url, "en")
    draft = {"model_version": old["model_version"], "saved": old["exported"], "answers": old["answers"]}
    page.evaluate(
        """(draft) => {
        localStorage.setItem('aiap:storage-consent', 'true');
        localStorage.setItem('aiap:resistance:draft', JSON.stringify({...draft, actions: {}}));
    }""",
        draft,
    )
    page.reload()
    expect(page.locator("#storage-status")).to_contain_text(old["model_version"])
    assert checked_answers(page) == {k: v for k, v in old["answers"].items() if isinstance(v, str)}


@pytest.mark.parametrize("lang", LANGS)
def test_team_codes_of_an_older_version_pool_with_the_current_ones(
    page: Page, site_url: str, lang: str
) -> None:
    older = (LEGACY / "team_codes.txt").read_text(encoding="utf-8").split()
    current = (FIXTURES / "team" / "six_codes.txt").read_text(encoding="utf-8").split()
    s = load_ui_strings(lang)
    page.goto(site_url + TEAM_PAGES[lang])
    page.get_by_label(s["team_input_label"]).fill("\n".join(older + current))
    page.get_by_role("button", name=s["team_submit"]).click()
    result = page.locator("#team-result")
    expect(result).to_be_visible(timeout=ENGINE_TIMEOUT)
    versions = {legacy_export()["model_version"]: len(older), model()["version"]: len(current)}
    note = team_versions_note(model(), versions, lang)
    assert note is not None
    assert note["code"] == "note.mixed_versions"
    expect_notice(result.locator(".version-notice"), note, lang)
    expect(result.locator(".result__index")).to_be_visible()  # 12 valid codes: a team result

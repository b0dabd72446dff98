"""Browser layer: the Toolkit page downloads each template as a Markdown file and prints one alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros import site_data
from tests.browser.assessment_helpers import run_axe
from tests.browser.conftest import Traffic
from tests.languages import LANGUAGES, data, lang_root
from tests.sitebuild import ROOT

pytestmark = pytest.mark.browser

INDEX = data(ROOT / "docs" / "toolkit" / "templates.yml")
# window.print() would open a dialog: record which template is marked for print instead.
PRINT_STUB = "window.print = () => { window.__printed = document.querySelector('[data-print-target]')?.id; };"


def title_of(template_id: str, lang: str) -> str:
    source = ROOT / "docs" / "toolkit" / lang / f"{template_id}.md"
    return source.read_text(encoding="utf-8").split("\n")[0].removeprefix("# ")


def open_toolkit(page: Page, site_url: str, lang: str) -> dict[str, str]:
    page.goto(site_url + lang_root(lang) + "toolkit/")
    return site_data.load_ui_strings(lang)


@pytest.mark.parametrize("lang", site_data.LANGUAGES)
def test_each_template_downloads_as_markdown_with_its_licence(
    page: Page, traffic: Traffic, site_url: str, lang: str
) -> None:
    strings = open_toolkit(page, site_url, lang)
    for template_id, entry in INDEX.items():
        link = page.get_by_role("link", name=f"{strings['toolkit_download']} ").filter(
            has_text=title_of(template_id, lang)
        )
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == entry["file"][lang]
        text = Path(download.value.path()).read_text(encoding="utf-8")
        assert text.startswith(f"# {title_of(template_id, lang)}\n")
        assert "creativecommons.org/publicdomain/zero/1.0/" in text.rstrip().split("\n")[-2]
    assert not traffic.failures, traffic.failures
    assert not traffic.console_errors, traffic.console_errors
    assert page.evaluate("() => window.__cspViolations ?? []") == []


@pytest.mark.parametrize("lang", site_data.LANGUAGES)
def test_print_button_prints_that_template_alone(page: Page, site_url: str, lang: str) -> None:
    page.add_init_script(PRINT_STUB)
    strings = open_toolkit(page, site_url, lang)
    chosen = "data-rules"
    button = page.get_by_role("button", name=f"{strings['toolkit_print']} ").filter(
        has_text=title_of(chosen, lang)
    )
    expect(button).to_be_visible()  # hidden in the HTML, shown by the page script
    button.click()
    assert page.evaluate("() => window.__printed") == f"template-{chosen}"
    page.emulate_media(media="print")
    expect(page.locator(f"#template-{chosen}")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_hidden()
    for other in INDEX:
        if other != chosen:
            expect(page.locator(f"#template-{other}")).to_be_hidden()
    expect(page.locator(f"#template-{chosen} .toolkit-licence")).to_be_visible()  # the licence is printed
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("#template-interview-guide")).to_be_visible()  # the whole page prints again


@pytest.mark.parametrize(
    "path", [lang_root(lang) + slug for slug in ("toolkit/", "credits/") for lang in LANGUAGES]
)
def test_toolkit_and_credits_pages_have_no_serious_accessibility_violation(
    page: Page, site_url: str, path: str
) -> None:
    page.goto(site_url + path)
    assert not run_axe(page)

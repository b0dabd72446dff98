"""Helpers for the assessment page's browser tests: answer sets, keyboard entry, engine results."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from assessments import describe, load_model, score
from assessments.loader import default_model_path
from tests.languages import LANGUAGES, lang_root
from tests.sitebuild import AXE_PATH, ROOT

FIXTURES = ROOT / "tests" / "engine" / "fixtures"
PAGES = {lang: f"{lang_root(lang)}assessment/" for lang in LANGUAGES}
ENGINE_TIMEOUT = 90_000


@cache
def model() -> dict[str, Any]:
    return load_model(default_model_path("resistance"))


@cache
def questions(lang: str) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in describe(model(), lang)["questions"]}


def answer_set(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["answers"]


def cli_result(answers: dict[str, Any], lang: str) -> dict[str, Any]:
    """What `python -m assessments score` prints, as data (the CLI prints exactly this dict)."""
    return score(model(), answers, lang)


def open_assessment(page: Page, site_url: str, lang: str, fragment: str = "") -> None:
    page.goto(site_url + PAGES[lang] + fragment)


def wait_for_result(page: Page) -> None:
    expect(page.locator("#result")).to_be_visible(timeout=ENGINE_TIMEOUT)


def tab_until(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only, bounded)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def choose_with_keys(page: Page, position: int) -> None:
    """In a radio group with nothing checked, focus is on the first radio: Space checks it, each
    ArrowDown moves to and checks the next one."""
    if position == 0:
        page.keyboard.press("Space")
    for _ in range(position):
        page.keyboard.press("ArrowDown")


def fill_with_keyboard(page: Page, answers: dict[str, Any], lang: str) -> None:
    """Answer every question in page order with Tab, Space, arrows and typing; then press Enter."""
    order = page.eval_on_selector_all("[data-question]", "els => els.map(e => e.dataset.question)")
    tab_until(page, f'input[name="{order[0]}"]')
    for question_id in order:
        tab_until(page, f'input[name="{question_id}"]')
        question = questions(lang)[question_id]
        value = answers.get(question_id)
        if question["kind"] == "choice" and value is not None:
            choose_with_keys(page, [o["id"] for o in question["options"]].index(value))
        elif value is not None:
            page.keyboard.type(str(value))
        page.keyboard.press("Tab")
    tab_until(page, "#assessment-submit")
    page.keyboard.press("Enter")


def fill_by_labels(page: Page, answers: dict[str, Any], lang: str) -> None:
    """Answer by roles and accessible names (the way a person reads the form)."""
    for question_id, value in answers.items():
        question = questions(lang)[question_id]
        if question["kind"] == "choice":
            label = next(o["label"] for o in question["options"] if o["id"] == value)
            group = page.get_by_role("group", name=question["text"], exact=False)
            group.get_by_role("radio", name=label, exact=True).check()
        else:
            page.get_by_label(question["text"], exact=True).fill(str(value))


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the page as it is now (colours settled: no transition)."""
    page.emulate_media(reduced_motion="reduce")
    page.add_script_tag(url=AXE_PATH)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def exported_json(page: Page, button: str) -> dict[str, Any]:
    with page.expect_download() as download:
        page.get_by_role("button", name=button).first.click()
    return json.loads(Path(download.value.path()).read_text(encoding="utf-8"))

"""Browser layer: the self-assessment page, in both languages, against the built site under a subpath.

The Python engine runs in the page's module worker; these tests check what a person sees and does:
keyboard-only completion, results that match the CLI, keeping and sharing answers, bad input.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.codec import encode_answers
from assessments.document import check_against_model, read_document
from assessments.languages import catalogue
from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    answer_set,
    cli_result,
    exported_json,
    fill_by_labels,
    fill_with_keyboard,
    model,
    open_assessment,
    run_axe,
    wait_for_result,
)
from tests.browser.conftest import Traffic
from tests.languages import LANGUAGES, OTHER_LANGUAGES, lang_root, one_language

pytestmark = pytest.mark.browser
LANGS = LANGUAGES
EXPECTED_BANDS = {"all_lowest": "low", "all_highest": "critical", "mixed": "high"}


def strings(lang: str) -> dict[str, str]:
    return load_ui_strings(lang)


def assert_clean(traffic: Traffic, page: Page | None = None) -> None:
    if page is not None:
        assert page.evaluate("() => window.__cspViolations ?? []") == [], "Content-Security-Policy violations"
    assert not traffic.foreign(), f"requests to another origin: {traffic.foreign()}"
    assert not traffic.failures, f"failed requests: {traffic.failures}"
    assert not traffic.console_errors, f"console errors: {traffic.console_errors}"


# The mixed answer set in every language; the two extremes (both ends of every scale) once each.
KEYBOARD_CASES = [("mixed", lang) for lang in LANGS] + [
    (name, one_language(f"keyboard-{name}")[0]) for name in EXPECTED_BANDS if name != "mixed"
]


@pytest.mark.parametrize(("name", "lang"), KEYBOARD_CASES)
def test_keyboard_only_completion_gives_the_cli_result(
    page: Page, traffic: Traffic, site_url: str, lang: str, name: str
) -> None:
    answers = answer_set(name)
    open_assessment(page, site_url, lang)
    fill_with_keyboard(page, answers, lang)
    wait_for_result(page)
    expected = cli_result(answers, lang)
    band = model()["bands"]
    assert expected["band"]["id"] == EXPECTED_BANDS[name]
    title = next(b["title"][lang] for b in band if b["id"] == EXPECTED_BANDS[name])
    expect(page.locator(".result__band")).to_have_text(title)
    expect(page.get_by_role("heading", name=strings(lang)["result_title"])).to_be_focused()
    export = exported_json(page, strings(lang)["export_json"])
    assert export["result"] == expected, "the page's result differs from the CLI's for the same answers"
    assert export["answers"] == answers
    assert_clean(traffic, page)


@pytest.mark.parametrize("lang", LANGS)
def test_form_is_usable_before_the_runtime_is_ready(page: Page, site_url: str, lang: str) -> None:
    held = []
    page.context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    open_assessment(page, site_url, lang)
    first = page.locator("fieldset.question").first.get_by_role("radio").first
    first.check()
    expect(first).to_be_checked()
    expect(page.locator("#engine-status")).to_have_attribute("data-state", "loading")
    page.get_by_role("button", name=strings(lang)["form_submit"]).click()
    page.get_by_role("button", name=strings(lang)["ux_sparse_anyway"]).click()  # one answer: warned first
    expect(page.get_by_role("alert")).to_contain_text(strings(lang)["engine_waiting"])
    page.wait_for_timeout(200)
    assert held, "the runtime's wasm was never requested"
    for route in held:
        route.continue_()
    page.context.unroute("**/pyodide.asm.wasm")
    wait_for_result(page)


@pytest.mark.parametrize("lang", one_language("share-link-round-trip"))
def test_share_link_round_trip(page: Page, traffic: Traffic, site_url: str, lang: str) -> None:
    answers = answer_set("mixed")
    open_assessment(page, site_url, lang)
    fill_by_labels(page, answers, lang)
    page.get_by_role("button", name=strings(lang)["form_submit"]).click()
    wait_for_result(page)
    page.get_by_role("button", name=strings(lang)["share_create"]).click()
    link_field = page.get_by_label(strings(lang)["share_link_label"])
    expect(link_field).to_have_value(
        re.compile(r"#r="), timeout=ENGINE_TIMEOUT
    )  # the engine answers asynchronously
    link = link_field.input_value()
    assert "#r=" in link
    assert link.startswith(site_url)
    other = page.context.new_page()
    other.goto(link)
    expect(other.locator("#result")).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(other.locator(".result__band")).to_have_text(cli_result(answers, lang)["band"]["label"])
    restored = other.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('input[type=radio]:checked')]"
        ".map(i => [i.name, i.value]))"
    )
    assert restored == {k: v for k, v in answers.items() if isinstance(v, str)}
    assert other.locator("#q-seats").input_value() == str(answers["seats"])
    assert_clean(traffic, page)


@pytest.mark.parametrize("lang", one_language("json-export-import-round"))
def test_json_export_import_round_trip_and_erase(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    s = strings(lang)
    answers = answer_set("mixed")
    open_assessment(page, site_url, lang)
    page.get_by_text(s["ux_tools_summary"]).click()  # keeping and importing are folded at first
    page.get_by_label(s["storage_consent_label"]).check()
    fill_by_labels(page, answers, lang)
    page.get_by_role("button", name=s["form_submit"]).click()
    wait_for_result(page)
    first_owner = page.locator("[data-action=owner]").first
    first_owner.fill("Direction générale")
    first_owner.press("Tab")
    export = exported_json(page, s["export_json"])
    assert next(iter(export["actions"].values()))["owner"] == "Direction générale"
    assert page.context.cookies() == [], "the site sets no cookie"
    stored = page.evaluate("() => Object.keys(localStorage)")
    assert sorted(stored) == ["aiap:resistance:draft", "aiap:storage-consent"]

    page.get_by_role("button", name=s["storage_erase"]).click()
    expect(page.locator("#storage-status")).to_have_text(s["storage_erased"])
    assert page.evaluate("() => localStorage.length") == 0
    assert page.evaluate("async () => (await caches.keys()).length") == 0, "the runtime snapshot must go too"
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    page.reload()
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)

    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(export), encoding="utf-8")
    page.get_by_label(s["import_label"]).set_input_files(str(exported))
    wait_for_result(page)
    expect(page.locator(".result__band")).to_have_text(cli_result(answers, lang)["band"]["label"])
    expect(page.locator("[data-action=owner]").first).to_have_value("Direction générale")
    assert page.locator("input[type=radio]:checked").count() == sum(
        isinstance(v, str) for v in answers.values()
    )


@pytest.mark.parametrize("lang", one_language("saved-answers-come-back"))
def test_saved_answers_come_back_and_an_old_version_is_kept_with_a_notice(
    page: Page, site_url: str, lang: str
) -> None:
    s = strings(lang)
    open_assessment(page, site_url, lang)
    page.evaluate(
        """() => {
        localStorage.setItem('aiap:storage-consent', 'true');
        localStorage.setItem('aiap:resistance:draft', JSON.stringify({model_version: '0.9.0',
          saved: '2026-08-01', answers: {usage_spread: 'handful', retired_question: 'x'}, actions: {}}));
    }"""
    )
    page.reload()
    expect(page.get_by_label(s["storage_consent_label"])).to_be_checked()
    expect(page.locator("#storage-status")).to_contain_text("0.9.0")
    expect(page.locator("input[name=usage_spread][value=handful]")).to_be_checked()
    old = json.loads(page.evaluate("() => localStorage.getItem('aiap:resistance:draft')"))
    assert old["answers"]["retired_question"] == "x", (
        "the saved copy must stay untouched until the person acts"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violation_on_form_and_result(page: Page, site_url: str, lang: str) -> None:
    open_assessment(page, site_url, lang)
    assert run_axe(page) == []
    fill_by_labels(page, answer_set("mixed"), lang)
    page.get_by_role("button", name=strings(lang)["form_submit"]).click()
    wait_for_result(page)
    page.get_by_role("button", name=strings(lang)["share_create"]).click()
    assert run_axe(page) == []


def import_document(
    page: Page, tmp_path: Path, lang: str, content: str | bytes, name: str = "answers.json"
) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    page.get_by_label(strings(lang)["import_label"]).set_input_files(str(path))


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
BAD_IMPORTS = {
    "not_json": ("{not json", "JSON"),
    "other_assessment": (json.dumps({"assessment": "other", "answers": {}}), "other"),
    "other_version": (
        json.dumps({"assessment": "resistance", "model_version": "0.1.0", "answers": {}}),
        "0.1.0",
    ),
    "script_in_key": (json.dumps({"assessment": "resistance", "answers": {HOSTILE: "x"}}), "pwned"),
    "script_in_value": (
        json.dumps({"assessment": "resistance", "answers": {"usage_spread": HOSTILE}}),
        "usage_spread",
    ),
    "script_in_owner": (
        json.dumps({"assessment": "resistance", "answers": {}, "actions": {"nope": {"owner": HOSTILE}}}),
        "nope",
    ),
    "impossible_figures": (
        json.dumps({"assessment": "resistance", "answers": {"seats": 10, "weekly_real": 50}}),
        "10",
    ),
}


@pytest.mark.parametrize("lang", one_language("bad-imports-are-refused"))
def test_bad_imports_are_refused_clearly_and_nothing_executes(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    open_assessment(page, site_url, lang)
    expect(page.locator("#engine-status")).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    page.locator("input[name=usage_spread][value=spread]").check()
    alert = page.get_by_role("alert")
    for name, (content, expected) in BAD_IMPORTS.items():
        import_document(page, tmp_path, lang, content, f"{name}.json")
        expect(alert).to_contain_text(expected, timeout=10_000)
        assert page.evaluate("() => window.__pwned") is None, f"{name}: injected script ran"
        assert page.locator("img[src=x]").count() == 0, f"{name}: injected markup was rendered"
        expect(page.locator("input[name=usage_spread][value=spread]")).to_be_checked()
    import_document(page, tmp_path, lang, b"{" + b" " * 1_100_000 + b"}", "huge.json")
    expect(alert).to_contain_text("1 MB")


@pytest.mark.parametrize("lang", one_language("tampered-or-truncated-share"))
def test_tampered_or_truncated_share_links_are_refused(page: Page, site_url: str, lang: str) -> None:
    good = encode_answers(model(), answer_set("all_lowest"))
    tampered = good.replace("~0", "~3", 1)
    for fragment, code in [
        (f"#r={tampered}", "share.checksum"),
        (f"#r={good[:20]}", "share.malformed"),
        ("#r=" + "%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E", "share.malformed"),
    ]:
        open_assessment(page, site_url, lang, fragment)
        # The engine's own message for that fault, in the page's language (its text before any {field}).
        words = catalogue(lang)["messages"][code].split("{")[0].strip()
        expect(page.get_by_role("alert")).to_contain_text(words, timeout=ENGINE_TIMEOUT)
        expect(page.locator("#result")).to_be_hidden()
        assert page.evaluate("() => window.__pwned") is None


def test_the_guide_pages_never_load_the_runtime(page: Page, traffic: Traffic, site_url: str) -> None:
    page.goto(site_url + "signals/", wait_until="networkidle")
    for lang in OTHER_LANGUAGES:
        page.goto(site_url + lang_root(lang) + "levers/", wait_until="networkidle")
    assert not [u for u in traffic.requests if "/assets/pyodide/" in u or "engine-worker" in u]
    assert_clean(traffic, page)


@pytest.mark.parametrize("lang", LANGS)
def test_print_stylesheet_gives_a_report_of_at_most_two_pages(page: Page, site_url: str, lang: str) -> None:
    """A realistic result (the mixed answer set: 13 recommendations) prints on two A4 pages."""
    open_assessment(page, site_url, lang)
    fill_by_labels(page, answer_set("mixed"), lang)
    page.get_by_role("button", name=strings(lang)["form_submit"]).click()
    wait_for_result(page)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    expect(page.locator("#assessment-form")).to_be_hidden()
    expect(page.locator(".result__band")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the printed report takes {pages} pages"


@pytest.mark.parametrize("lang", one_language("when-python-cannot-start"))
def test_when_python_cannot_start_answers_can_still_be_downloaded(
    page: Page, site_url: str, lang: str
) -> None:
    """WebAssembly blocked (as on some locked-down laptops): a clear message, and nothing is lost.

    With its .wasm refused, Pyodide never answers and the page gives up after its start timeout (a
    minute). The page runs on Playwright's clock (the worker keeps the real one), moved past that
    timeout once the runtime was refused: the same path, without waiting out the real minute."""
    s = strings(lang)
    page.context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page.clock.install()
    refused = "pyodide.asm.wasm"
    with page.context.expect_event("requestfailed", lambda r: refused in r.url, timeout=ENGINE_TIMEOUT):
        open_assessment(page, site_url, lang)
        answers = answer_set("mixed")
        fill_by_labels(page, answers, lang)
    status = page.locator("#engine-status")
    expect(status).to_have_attribute("data-state", "loading")
    page.clock.fast_forward("01:01")
    expect(status).to_have_attribute("data-state", "failed", timeout=ENGINE_TIMEOUT)
    expect(status).to_contain_text(s["runtime_status_failed"].split("{")[0].strip())
    expect(status).to_contain_text(s["engine_error_timeout"])
    fallback = page.locator("#engine-fallback")
    expect(fallback).to_be_visible()
    with page.expect_download() as download:
        fallback.get_by_role("button", name=s["export_answers_json"]).click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["answers"] == answers
    assert saved["result"] is None
    document = check_against_model(read_document(saved), model())  # what `python -m assessments score` reads
    assert cli_result(document.answers, lang)["band"]["id"] == "high"

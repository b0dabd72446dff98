"""Browser layer: the hostile cases of issue 14 that only a browser can replay.

Saved drafts and share links, tampered storage, imports parsed like the CLI, identical team codes,
framing, a poisoned offline cache and a replaced runtime snapshot.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from assessments.codec import encode_answers
from assessments.team import encode_team_code
from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    answer_set,
    model,
    open_assessment,
    wait_for_result,
)
from tests.engine.fixtures.team.generate import answers_for
from tests.languages import LANGUAGES, OTHER_LANGUAGES, lang_root, one_language
from tests.sitebuild import SUBPATH, SubpathHandler

pytestmark = pytest.mark.browser
LANGS = LANGUAGES
DRAFT_KEY = "aiap:resistance:draft"


def save_draft(page: Page, draft: object) -> None:
    text = draft if isinstance(draft, str) else json.dumps(draft)
    page.evaluate(
        "(text) => { localStorage.setItem('aiap:storage-consent', 'true');"
        " localStorage.setItem('aiap:resistance:draft', text); }",
        text,
    )


def stored(page: Page, key: str = DRAFT_KEY) -> dict:
    return json.loads(page.evaluate("(key) => localStorage.getItem(key)", key))


def my_draft() -> dict:
    return {
        "model_version": model()["version"],
        "saved": "2026-11-30",
        "answers": {"usage_spread": "handful"},
        "actions": {},
    }


def open_link_over_draft(page: Page, site_url: str, lang: str) -> None:
    open_assessment(page, site_url, lang)
    save_draft(page, my_draft())
    open_assessment(page, site_url, lang, "#r=" + encode_answers(model(), answer_set("all_lowest")))
    page.reload()  # a fresh load with the link, as when it is opened from a message
    wait_for_result(page)


@pytest.mark.parametrize("lang", one_language("a-share-link-never"))
def test_a_share_link_never_overwrites_the_saved_draft(page: Page, site_url: str, lang: str) -> None:
    s = load_ui_strings(lang)
    open_link_over_draft(page, site_url, lang)
    expect(page.get_by_text(s["share_draft_question"].split("{")[0])).to_be_visible()
    # The person changes an answer of the link's set: the autosave must not touch their draft.
    page.locator("input[name=usage_spread]").last.check()
    page.locator("input[name=usage_spread]").last.dispatch_event("change")
    assert stored(page) == my_draft()
    page.get_by_role("button", name=s["share_draft_keep"]).click()
    expect(page.locator("input[name=usage_spread][value=handful]")).to_be_checked()
    assert stored(page) == my_draft()


@pytest.mark.parametrize("lang", one_language("saving-a-share-link"))
def test_saving_a_share_link_keeps_the_old_draft_as_a_backup(page: Page, site_url: str, lang: str) -> None:
    s = load_ui_strings(lang)
    open_link_over_draft(page, site_url, lang)
    page.get_by_role("button", name=s["share_draft_replace"]).click()
    expect(page.get_by_text(s["share_draft_replaced"])).to_be_visible()
    assert stored(page)["answers"] == answer_set("all_lowest")
    assert stored(page, "aiap:resistance:draft-previous") == my_draft()


@pytest.mark.parametrize("lang", one_language("tampered-storage-gives-a"))
def test_tampered_storage_gives_a_notice_and_keeps_the_rest(page: Page, site_url: str, lang: str) -> None:
    s = load_ui_strings(lang)
    open_assessment(page, site_url, lang)
    tampered = {
        **my_draft(),
        "saved": {"toString": 1},  # threw in String() and stopped the page before share links
        "actions": {"pilot_before_scaling": {"owner": {"toString": 1}}},
    }
    save_draft(page, tampered)
    link = "#r=" + encode_answers(model(), answer_set("all_lowest"))
    open_assessment(page, site_url, lang, link)
    page.reload()
    wait_for_result(page)  # the share link still opens
    expect(page.locator("#storage-status")).to_contain_text(s["storage_invalid"].split("(")[0].strip())
    page.get_by_role("button", name=s["share_draft_keep"]).click()
    expect(page.locator("input[name=usage_spread][value=handful]")).to_be_checked()
    page.get_by_role("button", name=s["form_submit"]).click()
    page.get_by_role("button", name=s["ux_sparse_anyway"]).click()  # one answer: warned first
    wait_for_result(page)  # "see my result" works with the bad owner set aside


@pytest.mark.parametrize("lang", one_language("a-stored-draft-that"))
def test_a_stored_draft_that_is_not_json_is_set_aside_with_a_notice(
    page: Page, site_url: str, lang: str
) -> None:
    open_assessment(page, site_url, lang)
    save_draft(page, "{broken")
    page.reload()
    notice = load_ui_strings(lang)["storage_invalid"].replace("{count}", "1")
    expect(page.locator("#storage-status")).to_have_text(notice)
    expect(page.locator("#assessment-form")).to_be_visible()


@pytest.mark.parametrize("lang", one_language("browser-import-refuses-what"))
def test_browser_import_refuses_what_the_cli_refuses(
    page: Page, site_url: str, lang: str, tmp_path: Path
) -> None:
    s = load_ui_strings(lang)
    open_assessment(page, site_url, lang)
    expect(page.locator("#engine-status")).to_have_attribute("data-state", "ready", timeout=ENGINE_TIMEOUT)
    page.locator("input[name=usage_spread][value=spread]").check()
    cases = {
        "huge.json": '{"assessment": "resistance", "answers": {"seats": 1e309}}',
        "twice.json": '{"assessment": "resistance", "answers": {"usage_spread": "handful"}, "answers": {}}',
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        page.get_by_label(s["import_label"]).set_input_files(str(tmp_path / name))
        expect(page.get_by_role("alert")).to_contain_text("seats" if name == "huge.json" else "answers")
        expect(page.locator("input[name=usage_spread][value=spread]")).to_be_checked()


@pytest.mark.parametrize("lang", one_language("identical-answer-sets-count"))
def test_identical_answer_sets_count_once_unless_the_facilitator_opts_in(
    page: Page, site_url: str, lang: str
) -> None:
    s = load_ui_strings(lang)
    code = encode_team_code(model(), answers_for(model(), 1), "staff", "2026-11-22")
    page.goto(site_url + lang_root(lang) + "team/")
    page.get_by_label(s["team_input_label"]).fill("\n".join([code] * 5))
    page.get_by_role("button", name=s["team_submit"]).click()
    expect(page.locator(".team__too-few")).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(page.locator(".team__identical")).to_contain_text(
        s["team_identical_once"].split("{count}")[1][:20]
    )
    page.get_by_label(s["team_count_identical_label"]).check()
    page.get_by_role("button", name=s["team_submit"]).click()
    expect(page.locator(".result__index-value")).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(page.locator(".team__identical")).to_contain_text(
        s["team_identical_counted"].split("{count}")[1][:20]
    )
    expect(page.locator(".team__coarse")).to_be_visible()  # 5 responses: rounded values only


@pytest.mark.parametrize("path", ["assessment/", "fr/team/"])
def test_an_interactive_page_refuses_to_work_in_a_frame(page: Page, site_url: str, path: str) -> None:
    lang = next((lang for lang in OTHER_LANGUAGES if path.startswith(lang_root(lang))), LANGUAGES[0])
    page.set_content(f'<iframe src="{site_url}{path}" title="framed" width="800" height="600"></iframe>')
    frame = page.frame_locator("iframe")
    expect(frame.locator(".frame-refused")).to_contain_text(load_ui_strings(lang)["frame_refused"][:30])
    expect(frame.locator("article")).to_be_hidden()


POISON = "<script>window.__pwned = 1</script>poisoned"


class SwitchableHandler(SubpathHandler):
    """The test server, with a switch that makes it drop every request (keep-alive ones included)."""

    offline = threading.Event()

    def do_GET(self) -> None:
        if self.offline.is_set():
            self.close_connection = True  # no response at all: the browser sees a network error
            return
        super().do_GET()


@contextlib.contextmanager
def switchable_site(site_dir: Path) -> Iterator[str]:
    SwitchableHandler.offline.clear()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SwitchableHandler, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()


POISON_CACHE = """
async ([urls, body]) => {
  const name = (await caches.keys()).find((n) => n.startsWith("aiap-offline-"));
  const cache = await caches.open(name);
  for (const u of urls) await cache.put(u, new Response(body, { headers: { "Content-Type": "text/html" } }));
}
"""
CACHED_TEXT = """
async (u) => {
  const name = (await caches.keys()).find((n) => n.startsWith("aiap-offline-"));
  const found = await (await caches.open(name)).match(u);
  return found ? found.text() : null;
}
"""


def test_the_service_worker_never_serves_a_poisoned_copy(browser: Browser, built_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    with switchable_site(built_site) as url:
        page.goto(url + "assessment/")
        expect(page.locator("#engine-status")).to_have_attribute(
            "data-state", "ready", timeout=ENGINE_TIMEOUT
        )
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=ENGINE_TIMEOUT)
        model_url = page.evaluate(
            "() => new URL(JSON.parse(document.getElementById('site-config').textContent).models.resistance,"
            " document.baseURI).href"
        )
        # What another project of the same origin could do: write into our offline cache.
        page.evaluate(POISON_CACHE, [[model_url, url + "methodology/"], POISON])
        served = page.evaluate("async (u) => (await fetch(u)).text()", model_url)  # a cache-first file
        assert served == Path(built_site / model_url.removeprefix(url)).read_text(encoding="utf-8")
        # Offline (no server, nothing in the HTTP cache): only the offline copy could answer.
        context.new_cdp_session(page).send("Network.clearBrowserCache")
        SwitchableHandler.offline.set()
        with contextlib.suppress(PlaywrightError):  # Chromium shows its own error page instead
            page.goto(url + "methodology/")
        page.wait_for_load_state()
        expect(page.locator("body")).not_to_contain_text("poisoned")
        page.goto(url + "assessment/")  # a genuine copy is still served offline
        expect(page.locator("#assessment-form")).to_be_visible()
        assert page.evaluate(CACHED_TEXT, url + "methodology/") is None  # the poisoned copy was deleted
        assert page.evaluate("() => window.__pwned") is None
    context.close()


START_WORKER = """
async () => {
  const config = JSON.parse(document.getElementById("site-config").textContent);
  const url = (path) => new URL(path, document.baseURI).href;
  const worker = new Worker(url(config.engine), { type: "module" });
  const detail = await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => data.type === "status" &&
      (data.state === "ready" ? resolve(data.detail) : reject(new Error(data.detail?.reason)));
    worker.postMessage({ method: "init", payload: { runtime: url(config.runtime), packages: ["assessments"],
                                                    model: url(config.models.resistance),
                                                    snapshot: "device" } });
  });
  // Let the worker finish keeping its snapshot (after "ready") before stopping it.
  const cache = await caches.open("aiap-runtime");
  for (let i = 0; i < 300; i += 1) {
    const [key] = await cache.keys();
    if (key && (await cache.match(key))) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  worker.terminate();
  return detail.snapshot;
}
"""


def test_a_replaced_runtime_snapshot_is_not_loaded(page: Page, site_url: str) -> None:
    page.set_default_timeout(ENGINE_TIMEOUT)
    page.goto(site_url + "runtime-check/")
    assert page.evaluate(START_WORKER) is False  # first start: from scratch, then a snapshot is kept
    assert page.evaluate(START_WORKER) is True  # the genuine snapshot is used
    page.evaluate(
        "async () => { const cache = await caches.open('aiap-runtime'); const [key] = await cache.keys();"
        " const old = await cache.match(key);"
        " await cache.put(key, new Response(new Uint8Array(1024), {headers: old.headers})); }"
    )
    assert page.evaluate(START_WORKER) is False  # digest mismatch: discarded, Python starts afresh

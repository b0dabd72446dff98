"""Browser layer: the engine starts from the build's snapshot, and from today's path when that
snapshot is missing, stale, damaged, fails to restore or would download too slowly (adr/0013).

Every case scores a real answer set on the assessment page and compares it with the CLI, so a start
that "succeeds" with a broken interpreter fails here. The fallback speaks only in the console.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import (
    ENGINE_TIMEOUT,
    answer_set,
    cli_result,
    fill_by_labels,
    wait_for_result,
)
from tests.browser.conftest import Traffic
from tests.sitebuild import SUBPATH, SubpathHandler

pytestmark = pytest.mark.browser

READY = """
() => new Promise((resolve) => {
  const found = () => performance.getEntriesByName("aiap:engine-ready")[0];
  const check = () => (found() ? resolve(found().detail) : setTimeout(check, 50));
  check();
})
"""


def manifest(site: Path) -> dict[str, Any]:
    return json.loads(next((site / "assets" / "pyodide").glob("*/snapshot.json")).read_text(encoding="utf-8"))


def engine_source(page: Page) -> str:
    """Which start the page's engine used: "build", "device" or "scratch"."""
    page.set_default_timeout(ENGINE_TIMEOUT)
    return str(page.evaluate(READY)["source"])


def score_and_compare(page: Page) -> None:
    """The engine that started answers like the CLI."""
    answers = answer_set("mixed")
    fill_by_labels(page, answers, "en")
    page.get_by_role("button", name=load_ui_strings("en")["form_submit"]).click()
    wait_for_result(page)
    expect(page.locator(".result__band")).to_have_text(cli_result(answers, "en")["band"]["label"])


def record_console(page: Page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    return messages


def test_the_assessment_starts_from_the_build_snapshot(page: Page, site_url: str, traffic: Traffic) -> None:
    requested: list[str] = []  # by the page and its worker (the offline copy's own downloads aside)
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "assessment/")
    assert engine_source(page) == "build"
    score_and_compare(page)
    assert any("/snapshot-" in url for url in requested)
    assert not any(url.endswith(".whl") for url in requested), "the wheel is inside the snapshot"
    assert page.evaluate("async () => (await caches.open('aiap-runtime').then(c => c.keys())).length") == 0
    assert not traffic.failures, traffic.failures
    assert not traffic.console_errors, traffic.console_errors


def stale_manifest(site: Path) -> Callable[[Route], None]:
    changed = {**manifest(site)}
    changed["key"] = {**changed["key"], "wheel_sha256": "0" * 64}
    return lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(changed))


def damaged_snapshot(_: Path) -> Callable[[Route], None]:
    return lambda route: route.fulfill(status=200, body=b"\x1f\x8b" + b"\0" * 4096)


def unrestorable_manifest(site: Path) -> Callable[[Route], None]:
    """A snapshot whose digest matches its manifest but whose memory is not Pyodide's."""
    import hashlib

    packed = gzip.compress(b"\0" * (1 << 20))
    changed = {**manifest(site), "sha256": hashlib.sha256(packed).hexdigest(), "bytes": len(packed)}
    return lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(changed))


def unrestorable_snapshot(_: Path) -> Callable[[Route], None]:
    packed = gzip.compress(b"\0" * (1 << 20))
    return lambda route: route.fulfill(status=200, body=packed)


CASES: dict[str, list[tuple[str, Callable[[Path], Callable[[Route], None]]]]] = {
    "missing": [("**/snapshot.json", lambda _: lambda route: route.fulfill(status=404, body="not here"))],
    "stale": [("**/snapshot.json", stale_manifest)],
    "damaged": [("**/snapshot-*.bin.gz", damaged_snapshot)],
    "unrestorable": [
        ("**/snapshot.json", unrestorable_manifest),
        ("**/snapshot-*.bin.gz", unrestorable_snapshot),
    ],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_without_a_usable_build_snapshot_the_engine_starts_as_before(
    case: str, context: BrowserContext, page: Page, site_url: str, built_site: Path, traffic: Traffic
) -> None:
    for pattern, handler in CASES[case]:
        context.route(pattern, handler(built_site))
    console = record_console(page)
    page.goto(site_url + "assessment/")
    assert engine_source(page) == "scratch"
    score_and_compare(page)
    notes = [m for m in console if "engine:" in m]
    assert notes, console
    assert all(m.startswith("info: ") for m in notes), console  # for developers only
    if case == "missing":  # today's path goes on as before: the next start restores the device's snapshot
        page.wait_for_function(
            "async () => (await caches.open('aiap-runtime').then(c => c.keys())).length === 1",
            timeout=ENGINE_TIMEOUT,
        )
        page.reload()
        assert engine_source(page) == "device"
    assert not traffic.console_errors, traffic.console_errors


# ---- A slow link ----------------------------------------------------------------------------------


class SlowSnapshotHandler(SubpathHandler):
    """The site as usual, except the snapshot file, sent at about 1 Mbit/s: on such a link its
    download would take longer than the start it saves."""

    def copyfile(self, source: Any, outputfile: Any) -> None:
        if "/snapshot-" not in self.path:
            super().copyfile(source, outputfile)
            return
        try:
            while chunk := source.read(16 * 1024):
                outputfile.write(chunk)
                time.sleep(0.125)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the worker gave up on it, as it should


@contextmanager
def serve_slow_snapshot(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(SlowSnapshotHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()


def test_on_a_slow_link_the_engine_does_not_wait_for_the_snapshot(browser: Browser, built_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    console = record_console(page)
    with serve_slow_snapshot(built_site) as url:
        page.goto(url + "assessment/")
        assert engine_source(page) == "scratch"
        score_and_compare(page)
    assert any("slow link" in m for m in console), console
    context.close()


# ---- Pages and their starts ---------------------------------------------------------------------

START = """
async (packages) => {
  const config = JSON.parse(document.getElementById("site-config").textContent);
  const url = (path) => new URL(path, document.baseURI).href;
  const worker = new Worker(url(config.engine), { type: "module" });
  await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => data.type === "status" &&
      (data.state === "ready" ? resolve() : reject(new Error(data.detail?.reason)));
    const payload = { runtime: url(config.runtime), packages, snapshot: "device" };
    worker.postMessage({ method: "init", payload });
  });
  const cache = await caches.open("aiap-runtime");
  for (let i = 0; i < 300 && (await cache.keys()).length < (packages.length ? 2 : 1); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
  worker.terminate();
  return (await cache.keys()).length;
}
"""


def test_the_browser_check_page_keeps_the_assessments_device_snapshot(page: Page, site_url: str) -> None:
    """Today's path keeps one device snapshot per set of packages: the Browser check page (none) no
    longer replaces the assessment's (the engine), which then started cold again."""
    page.set_default_timeout(ENGINE_TIMEOUT)
    page.goto(site_url + "runtime-check/")
    assert page.evaluate(START, []) == 1
    assert page.evaluate(START, ["assessments"]) == 2
    assert page.evaluate(START, []) == 2


def test_the_offline_copy_holds_the_snapshot_and_guide_pages_never_fetch_it(
    page: Page, site_url: str, traffic: Traffic
) -> None:
    page.goto(site_url + "assessment/")
    engine_source(page)
    page.wait_for_function(
        "async () => !!(await navigator.serviceWorker.ready).active", timeout=ENGINE_TIMEOUT
    )
    cached = page.evaluate(
        "async () => { const names = (await caches.keys()).filter((n) => n.startsWith('aiap-offline-'));"
        " const cache = await caches.open(names[0]);"
        " return (await cache.keys()).map((r) => r.url).filter((u) => u.includes('/snapshot')); }"
    )
    assert any(url.endswith(".bin.gz") for url in cached)
    assert any(url.endswith("snapshot.json") for url in cached)
    before = len(traffic.requests)
    for guide in ("signals/", "fr/levers/"):
        page.goto(site_url + guide)
        page.wait_for_load_state("networkidle")
    guide_requests = traffic.requests[before:]
    assert guide_requests
    assert not [u for u in guide_requests if "/assets/pyodide/" in u or "engine-worker" in u]

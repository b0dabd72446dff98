"""`make bench`: performance of the built site in headless Chromium, measured, never asserted.

Runs the site the way the tests do (strict build, served over HTTP under a subpath, with the
10-minute cache lifetime GitHub Pages uses) and prints a table with each target beside it; the full
figures go to bench-results/bench.json. Timings come from the page's own clock (Navigation and
Resource Timing, and the marks the page scripts set: aiap:engine-start, aiap:engine-ready,
aiap:submit-to-result), so Playwright's overhead is not counted.

P1  navigation → first question usable (HTML parsed and first paint), cold cache   target ≤ 1.0 s
P2  navigation → engine ready (runtime + wheel + model), cold and warm            cold ≤ 1.15 × bare
    compared with a bare loadPyodide() of the same files in a module worker        warm ≤ 0.6 × cold
P3  submit → result rendered, p95 of 20 submits once ready                        ≤ 100 ms
P4  main-thread long tasks (> 50 ms) while the runtime starts                      0
P5  bytes transferred: a guide page (≤ 400 KB, no wasm) and the assessment page
    team page: 1,000 codes pooled, time and longest main-thread frame gap (measured)
    build time of `mkdocs build` on a warm set-up
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import answer_set, fill_by_labels
from tests.browser.conftest import CHROMIUM_ARGS, find_chromium
from tests.sitebuild import ROOT, TEST_SITE, build_site, serve_site

RESULTS = ROOT / "bench-results" / "bench.json"
RUNS = 5
SUBMITS = 20
READY_TIMEOUT = 120_000

BARE_BOOT = """
async () => {
  const config = JSON.parse(document.getElementById("site-config").textContent);
  const url = (path) => new URL(path, document.baseURI).href;
  const worker = new Worker(url(config.engine), { type: "module" });
  await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) =>
      data.state === "ready" ? resolve() : reject(new Error(data.detail?.reason));
    // A bare loadPyodide(): no wheel, no model, no snapshot.
    const payload = { runtime: url(config.runtime), packages: [], snapshot: false };
    worker.postMessage({ method: "init", payload });
  });
  worker.terminate();
  return performance.now();
}
"""

LONG_TASKS = """
(until) => new Promise((resolve) => {
  const start = performance.getEntriesByName("aiap:engine-start")[0]?.startTime ?? 0;
  const ready = performance.getEntriesByName("aiap:engine-ready")[0]?.startTime ?? until;
  new PerformanceObserver((list, observer) => {
    observer.disconnect();
    const tasks = list.getEntries().filter((t) => t.startTime >= start && t.startTime <= ready);
    resolve({ count: tasks.length, total_ms: tasks.reduce((sum, t) => sum + t.duration, 0) });
  }).observe({ type: "longtask", buffered: true });
  setTimeout(() => resolve({ count: 0, total_ms: 0 }), 500);
})
"""


def time_build() -> float:
    build_site()  # warm the wheel cache and Python's own caches first
    started = time.perf_counter()
    done = build_site()
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started


def count_bytes(context: BrowserContext) -> dict[str, int]:
    """Total bytes (headers + body) of every response in the context, and wasm bytes among them."""
    totals = {"bytes": 0, "wasm_bytes": 0, "requests": 0}

    def on_finished(request: Any) -> None:
        if request.service_worker:  # the offline copy's own downloads come after the page is usable
            return
        try:
            sizes = request.sizes()
        except PlaywrightError:  # the page closed before Chromium reported the sizes
            return
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        totals["bytes"] += size
        totals["requests"] += 1
        if request.url.endswith(".wasm"):
            totals["wasm_bytes"] += size

    context.on("requestfinished", on_finished)
    return totals


def first_usable(page: Page) -> float:
    """Milliseconds from navigation start until the HTML is parsed and something is painted."""
    return page.evaluate(
        """() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        return Math.max(nav.domContentLoadedEventEnd, paint ? paint.startTime : 0);
    }"""
    )


def engine_ready(page: Page) -> float:
    page.wait_for_function(
        "() => performance.getEntriesByName('aiap:engine-ready').length", timeout=READY_TIMEOUT
    )
    return page.evaluate("() => performance.getEntriesByName('aiap:engine-ready')[0].startTime")


def measure_assessment(context: BrowserContext, url: str) -> dict[str, Any]:
    page = context.new_page()
    page.goto(url + "assessment/")
    page.locator("input[type=radio]").first.check()  # proves it is usable, outside the timed window
    figures = {"p1_ms": first_usable(page), "p2_ms": engine_ready(page)}
    figures["steps"] = page.evaluate("() => performance.getEntriesByName('aiap:engine-ready')[0].detail")
    figures["p4"] = page.evaluate(LONG_TASKS, figures["p2_ms"])
    page.close()
    return figures


def measure_without_runtime(context: BrowserContext, url: str, until_ms: float) -> dict[str, Any]:
    """Control for P4: the same page with the engine worker blocked, over the same time window, so
    that long tasks of the page itself (layout of the long form, Material's start) are not blamed
    on the runtime."""
    context.route("**/engine-worker.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(url + "assessment/")
    page.wait_for_timeout(until_ms)
    tasks = page.evaluate(LONG_TASKS, until_ms)
    page.close()
    context.unroute("**/engine-worker.js")
    return tasks


def measure_submits(context: BrowserContext, url: str) -> list[float]:
    page = context.new_page()
    page.goto(url + "assessment/")
    engine_ready(page)
    fill_by_labels(page, answer_set("mixed"), "en")
    for _ in range(SUBMITS):
        count = page.evaluate("() => performance.getEntriesByName('aiap:submit-to-result').length")
        page.get_by_role("button", name=load_ui_strings("en")["form_submit"]).click()
        page.wait_for_function(
            f"() => performance.getEntriesByName('aiap:submit-to-result').length > {count}"
        )
    durations = page.evaluate(
        "() => performance.getEntriesByName('aiap:submit-to-result').map(m => m.duration)"
    )
    page.close()
    return durations


FRAME_GAP = """
() => { window.__gap = 0; let last = performance.now(); const tick = (t) => {
  window.__gap = Math.max(window.__gap, t - last); last = t;
  if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }
"""


def measure_team_pooling(context: BrowserContext, url: str) -> dict[str, float]:
    """Pool 1,000 codes on the team page: seconds until shown, and the longest gap between frames
    on the main thread meanwhile (the worker pools; the page should stay responsive)."""
    from tests.browser.test_team import random_codes

    s = load_ui_strings("en")
    page = context.new_page()
    page.goto(url + "team/")
    engine_ready(page)
    page.get_by_label(s["team_input_label"]).fill("\n".join(random_codes(1000)))
    page.evaluate(FRAME_GAP)
    started = time.perf_counter()
    page.get_by_role("button", name=s["team_submit"]).click()
    page.locator(".result__index-value").wait_for(state="visible", timeout=READY_TIMEOUT)
    elapsed = time.perf_counter() - started
    gap = page.evaluate("() => { window.__stop = true; return window.__gap; }")
    page.close()
    return {"seconds": elapsed, "frame_gap_ms": gap}


def measure_bare(context: BrowserContext, url: str) -> float:
    page = context.new_page()
    page.goto(url + "runtime-check/")
    value = page.evaluate(BARE_BOOT)
    page.close()
    return value


def measure_bytes(browser: Any, url: str, path: str) -> dict[str, int]:
    context = browser.new_context()
    totals = count_bytes(context)
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    if "assessment" in path:
        engine_ready(page)
        page.wait_for_load_state("networkidle")
    context.close()
    return totals


def screenshot_french_result(browser: Any, url: str) -> Path:
    """A picture of the French result page for a realistic answer set, for people to look at."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(url + "fr/assessment/")
    fill_by_labels(page, answer_set("mixed"), "fr")
    page.get_by_role("button", name=load_ui_strings("fr")["form_submit"]).click()
    page.locator("#result").wait_for(state="visible", timeout=READY_TIMEOUT)
    target = RESULTS.parent / "fr-result.png"
    page.locator("#result").screenshot(path=str(target))
    context.close()
    return target


def run(browser: Any, url: str) -> dict[str, Any]:
    cold, warm, bare = [], [], []
    for _ in range(RUNS):
        context = browser.new_context()
        bare.append(measure_bare(context, url))
        context.close()
        context = browser.new_context()
        cold.append(measure_assessment(context, url))
        warm.append(measure_assessment(context, url))
        context.close()
    context = browser.new_context()
    submits = measure_submits(context, url)
    context.close()
    context = browser.new_context()
    team = measure_team_pooling(context, url)
    context.close()
    control = []
    for figures in cold:
        context = browser.new_context()
        control.append(measure_without_runtime(context, url, figures["p2_ms"]))
        context.close()
    return {
        "p4_control": control,
        "cold": cold,
        "warm": warm,
        "bare_ms": bare,
        "submit_ms": submits,
        "team_pooling": team,
        "guide_page": measure_bytes(browser, url, "signals/"),
        "assessment_page": measure_bytes(browser, url, "assessment/"),
    }


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summarise(raw: dict[str, Any], build_s: float) -> list[tuple[str, str, str, str]]:
    median = statistics.median
    p1 = median(r["p1_ms"] for r in raw["cold"])
    cold, warm, bare = (
        median(r["p2_ms"] for r in raw["cold"]),
        median(r["p2_ms"] for r in raw["warm"]),
        median(raw["bare_ms"]),
    )
    with_runtime = median(r["p4"]["count"] for r in raw["cold"])
    without_runtime = median(r["count"] for r in raw["p4_control"])
    long_tasks = max(0, with_runtime - without_runtime)
    guide, assessment = raw["guide_page"], raw["assessment_page"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    return [
        ("P1 first question usable (cold)", f"{p1:.0f} ms", "≤ 1000 ms", verdict(p1 <= 1000)),
        (
            "P2 engine ready, cold",
            f"{cold:.0f} ms",
            f"≤ {1.15 * bare:.0f} ms (1.15 × bare)",
            verdict(cold <= 1.15 * bare),
        ),
        ("P2 bare loadPyodide(), cold", f"{bare:.0f} ms", "reference", ""),
        (
            "P2 engine ready, warm",
            f"{warm:.0f} ms",
            f"≤ {0.6 * cold:.0f} ms (0.6 × cold)",
            verdict(warm <= 0.6 * cold),
        ),
        (
            "P3 submit → result, p95 of 20",
            f"{p95(raw['submit_ms']):.0f} ms",
            "≤ 100 ms",
            verdict(p95(raw["submit_ms"]) <= 100),
        ),
        (
            "P4 long tasks > 50 ms caused by the runtime",
            f"{long_tasks:g} ({with_runtime:g} with it, {without_runtime:g} without)",
            "0",
            verdict(long_tasks == 0),
        ),
        (
            "P5 guide page bytes",
            f"{guide['bytes'] / 1000:.0f} KB ({guide['requests']} req.)",
            "≤ 400 KB, no wasm",
            verdict(guide["bytes"] <= 400_000 and guide["wasm_bytes"] == 0),
        ),
        (
            "P5 assessment page bytes",
            f"{assessment['bytes'] / 1000:.0f} KB ({assessment['requests']} req.)",
            "measured",
            "",
        ),
        (
            "Team page, 1,000 codes pooled",
            f"{raw['team_pooling']['seconds']:.2f} s, longest frame gap "
            f"{raw['team_pooling']['frame_gap_ms']:.0f} ms",
            "measured",
            "",
        ),
        ("Build time (warm set-up)", f"{build_s:.1f} s", "measured", ""),
    ]


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    header = ("Measure", "Value", "Target", "")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def main() -> None:
    build_s = time_build()
    with serve_site(TEST_SITE) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        raw = run(browser, url)
        RESULTS.parent.mkdir(exist_ok=True)
        screenshot = screenshot_french_result(browser, url)
        version = browser.version
        browser.close()
    rows = summarise(raw, build_s)
    print(f"Chromium {version}, {RUNS} runs (medians), site served under a subpath on loopback.\n")
    print_table(rows)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps({"chromium": version, "build_s": build_s, "raw": raw, "table": rows}, indent=2),
        encoding="utf-8",
    )
    print(f"\nRaw figures: {RESULTS.relative_to(ROOT)}; French result page: {screenshot.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

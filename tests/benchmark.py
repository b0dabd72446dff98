"""`make bench`: performance of the built site in headless Chromium, measured, never asserted.

Runs the site the way the tests do (strict build, served over HTTP under a subpath, with the
10-minute cache lifetime GitHub Pages uses), on three links, and prints one table with each target
beside it; the figures go to build/bench/bench.json (the previous run's to bench-previous.json) and
a chart of the engine start to build/bench/engine-ready.svg.

Links. The benchmark's own server throttles: one byte budget shared by every connection (so
parallel downloads share the link, as they do on a real one), one round trip before each response
and one per connection (HTTP/1.0, one connection per request). Chromium's network emulation is not
used: it does not reliably cover a worker's requests. The server compresses as GitHub Pages does:
text types and `.wasm` gzipped on the fly; `.zip`, `.whl` and the pre-compressed snapshot
(`.gz`, served as bytes, unpacked by the worker) as they are.

Engine start, side by side, worker created → "ready" (runtime, engine wheel, model), in a module
worker on a page that has nothing else to do:
  bare       a bare loadPyodide(): no wheel, no model, no snapshot (the reference)
  today      the path before the build-time snapshot: start from scratch, then the device's snapshot
  snapshot   the build's snapshot, always (forced)
  chosen     what a visitor gets: the build's snapshot unless its download would take longer than
             the start it saves (the worker measures its own download; the table shows its choice)
Cold = a fresh browser context; warm = a second start in the same context.

Targets: snapshot cold ≤ 0.35 × bare cold and warm ≤ 0.15 × bare cold (unthrottled); the chosen path
never slower than bare on the same link; first question usable ≤ 1.0 s on every link; main-thread
long tasks caused by the runtime 0; a guide page ≤ 400 KB with no runtime bytes, per language;
submit → result p95 ≤ 100 ms.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from macros.site_data import load_ui_strings
from tests.browser.assessment_helpers import answer_set, fill_by_labels
from tests.browser.conftest import CHROMIUM_ARGS, find_chromium
from tests.languages import LANGUAGES, lang_root
from tests.sitebuild import ROOT, SUBPATH, TEST_SITE, SubpathHandler, build_site, gzip_file

RESULTS = ROOT / "build" / "bench"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SUBMITS = 20
READY_TIMEOUT = 240_000
CHUNK = 16 * 1024
PATHS = ("bare", "today", "snapshot", "chosen")
PATH_NAMES = {
    "bare": "bare loadPyodide()",
    "today": "today's path",
    "snapshot": "build snapshot",
    "chosen": "chosen path",
}
LANG_ROOTS = tuple(lang_root(lang) for lang in LANGUAGES)


@dataclass
class Link:
    """A link the server emulates: bandwidth (None: loopback as it is) and round-trip time."""

    name: str
    bits_per_s: float | None
    rtt_s: float
    free_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, size: int) -> None:
        """Wait until `size` bytes have gone through the shared budget (first come, first served)."""
        if not self.bits_per_s:
            return
        with self.lock:
            now = time.monotonic()
            self.free_at = max(now, self.free_at) + size * 8 / self.bits_per_s
            wait = self.free_at - now
        time.sleep(wait)


ALL_LINKS = (
    Link("unthrottled", None, 0.0),
    Link("20 Mbit/s, 40 ms", 20e6, 0.040),
    Link("5 Mbit/s, 80 ms", 5e6, 0.080),
)
# BENCH_LINKS=0 measures the unthrottled link only (a quick look while working; the first is required).
LINKS = tuple(ALL_LINKS[int(i)] for i in os.environ.get("BENCH_LINKS", "0,1,2").split(","))


class ThrottledWriter:
    """The socket writer of one response, sending through the link's shared budget."""

    def __init__(self, raw: BinaryIO, link: Link) -> None:
        self.raw, self.link = raw, link

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            piece = view[start : start + CHUNK]
            self.link.take(len(piece))
            self.raw.write(piece)
        return len(view)

    def flush(self) -> None:
        self.raw.flush()

    @property
    def closed(self) -> bool:
        return bool(self.raw.closed)

    def close(self) -> None:
        self.raw.close()


# GitHub Pages also gzips application/wasm on the fly (seen in response headers, e.g.
# github.com/maxence-charriere/go-app/issues/866); a `.gz` file is served as application/octet-stream
# without Content-Encoding (github.com/isaacs/github/issues/611), so the worker unpacks the snapshot.
ALSO_GZIPPED = {".wasm"}


def make_handler(site_dir: Path, link: Link) -> Any:
    class ThrottledHandler(SubpathHandler):
        def setup(self) -> None:
            super().setup()
            time.sleep(link.rtt_s)  # the connection's own round trip
            self.wfile = ThrottledWriter(self.wfile, link)  # type: ignore[assignment]

        def do_GET(self) -> None:
            time.sleep(link.rtt_s)  # request → first byte
            path = Path(self.translate_path(self.path.split("?")[0]))
            wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (wants_gzip and path.suffix in ALSO_GZIPPED and path.is_file()):
                super().do_GET()
                return
            self.send_gzipped(path)

    return functools.partial(ThrottledHandler, directory=str(site_dir))


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A download the browser dropped (the worker gives up on a slow snapshot) is no error."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve_on_link(site_dir: Path, link: Link) -> Iterator[str]:
    for wasm in site_dir.rglob("*.wasm"):  # compress once, before any timed request
        gzip_file(wasm)
    server = QuietServer(("127.0.0.1", 0), make_handler(site_dir, link))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()


START_ENGINE = """
async (path) => {
  const config = JSON.parse(document.getElementById("site-config").textContent);
  const url = (p) => new URL(p, document.baseURI).href;
  const runtime = url(config.runtime);
  const payload = path === "bare"
    ? { runtime, packages: [], snapshot: false }
    : { runtime, packages: ["assessments"], model: url(config.models.resistance),
        snapshot: { today: "device", snapshot: "build", chosen: "auto" }[path] };
  const started = performance.now();
  const worker = new Worker(url(config.engine), { type: "module" });
  const detail = await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => data.type === "status" &&
      (data.state === "ready" ? resolve(data.detail) : reject(new Error(data.detail?.reason)));
    worker.postMessage({ method: "init", payload });
  });
  const ms = performance.now() - started;
  if (detail.source === "scratch" && payload.snapshot !== false) {
    // The device keeps its snapshot after "ready": let it finish before the warm start.
    const cache = await caches.open("aiap-runtime");
    for (let i = 0; i < 600 && !(await cache.keys()).length; i += 1)
      await new Promise((r) => setTimeout(r, 100));
  }
  worker.terminate();
  return { ms, source: detail.source, timings: detail.timings };
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
    build_site()  # warm the wheel and snapshot caches and Python's own caches first
    started = time.perf_counter()
    done = build_site()
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started


def measure_engine_paths(browser: Browser, url: str) -> dict[str, list[dict[str, Any]]]:
    """Each start path, cold then warm, in a fresh context per path and run."""
    figures: dict[str, list[dict[str, Any]]] = {
        f"{path}_{state}": [] for path in PATHS for state in ("cold", "warm")
    }
    for _ in range(RUNS):
        for path in PATHS:
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(READY_TIMEOUT)
            page.goto(url + "runtime-check/")
            figures[f"{path}_cold"].append(page.evaluate(START_ENGINE, path))
            figures[f"{path}_warm"].append(page.evaluate(START_ENGINE, path))
            context.close()
    return figures


def first_usable(page: Page) -> float:
    """Milliseconds from navigation start until the HTML is parsed and something is painted."""
    return page.evaluate(
        """() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        return Math.max(nav.domContentLoadedEventEnd, paint ? paint.startTime : 0);
    }"""
    )


def engine_ready(page: Page) -> dict[str, Any]:
    page.wait_for_function(
        "() => performance.getEntriesByName('aiap:engine-ready').length", timeout=READY_TIMEOUT
    )
    return page.evaluate(
        "() => { const m = performance.getEntriesByName('aiap:engine-ready')[0];"
        " return { ms: m.startTime, source: m.detail.source, timings: m.detail.timings }; }"
    )


def measure_assessment_page(browser: Browser, url: str, long_tasks: bool) -> dict[str, Any]:
    """The real page: first question usable and engine ready, cold; then, once the service worker
    has installed (it caches the runtime and the snapshot), a warm visit."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "assessment/")
    # Proves the form is usable, outside the timed window.
    page.locator("#assessment-form input[type=radio]").first.check()
    cold = {"p1_ms": first_usable(page), **engine_ready(page)}
    if long_tasks:
        cold["long_tasks"] = page.evaluate(LONG_TASKS, cold["ms"])
    page.wait_for_function(
        "async () => !!(await navigator.serviceWorker.ready).active", timeout=READY_TIMEOUT
    )
    page.goto(url + "assessment/")
    warm = {"p1_ms": first_usable(page), **engine_ready(page)}
    context.close()
    return {"cold": cold, "warm": warm}


def measure_without_runtime(browser: Browser, url: str, until_ms: float) -> dict[str, Any]:
    """Control for long tasks: the same page with the engine worker blocked, over the same time
    window, so that long tasks of the page itself are not blamed on the runtime."""
    context = browser.new_context()
    context.route("**/engine-worker.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(url + "assessment/")
    page.wait_for_timeout(until_ms)
    tasks = page.evaluate(LONG_TASKS, until_ms)
    context.close()
    return tasks


def count_bytes(context: BrowserContext) -> dict[str, int]:
    """Bytes (headers + body) of every response the page and its worker received."""
    totals = {"bytes": 0, "runtime_bytes": 0, "snapshot_bytes": 0, "requests": 0}

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
        if "/assets/pyodide/" in request.url or "engine-worker" in request.url:
            totals["runtime_bytes"] += size
        if "/snapshot-" in request.url:
            totals["snapshot_bytes"] += size

    context.on("requestfinished", on_finished)
    return totals


def measure_bytes(browser: Browser, url: str, path: str) -> dict[str, int]:
    context = browser.new_context()
    totals = count_bytes(context)
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    if "assessment" in path:
        engine_ready(page)
        page.wait_for_load_state("networkidle")
    context.close()
    return totals


def languages(site_dir: Path) -> list[str]:
    return [root for root in LANG_ROOTS if (site_dir / root / "signals" / "index.html").is_file()]


def measure_submits(browser: Browser, url: str) -> list[float]:
    context = browser.new_context()
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
    durations: list[float] = page.evaluate(
        "() => performance.getEntriesByName('aiap:submit-to-result').map(m => m.duration)"
    )
    context.close()
    return durations


FRAME_GAP = """
() => { window.__gap = 0; let last = performance.now(); const tick = (t) => {
  window.__gap = Math.max(window.__gap, t - last); last = t;
  if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }
"""


def measure_team_pooling(browser: Browser, url: str) -> dict[str, float]:
    """Pool 1,000 codes on the team page: seconds until shown, and the longest gap between frames
    on the main thread meanwhile (the worker pools; the page should stay responsive)."""
    from tests.browser.test_team import random_codes

    s = load_ui_strings("en")
    context = browser.new_context()
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
    context.close()
    return {"seconds": elapsed, "frame_gap_ms": gap}


SURVEY_ROWS = 5_000
START_SURVEY_CLOCK = """() => { performance.clearMarks(); performance.clearMeasures();
  document.getElementById('survey-file').addEventListener('change',
    () => performance.mark('bench:survey-file'), {capture: true, once: true}); }"""
SURVEY_DURATIONS = """() => ['aiap:survey-preview', 'aiap:survey-codes'].map(
  (mark) => performance.measure('bench:' + mark, 'bench:survey-file', mark).duration)"""


def measure_survey_reading(browser: Browser, url: str) -> dict[str, list[float]]:
    """Read a 5,000-row survey export on the team page, as CSV and as .xlsx: milliseconds from the
    file set on the input to the preview shown (sent to the worker, read, columns and cells matched),
    and to the codes made (the Add button ready). The first .xlsx run includes installing openpyxl,
    as a person's first .xlsx does."""
    import tempfile

    from tests.browser.test_survey_import import csv_bytes, forms_table, leaders_export, write_xlsx

    s = load_ui_strings("en")
    table, _ = leaders_export("en", SURVEY_ROWS)
    timings: dict[str, list[float]] = {"csv": [], "xlsx": [], "csv_codes": [], "xlsx_codes": []}
    with tempfile.TemporaryDirectory() as folder:
        files = {"csv": Path(folder) / "responses.csv", "xlsx": Path(folder) / "responses.xlsx"}
        files["csv"].write_bytes(csv_bytes(table))
        write_xlsx(files["xlsx"], forms_table(table, "en"))
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "team/")
        engine_ready(page)
        for kind, path in files.items():
            for _ in range(RUNS):
                page.evaluate(START_SURVEY_CLOCK)
                page.get_by_label(s["survey_file_label"]).set_input_files(str(path))
                title = page.get_by_role("heading", name=s["survey_preview_title"].format(name=path.name))
                title.wait_for(state="visible", timeout=READY_TIMEOUT)
                page.wait_for_function(
                    "() => performance.getEntriesByName('aiap:survey-codes').length", timeout=READY_TIMEOUT
                )
                preview_ms, codes_ms = page.evaluate(SURVEY_DURATIONS)
                timings[kind].append(preview_ms)
                timings[f"{kind}_codes"].append(codes_ms)
                page.get_by_role("button", name=s["survey_cancel"]).click()  # the same file may come again
        context.close()
    return timings


def run_link(browser: Browser, site_dir: Path, link: Link) -> dict[str, Any]:
    print(f"  {link.name} …", file=sys.stderr, flush=True)
    with serve_on_link(site_dir, link) as url:
        raw: dict[str, Any] = {"engine": measure_engine_paths(browser, url)}
        raw["assessment"] = [
            measure_assessment_page(browser, url, link.bits_per_s is None) for _ in range(RUNS)
        ]
        if link.bits_per_s is None:
            raw["long_task_control"] = [
                measure_without_runtime(browser, url, run["cold"]["ms"]) for run in raw["assessment"]
            ]
            raw["bytes"] = {
                root or "en/": {
                    "guide": measure_bytes(browser, url, f"{root}signals/"),
                    "assessment": measure_bytes(browser, url, f"{root}assessment/"),
                }
                for root in languages(site_dir)
            }
            raw["submit_ms"] = measure_submits(browser, url)
            raw["team_pooling"] = measure_team_pooling(browser, url)
            raw["survey_reading"] = measure_survey_reading(browser, url)
    return raw


# ---- Summary ------------------------------------------------------------------------------------

median = statistics.median


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def engine_median(raw: dict[str, Any], key: str) -> float:
    return float(median(run["ms"] for run in raw["engine"][key]))


def sources(runs: list[dict[str, Any]]) -> str:
    """Which start the runs used, e.g. "build" or "scratch 2, build 1"."""
    counts: dict[str, int] = {}
    for run in runs:
        counts[run["source"]] = counts.get(run["source"], 0) + 1
    return ", ".join(name if len(counts) == 1 else f"{name} {n}" for name, n in counts.items())


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


Row = tuple[str, list[str], str, str]


def engine_rows(raws: dict[str, dict[str, Any]]) -> list[Row]:
    """One row per start path and state; one column per link."""
    rows: list[Row] = []
    bare = {name: engine_median(raw, "bare_cold") for name, raw in raws.items()}
    fast = LINKS[0].name
    targets = {
        "snapshot_cold": (0.35, f"≤ 0.35 × bare cold ({0.35 * bare[fast]:.0f} ms) unthrottled"),
        "snapshot_warm": (0.15, f"≤ 0.15 × bare cold ({0.15 * bare[fast]:.0f} ms) unthrottled"),
    }
    for path in PATHS:
        for state in ("cold", "warm"):
            key = f"{path}_{state}"
            cells = []
            for name, raw in raws.items():
                value = engine_median(raw, key)
                cell = f"{value:.0f} ms ({value / bare[name]:.2f}×)"
                cells.append(cell if path == "bare" else f"{cell} [{sources(raw['engine'][key])}]")
            target, result = "reference" if key == "bare_cold" else "measured", ""
            if key in targets:
                ratio, target = targets[key]
                result = verdict(engine_median(raws[fast], key) <= ratio * bare[fast])
            if key == "chosen_cold":
                target = "≤ bare cold on the same link"
                result = verdict(all(engine_median(raw, key) <= bare[name] for name, raw in raws.items()))
            rows.append((f"Engine ready, {PATH_NAMES[path]}, {state}", cells, target, result))
    return rows


def page_rows(raws: dict[str, dict[str, Any]]) -> list[Row]:
    p1 = {name: median(run["cold"]["p1_ms"] for run in raw["assessment"]) for name, raw in raws.items()}
    rows: list[Row] = [
        (
            "Assessment page: first question usable, cold",
            [f"{value:.0f} ms" for value in p1.values()],
            "≤ 1000 ms on every link",
            verdict(all(value <= 1000 for value in p1.values())),
        )
    ]
    for state, label in (("cold", "cold"), ("warm", "warm, after the service worker installed")):
        cells = [
            f"{median(run[state]['ms'] for run in raw['assessment']):.0f} ms "
            f"[{sources([run[state] for run in raw['assessment']])}]"
            for raw in raws.values()
        ]
        rows.append((f"Assessment page: navigation → engine ready, {label}", cells, "measured", ""))
    return rows


def unthrottled_rows(raw: dict[str, Any], build_s: float, columns: int) -> list[Row]:
    pad = [""] * (columns - 1)
    with_runtime = median(run["cold"]["long_tasks"]["count"] for run in raw["assessment"])
    without_runtime = median(run["count"] for run in raw["long_task_control"])
    long_tasks = max(0, with_runtime - without_runtime)
    guides = raw["bytes"]
    guide_ok = all(
        b["guide"]["bytes"] <= 400_000 and b["guide"]["runtime_bytes"] == 0 for b in guides.values()
    )
    rows: list[Row] = [
        (
            "Main-thread long tasks > 50 ms caused by the runtime",
            [f"{long_tasks:g} ({with_runtime:g} with it, {without_runtime:g} without)", *pad],
            "0",
            verdict(long_tasks == 0),
        ),
        (
            "Guide page bytes (signals/), per language",
            [
                ", ".join(
                    f"{lang} {b['guide']['bytes'] / 1000:.0f} KB, runtime {b['guide']['runtime_bytes']} B"
                    for lang, b in guides.items()
                ),
                *pad,
            ],
            "≤ 400 KB, no runtime bytes",
            verdict(guide_ok),
        ),
        (
            "Assessment page bytes, cold, per language",
            [
                ", ".join(
                    f"{lang} {b['assessment']['bytes'] / 1e6:.1f} MB "
                    f"(snapshot {b['assessment']['snapshot_bytes'] / 1e6:.1f} MB)"
                    for lang, b in guides.items()
                ),
                *pad,
            ],
            "measured",
            "",
        ),
        (
            "Submit → result, p95 of 20",
            [f"{p95(raw['submit_ms']):.0f} ms", *pad],
            "≤ 100 ms",
            verdict(p95(raw["submit_ms"]) <= 100),
        ),
        (
            "Team page, 1,000 codes pooled",
            [
                f"{raw['team_pooling']['seconds']:.2f} s, longest frame gap "
                f"{raw['team_pooling']['frame_gap_ms']:.0f} ms",
                *pad,
            ],
            "measured",
            "",
        ),
        survey_row(raw, pad),
        ("Build time (warm set-up)", [f"{build_s:.1f} s", *pad], "measured", ""),
    ]
    return rows


def survey_row(raw: dict[str, Any], pad: list[str]) -> Row:
    """Survey export read in the browser, 5,000 rows: file set on the input → preview shown."""
    reading = raw["survey_reading"]
    medians = {kind: median(values) for kind, values in reading.items()}
    return (
        f"Survey export read in the browser, {SURVEY_ROWS:,} rows: file set → preview shown [→ codes ready]",
        [
            f"CSV {medians['csv']:.0f} ms [{medians['csv_codes']:.0f}], .xlsx {medians['xlsx']:.0f} ms "
            f"[{medians['xlsx_codes']:.0f}] (first .xlsx {reading['xlsx'][0]:.0f} ms)",
            *pad,
        ],
        "preview ≤ 2000 ms each",
        verdict(medians["csv"] <= 2000 and medians["xlsx"] <= 2000),
    )


def print_table(rows: list[Row]) -> None:
    header: Row = ("Measure", [link.name for link in LINKS], "Target", "")
    flat = [(row[0], *row[1], row[2], row[3]) for row in [header, *rows]]
    widths = [max(len(cells[i]) for cells in flat) for i in range(len(flat[0]))]
    for number, cells in enumerate(flat):
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))


# ---- Chart --------------------------------------------------------------------------------------

COLOURS = {"bare": "#6b6b6b", "today": "#b35806", "snapshot": "#2166ac", "chosen": "#1b7837"}


def render_chart(raws: dict[str, dict[str, Any]], previous: dict[str, Any] | None) -> str:
    """Horizontal bars: engine ready per link and path, cold (solid) and warm (pale); a black tick
    marks the previous run's value for the same bar."""
    bar, gap, left, width = 14, 4, 190, 520
    scale = max(engine_median(raw, f"{p}_cold") for raw in raws.values() for p in PATHS)
    lines, y = [], 24
    lines.append(
        f'<text x="4" y="14" font-weight="bold">Engine ready (ms, median of {RUNS}), cold and warm</text>'
    )
    for name, raw in raws.items():
        lines.append(f'<text x="4" y="{y + 12}" font-weight="bold">{name}</text>')
        y += 18
        for path in PATHS:
            for state, opacity in (("cold", "1"), ("warm", "0.45")):
                value = engine_median(raw, f"{path}_{state}")
                length = max(1.0, width * value / scale)
                colour = COLOURS[path]
                lines.append(f'<text x="8" y="{y + 11}">{PATH_NAMES[path]}, {state}</text>')
                lines.append(
                    f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar}" '
                    f'fill="{colour}" fill-opacity="{opacity}"/>'
                )
                lines.append(f'<text x="{left + length + 4:.1f}" y="{y + 11}">{value:.0f}</text>')
                old = previous_value(previous, name, f"{path}_{state}")
                if old is not None:
                    x = left + min(width, width * old / scale)
                    lines.append(
                        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 1}" y2="{y + bar + 1}" stroke="#000"/>'
                    )
                y += bar + gap
        y += 8
    height = y + 4
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 60}" height="{height}" '
        f'font-family="sans-serif" font-size="11">\n' + "\n".join(lines) + "\n</svg>\n"
    )


def previous_value(previous: dict[str, Any] | None, link: str, key: str) -> float | None:
    try:
        return float(median(run["ms"] for run in previous["raw"][link]["engine"][key]))  # type: ignore[index]
    except (KeyError, TypeError, ValueError, statistics.StatisticsError):
        return None


def write_results(report: dict[str, Any], raws: dict[str, dict[str, Any]]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / "bench.json"
    previous = None
    if target.is_file():
        shutil.copy2(target, RESULTS / "bench-previous.json")
        previous = json.loads(target.read_text(encoding="utf-8"))
    target.write_text(json.dumps(report, indent=1), encoding="utf-8")
    (RESULTS / "engine-ready.svg").write_text(render_chart(raws, previous), encoding="utf-8")


def screenshot_french_result(browser: Browser, url: str) -> Path:
    """A picture of the French result page for a realistic answer set, for people to look at."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(url + "fr/assessment/")
    fill_by_labels(page, answer_set("mixed"), "fr")
    page.get_by_role("button", name=load_ui_strings("fr")["form_submit"]).click()
    page.locator("#result").wait_for(state="visible", timeout=READY_TIMEOUT)
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / "fr-result.png"
    page.locator("#result").screenshot(path=str(target))
    context.close()
    return target


def main() -> None:
    build_s = time_build()
    snapshot = json.loads(next((TEST_SITE / "assets" / "pyodide").glob("*/snapshot.json")).read_text())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        print(f"Measuring {RUNS} runs on {len(LINKS)} links:", file=sys.stderr)
        raws = {link.name: run_link(browser, TEST_SITE, link) for link in LINKS}
        with serve_on_link(TEST_SITE, LINKS[0]) as url:
            screenshot = screenshot_french_result(browser, url)
        version = browser.version
        browser.close()
    rows = [*engine_rows(raws), *page_rows(raws), *unthrottled_rows(raws[LINKS[0].name], build_s, len(LINKS))]
    print(
        f"\nChromium {version}, {RUNS} runs (medians), site under a subpath on loopback, throttled by the "
        f"benchmark's server; snapshot {snapshot['bytes'] / 1e6:.1f} MB gzipped.\n"
        "Engine ready: worker created → ready; (n×) = times bare cold on the same link; [start used].\n"
    )
    print_table(rows)
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "chromium": version,
        "runs": RUNS,
        "links": [{"name": link.name, "bits_per_s": link.bits_per_s, "rtt_s": link.rtt_s} for link in LINKS],
        "snapshot": snapshot,
        "build_s": build_s,
        "raw": raws,
        "table": [{"measure": r[0], "values": r[1], "target": r[2], "result": r[3]} for r in rows],
    }
    write_results(report, raws)
    print(
        f"\nFigures: {RESULTS.relative_to(ROOT)}/bench.json (previous run: bench-previous.json), "
        f"chart: engine-ready.svg, French result: {screenshot.name}"
    )


if __name__ == "__main__":
    main()

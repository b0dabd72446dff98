"""Browser layer: the engine wheel inside the self-hosted Pyodide answers byte for byte like CPython.

The test starts the site's own module worker (as the assessment page does), sends it the same
bridge requests as it sends CPython's `assessments.bridge.handle`, and compares the JSON text.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from assessments import bridge, dump_model_json
from tests.browser.assessment_helpers import ENGINE_TIMEOUT, answer_set, model
from tests.languages import LANGUAGES

pytestmark = pytest.mark.browser

RUN_IN_WORKER = """
async ([requests, snapshot]) => {
  const config = JSON.parse(document.getElementById("site-config").textContent);
  const url = (path) => new URL(path, document.baseURI).href;
  const worker = new Worker(url(config.engine), { type: "module" });
  const replies = new Map();
  const ready = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.type === "status") {
        return data.state === "ready" ? resolve(data.detail.source) : reject(new Error(data.detail?.reason));
      }
      replies.get(data.id)(data.ok ? data.result : "ERROR " + data.error);
    };
  });
  worker.postMessage({ method: "init", payload: { runtime: url(config.runtime), packages: ["assessments"],
                                                  model: url(config.models.resistance), snapshot } });
  const out = [await ready];
  for (const [i, payload] of requests.entries()) {
    out.push(await new Promise((resolve) => {
      replies.set(i, resolve);
      worker.postMessage({ id: i, method: "bridge", payload });
    }));
  }
  worker.terminate();
  return out;
}
"""


def requests_to_compare() -> list[dict]:
    requests = []
    for name in ("all_lowest", "all_highest", "mixed"):
        answers = answer_set(name)
        for lang in LANGUAGES:
            requests += [
                {"method": "score", "lang": lang, "answers": answers},
                {"method": "report", "lang": lang, "answers": answers, "format": "markdown", "actions": {}},
                {"method": "report", "lang": lang, "answers": answers, "format": "csv", "actions": {}},
            ]
        requests.append({"method": "encode", "lang": "en", "answers": answers})
    requests += [
        {"method": "score", "lang": "fr", "answers": {"seats": 10, "weekly_real": 50}},
        {"method": "decode", "lang": "fr", "code": "r1~broken"},
        {"method": "nope", "lang": "en"},
    ]
    return requests


def test_engine_in_pyodide_matches_cpython_byte_for_byte(page: Page, site_url: str) -> None:
    page.set_default_timeout(ENGINE_TIMEOUT)
    page.goto(site_url + "runtime-check/")
    requests = requests_to_compare()
    # The build's snapshot (forced: no link check), then today's path: from scratch, then restored
    # from the snapshot this device kept after that first start.
    from_build = page.evaluate(RUN_IN_WORKER, [requests, "build"])
    fresh = page.evaluate(RUN_IN_WORKER, [requests, "device"])
    page.wait_for_function("async () => (await caches.open('aiap-runtime').then(c => c.keys())).length === 1")
    from_device = page.evaluate(RUN_IN_WORKER, [requests, "device"])
    assert [from_build.pop(0), fresh.pop(0), from_device.pop(0)] == ["build", "scratch", "device"]
    bridge.load_model(dump_model_json(model()))
    in_cpython = [bridge.handle(json.dumps(request)) for request in requests]
    assert json.loads(in_cpython[0])["ok"] is True
    for in_browser in (from_build, fresh, from_device):
        assert len(in_browser) == len(in_cpython)
        for request, browser_text, cpython_text in zip(requests, in_browser, in_cpython, strict=True):
            assert browser_text == cpython_text, f"differs for {request['method']} ({request.get('lang')})"


SEND_FILES = """
async (files) => {
  const config = JSON.parse(document.getElementById("site-config").textContent);
  const url = (path) => new URL(path, document.baseURI).href;
  const { startEngine } = await import(url(config.siteRoot + "assets/js/engine-client.js"));
  const engine = startEngine(config, { packages: ["assessments"], model: url(config.models.resistance) });
  const out = [];
  for (const [name, bytes] of files) {
    const path = await engine.sendFile(new File([new Uint8Array(bytes)], name));
    out.push([path, performance.getEntriesByType("resource").length]);
  }
  engine.worker.terminate();
  return out;
}
"""


def test_xlsx_reader_is_downloaded_only_when_an_xlsx_arrives(page: Page, site_url: str, traffic) -> None:
    from macros.runtime_assets import list_extra_pins

    pins = [name for name, _, _ in list_extra_pins()]
    page.set_default_timeout(ENGINE_TIMEOUT)
    page.goto(site_url + "runtime-check/")
    wheels = lambda: [u for u in traffic.requests if u.endswith(".whl")]  # noqa: E731
    csv, xlsx = list(b"a;b\n1;2\n"), list(b"PK\x03\x04" + bytes(40))
    paths = page.evaluate(SEND_FILES, [["export.csv", csv]])
    assert paths[0][0].startswith("/tmp/uploads/")
    assert not [u for u in wheels() if any(pin.replace("-", "_") in u for pin in pins)]
    page.evaluate(SEND_FILES, [["export.csv", csv], ["export.xlsx", xlsx]])
    fetched = [u.rsplit("/", 1)[1] for u in wheels()]
    for pin in pins:
        assert sum(name.startswith(pin.replace("-", "_") + "-") for name in fetched) == 1, fetched
    assert traffic.foreign() == []
    assert traffic.failures == []

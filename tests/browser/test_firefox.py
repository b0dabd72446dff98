"""Browser layer: a Firefox ESR smoke test (many French administrations deploy Firefox ESR).

Debian's firefox-esr driven headless over WebDriver BiDi by the pinned npm puppeteer-core
(tests/firefox/smoke.mjs). One browser session: the assessment completes in every language with
the CLI's result, team codes pool, and the assessment completes offline with the server gone.
Skipped, saying why, only where no Firefox is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.assessment_helpers import PAGES, answer_set, cli_result, model
from tests.engine.fixtures.team.generate import team_codes
from tests.sitebuild import ROOT, serve_site

pytestmark = pytest.mark.browser
SCRIPT = ROOT / "tests" / "firefox" / "smoke.mjs"
PUPPETEER = ROOT / "node_modules" / "puppeteer-core"


def find_firefox() -> str | None:
    for candidate in (os.environ.get("FIREFOX"), shutil.which("firefox-esr"), shutil.which("firefox")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def stop(process: subprocess.Popen[str]) -> None:
    """SIGTERM first: puppeteer then closes Firefox (a killed node would leave it running)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def read_step(process: subprocess.Popen[str]) -> dict:
    line = process.stdout.readline() if process.stdout else ""
    if not line:
        raise AssertionError(
            f"the Firefox script ended early: {process.stderr.read() if process.stderr else ''}"
        )
    step = json.loads(line)
    assert step["step"] != "failed", step["error"]
    return step


def test_assessment_team_and_offline_in_firefox_esr(built_site: Path) -> None:
    firefox = find_firefox()
    if firefox is None:
        pytest.skip(
            "no Firefox installed: `apt-get install -y firefox-esr` (or set FIREFOX=/path/to/firefox)"
        )
    assert PUPPETEER.is_dir(), "puppeteer-core is pinned in package.json: run `make setup`"
    answers = answer_set("mixed")
    langs = list(PAGES)
    with serve_site(built_site) as url:  # a server of its own, to switch it off
        plan = {
            "firefox": firefox,
            "assessments": [{"lang": lang, "url": url + PAGES[lang], "answers": answers} for lang in langs],
            "team": {"url": url + "team/", "codes": team_codes(model(), 6)},
            "offline": {"url": url + PAGES["fr"], "answers": answers},
        }
        process = subprocess.Popen(
            ["node", str(SCRIPT), json.dumps(plan)],
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert "firefox" in read_step(process)["value"].lower()
            for lang in langs:
                step = read_step(process)
                assert step["band"] == cli_result(answers, lang)["band"]["label"], step
            assert read_step(process)["index"].isdigit()
            assert read_step(process)["step"] == "ready-for-offline"
        except BaseException:
            stop(process)
            raise
    # The server is gone: the page, the engine and the runtime come from the service worker.
    try:
        process.stdin.write("server stopped\n")
        process.stdin.flush()
        assert read_step(process)["band"] == cli_result(answers, "fr")["band"]["label"]
        assert read_step(process)["value"] == [], "console errors in Firefox"
        assert process.wait(timeout=60) == 0
    finally:
        stop(process)

"""Browser layer: Playwright (Python) driving the system Chromium against the site served over HTTP.

`playwright install` cannot download a browser on this machine kind, so the tests use Debian's
Chromium (CHROMIUM env var to point elsewhere). Every page the tests open records its requests, so
a test can assert that nothing went to another origin and nothing failed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def find_chromium() -> str:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.fail(
        "No Chromium found: run `apt-get install -y chromium` (or set CHROMIUM=/path/to/chrome).",
        pytrace=False,
    )


@dataclass
class Traffic:
    """What a browser context asked for and what went wrong, for assertions."""

    origin: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests to any origin other than the test server (data: and blob: URLs stay local)."""
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" != self.origin
        ]


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, site_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="en-GB")
    yield context
    context.close()


@pytest.fixture
def traffic(context: BrowserContext, site_url: str) -> Traffic:
    parts = urlsplit(site_url)
    recorded = Traffic(origin=f"{parts.scheme}://{parts.netloc}")

    def on_request(request: Request) -> None:
        recorded.requests.append(request.url)

    def on_failed(request: Request) -> None:
        recorded.failures.append(f"{request.url} ({request.failure})")

    def on_response(response) -> None:
        if response.status >= 400:
            recorded.failures.append(f"{response.url} (HTTP {response.status})")

    context.on("request", on_request)
    context.on("requestfailed", on_failed)
    context.on("response", on_response)
    return recorded


@pytest.fixture
def page(context: BrowserContext, traffic: Traffic) -> Page:
    page = context.new_page()
    # Record Content-Security-Policy violations (init scripts run outside the page's policy).
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => "
        "(window.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`))"
    )
    page.on("console", lambda m: traffic.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: traffic.console_errors.append(str(e)))
    return page

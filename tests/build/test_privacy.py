"""Build layer: nothing in the built site makes a browser contact another origin."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Attributes a browser fetches by itself. Links in text (<a href>) are allowed to point elsewhere.
FETCHED = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
    "input": ("src",),
    "form": ("action",),
}
LINK_RELS_FETCHED = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "apple-touch-icon",
}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.IGNORECASE)
KNOWN_THIRD_PARTY = re.compile(
    r"fonts\.(googleapis|gstatic)\.com|googletagmanager|google-analytics|cdn\.jsdelivr|unpkg\.com|cdnjs"
)
OWN_SCRIPTS = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "js"


class FetchCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        names = FETCHED.get(tag, ())
        if tag == "link" and set((values.get("rel") or "").lower().split()) & LINK_RELS_FETCHED:
            names = ("href",)
        self.found += [
            f"<{tag} {name}={values[name]}>"
            for name in names
            if values.get(name) and EXTERNAL.match(values[name] or "")
        ]
        if values.get("style"):
            urls = CSS_URL.findall(values["style"])
            self.found += [f"<{tag} style url {u}>" for u in urls if EXTERNAL.match(u)]


def site_files(root: Path, suffix: str) -> list[Path]:
    return sorted(p for p in root.rglob(f"*{suffix}") if p.is_file())


def test_html_fetches_nothing_from_another_origin(built_site: Path) -> None:
    offenders = {}
    for page in site_files(built_site, ".html"):
        collector = FetchCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        if collector.found:
            offenders[str(page.relative_to(built_site))] = collector.found
    assert not offenders, offenders


def test_css_loads_nothing_from_another_origin(built_site: Path) -> None:
    offenders = [
        (str(css.relative_to(built_site)), u)
        for css in site_files(built_site, ".css")
        for u in CSS_URL.findall(css.read_text(encoding="utf-8"))
        if EXTERNAL.match(u)
    ]
    assert not offenders, offenders


@pytest.mark.parametrize("suffix", [".html", ".css", ".json", ".xml"])
def test_no_known_third_party_host_in_pages_or_styles(built_site: Path, suffix: str) -> None:
    """Vendor scripts (Material's bundle, pyodide.mjs) name CDNs for features or defaults this site does
    not use; what they actually request is checked in a real browser (tests/browser)."""
    offenders = [
        str(p.relative_to(built_site))
        for p in site_files(built_site, suffix)
        if KNOWN_THIRD_PARTY.search(p.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not offenders, offenders


def test_our_scripts_name_no_origin_at_all() -> None:
    namespace = "http://www.w3.org/2000/svg"  # an XML namespace name, never fetched
    offenders = [
        str(p.name)
        for p in OWN_SCRIPTS.glob("*.js")
        if re.search(r"https?://", p.read_text(encoding="utf-8").replace(namespace, ""))
    ]
    assert not offenders, offenders


def test_every_page_carries_the_content_security_policy(built_site: Path) -> None:
    missing = [
        str(p.relative_to(built_site))
        for p in site_files(built_site, ".html")
        if 'http-equiv="Content-Security-Policy"' not in p.read_text(encoding="utf-8")
    ]
    assert not missing, missing


def test_no_inline_script_is_executable(built_site: Path) -> None:
    """The CSP forbids inline scripts; any left in a template would silently not run."""
    pattern = re.compile(r"<script(?![^>]*(\bsrc=|type=\"application/json\"))[^>]*>", re.IGNORECASE)
    offenders = {
        str(p.relative_to(built_site)): pattern.findall(p.read_text(encoding="utf-8"))
        for p in site_files(built_site, ".html")
        if pattern.search(p.read_text(encoding="utf-8"))
    }
    assert not offenders, offenders


def test_our_scripts_never_parse_strings_as_html() -> None:
    """Answers, files, links and engine results reach the page as text only (textContent, el())."""
    sinks = re.compile(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval)\b|new Function\(")
    scripts = [*OWN_SCRIPTS.glob("*.js"), OWN_SCRIPTS.parents[1] / "sw.js"]
    offenders = [
        f"{p.name}: {m.group(0)}" for p in scripts for m in sinks.finditer(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders

"""Build layer: what every built page carries besides its text (issue 17).

hreflang alternates lead to the counterpart page in each language; no inline style (the CSP would
block it: Markdown table alignment becomes a class); no protocol-relative `//` link; every
`aria-labelledby` names an id present in the static page; the 404 page's links are absolute; a
local build says that its canonical URLs are local; the Pages workflow is valid and deploys with
the Pages URL.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.site_data import load_ui_strings
from tests.languages import LANGUAGES, OTHER_LANGUAGES, lang_root
from tests.sitebuild import ROOT, SUBPATH

SITE_URL = f"http://127.0.0.1{SUBPATH}"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ALTERNATE = re.compile(r'<link rel=" ?alternate" href="([^"]+)" hreflang="([^"]+)">')


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def page_path(site: Path, page: Path) -> str:
    """`fr/methodology/` for site/fr/methodology/index.html; `` for the home page."""
    relative = page.relative_to(site).as_posix()
    return "" if relative == "index.html" else relative.removesuffix("index.html")


def page_language_root(path: str) -> str:
    """`nl/` for `nl/causes/`, "" for a page of the reference language."""
    first = path.split("/", 1)[0]
    return f"{first}/" if first in OTHER_LANGUAGES else ""


def test_hreflang_alternates_lead_to_the_counterpart_page(built_site: Path) -> None:
    wrong = []
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue
        path = page_path(built_site, page)
        english = path.removeprefix(page_language_root(path))
        expected = {lang: lang_root(lang) + english for lang in LANGUAGES} | {"x-default": english}
        found = {lang: href for href, lang in ALTERNATE.findall(page.read_text(encoding="utf-8"))}
        if found != {lang: SITE_URL + target for lang, target in expected.items()}:
            wrong.append((path, found))
        for href in found.values():
            target = built_site / href.removeprefix(SITE_URL) / "index.html"
            if not target.is_file():
                wrong.append((path, f"{href} does not exist"))
    assert not wrong, wrong


def test_no_inline_style_and_no_protocol_relative_link(built_site: Path) -> None:
    offenders = {}
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        found = re.findall(r'<[^>]+\sstyle="[^"]*"', html) + re.findall(r'href="//[^"]*"', html)
        if found:
            offenders[page.relative_to(built_site).as_posix()] = found[:3]
    assert not offenders, offenders
    methodology = (built_site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert 'class="align-right"' in methodology, "number columns must stay right-aligned, by class"


def test_aria_labelledby_names_ids_present_without_scripts(built_site: Path) -> None:
    missing = {}
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        refs = {ref for group in re.findall(r'aria-labelledby="([^"]+)"', html) for ref in group.split()}
        if refs - ids:
            missing[page.relative_to(built_site).as_posix()] = sorted(refs - ids)
    assert not missing, missing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_links_are_absolute_under_the_subpath(built_site: Path, lang: str) -> None:
    html = (built_site / lang_root(lang) / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    # Links to other sites (the licences in the footer) are absolute already; only our own must be.
    relative = [link for link in links if not link.startswith((SUBPATH, SITE_URL, "data:", "https://"))]
    assert not relative, f"a 404 page is served at any depth: relative links break there: {relative}"
    assert load_ui_strings(lang)["ux_404_title"] in html


def test_a_local_build_says_its_urls_are_local(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "LOCAL BUILD" in done.stderr
    assert "http://127.0.0.1:8000/" in done.stderr


def test_pages_workflow_is_valid_and_deploys_with_the_pages_url() -> None:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool, "check-jsonschema is pinned in pyproject's test extra: run `make setup`"
    checked = subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build = next(step for step in steps if "make build" in step.get("run", ""))
    assert 'SITE_URL="${{ steps.pages.outputs.base_url }}/"' in build["run"]
    assert any(step.get("id") == "pages" and "configure-pages" in step.get("uses", "") for step in steps)

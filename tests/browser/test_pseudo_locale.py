"""Adding a language needs no code change: a pseudo-language made of files alone is built and used.

In a copy of the repository, every English text file gets an `xx` twin whose strings are all
transformed (accented vowels between ⟦ and ⟧, placeholders, tags, links and URLs kept), the pages and
templates are copied, and `mkdocs.xx.yml` names the site and the nav. French and Dutch are removed
from the copy, which shows the other direction too: a language goes by removing its files. Then the
strict build must produce `/xx/`, the CLI must answer `--lang xx`, and a person must be able to fill
in the assessment in the pseudo-language and read its result.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, expect

from tests.browser.assessment_helpers import ENGINE_TIMEOUT, answer_set, model
from tests.sitebuild import ROOT, SUBPATH, serve_site

pytestmark = pytest.mark.browser
PSEUDO = "xx"
REMOVED = ("fr", "nl")
# Parts of a string that must survive: placeholders, HTML tags, Markdown link targets, URLs, code.
KEEP = re.compile(r"(\{[^{}]*\}|<[^>]*>|\]\([^)]*\)|https?://\S+|`[^`]*`)")
ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
# Values that are notation or identifiers, not prose: copied as they are.
VERBATIM = {"language", "file", "url", "result_csv_columns"}


def pseudo(text: str) -> str:
    parts = KEEP.split(text)
    return "⟦" + "".join(p if KEEP.fullmatch(p) else p.translate(ACCENTS) for p in parts) + "⟧"


def transform(node: Any, key: str = "") -> Any:
    if key in VERBATIM:
        return node
    if isinstance(node, dict):
        return {k: transform(v, str(k)) for k, v in node.items()}
    if isinstance(node, list):
        return [transform(item, key) for item in node]
    return pseudo(node) if isinstance(node, str) else node


def copy_repository(target: Path) -> None:
    """The tracked files (as a clean clone has them), plus the installed runtime, linked."""
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    (target / "build").mkdir(exist_ok=True)  # the engine wheel is the same: reuse the cached one
    for cache in ("wheel-cache", "snapshot-cache"):  # same engine, same runtime: reuse what is built
        (target / "build" / cache).symlink_to(ROOT / "build" / cache)


def add_pseudo_language(repo: Path) -> None:
    """Files only: the catalogue and model texts, site data texts, pages, templates, build file."""
    for folder in ("assessments/locales", "docs/locales"):
        (repo / folder / PSEUDO).mkdir()
        for source in sorted((repo / folder / "en").glob("*.yml")):
            english = yaml.safe_load(source.read_text(encoding="utf-8"))
            data = transform(english)
            if source.name == "interface.yml":
                data["language"] = {**data["language"], "name": "Pseudo", "theme": "en"}
                # Parts of file names (the survey kit's) must stay lowercase words and hyphens.
                kit_files = {
                    k: f"{PSEUDO}-{v}" for k, v in english["ui"].items() if k.startswith("kit_file_")
                }
                data["ui"].update(kit_files)
            if source.name == "templates.yml":
                data = {tid: {"file": f"{PSEUDO}-{t['file']}"} for tid, t in data.items()}
            target = repo / folder / PSEUDO / source.name
            target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copytree(repo / "docs" / "en", repo / "docs" / PSEUDO)
    shutil.copytree(repo / "docs" / "toolkit" / "en", repo / "docs" / "toolkit" / PSEUDO)
    nav = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    build_file = {
        "INHERIT": "mkdocs.yml",
        "site_name": pseudo("AI adoption playbook"),
        "nav": pseudo_nav(nav),
    }
    (repo / f"mkdocs.{PSEUDO}.yml").write_text(
        yaml.safe_dump(build_file, allow_unicode=True), encoding="utf-8"
    )


def pseudo_nav(entries: list[Any]) -> list[Any]:
    def entry(item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        ((title, value),) = item.items()
        return {pseudo(title): pseudo_nav(value) if isinstance(value, list) else value}

    return [entry(item) for item in entries]


def remove_languages(repo: Path) -> None:
    for lang in REMOVED:
        for folder in (
            f"assessments/locales/{lang}",
            f"docs/locales/{lang}",
            f"docs/{lang}",
            f"docs/toolkit/{lang}",
        ):
            shutil.rmtree(repo / folder)
        (repo / f"mkdocs.{lang}.yml").unlink()


@pytest.fixture(scope="module")
def pseudo_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("pseudo") / "repo"
    repo.mkdir()
    copy_repository(repo)
    remove_languages(repo)
    add_pseudo_language(repo)
    return repo


@pytest.fixture(scope="module")
def pseudo_site(pseudo_repo: Path) -> Iterator[str]:
    site = pseudo_repo / "site"
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1{SUBPATH}"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=pseudo_repo, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with serve_site(site) as url:
        yield url


def pseudo_texts(repo: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((repo / "assessments/locales" / PSEUDO / name).read_text("utf-8"))
    return loaded


def test_the_cli_speaks_the_pseudo_language(pseudo_repo: Path) -> None:
    answers = pseudo_repo / "answers.json"
    answers.write_text(
        json.dumps({"assessment": "resistance", "answers": answer_set("mixed")}), encoding="utf-8"
    )
    command = [
        sys.executable,
        "-m",
        "assessments",
        "score",
        str(answers),
        "--lang",
        PSEUDO,
        "--format",
        "markdown",
    ]
    done = subprocess.run(command, cwd=pseudo_repo, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    report = pseudo_texts(pseudo_repo, "interface.yml")["report"]["report"]
    assert report in done.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "assessments", "score", str(answers), "--lang", "fr"],
        cwd=pseudo_repo,
        capture_output=True,
        text=True,
        check=False,
    )
    # A removed language is no longer offered; the message lists the ones there are.
    assert refused.returncode == 2, refused.stderr
    assert PSEUDO in refused.stderr


def test_a_person_fills_in_the_assessment_in_the_pseudo_language(
    browser: Browser, pseudo_repo: Path, pseudo_site: str
) -> None:
    ui = pseudo_texts(pseudo_repo, "interface.yml")["ui"]
    texts = pseudo_texts(pseudo_repo, "resistance.yml")
    context = browser.new_context()
    page = context.new_page()
    page.goto(pseudo_site + f"{PSEUDO}/assessment/")
    expect(page.locator("a.md-select__link")).to_have_count(2)  # the reference and the pseudo-language
    for question_id, option_id in answer_set("mixed").items():
        question = next((q for q in model()["questions"] if q["id"] == question_id), None)
        if question is None or question["kind"] != "choice":
            continue
        label = texts["questions"][question_id]["options"][option_id]["label"]
        page.get_by_role(
            "group", name=re.compile(re.escape(texts["questions"][question_id]["text"]))
        ).get_by_label(label, exact=True).check()
    page.get_by_role("button", name=ui["form_submit"]).click()
    result = page.locator("#result")
    expect(result).to_be_visible(timeout=ENGINE_TIMEOUT)
    bands = {band["title"] for band in texts["bands"].values()}
    expect(result.locator(".result__band")).to_contain_text(re.compile("|".join(map(re.escape, bands))))
    context.close()

"""Build layer: every link the engine puts in a result lands on an existing section, in its language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assessments import load_model, score
from assessments.loader import default_model_path
from tests.languages import LANGUAGES, lang_root
from tests.sitebuild import ROOT

ALL_HIGHEST = ROOT / "tests" / "engine" / "fixtures" / "all_highest.json"


def result_links(lang: str) -> set[str]:
    """All-highest answers trigger every anti-pattern and every recommendation."""
    model = load_model(default_model_path("resistance"))
    result = score(model, json.loads(ALL_HIGHEST.read_text(encoding="utf-8"))["answers"], lang)
    links = {a["url"] for a in result["antipatterns"]}
    links |= {r["url"] for r in result["recommendations"]}
    links |= {r["phase"]["url"] for r in result["recommendations"]}
    prefix = lang_root(lang)
    links |= {f"{prefix}{d['page']}/#{d['anchor']}" for d in model["dimensions"]}
    return links


def ids_in(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_result_links_point_to_existing_sections(built_site: Path, lang: str) -> None:
    broken = []
    for link in sorted(result_links(lang)):
        path, _, anchor = link.partition("#")
        page = built_site / path / "index.html"
        if not page.is_file() or anchor not in ids_in(page):
            broken.append(link)
    assert not broken, f"{lang}: links to missing pages or sections: {broken}"


def test_every_recommendation_and_antipattern_is_reachable() -> None:
    model = load_model(default_model_path("resistance"))
    result = score(model, json.loads(ALL_HIGHEST.read_text(encoding="utf-8"))["answers"], "en")
    assert {a["id"] for a in result["antipatterns"]} == {a["id"] for a in model["antipatterns"]}
    assert {r["id"] for r in result["recommendations"]} == {r["id"] for r in model["recommendations"]}

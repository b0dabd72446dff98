"""Build layer: the pages generated from the model follow its version (methodology, form)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from assessments import default_model_path, load_model
from macros.site_data import load_ui_strings
from tests.languages import LANGUAGES, lang_root

MODEL = load_model(default_model_path("resistance"))
PREFIX = {lang: lang_root(lang) for lang in LANGUAGES}


def page_text(built_site: Path, lang: str, slug: str) -> str:
    raw = (built_site / f"{PREFIX[lang]}{slug}" / "index.html").read_text(encoding="utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_methodology_lists_every_version_and_its_changes(built_site: Path, lang: str) -> None:
    text = page_text(built_site, lang, "methodology")
    assert MODEL["version"] in text  # the rules table names the current version
    for entry in MODEL["changes"]:
        heading = load_ui_strings(lang)["method_change_heading"].format(**entry)
        assert " ".join(heading.split()) in text
        for line in entry["summary"][lang]:
            assert " ".join(line.split()) in text, line[:60]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_not_applicable_options_are_rendered_and_explained(built_site: Path, lang: str) -> None:
    form = (built_site / f"{PREFIX[lang]}assessment" / "index.html").read_text(encoding="utf-8")
    method = page_text(built_site, lang, "methodology")
    options = [
        (q, o)
        for q in MODEL["questions"]
        if q["kind"] == "choice"
        for o in q["options"]
        if o.get("not_applicable")
    ]
    assert options, "the model has a question with a not-applicable answer"
    for question, option in options:
        radio = f'name="{question["id"]}" value="{option["id"]}" data-not-applicable="true"'
        assert radio in form
        assert html.escape(option["label"][lang], quote=False) in form
        assert " ".join(load_ui_strings(lang)["method_not_applicable"].split()) in method
    # The form carries the model's version, which the exports and codes take from it.
    assert f'data-model-version="{MODEL["version"]}"' in form

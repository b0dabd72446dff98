"""Data the site renders, read once per build: interface strings, figures, compiled models.

Every loader names the file and the key it rejects, so a broken data file fails the build with a
message that says where to look.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from assessments import AssessmentError, format_message, load_model
from assessments.languages import (
    REFERENCE,
    LocaleError,
    catalogue,
    language_info,
    languages,
    merge_texts,
)
from assessments.languages import (
    engine_catalogue as bundle_catalogue,
)
from assessments.loader import default_model_path

ROOT = Path(__file__).resolve().parents[1]
FIGURES_FILE = ROOT / "docs" / "figures.yml"
LEGAL_FILE = ROOT / "docs" / "legal.yml"
# The site data's texts, one folder per language (the engine's are in assessments/locales/).
DATA_LOCALES_DIR = ROOT / "docs" / "locales"
# Every language of the site, the reference (English, the site's root) first: the folders of
# assessments/locales. Adding a language is adding files; nothing here names one.
LANGUAGES = languages()
# Babel locale of each language (dates and numbers in build-time text).
LOCALES = {lang: language_info(lang)["babel"] for lang in LANGUAGES}
ASSESSMENTS = ("resistance",)


class SiteDataError(RuntimeError):
    """A data file the build cannot use; the message names the file and the key."""


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning syntax errors into a message with the file and line."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path.relative_to(ROOT)}:{mark.line + 1}" if mark else str(path.relative_to(ROOT))
        raise SiteDataError(f"{where}: not valid YAML ({getattr(error, 'problem', error)}).") from error


def lang_root(lang: str) -> str:
    """Where a language lives, relative to the site root: the reference at the root, others in `<lang>/`."""
    return "" if lang == REFERENCE else f"{lang}/"


def build_language(config: Any) -> str:
    """The language a MkDocs build renders: `extra.lang`, set by macros/site_build.py."""
    return str((config.extra or {}).get("lang") or REFERENCE)


def locale_error(error: LocaleError | AssessmentError) -> SiteDataError:
    """A language file's problem as a build error, in English (the build log's language)."""
    return SiteDataError(format_message(error.code, error.params, REFERENCE))


@cache
def load_ui_strings(lang: str) -> dict[str, str]:
    """The page strings of one language: the `ui` part of its catalogue, the labels pages share with
    the exports as `label_<key>`, and the language's colon (`label_colon`: ":" or " :")."""
    try:
        texts = catalogue(lang)
        labels = {f"label_{key}": str(value) for key, value in texts["labels"].items()}
        ui = {key: str(value) for key, value in texts["ui"].items()}
        return {**ui, **labels, "label_colon": language_info(lang)["colon"]}
    except LocaleError as error:
        raise locale_error(error) from error


def read_with_texts(path: Path) -> Any:
    """A site data file with the texts of every language put back as `{lang: text}` nodes.

    `docs/x.yml` keeps the structure; `docs/locales/<lang>/x.yml` the texts, keyed like it."""
    files = {lang: DATA_LOCALES_DIR / lang / path.name for lang in LANGUAGES}
    try:
        return merge_texts(read_yaml(path) or {}, files, str(path.relative_to(ROOT)))
    except LocaleError as error:
        raise locale_error(error) from error


def engine_catalogue(lang: str) -> dict[str, Any]:
    """The parts of a language's catalogue the engine reads in the browser."""
    return bundle_catalogue(lang)


@cache
def load_model_cached(assessment_id: str) -> dict[str, Any]:
    """The compiled model of an assessment, validated once per build process."""
    try:
        return load_model(default_model_path(assessment_id))
    except AssessmentError as error:
        raise SiteDataError(error.message(REFERENCE)) from error


@cache
def engine_bundle(assessment_id: str) -> str:
    """What the browser's engine loads: the compiled model and the engine's part of every catalogue
    (the worker has neither YAML nor the locales folder), as one JSON text."""
    bundle = {
        "model": load_model_cached(assessment_id),
        "catalogues": {lang: engine_catalogue(lang) for lang in LANGUAGES},
    }
    return json.dumps(bundle, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def write_engine_assets(site_dir: Path) -> list[Path]:
    """Write each engine bundle as JSON for the browser's worker (YAML never reaches the browser)."""
    folder = site_dir / "assets" / "engine"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for assessment_id in ASSESSMENTS:
        target = folder / engine_asset_name(assessment_id)
        target.write_text(engine_bundle(assessment_id), encoding="utf-8")
        written.append(target)
    return written


def engine_asset_name(assessment_id: str) -> str:
    """The file name the page script asks for; it changes with the model version (cache safety; the
    service worker also checks each file's digest, so changed texts are fetched again)."""
    return f"{assessment_id}-{load_model_cached(assessment_id)['version']}.json"


def to_json_block(data: dict[str, Any]) -> str:
    """JSON safe to embed in a `<script type="application/json">` element (no `</script>` breakout)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

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

from assessments import AssessmentError, dump_model_json, format_message, load_model
from assessments.loader import default_model_path

ROOT = Path(__file__).resolve().parents[1]
UI_FILE = ROOT / "macros" / "ui.yml"
FIGURES_FILE = ROOT / "docs" / "figures.yml"
LEGAL_FILE = ROOT / "docs" / "legal.yml"
LANGUAGES = ("en", "fr")
# Babel locale of each language (dates and numbers in build-time text).
LOCALES = {"en": "en_GB", "fr": "fr_FR"}
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


def pick_language(entries: dict[str, Any], lang: str, path: Path) -> dict[str, str]:
    """Keep one language of a `{key: {en: ..., fr: ...}}` map, failing on a missing translation."""
    picked: dict[str, str] = {}
    for key, texts in entries.items():
        if not isinstance(texts, dict) or not str(texts.get(lang, "")).strip():
            raise SiteDataError(
                f"{path.relative_to(ROOT)}: key `{key}` has no `{lang}` text "
                f"(expected `{key}: {{en: ..., fr: ...}}`)."
            )
        picked[key] = str(texts[lang])
    return picked


@cache
def load_ui_strings(lang: str) -> dict[str, str]:
    """The interface strings of one language."""
    return pick_language(read_yaml(UI_FILE), lang, UI_FILE)


@cache
def load_model_cached(assessment_id: str) -> dict[str, Any]:
    """The compiled model of an assessment, validated once per build process."""
    try:
        return load_model(default_model_path(assessment_id))
    except AssessmentError as error:
        raise SiteDataError(format_message(error.code, error.params, "en")) from error


def write_engine_assets(site_dir: Path) -> list[Path]:
    """Write each compiled model as JSON for the browser's worker (YAML never reaches the browser)."""
    folder = site_dir / "assets" / "engine"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for assessment_id in ASSESSMENTS:
        model = load_model_cached(assessment_id)
        target = folder / f"{assessment_id}-{model['version']}.json"
        target.write_text(dump_model_json(model), encoding="utf-8")
        written.append(target)
    return written


def engine_asset_name(assessment_id: str) -> str:
    """The file name the page script asks for; it changes with the model version (cache safety)."""
    return f"{assessment_id}-{load_model_cached(assessment_id)['version']}.json"


def to_json_block(data: dict[str, Any]) -> str:
    """JSON safe to embed in a `<script type="application/json">` element (no `</script>` breakout)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

"""Render what the site may store in the browser, from macros/storage.yml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from macros import site_data

STORAGE_FILE = Path(__file__).resolve().parent / "storage.yml"
AREAS = ("localStorage", "CacheStorage")


@cache
def load_storage_keys() -> dict[str, dict[str, Any]]:
    """Every localStorage entry the scripts may write, checked for both languages."""
    entries: dict[str, dict[str, Any]] = site_data.read_with_texts(STORAGE_FILE)
    for name, entry in entries.items():
        for lang in site_data.LANGUAGES:
            if not str((entry.get("purpose") or {}).get(lang, "")).strip() or not entry.get("key"):
                raise site_data.SiteDataError(
                    f"macros/storage.yml: `{name}` needs `key` and `purpose.{lang}`."
                )
    return entries


def storage_keys() -> dict[str, dict[str, str]]:
    """Per area, logical name → key, for the page scripts (which must be able to erase them all)."""
    keys: dict[str, dict[str, str]] = {area: {} for area in AREAS}
    for name, entry in load_storage_keys().items():
        keys[str(entry["area"])][name] = str(entry["key"])
    return keys


def render_storage_table(lang: str) -> str:
    strings = site_data.load_ui_strings(lang)
    rows = [
        f"| {strings['storage_key']} | {strings['storage_area']} | {strings['storage_purpose']} |",
        "| --- | --- | --- |",
    ]
    rows += [
        f"| `{entry['key']}` | {entry['area']} | {entry['purpose'][lang]} |"
        for entry in load_storage_keys().values()
    ]
    return "\n".join(rows)

"""This project's licences and the components it ships, from docs/credits.yml.

One data file feeds the footer of every page (the three licences, linked), the Licences and credits
page (tables) and the tests, so that a licence is named once. Component versions are read from what
the build actually used (npm's package.json, the installed Python distribution, Pyodide's lockfile),
never typed by hand.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib import metadata
from typing import Any

from macros import runtime_assets, site_data

CREDITS_FILE = site_data.ROOT / "docs" / "credits.yml"
PARTS = ("code", "text", "templates")
GROUPS = ("shipped", "build")


@cache
def load_credits() -> dict[str, Any]:
    """The credits data, checked; an error names the entry and the field."""
    data = site_data.read_with_texts(CREDITS_FILE) or {}
    for part in PARTS:
        check_licence(part, (data.get("project") or {}).get(part) or {})
    for group in GROUPS:
        for entry in (data.get("components") or {}).get(group) or []:
            check_component(group, entry)
    return data


def fail(where: str, field: str, expected: str) -> None:
    raise site_data.SiteDataError(f"docs/credits.yml: `{where}` has a bad `{field}` (expected {expected}).")


def check_licence(part: str, entry: dict[str, Any]) -> None:
    for field in ("spdx", "label", "file"):
        if not str(entry.get(field, "")).strip():
            fail(f"project.{part}", field, "text")
    if not (site_data.ROOT / str(entry["file"])).is_file():
        fail(f"project.{part}", "file", "a licence file that exists in the repository")
    for field in ("url", "covers"):
        for lang in site_data.LANGUAGES:
            if not str((entry.get(field) or {}).get(lang, "")).strip():
                fail(f"project.{part}", f"{field}.{lang}", "text in every language")


def check_component(group: str, entry: dict[str, Any]) -> None:
    name = str(entry.get("name", "?"))
    if not str(entry.get("url", "")).startswith("https://"):
        fail(f"{group}: {name}", "url", "an https:// link to the project")
    if not entry.get("spdx") and not entry.get("licence"):
        fail(f"{group}: {name}", "spdx", "an SPDX id, or a `licence` text in every language")
    fields = ["role", "kept"] if group == "shipped" else ["role"]
    fields += [] if entry.get("spdx") else ["licence"]
    for field in fields:
        for lang in site_data.LANGUAGES:
            if not str((entry.get(field) or {}).get(lang, "")).strip():
                fail(f"{group}: {name}", f"{field}.{lang}", "text in every language")


def read_version(source: str, lang: str) -> str:
    """The version the build used: `npm:<package>`, `python:<distribution>`, `pyodide-lock:python`,
    or `theme` for what the theme bundles (its own version then applies)."""
    kind, _, name = source.partition(":")
    if kind == "theme":
        theme = read_version("python:mkdocs-material", lang)
        return site_data.load_ui_strings(lang)["credits_bundled"].format(version=theme)
    if kind == "npm":
        manifest = site_data.ROOT / "node_modules" / name / "package.json"
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"]) if manifest.is_file() else "—"
    if kind == "python":
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "—"
    if kind == "pyodide-lock":
        lockfile = runtime_assets.PYODIDE_PACKAGE / runtime_assets.LOCKFILE
        return str(json.loads(lockfile.read_text(encoding="utf-8"))["info"][name])
    raise site_data.SiteDataError(
        f"docs/credits.yml: version source `{source}` (expected npm:, python:, pyodide-lock: or theme)."
    )


def licence_name(entry: dict[str, Any], lang: str) -> str:
    if entry.get("spdx"):
        return f"[{entry['spdx']}](https://spdx.org/licenses/{entry['spdx']}.html)"
    return str(entry["licence"][lang])


def render_licences_table(lang: str) -> str:
    """The project's three licences: what each covers and where its text is."""
    strings = site_data.load_ui_strings(lang)
    project = load_credits()["project"]
    header = (strings[f"credits_col_{key}"] for key in ("part", "licence", "file"))
    rows = ["| " + " | ".join(header) + " |", "| --- | --- | --- |"]
    for part in PARTS:
        entry = project[part]
        licence = f"[{entry['label']}]({entry['url'][lang]})"
        rows.append(f"| {entry['covers'][lang]} | {licence} | `{entry['file']}` |")
    return "\n".join(rows)


def render_components_table(group: str, lang: str) -> str:
    """Shipped components (with where their licence is kept) or build and test tools."""
    strings = site_data.load_ui_strings(lang)
    keys = ["component", "version", "licence", "role"] + (["where"] if group == "shipped" else [])
    rows = [
        "| " + " | ".join(strings[f"credits_col_{key}"] for key in keys) + " |",
        "|" + " --- |" * len(keys),
    ]
    for entry in load_credits()["components"][group]:
        cells = [
            f"[{entry['name']}]({entry['url']})",
            read_version(str(entry["version"]), lang),
            licence_name(entry, lang),
            entry["role"][lang],
        ]
        if group == "shipped":
            cells.append(entry["kept"][lang])
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def render_footer(lang: str, base_url: str) -> str:
    """The licence line of the site footer (HTML): the three licences, linked, and the credits page."""
    strings = site_data.load_ui_strings(lang)
    project = load_credits()["project"]
    parts = [
        f'{escape(strings["footer_" + part])} <a href="{escape(project[part]["url"][lang])}" rel="license">'
        f"{escape(project[part]['label'])}</a>"
        for part in PARTS
    ]
    credits = f'<a href="{escape(base_url)}/credits/">{escape(strings["footer_credits"])}</a>'
    return f"{escape(strings['footer_licences'])} {' · '.join(parts)} · {credits}"

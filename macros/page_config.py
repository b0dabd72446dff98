"""The JSON block every page carries for its scripts: paths, versions and interface strings.

Paths are relative to the page; the scripts turn them into absolute URLs (Pyodide needs an absolute
`indexURL`, and a worker resolves relative URLs against its own script, not the page).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from assessments.languages import language_info
from macros import privacy, site_data


def build_page_config(config: MkDocsConfig, page: Page | None, site_root: str) -> dict[str, Any]:
    """Everything a page script needs to know, in the page's language."""
    lang = site_data.build_language(config)
    version = str(config.extra["pyodide_version"])
    return {
        "lang": lang,
        # BCP 47 tag for Intl (numbers, percentages, dates), from the language's catalogue.
        "locale": language_info(lang)["tag"],
        "langRoot": str(config.extra.get("lang_root") or ""),
        "siteRoot": f"{site_root}/",
        "runtime": f"{site_root}/assets/pyodide/{version}/",
        "engine": f"{site_root}/assets/js/engine-worker.js",
        "models": {
            name: f"{site_root}/assets/engine/{site_data.engine_asset_name(name)}"
            for name in site_data.ASSESSMENTS
        },
        "page": page.file.src_uri if page else None,
        "strings": site_data.load_ui_strings(lang),
        "storage": privacy.storage_keys(),
    }


def render_page_config(config: MkDocsConfig, page: Page | None, site_root: str) -> str:
    """The config as text safe inside `<script type="application/json">`."""
    return site_data.to_json_block(build_page_config(config, page, site_root))

"""MkDocs hooks shared by every language build (declared under `hooks:` in mkdocs.yml).

The reference (English) build is the primary one: after writing its pages it installs the browser
runtime and then builds every other language of `site_data.LANGUAGES` into `<site_dir>/<lang>/`,
from `mkdocs.<lang>.yml` (site name, description, nav titles). `mkdocs build` and `mkdocs serve`
therefore always produce the whole site, and each language keeps its own search index. What a
language build needs beyond its titles (folders, theme language, search language, the language
switch) comes from the language's catalogue, so adding a language is adding files.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # hooks are loaded by file path; make our packages importable
    sys.path.insert(0, str(ROOT))

from jinja2 import Environment  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from assessments.languages import REFERENCE, language_info  # noqa: E402
from macros import offline, page_config, runtime_assets, site_data  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_build")


def is_primary(config: MkDocsConfig) -> bool:
    """The reference language's build is the one that drives the others."""
    return site_data.build_language(config) == REFERENCE


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Set the build's language, the strings Markdown extensions render in it, and the runtime version."""
    set_language(config, site_data.build_language(config))
    try:
        strings = site_data.load_ui_strings(site_data.build_language(config))
    except site_data.SiteDataError as error:
        raise Abort(str(error)) from error
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = strings["permalink_title"]
    name_palette_toggles(config, strings)
    if is_primary(config):
        announce_site_url(config)
    try:
        config.extra["pyodide_version"] = runtime_assets.read_pyodide_version()
    except runtime_assets.RuntimeAssetsError as error:
        raise Abort(str(error)) from error
    return config


def set_language(config: MkDocsConfig, lang: str) -> None:
    """Everything a build derives from its language's catalogue: folders, theme and search language,
    and the language switch (every language of the site, same page)."""
    info = language_info(lang)
    config.extra["lang"] = lang
    config.extra["lang_root"] = site_data.lang_root(lang)
    config.extra["alternate"] = [
        {"name": language_info(code)["name"], "lang": code, "root": site_data.lang_root(code)}
        for code in site_data.LANGUAGES
    ]
    config.theme["language"] = info.get("theme", lang)
    search = config.plugins.get("material/search")
    if search is not None:
        search.config["lang"] = [info["search"]]


def name_palette_toggles(config: MkDocsConfig, strings: dict[str, str]) -> None:
    """The colour-scheme toggle's names are catalogue keys in mkdocs.yml: put the build's language in."""
    palette = config.theme.get("palette", [])
    for option in palette if isinstance(palette, list) else []:
        toggle = option.get("toggle") or {}
        name = str(toggle.get("name", ""))
        if name in strings:
            toggle["name"] = strings[name]


def on_page_content(html: str, **_: Any) -> str:
    """Task-list checkboxes are printed-checklist decoration (disabled, never submitted): hide them
    from assistive technologies, which would otherwise announce an unlabelled control per item.
    Table columns are aligned by class: the CSP forbids the inline style Markdown writes."""
    checkbox = '<input type="checkbox" disabled'
    return align_by_class(html.replace(checkbox, f'{checkbox} aria-hidden="true"'))


TABLE_ALIGN = re.compile(r'<(th|td) style="text-align: (left|right|center);">')


def align_by_class(html: str) -> str:
    """`<td style="text-align: right;">` (Python-Markdown's tables) → `<td class="align-right">`."""
    return TABLE_ALIGN.sub(r'<\1 class="align-\2">', html)


def announce_site_url(config: MkDocsConfig) -> None:
    """Say which URL canonical links and the sitemap carry, loudly when it is the local default."""
    if os.environ.get("SITE_URL"):
        log.info("Canonical URLs and sitemap use SITE_URL=%s", config.site_url)
    else:
        log.info(
            "LOCAL BUILD: canonical URLs, hreflang links and the sitemap point to %s (the local "
            "default). A deploy sets SITE_URL to the Pages URL (.github/workflows/pages.yml).",
            config.site_url,
        )


def on_serve(server: Any, config: MkDocsConfig, **_: Any) -> Any:
    """`mkdocs serve` rebuilds when a language's build file changes too."""
    for lang in site_data.LANGUAGES:
        if lang != REFERENCE:
            server.watch(str(language_config_file(lang)))
    return server


def on_env(env: Environment, config: MkDocsConfig, **_: Any) -> Environment:
    """Let templates render the page scripts' JSON config block."""

    def site_config(page: Any, site_root: str) -> str:
        return page_config.render_page_config(config, page, site_root)

    env.globals["site_config"] = site_config
    env.globals["ui_strings"] = site_data.load_ui_strings
    return env


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Install the runtime and build the French site, from the English build only."""
    if not is_primary(config):
        return
    site_dir = Path(config.site_dir)
    try:
        folder = runtime_assets.install_runtime(site_dir)
        site_data.write_engine_assets(site_dir)
    except (runtime_assets.RuntimeAssetsError, site_data.SiteDataError) as error:
        raise Abort(str(error)) from error
    log.info("Pyodide runtime and engine installed in %s", folder.relative_to(site_dir))
    for lang in site_data.LANGUAGES:
        if lang != REFERENCE:
            build_language(config, lang, site_dir / site_data.lang_root(lang))
            # The theme copies sw.js into every build; only the root one has the scope of the whole site.
            (site_dir / site_data.lang_root(lang) / "sw.js").unlink(missing_ok=True)
    offline.write_manifest(site_dir)


def language_config_file(lang: str) -> Path:
    """`mkdocs.<lang>.yml`: the language's site name, description and nav titles."""
    path = ROOT / f"mkdocs.{lang}.yml"
    if not path.is_file():
        raise Abort(
            f"{path.name} is missing: every language needs its build file (copy mkdocs.fr.yml and "
            f"translate site_name, site_description and the nav titles into {lang!r})."
        )
    return path


def build_language(config: MkDocsConfig, lang: str, site_dir: Path) -> None:
    """Build one language into the reference site's `<lang>/` folder, same strictness and site URL."""
    language = load_config(
        str(language_config_file(lang)),
        docs_dir=str(ROOT / "docs" / lang),
        site_dir=str(site_dir),
        site_url=(config.site_url or "") + site_data.lang_root(lang),
        strict=config.strict,
    )
    language.extra["lang"] = lang
    set_language(language, lang)  # before the search plugin's own on_config reads its language
    build(language, dirty=False)

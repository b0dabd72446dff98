"""mkdocs-macros module: the Jinja functions pages call to render data in the page's language.

Pages never repeat a figure, a question or a phase by hand; they call these functions, which read the
one source of truth (the assessment YAML, docs/figures.yml, macros/ui.yml).
"""

from __future__ import annotations

from typing import Any

from macros import figures, site_data


def define_env(env: Any) -> None:
    """Register the page macros with mkdocs-macros."""
    lang = str(env.conf["theme"]["language"])

    @env.macro
    def ui(key: str) -> str:
        """An interface string in the page's language."""
        return site_data.load_ui_strings(lang)[key]

    @env.macro
    def figure(figure_id: str, with_claim: bool = False) -> str:
        """A figure from docs/figures.yml with its source linked, e.g. {{ figure("job_fear") }}."""
        return figures.render_figure(figure_id, lang, with_claim)

    @env.macro
    def figures_table() -> str:
        """Every figure with its source, year and caveat (the Sources page)."""
        return figures.render_figures_table(lang)

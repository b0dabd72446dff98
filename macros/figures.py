"""Render the figures of docs/figures.yml: one inline citation, or the full table of sources.

A figure is written once in the data file; pages only name it, so a corrected figure or source
changes everywhere at the next build.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from macros import site_data

SOURCES_PAGE = "sources.md"
REQUIRED = ("value", "claim", "source", "caveat")


@cache
def load_figures() -> dict[str, dict[str, Any]]:
    """All figures, checked for both languages of every text field."""
    path = site_data.FIGURES_FILE
    figures: dict[str, dict[str, Any]] = site_data.read_yaml(path)
    for figure_id, figure in figures.items():
        for key in REQUIRED:
            for lang in site_data.LANGUAGES:
                if not str((figure.get(key) or {}).get(lang, "")).strip():
                    raise site_data.SiteDataError(
                        f"docs/figures.yml: figure `{figure_id}` lacks `{key}.{lang}` (expected text)."
                    )
    return figures


def anchor_for(figure_id: str) -> str:
    """The id of the figure's row on the Sources page."""
    return "fig-" + figure_id.replace("_", "-")


def find_figure(figure_id: str) -> dict[str, Any]:
    figures = load_figures()
    if figure_id not in figures:
        raise site_data.SiteDataError(
            f"figure `{figure_id}` is not in docs/figures.yml (known: {', '.join(sorted(figures))})."
        )
    return figures[figure_id]


def cite(figure: dict[str, Any], lang: str) -> str:
    """`Source, year` as plain text."""
    year = figure.get("year")
    return f"{figure['source'][lang]}, {year}" if year else str(figure["source"][lang])


def render_figure(figure_id: str, lang: str, with_claim: bool = False) -> str:
    """The value in bold, optionally its claim, and a link to its row on the Sources page."""
    figure = find_figure(figure_id)
    value = f'<strong class="figure" data-figure="{figure_id}">{figure["value"][lang]}</strong>'
    claim = f" {figure['claim'][lang]}" if with_claim else ""
    return f"{value}{claim} ([{cite(figure, lang)}]({SOURCES_PAGE}#{anchor_for(figure_id)}))"


def render_figures_table(lang: str) -> str:
    """The Sources page table: every figure, what it says, who measured it, when, and its limits."""
    strings = site_data.load_ui_strings(lang)
    labels = {key: strings[f"figures_{key}"] for key in ("figure", "source", "year", "caveat", "no_year")}
    rows = [
        f"| {labels['figure']} | {labels['source']} | {labels['year']} | {labels['caveat']} |",
        "| --- | --- | --- | --- |",
    ]
    for figure_id, figure in load_figures().items():
        value = (
            f'<strong class="figure" data-figure="{figure_id}" id="{anchor_for(figure_id)}">'
            f"{figure['value'][lang]}</strong> {figure['claim'][lang]}"
        )
        source = figure["source"][lang]
        if figure.get("link"):
            source = f"[{source}]({figure['link']})"
        rows.append(
            f"| {value} | {source} | {figure.get('year') or labels['no_year']} | {figure['caveat'][lang]} |"
        )
    return "\n".join(rows)

"""Render the figures of docs/figures.yml: one inline citation, or the Sources page's list.

A figure is written once in the data file with who published it, under what title, when, where to
read it, when we last checked it and what kind of figure it is. Pages only name it, so a corrected
figure or source changes everywhere at the next build, and an untraced claim or a rule of thumb of
this site is labelled as such wherever it is quoted.

The build fails on an incomplete entry, naming the figure and the field (see `check_figure`).
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date, format_skeleton

from macros import site_data

SOURCES_PAGE = "sources.md"
# Sourced kinds point to a publication; the two others say plainly that there is none.
SOURCED = ("official_statistic", "survey")
KINDS = (*SOURCED, "untraced", "rule_of_thumb")
STATUSES = ("verified", "secondary")
DATE_KEYS = ("fieldwork", "published")
NONE = "none"
TEXT_FIELDS = ("value", "claim", "caveat", "publisher")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
SITE_PAGE = re.compile(r"[a-z0-9-]+\.md#[a-z0-9-]+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
Figure = dict[str, Any]


class FigureError(site_data.SiteDataError):
    """One entry of docs/figures.yml lacks a field or has one in the wrong form."""

    def __init__(self, figure_id: str, field: str, expected: str) -> None:
        super().__init__(
            f"docs/figures.yml: figure `{figure_id}` has a missing or bad `{field}` (expected {expected})."
        )


@cache
def load_figures() -> dict[str, Figure]:
    """All figures, each checked field by field; the first broken one stops the build."""
    figures = site_data.read_with_texts(site_data.FIGURES_FILE) or {}
    for figure_id, figure in figures.items():
        check_figure(figure_id, figure)
        check_model_threshold(figure_id, figure)
    return figures


def has_text(value: Any, lang: str) -> bool:
    """A published title may be one string for every language; other texts have one entry per language."""
    text = value if isinstance(value, str) else (value or {}).get(lang, "") if isinstance(value, dict) else ""
    return bool(str(text).strip())


def text_of(value: str | dict[str, str], lang: str) -> str:
    return value if isinstance(value, str) else value[lang]


def check_figure(figure_id: str, figure: Any) -> None:
    """Every field a reader needs to judge the figure, in the form its kind calls for."""
    if not isinstance(figure, dict):
        raise FigureError(figure_id, "(entry)", "a mapping of fields")
    kind = figure.get("kind")
    if kind not in KINDS:
        raise FigureError(figure_id, "kind", " or ".join(KINDS))
    for field in TEXT_FIELDS:
        check_texts(figure_id, figure, field, "text in every language")
    check_texts(
        figure_id,
        figure,
        "title",
        "the title as published, or a text in every language saying there is none",
        True,
    )
    if "cite_as" in figure:
        check_texts(figure_id, figure, "cite_as", "a short name of the publisher for inline citations", True)
    if not isinstance(figure.get("checked"), datetime.date):
        raise FigureError(
            figure_id, "checked", "the date someone last looked for the source, such as 2026-12-02"
        )
    check_date(figure_id, figure, kind)
    check_url(figure_id, figure, kind)
    check_status(figure_id, figure, kind)


def check_texts(figure_id: str, figure: Figure, field: str, expected: str, plain_ok: bool = False) -> None:
    value = figure.get(field)
    if isinstance(value, str) and not plain_ok:
        raise FigureError(
            figure_id, field, f"a text in every language (docs/locales/<lang>/figures.yml), {expected}"
        )
    for lang in site_data.LANGUAGES:
        if not has_text(value, lang):
            raise FigureError(figure_id, f"{field}.{lang}", expected)


def check_date(figure_id: str, figure: Figure, kind: str) -> None:
    """Sourced figures say when (fieldwork, publication or both); the others say `none` on purpose."""
    date = figure.get("date")
    if kind not in SOURCED:
        if date != NONE:
            raise FigureError(figure_id, "date", f"`{NONE}` for a figure of kind {kind}")
        return
    if not isinstance(date, dict) or not date or set(date) - set(DATE_KEYS):
        raise FigureError(figure_id, "date", "{fieldwork: ...} and/or {published: ...}")
    for key, value in date.items():
        if not all(ISO_DATE.fullmatch(part) for part in str(value).split("/")):
            raise FigureError(figure_id, f"date.{key}", "YYYY, YYYY-MM or YYYY-MM-DD, or a range start/end")


def check_url(figure_id: str, figure: Figure, kind: str) -> None:
    url = str(figure.get("url", ""))
    if kind in SOURCED and not url.startswith("https://"):
        raise FigureError(
            figure_id, "url", "an https:// address of the publication or of the best source read"
        )
    if kind == "untraced" and url != NONE:
        raise FigureError(figure_id, "url", f"`{NONE}`: no primary source was found")
    if kind == "rule_of_thumb" and not SITE_PAGE.fullmatch(url):
        raise FigureError(
            figure_id, "url", "the page of this site that gives the reasoning, such as methodology.md#rules"
        )


def check_status(figure_id: str, figure: Figure, kind: str) -> None:
    """How far we confirmed it; anything short of "verified" explains itself in `note`."""
    status = figure.get("status")
    if kind in SOURCED and status not in STATUSES:
        raise FigureError(figure_id, "status", " or ".join(STATUSES))
    if kind not in SOURCED and status is not None:
        raise FigureError(figure_id, "status", f"no status: kind {kind} already says how far it goes")
    if status != "verified":
        check_texts(
            figure_id,
            figure,
            "note",
            "text saying what was not confirmed, where we looked, or why this value",
        )


def check_model_threshold(figure_id: str, figure: Figure) -> None:
    """A rule of thumb the scoring engine applies must show the value the engine uses."""
    path = figure.get("model_threshold")
    if not path:
        return
    assessment_id, _, keys = str(path).partition(":")
    value: Any = site_data.load_model_cached(assessment_id)
    for key in keys.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, int | float):
        raise FigureError(figure_id, "model_threshold", "assessment:dotted.path to a number of the model")
    shown = [float(n.replace(",", ".")) for n in NUMBER.findall(figure["value"]["en"])]
    if round(value * 100, 6) not in shown:
        raise FigureError(figure_id, "value", f"the model's threshold, {value * 100:g}% ({path})")


def anchor_for(figure_id: str) -> str:
    """The id of the figure's entry on the Sources page."""
    return "fig-" + figure_id.replace("_", "-")


def find_figure(figure_id: str) -> Figure:
    figures = load_figures()
    if figure_id not in figures:
        raise site_data.SiteDataError(
            f"figure `{figure_id}` is not in docs/figures.yml (known: {', '.join(sorted(figures))})."
        )
    return figures[figure_id]


def year_of(figure: Figure) -> str:
    """The year a reader would quote: publication if known, else the end of fieldwork."""
    date = figure["date"]
    return str(date.get("published") or date["fieldwork"]).split("/")[-1][:4]


def cite(figure: Figure, lang: str) -> str:
    """`Publisher, year` for a sourced figure; the kind itself for the others."""
    if figure["kind"] in SOURCED:
        return f"{text_of(figure.get('cite_as') or figure['publisher'], lang)}, {year_of(figure)}"
    return site_data.load_ui_strings(lang)[f"figures_cite_{figure['kind']}"]


def render_figure(figure_id: str, lang: str, with_claim: bool = False) -> str:
    """The value in bold, optionally its claim, and a link to its entry on the Sources page."""
    figure = find_figure(figure_id)
    value = f'<strong class="figure" data-figure="{figure_id}">{figure["value"][lang]}</strong>'
    claim = f" {figure['claim'][lang]}" if with_claim else ""
    return f"{value}{claim} ([{cite(figure, lang)}]({SOURCES_PAGE}#{anchor_for(figure_id)}))"


def format_point(iso: str, lang: str) -> str:
    """2025, 2025-09 or 2025-07-01 as readers of the language write them."""
    locale = site_data.LOCALES[lang]
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return iso
    if len(parts) == 2:
        return format_skeleton("yMMMM", datetime.date(parts[0], parts[1], 1), locale=locale)
    return format_date(datetime.date(*parts), format="long", locale=locale)


def format_when(figure: Figure, lang: str) -> str:
    """`fieldwork … · published …`, each part labelled so nobody mistakes one date for the other."""
    strings = site_data.load_ui_strings(lang)
    if figure["date"] == NONE:
        return strings["figures_no_date"]
    parts = []
    for key in DATE_KEYS:
        if key in figure["date"]:
            points = [format_point(p, lang) for p in str(figure["date"][key]).split("/")]
            span = (
                strings["figures_range"].format(start=points[0], end=points[1])
                if len(points) == 2
                else points[0]
            )
            parts.append(strings[f"figures_date_{key}"].format(date=span))
    return " · ".join(parts)


def status_label(figure: Figure, strings: dict[str, str]) -> str:
    """The kind, then how far it was confirmed: "Survey · seen in secondary sources only"."""
    kind = strings[f"figures_kind_{figure['kind']}"]
    status = figure.get("status")
    return f"{kind} · {strings['figures_status_' + status]}" if status else kind


def source_line(figure: Figure, lang: str) -> str:
    """Publisher and title; a published title is quoted as published, in italics."""
    title = figure["title"]
    shown = f"*{title}*" if isinstance(title, str) else text_of(title, lang)
    return f"{figure['publisher'][lang]} — {shown}"


def link_line(figure: Figure, lang: str, strings: dict[str, str]) -> str:
    """The address, shown by its site name so it fits a phone screen; never loaded by the page."""
    url = figure["url"]
    if url == NONE:
        return strings["figures_no_link"]
    if figure["kind"] == "rule_of_thumb":
        return f"[{strings['figures_link_reasoning']}]({url})"
    return f"[{urlsplit(url).hostname}]({url})"


def render_entry(figure_id: str, figure: Figure, lang: str) -> str:
    """One figure as a short definition list, readable on a narrow screen."""
    s = site_data.load_ui_strings(lang)
    note_label = s["figures_reasoning"] if figure["kind"] == "rule_of_thumb" else s["figures_note"]
    rows = [
        (s["figures_kind"], status_label(figure, s)),
        (s["figures_source"], source_line(figure, lang)),
        (s["figures_date"], format_when(figure, lang)),
        (s["figures_link"], link_line(figure, lang, s)),
        (s["figures_checked"], format_date(figure["checked"], format="long", locale=site_data.LOCALES[lang])),
        (s["figures_caveat"], figure["caveat"][lang]),
    ]
    if "note" in figure:
        rows.append((note_label, figure["note"][lang]))
    value = f'<strong class="figure" data-figure="{figure_id}">{figure["value"][lang]}</strong>'
    head = (
        f'<div class="figure-entry" id="{anchor_for(figure_id)}" data-kind="{figure["kind"]}" markdown>\n\n'
        f"{value} {figure['claim'][lang]}\n"
    )
    body = "".join(f"\n{label}\n:   {text}\n" for label, text in rows)
    return f"{head}{body}\n</div>"


def render_figures_table(lang: str) -> str:
    """The Sources page: every figure grouped by kind, each with its source, dates and limits."""
    strings = site_data.load_ui_strings(lang)
    figures = load_figures()
    sections = []
    for kind in KINDS:
        entries = [render_entry(fid, f, lang) for fid, f in figures.items() if f["kind"] == kind]
        if entries:
            heading = f"## {strings['figures_heading_' + kind]} {{#{kind.replace('_', '-')}}}"
            sections.append("\n\n".join([heading, strings[f"figures_intro_{kind}"], *entries]))
    return "\n\n".join(sections)


def render_rules_of_thumb(lang: str) -> str:
    """The thresholds the engine borrows from this site's rules of thumb, each with its reasoning."""
    item = site_data.load_ui_strings(lang)["figures_rule_item"]
    return "\n".join(
        "- " + item.format(figure=render_figure(fid, lang, True), reasoning=figure["note"][lang])
        for fid, figure in load_figures().items()
        if figure["kind"] == "rule_of_thumb" and figure.get("model_threshold")
    )

"""Markdown and CSV exports of a workshop pool (staff pulse + leaders' codes, and the gap).

The Markdown is also the one-page summary a facilitator hands to the works council (CSE, ondernemingsraad):
counts, the rule of five, the staff medians, the gap largest first, and blank lines for the actions
agreed. Every string comes from the language's catalogue (`messages`, keys `pulse_report.*`);
every imported text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .messages import format_message
from .report import escape_markdown, format_number, write_csv

Result = dict[str, Any]


def say(key: str, lang: str, **params: object) -> str:
    return format_message(f"pulse_report.{key}", params, lang)


def render_counts(pool: Result, lang: str) -> list[str]:
    pulse, leaders = pool["pulse"], pool["leaders"]
    return [
        say("counts", lang, pulse=pulse["valid"], leaders=leaders["valid"], received=pool["received"]),
        "",
        say("rule", lang, minimum=pulse["min_responses"], exact=pulse["breakdown_min"]),
    ]


def render_dimensions(pool: Result, lang: str) -> list[str]:
    rows = [f"## {say('dimensions', lang)}", "", say("dimensions_header", lang), "|---|---:|---:|---:|---:|"]
    for d in pool["pulse"]["dimensions"]:
        cells = [
            escape_markdown(d["label"]),
            *(format_number(d[k], lang) for k in ("median", "q1", "q3")),
            str(d["n"]),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def render_gap(pool: Result, lang: str) -> list[str]:
    lines = [f"## {say('gap', lang)}", "", escape_markdown(pool["gap_note"]["message"])]
    if pool["gap"] is None:
        return lines
    lines += ["", say("gap_header", lang), "|---|---:|---:|---:|"]
    for row in pool["gap"]:
        values = (format_number(row[k], lang) for k in ("staff", "leadership", "gap"))
        lines.append("| " + " | ".join([escape_markdown(row["label"]), *values]) + " |")
    return lines


def render_roles(pool: Result, lang: str) -> list[str]:
    lines = [f"## {say('roles', lang)}", ""]
    for role in pool["pulse"]["roles"]:
        size = (
            say("fewer", lang, minimum=pool["pulse"]["min_responses"])
            if role["n"] is None
            else str(role["n"])
        )
        lines.append(f"- {say('role_' + role['role'], lang)}: {size}")
    return lines


def render_actions(lang: str) -> list[str]:
    return [
        f"## {say('actions', lang)}",
        "",
        *(f"{n}. ____________________" for n in (1, 2, 3)),
        "",
        say("next", lang),
    ]


def render_workshop_markdown(pool: Result, title: str) -> str:
    lang = pool["lang"]
    sections = [[f"# {escape_markdown(title)} — {say('title', lang)}", "", *render_counts(pool, lang)]]
    if pool["pulse"]["status"] == "ok":
        sections += [render_dimensions(pool, lang), render_gap(pool, lang), render_roles(pool, lang)]
        sections.append([say("period", lang, **pool["pulse"]["period"])])
    else:
        sections.append([say("too_few", lang, minimum=pool["pulse"]["min_responses"])])
    sections += [
        render_actions(lang),
        ["---", "", say("footer", lang, version=pool["pulse"]["model_version"])],
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"


def render_workshop_csv(pool: Result) -> str:
    """One row per pulse dimension: staff median, quartiles, n, leadership median, gap."""
    rows: list[Sequence[object]] = [say("csv", pool["lang"]).split(",")]
    gaps = {row["id"]: row for row in pool["gap"] or []}
    for d in pool["pulse"].get("dimensions", []) if pool["pulse"]["status"] == "ok" else []:
        gap = gaps.get(d["id"], {})
        numbers = [d["median"], d["q1"], d["q3"], d["n"], gap.get("leadership"), gap.get("gap")]
        rows.append([d["id"], d["label"], *("" if v is None else v for v in numbers)])
    return write_csv(rows)

"""Render the legal references of docs/legal.yml: one inline citation, the notice, a jurisdiction's table.

A legal point is written once in the data file with its article or ruling, its link, the date it was
last checked and how sure we are of it. Pages only name it, so a re-check changes every page at the
next build, and a point that could not be confirmed says so wherever it is cited.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

from babel.dates import format_date

from assessments.languages import language_info
from macros import site_data

STATUSES = ("verified", "secondary", "unconfirmed")
JURISDICTIONS = ("eu", "fr", "fr-public", "be")
TEXT_FIELDS = ("cite", "summary")


@cache
def load_legal() -> dict[str, dict[str, Any]]:
    """Every legal reference, checked field by field; the error names the entry and the field."""
    references = site_data.read_with_texts(site_data.LEGAL_FILE) or {}
    for ref_id, ref in references.items():
        check_reference(ref_id, ref)
    return references


def check_reference(ref_id: str, ref: dict[str, Any]) -> None:
    def fail(field: str, expected: str) -> None:
        raise site_data.SiteDataError(
            f"docs/legal.yml: `{ref_id}` has a bad `{field}` (expected {expected})."
        )

    if ref.get("jurisdiction") not in JURISDICTIONS:
        fail("jurisdiction", " or ".join(JURISDICTIONS))
    if ref.get("status") not in STATUSES:
        fail("status", " or ".join(STATUSES))
    if not isinstance(ref.get("checked"), datetime.date):
        fail("checked", "a date such as 2026-12-01")
    if not str(ref.get("url", "")).startswith("https://"):
        fail("url", "an https:// link to the text or to the best source found")
    fields = TEXT_FIELDS + (("note",) if ref["status"] != "verified" else ())
    for field in fields:
        for lang in site_data.LANGUAGES:
            if not str((ref.get(field) or {}).get(lang, "")).strip():
                fail(f"{field}.{lang}", "text in every language; `note` says what could not be confirmed")


def find_reference(ref_id: str) -> dict[str, Any]:
    references = load_legal()
    if ref_id not in references:
        raise site_data.SiteDataError(
            f"legal reference `{ref_id}` is not in docs/legal.yml (known: {', '.join(references)})."
        )
    return references[ref_id]


def format_day(day: datetime.date, lang: str) -> str:
    """A date as readers of the language write it (1 December 2026, 1er décembre 2026)."""
    text = format_date(day, format="long", locale=site_data.LOCALES[lang])
    # French writes the first day of a month as an ordinal ("1er"); Babel's long format does not.
    if day.day == 1 and text.startswith("1 "):
        text = language_info(lang)["first_of_month"] + text[1:]
    return text


def render_law(ref_id: str, lang: str) -> str:
    """The article or ruling, linked, with its last-checked date and how sure we are of it."""
    ref = find_reference(ref_id)
    strings = site_data.load_ui_strings(lang)
    checked = strings["legal_checked"].format(date=format_day(ref["checked"], lang))
    caveat = f" {strings['legal_' + ref['status']]}" if ref["status"] != "verified" else ""
    return (
        f'<span class="law" data-law="{ref_id}">[{ref["cite"][lang]}]({ref["url"]})'
        f' <small class="law-checked">({checked}{caveat})</small></span>'
    )


def oldest_check() -> datetime.date:
    dates: list[datetime.date] = [ref["checked"] for ref in load_legal().values()]
    return min(dates)


def render_notice(lang: str) -> str:
    """The "not legal advice" admonition, with the date of the oldest check the page may rely on."""
    strings = site_data.load_ui_strings(lang)
    body = strings["legal_notice_body"].format(date=format_day(oldest_check(), lang))
    return f'!!! warning "{strings["legal_notice_title"]}"\n\n    {body}\n'


def render_table(jurisdiction: str, lang: str) -> str:
    """Every reference of one jurisdiction: what it says, where, when checked, and how sure we are."""
    strings = site_data.load_ui_strings(lang)
    columns = [strings[f"legal_col_{key}"] for key in ("reference", "summary", "checked", "status")]
    rows = [
        "| " + " | ".join(columns) + " |",
        "| " + " | ".join("---" for _ in columns) + " |",
    ]
    for ref_id, ref in load_legal().items():
        if ref["jurisdiction"] != jurisdiction:
            continue
        note = f" *{ref['note'][lang]}*" if ref["status"] != "verified" else ""
        day = format_day(ref["checked"], lang)
        cite = f'<span id="law-{ref_id}">[{ref["cite"][lang]}]({ref["url"]})</span>'
        status = strings[f"legal_status_{ref['status']}"]
        rows.append(f"| {cite} | {ref['summary'][lang]}{note} | {day} | {status} |")
    return "\n".join(rows)

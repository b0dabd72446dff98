"""AI usage reports (Microsoft 365 Copilot, Copilot Chat) read into the assessment's figures.

A leader exports the user table of the Microsoft 365 admin centre's usage report as CSV and drops it
on the assessment page. This module recognises the report by its columns and counts, relative to
the report's own refresh date (never today's date): the people listed, the people with any activity
in the last 30 days and in the last 7 days, the same per app and, when the file has a department
column, per department. It then maps those counts to the model's number questions through the
`adoption.figures` block (which question is the seat count, which the active count, which the weekly
count), so no question id is written here.

What the mapping assumes, said on the page too: "active in the last 7 days" stands for "uses it
weekly for real work"; it is activity recorded by Microsoft (a prompt sent, a suggestion kept), not
proof of useful work. The Microsoft 365 Copilot report lists everyone licensed at any point in the
last 180 days, so its row count is the seat count only approximately; the Copilot Chat report lists
only people who used Chat (and, Microsoft says, only those without a Microsoft 365 Copilot licence), so
it gives no seat count at all. Column meanings and sources:
tests/fixtures/usage/README.md.

Nothing leaves this module but counts: user names (clear or hashed by the admin centre's "concealed
names" setting) serve only to count each person once. Standard library only: it runs in Pyodide.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .answers import clip
from .errors import AssessmentError
from .survey_table import BINARY_MAGIC, MAX_BYTES, OLD_XLS, ZIP_MAGIC, decode, sniff_delimiter
from .team import MIN_RESPONSES
from .uploads import UploadTooLarge, read_upload

Model = dict[str, Any]
Request = dict[str, Any]

LIMIT_TEXT = f"{MAX_BYTES // (1024 * 1024)} MB"  # the survey reader's limit: one rule for dropped files
# "Active in the last N days" counts days back from the refresh date, that day included: a last
# activity on the refresh date is 0 days old; 29 days old is still within the last 30 days.
WINDOWS = {"active_30d": 30, "active_7d": 7}
KIND_M365 = "m365_copilot"
KIND_CHAT = "copilot_chat"
# Per-app columns of the Microsoft 365 Copilot report name these apps; a report with none of them
# (only the overall date, or Chat's entry points) is the Copilot Chat report.
M365_APPS = ("teams", "word", "excel", "powerpoint", "outlook", "onenote", "loop")
EXPECTED_DATE = "YYYY-MM-DD"

# Headers as the Graph report's CSV spells them, and as the admin centre's table names them,
# normalised (see normalise_header): "User Principal Name" and "User name" are user_principal_name
# and user_name. The messages quote the expected headers as Microsoft writes them.
ROLE_HEADERS = {
    "refresh": {"report_refresh_date", "refresh_date"},
    "user": {"user_principal_name", "username", "user_name", "user"},
    "last": {"last_activity_date"},
    "department": {"department"},
}
UTC_NOTE = re.compile(r"\(utc[^)]*\)+", re.IGNORECASE)  # "(UTC)", "(UTC (Universal Time Code))"
APP_PATTERNS = (
    re.compile(r"^last activity date of (?P<app>.+)$", re.IGNORECASE),
    re.compile(r"^(?P<app>.+?) last activity date$", re.IGNORECASE),
)
DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$")
HASHED = re.compile(r"^[0-9A-Fa-f]{32}$")  # the admin centre conceals names as MD5 hex digests


@dataclass
class Columns:
    """Where each role sits in the header row (None when absent); apps as (display name, index)."""

    user: int
    last: int
    refresh: int | None
    department: int | None
    apps: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Person:
    """One person's latest dates, merged over their rows (an export can list a person per period)."""

    last: date | None
    apps: dict[str, date | None]
    department: str


# ---- bytes to rows --------------------------------------------------------------------------


def decode_report(data: bytes, name: str) -> str:
    """The file's text, decoded as survey exports are (byte-order mark, UTF-16, UTF-8, Windows-1252);
    binary files (an Excel workbook, a PDF, an image) are refused by name."""
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise AssessmentError("usage.empty", name=name)
    if data.startswith((ZIP_MAGIC, OLD_XLS, *BINARY_MAGIC)):
        raise AssessmentError("usage.binary", name=name)
    try:
        return decode(data, name)[0]
    except AssessmentError:
        raise AssessmentError("usage.binary", name=name) from None


def split_rows(text: str, name: str) -> list[list[str]]:
    """CSV rows, with the delimiter the header row uses (comma; semicolon or tab once re-saved)."""
    text = text.removeprefix("\ufeff")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    except csv.Error as problem:
        raise AssessmentError("usage.not_csv", name=name, problem=str(problem)) from problem
    return [row for row in rows if any(cell.strip() for cell in row)]


# ---- columns --------------------------------------------------------------------------------


def normalise_header(header: str) -> str:
    """Lower case, the "(UTC)" notes dropped, words joined by "_": `Last activity date (UTC)` and
    `Last Activity Date` are both last_activity_date."""
    return "_".join(re.sub(r"\W+", " ", UTC_NOTE.sub(" ", header.lower())).split())


def app_name(header: str) -> str | None:
    """The app a per-app date column is about ("Word Copilot Last Activity Date" → "Word"), else None."""
    clean = " ".join(UTC_NOTE.sub(" ", header).split())
    for pattern in APP_PATTERNS:
        found = pattern.match(clean)
        if found:
            app = found["app"].strip()
            return app[: -len(" Copilot")] if app.lower().endswith(" copilot") else app
    return None


def find_columns(header: list[str], name: str) -> Columns:
    """Each role's column; a file without a user column and a last-activity column is not a report."""
    normalised = [normalise_header(cell) for cell in header]
    found: dict[str, int] = {}
    for role, names in ROLE_HEADERS.items():
        index = next((i for i, cell in enumerate(normalised) if cell in names), None)
        if index is not None:
            found[role] = index
    if "user" not in found or "last" not in found:
        raise AssessmentError("usage.not_usage_report", name=name, got=clip(", ".join(header), 120))
    taken = set(found.values())
    apps = [(app, i) for i, cell in enumerate(header) if i not in taken and (app := app_name(cell))]
    return Columns(found["user"], found["last"], found.get("refresh"), found.get("department"), apps)


def report_kind(columns: Columns) -> str:
    apps = {normalise_header(app) for app, _ in columns.apps}
    return KIND_M365 if any(word in app.split("_") for app in apps for word in M365_APPS) else KIND_CHAT


# ---- dates ----------------------------------------------------------------------------------


def read_date(value: str, where: Callable[[], dict[str, object]]) -> date | None:
    """A date cell: empty means no activity; else YYYY-MM-DD (a time after it is ignored)."""
    text = value.strip()
    if not text:
        return None
    found = DATE.match(text)
    try:
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        pass
    raise AssessmentError("usage.bad_date", value=clip(text, 40), expected=EXPECTED_DATE, **where())


def cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def refresh_date(rows: list[list[str]], header: list[str], columns: Columns, name: str) -> date:
    """The report's refresh date: the latest one its rows carry (every row carries the same)."""
    if columns.refresh is None:
        raise AssessmentError("usage.no_refresh_date", name=name)
    dates = [
        read_date(cell(row, columns.refresh), place(name, header, columns.refresh, number))
        for number, row in enumerate(rows, start=2)
    ]
    known = [d for d in dates if d is not None]
    if not known:
        raise AssessmentError("usage.no_refresh_date", name=name)
    return max(known)


def place(name: str, header: list[str], index: int, row: int) -> Callable[[], dict[str, object]]:
    """Where a cell is, for a message (built only when one is needed)."""
    return lambda: {"name": name, "row": row, "column": header[index]}


# ---- people and counts ----------------------------------------------------------------------


def read_people(rows: list[list[str]], header: list[str], columns: Columns, name: str) -> dict[str, Person]:
    """One entry per person (by user name, clear or hashed), with their latest dates."""
    people: dict[str, Person] = {}
    for number, row in enumerate(rows, start=2):
        user = cell(row, columns.user).strip().lower()
        if not user:
            continue
        person = Person(
            read_date(cell(row, columns.last), place(name, header, columns.last, number)),
            {app: read_date(cell(row, i), place(name, header, i, number)) for app, i in columns.apps},
            cell(row, columns.department).strip(),
        )
        people[user] = merge(people[user], person) if user in people else person
    return people


def merge(first: Person, second: Person) -> Person:
    def later(a: date | None, b: date | None) -> date | None:
        return max(a, b) if a and b else a or b

    apps = {app: later(first.apps.get(app), second.apps.get(app)) for app in first.apps | second.apps}
    return Person(later(first.last, second.last), apps, first.department or second.department)


def is_active(last: date | None, refresh: date, days: int) -> bool:
    """Activity within `days` days back from the refresh date (a date after it counts as active)."""
    return last is not None and (refresh - last) < timedelta(days=days)


def count_active(dates: Iterable[date | None], refresh: date) -> dict[str, int]:
    listed = list(dates)
    return {key: sum(is_active(d, refresh, days) for d in listed) for key, days in WINDOWS.items()}


def count_apps(people: Iterable[Person], apps: list[str], refresh: date) -> list[dict[str, Any]]:
    listed = list(people)
    return [{"name": app, **count_active((p.apps.get(app) for p in listed), refresh)} for app in apps]


def count_departments(people: Iterable[Person], refresh: date) -> list[dict[str, Any]]:
    """Per department, fewest people first hidden: a department under the minimum group (five) joins
    one "other" line, shown only if that line itself reaches five, so no count points at a person."""
    groups: dict[str, list[Person]] = {}
    for person in people:
        if person.department:
            groups.setdefault(person.department, []).append(person)
    lines, other = [], []
    for department in sorted(groups, key=str.casefold):
        members = groups[department]
        if len(members) < MIN_RESPONSES:
            other.extend(members)
        else:
            lines.append(department_line(department, members, refresh))
    if len(other) >= MIN_RESPONSES:
        lines.append({**department_line("", other, refresh), "other": True})
    return lines


def department_line(name: str, members: list[Person], refresh: date) -> dict[str, Any]:
    return {"name": name, "people": len(members), **count_active((p.last for p in members), refresh)}


# ---- the report -----------------------------------------------------------------------------


def read_usage_report(data: bytes, name: str) -> dict[str, Any]:
    """The counts of a usage report given as bytes (see the module's docstring for what they mean)."""
    if len(data) > MAX_BYTES:
        raise AssessmentError("usage.too_large", name=name, limit=LIMIT_TEXT)
    rows = split_rows(decode_report(data, name), name)
    if not rows:
        raise AssessmentError("usage.empty", name=name)
    header, body = rows[0], rows[1:]
    columns = find_columns(header, name)
    refresh = refresh_date(body, header, columns, name) if body else None
    people = read_people(body, header, columns, name)
    if refresh is None or not people:
        raise AssessmentError("usage.no_users", name=name, column=header[columns.user])
    return summarise(columns, people, refresh)


def summarise(columns: Columns, people: dict[str, Person], refresh: date) -> dict[str, Any]:
    kind = report_kind(columns)
    listed = list(people.values())
    return {
        "kind": kind,
        "refresh_date": refresh.isoformat(),
        "people": len(listed),
        # Chat's report lists only people who used it: it says nothing of how many have access.
        "seats": len(listed) if kind == KIND_M365 else None,
        **count_active((p.last for p in listed), refresh),
        "concealed": all(HASHED.match(user) for user in people),
        "apps": count_apps(listed, [app for app, _ in columns.apps], refresh),
        "departments": count_departments(listed, refresh) if columns.department is not None else [],
    }


def figure_roles(model: Model) -> dict[str, str]:
    """The model's number questions for the seat, 30-day and weekly counts (its `adoption.figures`)."""
    figures = (model.get("adoption") or {}).get("figures") or {}
    return {role: figures[role] for role in ("seats", "active", "weekly") if role in figures}


def fill_answers(report: dict[str, Any], model: Model) -> dict[str, int]:
    """Number answers to put in the form: seats, active in 30 days, and active in 7 days for "weekly
    real use" (an assumption the page states). A count the report cannot give is left out."""
    values = {"seats": report["seats"], "active": report["active_30d"], "weekly": report["active_7d"]}
    return {
        question: values[role] for role, question in figure_roles(model).items() if values[role] is not None
    }


def read_usage_file(path: str, name: str) -> dict[str, Any]:
    """A usage report from the file the worker wrote, its size checked before it is read."""
    try:
        data = read_upload(path, MAX_BYTES)
    except UploadTooLarge:
        raise AssessmentError("usage.too_large", name=name, limit=LIMIT_TEXT) from None
    except OSError as problem:
        raise AssessmentError("usage.unreadable", name=name) from problem
    return read_usage_report(data, name)


def usage_methods(current_model: Callable[[], Model]) -> dict[str, Callable[[Request], Any]]:
    """The browser's request (registered by bridge.py): the worker has written the dropped file into
    Pyodide's file system at `path`; `name` is the file's name as the person sees it."""

    def usage_read(request: Request) -> dict[str, Any]:
        path, name = request.get("path"), request.get("name")
        name = name if isinstance(name, str) and name else str(path).rsplit("/", 1)[-1]
        if not isinstance(path, str) or not path:
            raise AssessmentError("usage.unreadable", name=clip(name, 80))
        report = read_usage_file(path, clip(name, 80))
        return {**report, "fill": fill_answers(report, current_model())}

    return {"usage_read": usage_read}

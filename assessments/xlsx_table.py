"""An .xlsx export of responses (Microsoft Forms' only export), read with openpyxl: first sheet, values.

openpyxl is imported here, lazily, and only for .xlsx: the engine stays standard-library for everything
else, and the browser loads the openpyxl and et-xmlfile wheels only when such a file is dropped.
A zip that is not a workbook (an .ods, a .docx, an archive) is refused before openpyxl sees it.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from .errors import AssessmentError
from .survey_table import HEADER_ROWS, MAX_ROWS, Table, make_table

WORKBOOK = "xl/workbook.xml"


def read_xlsx(data: bytes, source: str) -> Table:
    check_workbook(data, source)
    try:
        import openpyxl
    except ImportError:
        raise AssessmentError("survey.xlsx_unavailable").at(source) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, zipfile, XML, ValueError) for a damaged file
        raise AssessmentError("survey.bad_xlsx").at(source) from None
    try:
        rows = read_rows(first_sheet_rows(book), source)
    except AssessmentError:
        raise
    except Exception:
        raise AssessmentError("survey.bad_xlsx").at(source) from None
    finally:
        book.close()
    if not rows:
        raise AssessmentError("survey.empty").at(source)
    return make_table(source, "xlsx", "", rows[0], rows[1:])


def first_sheet_rows(book: Any) -> Iterable[tuple[object, ...]]:
    """The first sheet's rows; its recorded size is ignored (some writers record A1:A1 for any size)."""
    if not book.worksheets:
        return []
    sheet = book.worksheets[0]
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    rows: Iterable[tuple[object, ...]] = sheet.iter_rows(values_only=True)
    return rows


def check_workbook(data: bytes, source: str) -> None:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise AssessmentError("survey.not_xlsx").at(source) from None
    if WORKBOOK not in names:
        raise AssessmentError("survey.not_xlsx").at(source)


def read_rows(rows: Iterable[tuple[object, ...]], source: str) -> list[list[str]]:
    """Every row's cells as text, stopping (with a message) past the row limit."""
    found: list[list[str]] = []
    for cells in rows:
        found.append([cell_text(cell) for cell in cells])
        if len(found) > MAX_ROWS + HEADER_ROWS + 1:
            raise AssessmentError("survey.too_many_rows", limit=MAX_ROWS).at(source)
    return found


def cell_text(value: object) -> str:
    """A cell as a person would have typed it: 3.0 is "3", a date is ISO, an empty cell is ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)

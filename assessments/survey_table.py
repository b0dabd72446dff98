"""A survey tool's export of responses, read as a table of text: a header and one row per response.

Survey tools export responses as CSV (Google Forms, LimeSurvey, Framaforms) or as an .xlsx workbook
(Microsoft Forms). The CSV may be UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode
text", LimeSurvey on Windows) or Windows-1252/Latin-1 (older Drupal and Excel exports), separated by
commas, semicolons (spreadsheets set to French or Dutch) or tabs. Nothing here knows the
questionnaires: `survey_match.py` maps the columns to questions.

Standard library only (the .xlsx reader imports openpyxl lazily): runs unchanged in Pyodide.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

from .answers import clip
from .errors import AssessmentError

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5_000  # responses per file; team.MAX_CODES leaves room for as many codes pasted beside them
HEADER_ROWS = 3  # a tool may write up to this many header lines (Drupal Webform): not responses
DELIMITERS = (",", ";", "\t")
SAMPLE = 65_536  # characters looked at to tell text from binary
CONTROL_SHARE = 0.01  # more control characters than this share of the sample: not a text file
ZIP_MAGIC = b"PK\x03\x04"
# Files people drop by mistake, named so the message can say what the file is not.
BINARY_MAGIC = (
    b"%PDF-",
    b"\xd0\xcf\x11\xe0",  # OLE2: the old .xls format (and .doc)
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
)
OLD_XLS = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Table:
    source: str  # the file's name, as given
    format: str  # "csv" or "xlsx"
    encoding: str  # the CSV's character encoding ("" for xlsx)
    header: list[str]
    rows: list[list[str]]  # cells as text, as many as the header; blank rows dropped
    # Each row's number as a spreadsheet shows it (the header is row 1), blank rows counted.
    numbers: list[int] = field(default_factory=list)


def read_table(data: bytes, source: str) -> Table:
    """The table in a CSV or .xlsx export; errors name the file and the forms expected."""
    check_size(data, source)
    if data.startswith(ZIP_MAGIC):
        from .xlsx_table import read_xlsx

        return read_xlsx(data, source)
    refuse_binary(data, source)
    text, encoding = decode(data, source)
    header, rows = split_csv(text, source)
    return make_table(source, "csv", encoding, header, rows)


def check_size(data: bytes, source: str) -> None:
    if len(data) > MAX_BYTES:
        raise AssessmentError("survey.too_large", limit=MAX_BYTES // (1024 * 1024)).at(source)
    if not data.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise AssessmentError("survey.empty").at(source)


def refuse_binary(data: bytes, source: str) -> None:
    if data.startswith(OLD_XLS):
        raise AssessmentError("survey.old_xls").at(source)
    if data.startswith(BINARY_MAGIC):
        raise AssessmentError("survey.binary").at(source)


# --- characters --------------------------------------------------------------------------------


def decode(data: bytes, source: str) -> tuple[str, str]:
    """The text and the name of its encoding: a byte-order mark decides, then the NUL pattern of
    UTF-16, then strict UTF-8, then Windows-1252 (Latin-1 for its five unassigned bytes)."""
    encoding = sniff_encoding(data, source)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise AssessmentError("survey.binary").at(source) from None
        encoding = "cp1252"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            encoding = "latin-1"
            text = data.decode(encoding)
    check_text(text, source)
    return text, encoding


def sniff_encoding(data: bytes, source: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:SAMPLE]
    if b"\x00" not in head:
        return "utf-8"
    even, odd = head[0::2].count(0), head[1::2].count(0)
    # Mostly-ASCII text in UTF-16 has a NUL in every other byte: after each character (LE) or before.
    if odd > len(head) // 4 and even == 0:
        return "utf-16-le"
    if even > len(head) // 4 and odd == 0:
        return "utf-16-be"
    raise AssessmentError("survey.binary").at(source)


def check_text(text: str, source: str) -> None:
    sample = text[:SAMPLE]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n\f")
    if "\x00" in text or controls > CONTROL_SHARE * len(sample):
        raise AssessmentError("survey.binary").at(source)


# --- CSV ---------------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """The separator the first record uses most, counted outside quotes (headers are question
    texts and hold commas); a tie or none at all: comma."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:SAMPLE]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])  # max keeps the first of a tie
    return best if counts[best] else ","


def split_csv(text: str, source: str) -> tuple[list[str], list[list[str]]]:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(reader, [])
        rows = []
        for cells in reader:
            rows.append(cells)
            if len(rows) > MAX_ROWS + HEADER_ROWS:
                raise AssessmentError("survey.too_many_rows", limit=MAX_ROWS).at(source)
    except csv.Error:
        raise AssessmentError("survey.bad_csv", line=reader.line_num).at(source) from None
    return header, rows


# --- the table ---------------------------------------------------------------------------------


def make_table(source: str, form: str, encoding: str, header: list[str], rows: list[list[str]]) -> Table:
    """Cells stripped, blank rows dropped, every row as wide as the widest one."""
    header = [cell.strip() for cell in header]
    if not any(header):
        raise AssessmentError("survey.no_header").at(source)
    numbered = [
        (number, row) for number, row in enumerate(rows, start=2) if any(cell.strip() for cell in row)
    ]
    kept = [[cell.strip() for cell in row] for _, row in numbered]
    if not kept:
        raise AssessmentError("survey.no_rows", columns=len(header), first=clip(header[0] or "…", 40)).at(
            source
        )
    if len(kept) > MAX_ROWS + HEADER_ROWS:
        raise AssessmentError("survey.too_many_rows", limit=MAX_ROWS).at(source)
    width = max(len(header), *(len(row) for row in kept))
    header = header + [""] * (width - len(header))
    rows = [row + [""] * (width - len(row)) for row in kept]
    return Table(source, form, encoding, header, rows, [number for number, _ in numbered])

"""Score many respondents at once from a CSV file (one respondent per row).

The CSV has one column per question id (plus an optional `respondent` column); a cell
holds an option id or a number, and an empty cell means "not answered". Spreadsheets
exported in French use `;` as delimiter and `,` as decimal separator: both are accepted,
as is a UTF-8 byte-order mark.
"""

from __future__ import annotations

import csv
import io
import statistics
from typing import Any

from .answers import Answer, clip
from .errors import AssessmentError
from .scoring import score

RESPONDENT = "respondent"
Row = tuple[int, dict[str, str]]  # (line number in the file, {column: cell})
Entry = tuple[str, dict[str, Any]]  # (respondent, result)


def sniff_delimiter(header_line: str) -> str:
    # The header only holds ids, so whichever separator it contains more of is the one.
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_header(reader: Any, source: str) -> list[str]:
    header = next(reader, None)
    columns = [cell.strip() for cell in header or []]
    if not any(columns):
        raise AssessmentError("input.csv_no_header").at(source)
    for position, column in enumerate(columns):
        if column in columns[:position]:
            # clip: a header cell can be 128 KB long (csv's field limit); the message stays one short line.
            raise AssessmentError("input.csv_duplicate_column", column=clip(column)).at(f"{source}:1")
    return columns


def read_rows(text: str, source: str) -> tuple[list[str], list[Row]]:
    """Split CSV text into its columns and its non-blank rows."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text.split("\n", 1)[0]))
    try:
        columns = read_header(reader, source)
        rows = []
        for cells in reader:
            if len(cells) > len(columns):
                raise AssessmentError("input.csv_extra_cells").at(f"{source}:{reader.line_num}")
            if any(cell.strip() for cell in cells):
                stripped = (cell.strip() for cell in cells)  # short rows simply lack the last cells
                rows.append((reader.line_num, dict(zip(columns, stripped, strict=False))))
    except csv.Error:
        raise AssessmentError("input.bad_csv", line=reader.line_num).at(source) from None
    if not rows:
        raise AssessmentError("input.csv_no_rows").at(source)
    return columns, rows


def parse_figure(cell: str) -> Answer:
    """A number typed by a person: accepts "1 200", "12,5" and "12.5"; otherwise the raw text."""
    text = cell.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            continue
    return cell  # left as text so that answer validation reports it as "not a number"


def row_answers(model: dict[str, Any], cells: dict[str, str]) -> dict[str, Answer]:
    kinds = {question["id"]: question["kind"] for question in model["questions"]}
    return {
        column: parse_figure(cell) if kinds[column] == "number" else cell
        for column, cell in cells.items()
        if column != RESPONDENT and cell
    }


def score_rows(model: dict[str, Any], text: str, source: str, lang: str) -> list[Entry]:
    """Score every row; errors point at `file:line` so the faulty row is easy to find."""
    columns, rows = read_rows(text, source)
    question_ids = {question["id"] for question in model["questions"]}
    for column in columns:
        if column != RESPONDENT and column not in question_ids:
            raise AssessmentError("input.csv_unknown_column", column=clip(column)).at(f"{source}:1")
    entries: list[Entry] = []
    for line, cells in rows:
        respondent = cells.get(RESPONDENT) or f"#{len(entries) + 1}"
        try:
            entries.append((respondent, score(model, row_answers(model, cells), lang)))
        except AssessmentError as error:
            raise error.at(f"{source}:{line}") from None
    return entries


def summarise(entries: list[Entry]) -> dict[str, Any]:
    indexes = [result["index"] for _, result in entries if result["index"] is not None]
    median = round(statistics.median(indexes), 1) if indexes else None
    return {"n": len(entries), "scored": len(indexes), "median_index": median}


def batch_json(entries: list[Entry]) -> dict[str, Any]:
    """{"results": one flat record per respondent, "summary": {n, scored, median_index}}."""
    results = [
        {
            "respondent": respondent,
            "index": result["index"],
            "band": result["band"]["id"] if result["band"] else None,
            "completeness": result["completeness"]["ratio"],
            "dimensions": {d["id"]: d["score"] for d in result["dimensions"]},
            "antipatterns": [a["id"] for a in result["antipatterns"]],
        }
        for respondent, result in entries
    ]
    return {"results": results, "summary": summarise(entries)}

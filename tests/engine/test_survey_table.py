"""Reading a survey export as a table: encodings, separators, .xlsx, and every bad file named."""

from __future__ import annotations

import codecs
import datetime
import io
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.errors import AssessmentError
from assessments.survey_table import HEADER_ROWS, MAX_BYTES, MAX_ROWS, Table, read_table
from assessments.xlsx_table import cell_text
from tests.fixtures.surveys.generate import write_xlsx
from tests.languages import LANGUAGES

HEADER = ['"Timestamp"', '"In a normal week, I use the AI tools; really?"', '"Role group (optional)"']


def refused(data: bytes, name: str = "export.csv") -> AssessmentError:
    with pytest.raises(AssessmentError) as caught:
        read_table(data, name)
    return caught.value


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_separator_is_found_outside_quoted_headers(delimiter: str) -> None:
    text = (
        delimiter.join(HEADER) + "\r\n" + delimiter.join(['"2026/11/23"', '"most days, yes"', "x"]) + "\r\n"
    )
    table = read_table(text.encode(), "export.csv")
    assert table.header == [cell.strip('"') for cell in HEADER]
    assert table.rows == [["2026/11/23", "most days, yes", "x"]]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "Durée;Rôle\nÉté;Équipes\n".encode(), "utf-8-sig"),
        ("Durée;Rôle\nÉté;Équipes\n".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + "Durée\tRôle\nÉté\tÉquipes\n".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Durée\tRôle\nÉté\tÉquipes\n".encode("utf-16-be"), "utf-16"),
        ("Durée\tRôle\nÉté\tÉquipes\n".encode("utf-16-le"), "utf-16-le"),
        ("Durée\tRôle\nÉté\tÉquipes\n".encode("utf-16-be"), "utf-16-be"),
        ("Durée;Rôle\nÉté;Équipes\n".encode("cp1252"), "cp1252"),
    ],
)
def test_every_encoding_a_tool_writes_is_read(data: bytes, encoding: str) -> None:
    table = read_table(data, "export.csv")
    assert (table.encoding, table.header, table.rows) == (encoding, ["Durée", "Rôle"], [["Été", "Équipes"]])


def test_windows_1252_quotes_and_latin_1_leftovers() -> None:
    assert read_table(b"Q\n\x92ok\x92\n", "a.csv").rows == [["\u2019ok\u2019"]]
    latin = read_table(b"Q\n\x81\xe9\n", "a.csv")  # 0x81 is unassigned in Windows-1252
    assert (latin.encoding, latin.rows) == ("latin-1", [["\x81é"]])


def test_rows_are_padded_and_blank_rows_dropped() -> None:
    table = read_table(b"a,b,c\n1\n,,\n\n1,2,3,4\n", "a.csv")
    assert table.header == ["a", "b", "c", ""]
    assert table.rows == [["1", "", "", ""], ["1", "2", "3", "4"]]
    assert table.numbers == [2, 5]  # as a spreadsheet numbers them, blank rows counted


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "survey.empty"),
        (codecs.BOM_UTF8, "survey.empty"),
        (b"\r\n \n", "survey.empty"),
        (b"\n\nq1,q2\n1,2\n", "survey.no_header"),
        (b"q1,q2\n", "survey.no_rows"),
        (b"q1,q2\n,\n\n", "survey.no_rows"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "survey.binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "survey.binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "survey.old_xls"),
        (b"q1,q2\n\x00\x01\x02\x03\xff\xfe\x00\x00", "survey.binary"),
        (b"q1,q2\n" + bytes(range(1, 9)) * 20, "survey.binary"),
        (b"PK\x03\x04 not really a zip", "survey.not_xlsx"),
        (b'q,"unclosed\n' + b"x" * 200_000, "survey.bad_csv"),
    ],
)
def test_bad_files_get_their_own_message_naming_the_file(data: bytes, code: str) -> None:
    error = refused(data, "réponses.csv")
    assert error.code == code
    for lang in LANGUAGES:
        message = error.message(lang)
        assert message.startswith("réponses.csv: ")
        assert "{" not in message
        assert code not in message


def test_a_message_names_the_expected_forms_in_each_language() -> None:
    messages = {lang: refused(b"").message(lang) for lang in LANGUAGES}
    assert len(set(messages.values())) == len(LANGUAGES)
    assert all("CSV" in message and ".xlsx" in message for message in messages.values())


def test_a_file_over_the_limit_is_refused_before_anything_else() -> None:
    error = refused(b"\x00" * (MAX_BYTES + 1), "huge.csv")
    assert (error.code, error.params["limit"]) == ("survey.too_large", 50)
    assert read_table(b"q\n" + b"1\n" * 1000, "a.csv").rows[0] == ["1"]


def test_too_many_rows_are_refused_with_the_limit() -> None:
    data = b"q\n" + b"1\n" * (MAX_ROWS + HEADER_ROWS + 1)
    error = refused(data)
    assert (error.code, error.params["limit"]) == ("survey.too_many_rows", MAX_ROWS)


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_zip_that_is_not_a_workbook_is_named() -> None:
    assert refused(zip_of({"notes.txt": b"hello"}), "export.xlsx").code == "survey.not_xlsx"
    ods = zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    assert refused(ods, "export.ods").code == "survey.not_xlsx"


def test_a_damaged_workbook_is_named() -> None:
    damaged = zip_of({"[Content_Types].xml": b"<nope", "xl/workbook.xml": b"<nope"})
    assert refused(damaged, "export.xlsx").code == "survey.bad_xlsx"


def test_xlsx_cells_become_text_as_typed() -> None:
    when = datetime.datetime(2026, 11, 23, 9, 5)
    data = write_xlsx(
        [["Q", "N", "When", "Day", "Flag"], ["Oui", 3.0, when, when.date(), True], [None, 12.5, "", "", ""]]
    )
    table = read_table(data, "export.xlsx")
    assert (table.format, table.encoding) == ("xlsx", "")
    assert table.rows == [
        ["Oui", "3", "2026-11-23 09:05:00", "2026-11-23 00:00:00", "TRUE"],
        ["", "12.5", "", "", ""],
    ]
    assert cell_text(datetime.date(2026, 1, 2)) == "2026-01-02"
    assert cell_text(7) == "7"


def test_an_xlsx_without_openpyxl_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_xlsx([["Q"], ["a"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    assert refused(data, "export.xlsx").code == "survey.xlsx_unavailable"


def test_an_xlsx_with_only_a_header_has_no_rows() -> None:
    assert refused(write_xlsx([["Q1", "Q2"]]), "export.xlsx").code == "survey.no_rows"
    assert refused(write_xlsx([]), "export.xlsx").code == "survey.empty"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=400).map(lambda tail: b"PK\x03\x04" + tail),
        st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.text(max_size=200).map(
            lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
        ),
    )
)
def test_any_bytes_give_a_table_or_a_named_error(data: bytes) -> None:
    try:
        table = read_table(data, "dropped.csv")
    except AssessmentError as error:
        problem = error
    else:
        assert isinstance(table, Table)
        assert table.rows
        assert all(len(row) == len(table.header) for row in table.rows)
        return
    assert problem.code.startswith("survey.")
    assert problem.message("fr").startswith("dropped.csv: ")

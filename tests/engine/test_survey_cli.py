"""`python -m assessments import`: a survey export previewed as text, or pooled as JSON; bad files named."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from assessments.cli import main
from assessments.languages import catalogue
from assessments.messages import format_message
from assessments.survey_match import preview
from assessments.survey_table import MAX_BYTES, read_table
from tests.fixtures.surveys.generate import HERE, pulse, resistance
from tests.languages import LANGUAGES

from .conftest import run_cli


@dataclass
class Completed:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Completed]:
    """The command line run in this process (one test below runs it as a real subprocess)."""

    def run(*args: str) -> Completed:
        try:
            code = main(list(args))
        except SystemExit as stop:  # --help
            code = int(stop.code or 0)
        out, err = capsys.readouterr()
        return Completed(code, out, err)

    return run


GOOGLE = str(HERE / "google_forms_pulse_en.csv")
XLSX = str(HERE / "microsoft_forms_resistance_fr.xlsx")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_preview_is_readable_text_in_the_chosen_language(
    cli: Callable[..., Completed], lang: str
) -> None:
    completed = cli("import", GOOGLE, "--lang", lang)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    identity = format_message("survey.preview_identity", {"position": 1, "header": "Email Address"}, lang)
    assert identity in lines
    shown = preview([resistance(), pulse()], read_table(Path(GOOGLE).read_bytes(), GOOGLE), lang)
    first = shown["columns"][2]
    counts = {"matched": first["matched_cells"], "empty": first["empty_cells"]}
    matched = {"position": 2, "header": first["header"], "question": first["question"], **counts}
    assert format_message("survey.preview_matched", matched, lang) in lines
    assert "person1@example.org" not in completed.stdout
    assert lines[-1] == format_message("survey.preview_hint", {}, lang)


def test_import_help_follows_the_language(cli: Callable[..., Completed]) -> None:
    completed = cli("import", "--help", "--lang", "fr")
    assert completed.returncode == 0
    assert catalogue("fr")["cli"]["survey_file"] in completed.stdout


def test_pool_prints_the_pooled_result_of_the_chosen_questionnaire() -> None:
    completed = run_cli("import", GOOGLE, "--pool", "--day", "2026-12-02")
    assert completed.returncode == 0, completed.stderr
    pooled = json.loads(completed.stdout)
    assert (pooled["kind"], pooled["status"], pooled["received"]) == ("pulse_team", "ok", 12)
    assert pooled["import"]["rows_used"] == 12
    assert "@" not in completed.stdout


def test_an_xlsx_export_is_pooled_with_the_leaders_engine(cli: Callable[..., Completed]) -> None:
    completed = cli("import", XLSX, "--pool", "--lang", "fr")
    assert completed.returncode == 0, completed.stderr
    pooled = json.loads(completed.stdout)
    assert (pooled["kind"], pooled["assessment"], pooled["valid"]) == ("team", "resistance", 8)
    assert pooled["import"]["rows_skipped"][0]["row"] == 10


def test_map_sets_and_ignores_columns(cli: Callable[..., Completed]) -> None:
    completed = cli("import", GOOGLE, "--map", "20=none", "--map", "21=usage_depth")
    assert completed.returncode == 0, completed.stderr
    assert (
        format_message("survey.preview_ignored", {"position": 20, "header": "Role group (optional)"}, "en")
        in completed.stdout
    )
    assert '"More training, please." ×4' in completed.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--map", "two=usage_depth"], "survey.bad_map"),
        (["--map", "99=usage_depth"], "survey.bad_column"),
        (["--map", "2=no_such_question"], "survey.bad_question"),
        (["--day", "2026-13-01", "--pool"], "team.bad_day"),
    ],
)
def test_bad_options_end_with_one_line(cli: Callable[..., Completed], args: list[str], code: str) -> None:
    completed = cli("import", GOOGLE, *args, "--lang", "nl")
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert "Traceback" not in completed.stderr
    assert catalogue("nl")["messages"][code].split("{")[0].strip("'\" ")[:12] in completed.stderr


def test_bad_files_are_named_with_what_was_expected(cli: Callable[..., Completed], tmp_path: Path) -> None:
    empty = tmp_path / "réponses.csv"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.xlsx"
    with huge.open("wb") as file:
        file.truncate(MAX_BYTES + 1)
    report = tmp_path / "copilot.csv"
    report.write_text(
        "Report Refresh Date,User Principal Name,Display Name\n2026-11-30,a@b.c,A\n", encoding="utf-8"
    )
    cases = [
        (empty, "survey.empty"),
        (huge, "survey.too_large"),
        (report, "survey.usage_report"),
        (tmp_path / "absent.csv", "input.missing_file"),
    ]
    for path, code in cases:
        completed = cli("import", str(path), "--lang", "fr")
        assert completed.returncode == 2
        assert completed.stderr.count("\n") == 1
        assert path.name in completed.stderr
        assert format_message(code, {"limit": 50}, "fr") in completed.stderr

"""The command line contract: outputs on stdout, one translated line and exit 2 on bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from assessments.cli import MAX_INPUT_BYTES
from assessments.languages import REFERENCE, catalogue
from assessments.messages import format_message
from tests.languages import OTHER_LANGUAGES

from .conftest import FIXTURES, run_cli

Model = dict[str, Any]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_describe(lang: str) -> None:
    completed = run_cli("describe", "--lang", lang)
    assert completed.returncode == 0, completed.stderr
    described = json.loads(completed.stdout)
    assert described["id"] == "resistance"
    expected = {"en": "Few signs of resistance", "fr": "Peu de signes de résistance"}[lang]
    assert described["bands"][0]["label"] == expected


def test_score_json_matches_fixture_expectations() -> None:
    completed = run_cli("score", str(FIXTURES / "all_highest.json"))
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert result["index"] == 100.0
    assert result["band"]["id"] == "critical"
    assert completed.stdout == run_cli("score", str(FIXTURES / "all_highest.json")).stdout


def test_score_from_stdin() -> None:
    payload = (FIXTURES / "all_lowest.json").read_text(encoding="utf-8")
    completed = run_cli("score", "-", stdin=payload)
    assert json.loads(completed.stdout)["index"] == 0.0


def test_score_markdown_in_french(model: Model) -> None:
    completed = run_cli("score", str(FIXTURES / "mixed.json"), "--format", "markdown", "--lang", "fr")
    assert completed.returncode == 0, completed.stderr
    report = completed.stdout
    assert report.startswith("# Résistance passive à l'IA")
    assert "51,1/100" in report
    assert "## Recommandations" in report
    assert "Responsable" in report
    assert "3 mois" in report
    assert f"version {model['version']}" in report


def test_score_csv() -> None:
    completed = run_cli("score", str(FIXTURES / "mixed.json"), "--format", "csv")
    rows = list(csv.reader(io.StringIO(completed.stdout)))
    assert rows[0][:4] == ["respondent", "index", "band", "completeness"]
    assert rows[1][1:3] == ["51.1", "high"]
    assert rows[1][-1] == "big_bang|confidentiality_unanswered"


def test_batch_csv_with_semicolons_bom_and_decimal_commas() -> None:
    completed = run_cli("score", str(FIXTURES / "batch_semicolon.csv"))
    assert completed.returncode == 0, completed.stderr
    batch = json.loads(completed.stdout)
    respondents = [row["respondent"] for row in batch["results"]]
    assert respondents == ["Atelier", "Bureau", "Direction"]
    assert batch["results"][2]["index"] is None
    assert batch["results"][0]["antipatterns"] == ["confidentiality_unanswered"]
    assert batch["summary"]["n"] == 3
    assert batch["summary"]["scored"] == 2
    table = run_cli("score", str(FIXTURES / "batch_semicolon.csv"), "--format", "csv", "--lang", "fr").stdout
    assert table.splitlines()[0].startswith("répondant,indice,tranche")
    markdown = run_cli("score", str(FIXTURES / "batch_semicolon.csv"), "--format", "markdown").stdout
    assert "median index" in markdown


def test_compile_writes_the_model(tmp_path: Path, model: Model) -> None:
    target = tmp_path / "resistance.json"
    completed = run_cli("compile", "-o", str(target))
    assert completed.returncode == 0, completed.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == model["version"]
    assert run_cli("compile").stdout == target.read_text(encoding="utf-8")


def write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


BAD_INPUTS: dict[str, tuple[str, str]] = {
    "unknown question": ("bad_unknown_question.json", "usage_speed"),
    "unknown option": ("bad_unknown_option.json", "everyone"),
    "wrong type": ("bad_wrong_type.json", "seats"),
    "impossible figures": ("bad_impossible_figures.json", "active_30d"),
    "malformed json": ("bad_malformed.json", "JSON"),
    "not an object": ("bad_not_object.json", "bad_not_object.json"),
    "answers not an object": ("bad_answers_not_object.json", "answers"),
    "wrong assessment": ("bad_wrong_assessment.json", "burnout"),
    "missing file": ("absent.json", "absent.json"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gives_one_translated_line(case: str) -> None:
    name, fragment = BAD_INPUTS[case]
    messages = {}
    for lang in ("en", "fr"):
        completed = run_cli("score", str(FIXTURES / name), "--lang", lang)
        assert completed.returncode == 2
        assert completed.stdout == ""
        assert "Traceback" not in completed.stderr
        assert completed.stderr.count("\n") == 1
        assert fragment in completed.stderr
        messages[lang] = completed.stderr
    assert messages["en"].startswith("error: ")
    assert messages["fr"].startswith("erreur : ")
    assert messages["en"] != messages["fr"]


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("big.json", b" " * (5 * 1024 * 1024 + 1), "big.json: "),
        ("latin1.json", '{"assessment": "résistance"}'.encode("latin-1"), "UTF-8"),
        ("dup.json", b'{"assessment": "resistance", "assessment": "x", "answers": {}}', "assessment"),
        ("bad.csv", b"respondent;usage_spread\nA;everyone\n", "bad.csv:2"),
        ("column.csv", b"respondent,mood\nA,good\n", "mood"),
        ("empty.csv", b"", "CSV"),
    ],
)
def test_bad_files_give_one_translated_line(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    path = write(tmp_path, name, content)
    outputs = [run_cli("score", path, "--lang", lang) for lang in ("en", "fr")]
    for completed in outputs:
        assert completed.returncode == 2
        assert "Traceback" not in completed.stderr
        assert completed.stderr.count("\n") == 1
        assert fragment in completed.stderr
    assert outputs[0].stderr != outputs[1].stderr


def test_a_file_over_the_limit_names_the_limit_in_each_language(tmp_path: Path) -> None:
    path = write(tmp_path, "big.json", b" " * (MAX_INPUT_BYTES + 1))
    for lang in ("en", "fr"):
        expected = format_message("input.too_large", {"limit": MAX_INPUT_BYTES // (1024 * 1024)}, lang)
        assert run_cli("score", path, "--lang", lang).stderr.rstrip("\n").endswith(f"big.json: {expected}")


def test_unknown_assessment_for_describe_in_french() -> None:
    completed = run_cli("describe", "burnout", "--lang", "fr")
    assert completed.returncode == 2
    assert completed.stderr.startswith("erreur : questionnaire inconnu")


def test_argparse_words_are_argparse_message_ids_in_english() -> None:
    """The English `argparse_` texts are the ids argparse looks up: a Python release that rewords one
    would leave it untranslated, so the test names it."""
    import argparse
    import inspect

    source = inspect.getsource(argparse)
    english = catalogue(REFERENCE)["cli"]
    ids = [text for key, text in english.items() if key.startswith("argparse_")]
    assert len(ids) >= 10
    missing = [text for text in ids if f"_({text!r})" not in source and f'_("{text}")' not in source]
    assert missing == [], f"argparse no longer has these messages: {missing}"


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_help_and_usage_errors_speak_the_language_asked_for(lang: str) -> None:
    texts = catalogue(lang)["cli"]
    shown = run_cli("import", "--lang", lang, "--help")
    assert shown.returncode == 0
    for key in ("argparse_usage", "argparse_positionals", "argparse_help", "survey_file"):
        assert texts[key].strip() in shown.stdout, key
    wrong = run_cli("import", "--lang", lang)
    assert wrong.returncode == 2
    assert texts["argparse_required"].split("%s")[0].strip() in wrong.stderr
    assert wrong.stderr.count("\n") == 1

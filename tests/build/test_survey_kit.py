"""Build layer: the survey kit (#13) exists for every questionnaire in every language, and each of its
files carries every question and every option of the model word for word, the role question last.

Expected texts are read from the compiled models and the catalogues (the reading contract's role
question: `ui.team_role_label` with `labels.leadership|manager|staff`, `ui.pulse_role_label` with the
pulse's roles), never from the kit's own code. The Google Apps Script is syntax-checked by Node and run
against a stand-in for FormApp (tests/build/survey_kit_stub.js) that has only the checked methods.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from assessments import load_model
from assessments.loader import default_model_path
from assessments.pulse import load_pulse
from macros import site_data, survey_kit
from tests.languages import LANGUAGES, page_dir, ui
from tests.sitebuild import ROOT

QUESTIONNAIRES = sorted(path.stem for path in (ROOT / "assessments" / "models").glob("*.yml"))
STUB = Path(__file__).with_name("survey_kit_stub.js")
NODE = shutil.which("node")
LIMESURVEY_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]{0,19}")


def model(assessment: str) -> dict[str, Any]:
    path = default_model_path(assessment)
    return load_pulse(path) if assessment == "pulse" else load_model(path)


def role(assessment: str, lang: str) -> tuple[str, list[str]]:
    """The role question as the reading contract words it."""
    strings = ui(lang)
    if assessment == "pulse":
        return strings["pulse_role_label"], [r["label"][lang] for r in model(assessment)["roles"]]
    return strings["team_role_label"], [strings[f"label_{r}"] for r in ("leadership", "manager", "staff")]


def expected(assessment: str, lang: str) -> list[dict[str, Any]]:
    """Every question of the model in one language, then the role question."""
    questions = [
        {
            "text": q["text"][lang],
            "help": (q.get("help") or {}).get(lang) or "",
            "kind": q["kind"],
            "options": [o["label"][lang] for o in q.get("options") or []],
            "min": q.get("min"),
            "max": q.get("max"),
        }
        for q in model(assessment)["questions"]
    ]
    text, options = role(assessment, lang)
    role_question = {"text": text, "help": "", "kind": "choice", "options": options, "min": None, "max": None}
    return [*questions, role_question]


def kit_file(site: Path, assessment: str, part: str, lang: str) -> Path:
    return page_dir(site, lang) / survey_kit.kit_path(assessment, part, lang)


CASES = [(assessment, lang) for assessment in QUESTIONNAIRES for lang in LANGUAGES]
ids = [f"{assessment}-{lang}" for assessment, lang in CASES]


def test_the_kit_covers_both_questionnaires_of_the_issue() -> None:
    assert QUESTIONNAIRES == ["pulse", "resistance"]
    assert sorted(survey_kit.QUESTIONNAIRES) == QUESTIONNAIRES


@pytest.mark.parametrize(("assessment", "lang"), CASES, ids=ids)
def test_every_file_of_the_kit_is_in_the_built_site(built_site: Path, assessment: str, lang: str) -> None:
    strings = ui(lang)
    for part in survey_kit.PARTS:
        path = kit_file(built_site, assessment, part, lang)
        assert path.is_file(), f"missing from the built site: {path.relative_to(built_site)}"
        assert path.name.startswith(strings[f"kit_file_{assessment}"] + "-"), path.name


@pytest.mark.parametrize(("assessment", "lang"), CASES, ids=ids)
def test_the_list_carries_every_question_and_option_word_for_word(
    built_site: Path, assessment: str, lang: str
) -> None:
    text, _, credit = (
        kit_file(built_site, assessment, "list", lang).read_text(encoding="utf-8").partition("\n---\n")
    )
    assert "CC BY 4.0" in credit, "the list ends with the attribution the questions' licence asks for"
    blocks = text.split("\n\n")
    questions = expected(assessment, lang)
    entries = blocks[-len(questions) :]
    for number, (question, entry) in enumerate(zip(questions, entries, strict=True), 1):
        lines = entry.strip("\n").split("\n")
        assert lines[0] == f"{number}. {question['text']}", lines[0]
        if question["kind"] == "choice":
            assert lines[-len(question["options"]) :] == question["options"], entry
        else:
            bounds = (survey_kit.format_number(question["min"]), survey_kit.format_number(question["max"]))
            assert all(bound in lines[-1] for bound in bounds), f"{lines[-1]!r} should give {bounds}"
    assert text.count("\n1. ") == 1


@pytest.mark.parametrize(("assessment", "lang"), CASES, ids=ids)
def test_the_csv_template_is_the_question_texts_then_the_role(
    built_site: Path, assessment: str, lang: str
) -> None:
    data = kit_file(built_site, assessment, "csv", lang).read_bytes()
    assert data.startswith(codecs.BOM_UTF8), "the CSV template starts with a UTF-8 BOM (Excel reads accents)"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [[q["text"] for q in expected(assessment, lang)]]
    written = io.StringIO()
    csv.writer(written).writerow(rows[0])
    assert next(csv.reader(io.StringIO(written.getvalue()))) == rows[0], "the header survives a round trip"


@pytest.mark.parametrize(("assessment", "lang"), CASES, ids=ids)
def test_the_json_template_has_ids_texts_options_and_kinds(
    built_site: Path, assessment: str, lang: str
) -> None:
    data = json.loads(kit_file(built_site, assessment, "json", lang).read_text(encoding="utf-8"))
    source = model(assessment)
    assert (data["assessment"], data["model_version"], data["language"]) == (
        assessment,
        source["version"],
        lang,
    )
    assert [q["id"] for q in data["questions"]] == [q["id"] for q in source["questions"]]
    found = [*data["questions"], data["role"]]
    assert [q["text"] for q in found] == [q["text"] for q in expected(assessment, lang)]
    assert [[o["label"] for o in q.get("options", [])] for q in found] == [
        q["options"] for q in expected(assessment, lang)
    ]
    assert [q["kind"] for q in found] == [q["kind"] for q in expected(assessment, lang)]
    assert data["csv_header"] == [q["text"] for q in expected(assessment, lang)]
    assert "CC BY 4.0" in data["credit"]
    assert f"/{survey_kit.KIT_FOLDER}/" in data["credit"], "the attribution names the kit's page"


def run_script(path: Path) -> dict[str, Any]:
    assert NODE, "Node.js is needed (make setup installs the npm tools with it)"
    check = subprocess.run([NODE, "--check", str(path)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    result = subprocess.run([NODE, str(STUB), str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    calls: dict[str, Any] = json.loads(result.stdout)
    return calls


@pytest.mark.parametrize(("assessment", "lang"), CASES, ids=ids)
def test_the_apps_script_creates_every_question_optional_without_email(
    built_site: Path, assessment: str, lang: str, tmp_path: Path
) -> None:
    script = tmp_path / "kit.js"  # node --check wants a .js name
    script.write_bytes(kit_file(built_site, assessment, "google", lang).read_bytes())
    calls = run_script(script)
    assert calls["title"] == model(assessment)["title"][lang]
    assert calls["collectEmail"] is False
    description, _, credit = calls["description"].partition("\n\n")
    assert description == ui(lang)["kit_form_description"]
    assert "CC BY 4.0" in credit, "respondents see where the questions come from"
    assert calls["logged"] == ["edit-url"]
    questions = expected(assessment, lang)
    assert [item["title"] for item in calls["items"]] == [q["text"] for q in questions]
    for item, question in zip(calls["items"], questions, strict=True):
        assert (item["required"], item["help"]) == (False, question["help"]), item["title"]
        if question["kind"] == "choice":
            assert (item["kind"], item["choices"]) == ("choice", question["options"])
        else:
            assert item["kind"] == "text"
            assert (item["validation"]["min"], item["validation"]["max"]) == (
                question["min"],
                question["max"],
            )


def test_texts_cannot_break_out_of_the_apps_script(tmp_path: Path) -> None:
    """Whatever a translator writes stays a string: quotes, a comment end, line separators."""
    hostile = 'x"; FormApp.create("owned"); //\u2028*/ </script>\\'
    kit = survey_kit.build_kit("pulse", LANGUAGES[0])
    first = replace(kit.questions[0], text=hostile, options=(("a", hostile),))
    script = tmp_path / "hostile.js"
    text = survey_kit.render_apps_script(replace(kit, title=hostile, questions=(first,)))
    script.write_text(text, encoding="utf-8")
    calls = run_script(script)
    assert calls["title"] == hostile
    assert [(item["title"], item["choices"]) for item in calls["items"]] == [(hostile, [hostile])]


def limesurvey_rows(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter="\t"))


@pytest.mark.parametrize(("assessment", "lang"), CASES, ids=ids)
def test_the_limesurvey_structure_has_every_question_and_answer(
    built_site: Path, assessment: str, lang: str
) -> None:
    rows = limesurvey_rows(kit_file(built_site, assessment, "limesurvey", lang))
    assert {"class", "type/scale", "name", "text", "language", "mandatory"} <= set(rows[0])
    assert [(r["class"], r["name"], r["text"]) for r in rows[:2]] == [
        ("S", "language", lang),
        ("SL", "surveyls_title", model(assessment)["title"][lang]),
    ]
    group = next(row for row in rows if row["class"] == "G")
    assert "CC BY 4.0" in group["text"], "the group's description carries the attribution"
    questions: list[dict[str, Any]] = []
    for row in rows:
        if row["class"] == "Q":
            questions.append({"row": row, "options": []})
        elif row["class"] == "A":
            assert len(row["name"]) <= 5, row  # LimeSurvey's answer codes
            assert row["language"] == lang, row
            questions[-1]["options"].append(row["text"])
    assert [q["row"]["text"] for q in questions] == [q["text"] for q in expected(assessment, lang)]
    for found, question in zip(questions, expected(assessment, lang), strict=True):
        row = found["row"]
        assert LIMESURVEY_CODE.fullmatch(row["name"]), row
        assert row["mandatory"] == "N", row
        if question["kind"] == "choice":
            assert (row["type/scale"], found["options"]) == ("L", question["options"])
        else:
            bounds = [survey_kit.format_number(question["min"]), survey_kit.format_number(question["max"])]
            assert [row["type/scale"], row["min_num_value_n"], row["max_num_value_n"]] == ["N", *bounds]
    assert len({q["row"]["name"] for q in questions}) == len(questions), "question codes are unique"


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        self.depth += tag == "article"
        if self.depth and tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "article"


def collect_links(page: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(page.read_text(encoding="utf-8"))
    return collector


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_exists_and_its_links_resolve(built_site: Path, lang: str) -> None:
    page = page_dir(built_site, lang, "survey-kit") / "index.html"
    assert page.is_file(), f"{lang}: no survey-kit page"
    collector = collect_links(page)
    broken = []
    for href in collector.hrefs:
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or (parts.fragment and parts.fragment not in collect_links(target).ids):
            broken.append(href)
    assert not broken, f"{lang}: links that lead nowhere: {broken}"
    downloads = {Path(h).name for h in collector.hrefs}
    names = {survey_kit.file_name(a, part, lang) for a in QUESTIONNAIRES for part in survey_kit.PARTS}
    assert names <= downloads, f"{lang}: files not linked from the page: {names - downloads}"


@pytest.mark.parametrize("slug", ["team", "pulse"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_team_and_pulse_pages_point_to_the_kit(built_site: Path, lang: str, slug: str) -> None:
    hrefs = collect_links(page_dir(built_site, lang, slug) / "index.html").hrefs
    assert any(urlsplit(h).path.rstrip("/").endswith("survey-kit") for h in hrefs), f"{lang}/{slug}"


def test_a_file_name_that_is_not_one_names_the_catalogue_key(monkeypatch: pytest.MonkeyPatch) -> None:
    lang = LANGUAGES[-1]
    monkeypatch.setattr(survey_kit, "strings", lambda _: {**ui(lang), "kit_file_pulse": "Staff pulse!"})
    with pytest.raises(site_data.SiteDataError, match=rf"locales/{lang}/interface\.yml: ui\.kit_file_pulse"):
        survey_kit.file_name("pulse", "csv", lang)


def fill_row(assessment: str, lang: str, index: int) -> tuple[list[str], dict[str, Any], str]:
    """One respondent's row as a survey tool would export it: option labels in the kit's language.
    Returns the cells, the answers they stand for and the role."""
    cells, answers = [], {}
    figures = {"seats": 200, "active_30d": 120, "weekly_real": 40 + index, "expected_rate": 60}
    for question in model(assessment)["questions"]:
        if question["kind"] == "number":
            value = figures.get(question["id"], question.get("min") or 0)
            cells.append(str(value))
            answers[question["id"]] = value
            continue
        option = question["options"][index % len(question["options"])]
        cells.append(option["label"][lang])
        answers[question["id"]] = option["id"]
    roles = (
        [r["id"] for r in model(assessment)["roles"]]
        if assessment == "pulse"
        else ["leadership", "manager", "staff"]
    )
    cells.append(role(assessment, lang)[1][index % len(roles)])
    return cells, answers, roles[index % len(roles)]


@pytest.mark.parametrize(("assessment", "lang"), CASES, ids=ids)
def test_a_filled_template_reads_back_through_the_survey_reader(
    built_site: Path, assessment: str, lang: str
) -> None:
    """The kit and the reader agree: every column of a filled template is matched, every cell read."""
    from assessments.answers import parse_answers
    from assessments.pulse import decode_pulse_code
    from assessments.survey_match import to_codes
    from assessments.survey_table import read_table
    from assessments.team import decode_team_code

    header = kit_file(built_site, assessment, "csv", lang).read_bytes().decode("utf-8-sig").splitlines()[0]
    rows = [fill_row(assessment, lang, index) for index in range(6)]
    written = io.StringIO()
    csv.writer(written).writerows([cells for cells, _, _ in rows])
    data = (header + "\r\n" + written.getvalue()).encode("utf-8-sig")
    result = to_codes(
        [model("resistance"), model("pulse")], read_table(data, "kit.csv"), lang, None, "2026-12-02"
    )
    statuses = [column["status"] for column in result["preview"]["columns"]]
    assert statuses == ["matched"] * (len(statuses) - 1) + ["role"]
    assert (result["assessment"], result["rows_used"], result["rows_skipped"]) == (assessment, 6, [])
    for code, (_, answers, role_id) in zip(result["codes"], rows, strict=True):
        if assessment == "pulse":
            decoded, decoded_role, _ = decode_pulse_code(model(assessment), code)
            answers = parse_answers(
                model(assessment), answers
            )  # a pulse code keeps "Don't know" as unanswered
        else:
            response = decode_team_code(model(assessment), code)
            decoded, decoded_role = response.answers, response.role
        assert (decoded, decoded_role) == (answers, role_id)

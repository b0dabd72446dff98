"""Build layer: every user-facing string has one home per language, and a gap names itself.

- Every language's catalogue and text files have exactly the English keys (the loaders enforce it;
  these tests make each language's files load, and show the message a gap gets).
- No user-facing sentence is written in the engine, the build macros or the page scripts: they
  come from the catalogues. Build-log errors for contributors, console messages and docstrings are
  not user-facing (adr/0014).
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
import yaml

from assessments import languages as language_files
from assessments.languages import REFERENCE, LocaleError, catalogue, merge_texts, read_catalogue
from assessments.loader import default_model_path, read_model_source, text_files
from macros import site_data
from tests.languages import LANGUAGES
from tests.sitebuild import ROOT

DATA_FILES = [
    ROOT / "docs" / "figures.yml",
    ROOT / "docs" / "legal.yml",
    ROOT / "docs" / "credits.yml",
    ROOT / "docs" / "toolkit" / "templates.yml",
    ROOT / "macros" / "storage.yml",
]
# Two words in a row: a sentence or a label, not an id, a code or a CSS class.
WORDS = re.compile(r"[^\W\d_]{2,} [^\W\d_]{2,}")
# Calls whose text only a developer reads: build-log errors (and the helpers that raise them), logging.
DEVELOPER_CALLS = {"SiteDataError", "RuntimeAssetsError", "Abort", "FigureError", "fail", "info", "warning"}
DEVELOPER_CALLS |= {"__init__"}  # an error class passing its build-log sentence to SiteDataError
# Exceptions that mean a bug in our code, never bad input (bad input raises AssessmentError with a code).
PROGRAMMING_ERRORS = {"ValueError", "AssertionError", "TypeError", "KeyError"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_key_of_the_catalogue(lang: str) -> None:
    english = read_catalogue(REFERENCE)
    other = read_catalogue(lang)  # raises, naming file, key and language, on any gap
    assert set(other) == set(english)
    for part, texts in english.items():
        if isinstance(texts, dict):
            assert set(other[part]) == set(texts), f"{lang}: part `{part}`"


def test_every_language_has_every_text_of_the_model_and_the_site_data() -> None:
    raw = read_model_source(default_model_path("resistance"))
    assert raw
    for path in DATA_FILES:
        assert site_data.read_with_texts(path), path


def test_a_missing_text_names_the_file_the_key_and_the_language(tmp_path: Path) -> None:
    lang = LANGUAGES[-1]
    shutil.copytree(ROOT / "assessments" / "locales", tmp_path / "locales")
    target = tmp_path / "locales" / lang / "resistance.yml"
    texts = yaml.safe_load(target.read_text(encoding="utf-8"))
    question = next(iter(texts["questions"]))
    del texts["questions"][question]["text"]
    target.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    files = {code: tmp_path / "locales" / code / "resistance.yml" for code in LANGUAGES}
    structure = yaml.safe_load(default_model_path("resistance").read_text(encoding="utf-8"))
    with pytest.raises(LocaleError) as error:
        merge_texts(structure, files)
    assert error.value.code == "locale.missing_text"
    assert error.value.params["key"] == f"questions.{question}.text"
    assert error.value.params["lang"] == lang
    assert str(target) == error.value.params["file"]


def test_a_misspelt_key_is_refused_rather_than_ignored(tmp_path: Path) -> None:
    lang = LANGUAGES[-1]
    source = ROOT / "assessments" / "locales" / lang / "resistance.yml"
    texts = yaml.safe_load(source.read_text(encoding="utf-8"))
    texts["questions"]["no_such_question"] = {"text": "?"}
    broken = tmp_path / "resistance.yml"
    broken.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    files = {**text_files(default_model_path("resistance")), lang: broken}
    structure = yaml.safe_load(default_model_path("resistance").read_text(encoding="utf-8"))
    with pytest.raises(LocaleError) as error:
        merge_texts(structure, files)
    assert error.value.code == "locale.unknown_key"
    assert error.value.params["key"] == "questions.no_such_question"


def test_an_unknown_language_is_refused_with_the_list_of_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LocaleError) as error:
        catalogue("zz")
    assert error.value.params["known"] == ", ".join(LANGUAGES)
    monkeypatch.setattr(language_files, "LOCALES_DIR", ROOT / "no-such-folder")
    assert language_files.languages() == ()


def python_literals(path: Path) -> list[str]:
    """String constants a user could read: not docstrings, not developer-only calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))  # docstring
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in DEVELOPER_CALLS or name.startswith("check_") or name in PROGRAMMING_ERRORS:
                skipped |= {id(sub) for sub in ast.walk(node)}
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:70]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
        and WORDS.search(node.value)
        and not re.search(r"[<>=]", node.value)  # HTML the macros write around catalogue strings
    ]


def test_no_user_facing_sentence_in_the_engine_or_the_macros() -> None:
    files = sorted((ROOT / "assessments").glob("*.py")) + sorted((ROOT / "macros").glob("*.py"))
    found = [hit for path in files for hit in python_literals(path)]
    assert not found, "put these in assessments/locales/<lang>/interface.yml:\n" + "\n".join(found)


JS_LITERAL = re.compile(r"""(["'`])((?:\\.|(?!\1).)*)\1""")


def script_literals(path: Path) -> list[str]:
    hits = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        code = line.split("//")[0] if "://" not in line else line
        if code.strip().startswith(("*", "/*")) or "console." in code:
            continue
        for match in JS_LITERAL.finditer(code):
            text = match.group(2)
            if WORDS.search(text) and not re.search(r"[<>=#.]\w|\w\(|\$\{|__|--", text):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)[:70]}")
    return hits


def test_no_user_facing_sentence_in_the_page_scripts() -> None:
    # The worker never writes to the page: its errors reach the console, the page says a
    # catalogue sentence instead (engine-client.js).
    scripts = [p for p in sorted((ROOT / "overrides").rglob("*.js")) if p.name != "engine-worker.js"]
    allowed = {"noopener noreferrer"}  # a rel attribute value
    found = [hit for path in scripts for hit in script_literals(path) if not any(a in hit for a in allowed)]
    assert not found, "put these in assessments/locales/<lang>/interface.yml (ui):\n" + "\n".join(found)

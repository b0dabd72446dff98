"""Copied Material partials still match the theme they were copied from.

A copy silently keeps an old version of Material's markup when the theme is upgraded; this test
compares the installed theme's originals with the digests recorded when they were copied.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path

import material
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RECORD = yaml.safe_load((Path(__file__).parent / "material-upstream.yml").read_text(encoding="utf-8"))
THEME = Path(material.__file__).resolve().parent / "templates"
ORIGINALS = {**RECORD["copied"], **RECORD["extended"]}


def test_the_record_names_the_installed_material_version() -> None:
    installed = importlib.metadata.version("mkdocs-material")
    assert RECORD["material"] == installed, (
        f"mkdocs-material {installed} is installed but the copies come from {RECORD['material']}: "
        "compare each original below with the new one, then update tests/build/material-upstream.yml"
    )


@pytest.mark.parametrize("template", sorted(ORIGINALS))
def test_the_original_of_each_copy_is_unchanged(template: str) -> None:
    digest = hashlib.sha256((THEME / template).read_bytes()).hexdigest()
    assert digest == ORIGINALS[template], (
        f"Material's {template} changed since overrides/{template} was made from it: re-apply our "
        "change to the new original, then record its digest in tests/build/material-upstream.yml"
    )


def test_every_template_that_shadows_the_theme_is_recorded() -> None:
    ours = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")}
    shadowing = {name for name in ours if (THEME / name).is_file() and name != "main.html"}
    assert shadowing == set(RECORD["copied"])

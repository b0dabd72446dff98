"""Shared fixtures for the engine tests: the real model, answer-set files, a CLI runner."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessments import default_model_path, load_model
from assessments.loader import read_model_source

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MODEL_PATH = default_model_path("resistance")

Model = dict[str, Any]


@pytest.fixture(scope="session")
def model() -> Model:
    return load_model(MODEL_PATH)


@pytest.fixture(scope="session")
def _raw_model() -> Model:
    # The structure with every language's texts put back, as the loader validates it.
    raw: Model = read_model_source(MODEL_PATH)  # type: ignore[assignment]
    return raw


@pytest.fixture
def raw_model(_raw_model: Model) -> Model:
    """A fresh copy of the YAML content, safe to break in a test."""
    return copy.deepcopy(_raw_model)


def read_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def answers_of() -> Callable[[str], dict[str, Any]]:
    return lambda name: read_fixture(name)["answers"]


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assessments", *args],
        cwd=REPO_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )

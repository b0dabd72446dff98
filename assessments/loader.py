"""Read a model from YAML, validate it and compile it to plain JSON-ready data.

This is the only module that imports `yaml`, and only inside `read_yaml`, so the rest of
the engine (scoring, describe, report) runs in a browser with nothing but the compiled
JSON model and the standard library.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .answers import clip
from .errors import AssessmentError
from .languages import REFERENCE, LocaleError, languages, merge_texts
from .validate import check_model

MODELS_DIR = Path(__file__).resolve().parent / "models"
ASSESSMENT_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def available_assessments() -> list[str]:
    return sorted(path.stem for path in MODELS_DIR.glob("*.yml"))


def default_model_path(assessment_id: str) -> Path:
    """Path of the bundled model for `assessment_id`; unknown ids raise AssessmentError."""
    # The id becomes part of a path: only accept plain ids, never separators or dots.
    # Bounded length: a megabyte-long id would make the file system refuse the name (ENAMETOOLONG).
    is_known = (
        isinstance(assessment_id, str)
        and len(assessment_id) <= 64
        and bool(ASSESSMENT_ID.match(assessment_id))
    )
    if not is_known or not (MODELS_DIR / f"{assessment_id}.yml").is_file():
        got = clip(json.dumps(assessment_id, ensure_ascii=False))
        raise AssessmentError(
            "input.unknown_assessment", got=got, available=", ".join(available_assessments())
        )
    return MODELS_DIR / f"{assessment_id}.yml"


def read_yaml(path: Path) -> object:
    """Parse a YAML file, rejecting duplicate keys, which PyYAML would silently overwrite."""
    import yaml  # Imported here so that scoring never needs PyYAML (e.g. in Pyodide).

    class StrictLoader(yaml.SafeLoader):
        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    line = key_node.start_mark.line + 1
                    raise AssessmentError("model.duplicate_key", key=key).at(f"{path}:{line}")
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AssessmentError("model.not_found").at(str(path)) from None
    except OSError as error:
        raise AssessmentError("input.unreadable", reason=error.strerror).at(str(path)) from None
    try:
        return yaml.load(text, Loader=StrictLoader)  # StrictLoader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        location = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise AssessmentError("model.yaml_syntax", problem=error.problem).at(location) from None


def compile_model(raw: object, source: str = "<model>") -> dict[str, Any]:
    """Validate a raw model and return the compiled (normalised, JSON-ready) model."""
    try:
        return check_model(raw)
    except AssessmentError as error:
        raise error.at(source) from None


def load_model(path: str | Path) -> dict[str, Any]:
    """Read, validate and compile the model stored in the YAML file at `path`."""
    path = Path(path)
    return compile_model(read_model_source(path), str(path))


def text_files(path: Path) -> dict[str, Path]:
    """The per-language text files of the model at `path`: `<models>/../locales/<lang>/<id>.yml`.

    A model without an English text file keeps its texts inline (`{lang: text}` nodes)."""
    folder = path.resolve().parent.parent / "locales"
    if not (folder / REFERENCE / path.name).is_file():
        return {}
    return {lang: folder / lang / path.name for lang in languages()}


def read_model_source(path: Path) -> object:
    """The model's structure with the texts of every language put back in (not yet validated)."""
    raw = read_yaml(path)
    files = text_files(path)
    if not files:
        return raw
    try:
        return merge_texts(raw, files, str(path))
    except LocaleError as problem:
        raise AssessmentError(problem.code, **problem.params) from None


def dump_model_json(model: dict[str, Any]) -> str:
    """Serialise a compiled model deterministically (sorted keys, no spaces, UTF-8 text)."""
    return json.dumps(model, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

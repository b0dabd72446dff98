"""A one-language view of a compiled model: what a questionnaire page needs to render."""

from __future__ import annotations

from typing import Any

from .scoring import check_lang

Model = dict[str, Any]


def describe_question(question: Model, lang: str) -> Model:
    entry: Model = {
        "id": question["id"],
        "dimension": question["dimension"],
        "kind": question["kind"],
        "text": question["text"][lang],
        "help": question["help"][lang] if question["help"] else None,
    }
    if question["kind"] == "choice":
        entry["options"] = [
            {"id": option["id"], "label": option["label"][lang], "points": option["points"]}
            for option in question["options"]
        ]
    else:
        entry.update(
            options=[],
            unit=question["unit"][lang],
            min=question["min"],
            max=question["max"],
            integer=question["integer"],
        )
    return entry


def describe(model: Model, lang: str = "en") -> Model:
    """Ids, labels, questions (with option points; null for "don't know") and bands."""
    lang = check_lang(lang)
    return {
        "id": model["id"],
        "version": model["version"],
        "title": model["title"][lang],
        "dimensions": [{"id": d["id"], "label": d["label"][lang]} for d in model["dimensions"]],
        "questions": [describe_question(question, lang) for question in model["questions"]],
        "bands": [
            {"id": band["id"], "min": band["min"], "max": band["max"], "label": band["title"][lang]}
            for band in model["bands"]
        ],
    }

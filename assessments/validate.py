"""Check a raw model (as parsed from YAML) and return it normalised.

Validation is strict on purpose: a typo in the model silently changes everybody's score,
so every error names the path of the offending key (using ids once they are known, e.g.
`questions.usage_spread.options.handful.points`) and the form that was expected. The
returned model has every optional field filled in, so the scoring code never guesses.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from .errors import AssessmentError
from .languages import languages
from .versions import layout_fingerprint, layout_model, newer_changes, version_key

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
ANCHOR_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+$")
PAGES = (
    "legal",
    "shadow-ai",
    "signals",
    "causes",
    "diagnose",
    "levers",
    "anti-patterns",
    "make-it-last",
    "roadmap",
    "faq",
    "methodology",
    "assessment",
)
DIMENSION_KINDS = ("signal", "trust", "ai_specific")
DIAGNOSIS_TYPES = ("ai_specific", "organisational_trust", "both", "limited")
DONT_KNOW = "dont_know"
NOT_APPLICABLE = "not_applicable"
DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
LAYOUT_PATTERN = re.compile(r"^[0-9a-f]{8}$")
ROOT_KEYS = (
    "id",
    "version",
    "title",
    "scale",
    "scoring",
    "groups",
    "dimensions",
    "questions",
    "antipatterns",
    "bands",
    "diagnosis",
    "barrier_order",
    "barrier_margin",
    "barrier_min_band",
    "phases",
    "recommendations",
)

Model = dict[str, Any]


# --- primitives ------------------------------------------------------------------------


def show(value: object) -> str:
    """Render a raw value for an error message, short and unambiguous."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def fail(code: str, path: str, **params: object) -> NoReturn:
    raise AssessmentError(code, path=path, **params)


def expect_mapping(
    node: object, path: str, required: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, Any]:
    if not isinstance(node, dict):
        fail("model.not_mapping", path, got=show(node))
    for key in required:
        if key not in node:
            fail("model.missing_key", path, key=key)
    allowed = (*required, *optional)
    for key in node:
        if key not in allowed:
            fail("model.unknown_key", path, key=key, allowed=", ".join(allowed))
    return node


def expect_list(node: object, path: str, *, allow_empty: bool = False) -> list[Any]:
    if not isinstance(node, list) or (not node and not allow_empty):
        fail("model.not_list", path, got=show(node))
    return node


def expect_id(node: object, path: str) -> str:
    if not isinstance(node, str) or not ID_PATTERN.match(node):
        fail("model.bad_id", path, got=show(node))
    return node


def expect_bool(node: object, path: str) -> bool:
    if not isinstance(node, bool):
        fail("model.bad_bool", path, got=show(node))
    return node


def expect_choice(node: object, path: str, allowed: Sequence[str]) -> str:
    if node not in allowed:
        fail("model.bad_choice", path, allowed=", ".join(allowed), got=show(node))
    return str(node)


def expect_number(node: object, path: str, low: float, high: float, *, low_open: bool = False) -> float:
    # Huge YAML integers would overflow isfinite(); they fail the range check instead.
    if (
        isinstance(node, (int, float))
        and not isinstance(node, bool)
        and (isinstance(node, int) or math.isfinite(node))
    ):
        above_low = low < node if low_open else low <= node
        if above_low and node <= high:
            return float(node)
    expected = f"{'(' if low_open else '['}{low:g}, {high:g}]"
    fail("model.bad_number", path, expected=expected, got=show(node))


def expect_integer(node: object, path: str, low: int, high: int) -> int:
    if isinstance(node, bool) or not isinstance(node, int) or not low <= node <= high:
        fail("model.bad_integer", path, expected=f"[{low}, {high}]", got=show(node))
    return node


def expect_text(node: object, path: str) -> dict[str, str]:
    """A translated text: one non-empty string for each language of the site, and nothing else."""
    langs = languages()
    if not isinstance(node, dict):
        fail("model.bad_text", path, got=show(node), langs=", ".join(langs))
    expect_mapping(node, path, (), langs)
    for lang in langs:
        value = node.get(lang)
        if not isinstance(value, str) or not value.strip():
            fail("model.missing_translation", f"{path}.{lang}", lang=lang, langs=", ".join(langs))
    return {lang: node[lang].strip() for lang in langs}


def expect_text_list(node: object, path: str) -> dict[str, list[str]]:
    """Translated bullet lists: one list per language, all of the same length, items non-empty."""
    langs = languages()
    mapping = expect_mapping(node, path, langs)
    lists = {lang: expect_list(mapping[lang], f"{path}.{lang}") for lang in langs}
    for lang, items in lists.items():
        for position, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                fail(
                    "model.missing_translation",
                    f"{path}.{lang}[{position}]",
                    lang=lang,
                    langs=", ".join(langs),
                )
    if len({len(items) for items in lists.values()}) > 1:
        counts = ", ".join(f"{lang}: {len(items)}" for lang, items in lists.items())
        fail("model.text_lengths", path, counts=counts)
    return {lang: [item.strip() for item in items] for lang, items in lists.items()}


def expect_ref(node: object, path: str, known: Sequence[str], section: str) -> str:
    if not isinstance(node, str) or node not in known:
        fail("model.unknown_ref", path, got=show(node), section=section, known=", ".join(known))
    return node


def expect_refs(node: object, path: str, known: Sequence[str], section: str) -> list[str]:
    refs = [
        expect_ref(item, f"{path}[{i}]", known, section)
        for i, item in enumerate(expect_list(node, path, allow_empty=True))
    ]
    expect_unique(refs, path)
    return refs


def expect_unique(ids: Iterable[str], path: str) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            fail("model.duplicate_id", path, id=item_id)
        seen.add(item_id)


def expect_complete(ids: Sequence[str], path: str, expected: Sequence[str]) -> None:
    for item_id in expected:
        if item_id not in ids:
            fail("model.missing_item", path, id=item_id, expected=", ".join(expected))


def check_items(node: object, section: str, check: Any) -> list[dict[str, Any]]:
    """Check every item of a list section with `check(item, path)`; ids must be unique.

    The path uses the position until the id is known, then the id, which is what an
    author searches for in the file.
    """
    items = []
    for position, raw in enumerate(expect_list(node, section)):
        where = f"{section}[{position}]"
        if not isinstance(raw, dict):
            fail("model.not_mapping", where, got=show(raw))
        item_id = expect_id(raw.get("id"), f"{where}.id")
        items.append(check(raw, f"{section}.{item_id}"))
    expect_unique((item["id"] for item in items), section)
    return items


def ids_of(items: Iterable[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


def check_link(raw: dict[str, Any], path: str) -> dict[str, str]:
    page = expect_choice(raw["page"], f"{path}.page", PAGES)
    anchor = raw["anchor"]
    if not isinstance(anchor, str) or not ANCHOR_PATTERN.match(anchor):
        fail("model.bad_anchor", f"{path}.anchor", got=show(anchor))
    return {"page": page, "anchor": anchor}


# --- sections --------------------------------------------------------------------------


def check_header(root: dict[str, Any]) -> Model:
    version = root["version"]
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        fail("model.bad_version", "version", got=show(version))
    scoring = expect_mapping(root["scoring"], "scoring", ("min_answers", "min_dimensions"))
    return {
        "id": expect_id(root["id"], "id"),
        "version": version,
        "title": expect_text(root["title"], "title"),
        "scale": expect_text(root["scale"], "scale"),
        "scoring": {
            "min_answers": expect_integer(scoring["min_answers"], "scoring.min_answers", 1, 100),
            "min_dimensions": expect_integer(scoring["min_dimensions"], "scoring.min_dimensions", 1, 100),
        },
    }


def check_groups(node: object) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        item = expect_mapping(raw, path, ("id", "label"))
        return {"id": item["id"], "label": expect_text(item["label"], f"{path}.label")}

    return check_items(node, "groups", check)


def check_dimensions(node: object, group_ids: list[str]) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        item = expect_mapping(
            raw, path, ("id", "group", "kind", "label", "description", "page", "anchor"), ("weight",)
        )
        return {
            "id": item["id"],
            "group": expect_ref(item["group"], f"{path}.group", group_ids, "groups"),
            "kind": expect_choice(item["kind"], f"{path}.kind", DIMENSION_KINDS),
            "label": expect_text(item["label"], f"{path}.label"),
            "description": expect_text(item["description"], f"{path}.description"),
            "weight": expect_number(item.get("weight", 1), f"{path}.weight", 0, 1, low_open=True),
            **check_link(item, path),
        }

    return check_items(node, "dimensions", check)


def check_option(raw: object, path: str) -> Model:
    item = expect_mapping(raw, path, ("id", "label"), ("points", "dont_know", "not_applicable"))
    dont_know = expect_bool(item.get("dont_know", False), f"{path}.dont_know")
    # "Don't know" must stay outside the scale: always the same id and never any points.
    if dont_know != (item["id"] == DONT_KNOW) or (dont_know and "points" in item):
        fail("model.misplaced_dont_know", path)
    not_applicable = expect_bool(item.get("not_applicable", False), f"{path}.not_applicable")
    # "Not applicable" is outside the scale too, but it is an answer, not a missing one.
    if not_applicable != (item["id"] == NOT_APPLICABLE) or (not_applicable and "points" in item):
        fail("model.misplaced_not_applicable", path)
    unscored = dont_know or not_applicable
    if not unscored and "points" not in item:
        fail("model.missing_points", path, id=item["id"])
    points = None if unscored else expect_number(item["points"], f"{path}.points", 0, 1)
    label = expect_text(item["label"], f"{path}.label")
    option = {"id": item["id"], "label": label, "points": points, "dont_know": dont_know}
    # The key only exists when true, so the compiled JSON of models without it does not change.
    return {**option, "not_applicable": True} if not_applicable else option


def check_options(node: object, path: str, question_id: str) -> list[Model]:
    options = check_items(node, path, check_option)
    if not options[-1]["dont_know"]:
        fail("model.missing_dont_know", path, id=question_id)
    # "Not applicable", when a question has it, comes just before "don't know".
    if any(o.get("not_applicable") for o in options[:-2]):
        fail("model.misplaced_not_applicable", path)
    points = [option["points"] for option in options[:-1] if not option.get("not_applicable")]
    # Both ends of the scale must be reachable, or a score of 0 or 100 would be impossible.
    if len(points) < 2 or min(points) != 0 or max(points) != 1:
        low, high = min(points, default=None), max(points, default=None)
        fail("model.scale_ends", path, id=question_id, low=show(low), high=show(high))
    return options


def check_question(raw: object, path: str, dimension_ids: list[str]) -> Model:
    kind = raw.get("kind") if isinstance(raw, dict) else None
    expect_choice(kind, f"{path}.kind", ("choice", "number"))
    required: tuple[str, ...]
    optional: tuple[str, ...]
    if kind == "choice":
        required, optional = ("options", "scale"), ("weight",)
    else:
        required, optional = ("unit", "min", "max", "integer"), ()
    base = ("id", "dimension", "kind", "text")
    item = expect_mapping(raw, path, (*base, *required), ("help", *optional))
    help_text = item.get("help")
    question = {
        "id": item["id"],
        "kind": kind,
        "dimension": expect_ref(item["dimension"], f"{path}.dimension", dimension_ids, "dimensions"),
        "text": expect_text(item["text"], f"{path}.text"),
        "help": None if help_text is None else expect_text(help_text, f"{path}.help"),
    }
    checker = check_choice_fields if kind == "choice" else check_number_fields
    return {**question, **checker(item, path)}


def check_choice_fields(item: dict[str, Any], path: str) -> Model:
    scale = item["scale"]
    if not isinstance(scale, str) or not scale.strip():
        fail("model.bad_string", f"{path}.scale", got=show(scale))
    return {
        "weight": expect_number(item.get("weight", 1), f"{path}.weight", 0, 1, low_open=True),
        "scale": scale.strip(),
        "options": check_options(item["options"], f"{path}.options", item["id"]),
    }


def check_number_fields(item: dict[str, Any], path: str) -> Model:
    low = expect_number(item["min"], f"{path}.min", 0, 1_000_000)
    high = expect_number(item["max"], f"{path}.max", 0, 1_000_000)
    if low >= high:
        fail("model.min_max", path, min=f"{low:g}", max=f"{high:g}")
    return {
        "unit": expect_text(item["unit"], f"{path}.unit"),
        "min": low,
        "max": high,
        "integer": expect_bool(item["integer"], f"{path}.integer"),
    }


def check_questions(node: object, dimension_ids: list[str], min_answers: int) -> list[Model]:
    questions = check_items(node, "questions", lambda raw, path: check_question(raw, path, dimension_ids))
    for dimension_id in dimension_ids:
        count = sum(1 for q in questions if q["dimension"] == dimension_id and q["kind"] == "choice")
        if count < min_answers:
            fail("model.too_few_questions", "questions", id=dimension_id, count=count, minimum=min_answers)
    return questions


def check_adoption(node: object, questions: list[Model], dimension_ids: list[str]) -> Model:
    keys = ("dimension", "weight", "figures", "significant_gap", "gap_full_scale", "masked_resistance")
    item = expect_mapping(node, "adoption", keys)
    number_ids = [q["id"] for q in questions if q["kind"] == "number"]
    figures = expect_mapping(item["figures"], "adoption.figures", ("seats", "active", "weekly", "expected"))
    masked = expect_mapping(
        item["masked_resistance"], "adoption.masked_resistance", ("adoption_below", "connection_at_least")
    )
    return {
        "dimension": expect_ref(item["dimension"], "adoption.dimension", dimension_ids, "dimensions"),
        "weight": expect_number(item["weight"], "adoption.weight", 0, 1, low_open=True),
        "figures": {
            role: expect_ref(ref, f"adoption.figures.{role}", number_ids, "questions (kind: number)")
            for role, ref in figures.items()
        },
        "significant_gap": expect_number(item["significant_gap"], "adoption.significant_gap", 0, 1),
        "gap_full_scale": expect_number(
            item["gap_full_scale"], "adoption.gap_full_scale", 0, 1, low_open=True
        ),
        "masked_resistance": {
            key: expect_number(value, f"adoption.masked_resistance.{key}", 0, 1)
            for key, value in masked.items()
        },
    }


def check_condition(raw: object, path: str, questions: list[Model]) -> Model:
    item = expect_mapping(raw, path, ("question", "options"))
    choice_ids = [q["id"] for q in questions if q["kind"] == "choice"]
    question_id = expect_ref(item["question"], f"{path}.question", choice_ids, "questions")
    question = next(q for q in questions if q["id"] == question_id)
    # Neither "don't know" nor "not applicable" can reveal an anti-pattern: only scored options may.
    option_ids = [o["id"] for o in question["options"] if o["points"] is not None]
    options = expect_refs(item["options"], f"{path}.options", option_ids, f"questions.{question_id}.options")
    if not options:
        fail("model.not_list", f"{path}.options", got=show(options))
    return {"question": question_id, "options": options}


def check_antipatterns(node: object, questions: list[Model]) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        item = expect_mapping(raw, path, ("id", "title", "why", "instead", "page", "anchor", "when"))
        conditions = expect_list(item["when"], f"{path}.when")
        return {
            "id": item["id"],
            "title": expect_text(item["title"], f"{path}.title"),
            "why": expect_text(item["why"], f"{path}.why"),
            "instead": expect_text(item["instead"], f"{path}.instead"),
            **check_link(item, path),
            "when": [check_condition(c, f"{path}.when[{i}]", questions) for i, c in enumerate(conditions)],
        }

    return check_items(node, "antipatterns", check)


def check_bands(node: object) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        item = expect_mapping(raw, path, ("id", "min", "max", "title", "meaning"))
        low = expect_number(item["min"], f"{path}.min", 0, 100)
        high = expect_number(item["max"], f"{path}.max", 0, 100)
        if low >= high:
            fail("model.min_max", path, min=f"{low:g}", max=f"{high:g}")
        return {
            "id": item["id"],
            "min": low,
            "max": high,
            "title": expect_text(item["title"], f"{path}.title"),
            "meaning": expect_text(item["meaning"], f"{path}.meaning"),
        }

    bands = check_items(node, "bands", check)
    if bands[0]["min"] != 0:
        fail("model.bands_start", f"bands.{bands[0]['id']}.min", got=f"{bands[0]['min']:g}")
    for previous, band in itertools.pairwise(bands):
        if band["min"] != previous["max"]:
            fail(
                "model.bands_gap",
                f"bands.{band['id']}.min",
                id=band["id"],
                got=f"{band['min']:g}",
                expected=f"{previous['max']:g}",
            )
    if bands[-1]["max"] != 100:
        fail("model.bands_end", f"bands.{bands[-1]['id']}.max", got=f"{bands[-1]['max']:g}")
    return bands


def check_diagnosis(node: object) -> Model:
    item = expect_mapping(node, "diagnosis", ("elevated", "both_margin", "types"))

    def check(raw: object, path: str) -> Model:
        entry = expect_mapping(raw, path, ("id", "title", "explanation"))
        expect_choice(entry["id"], f"{path}.id", DIAGNOSIS_TYPES)
        return {
            "id": entry["id"],
            "title": expect_text(entry["title"], f"{path}.title"),
            "explanation": expect_text(entry["explanation"], f"{path}.explanation"),
        }

    types = check_items(item["types"], "diagnosis.types", check)
    expect_complete(ids_of(types), "diagnosis.types", DIAGNOSIS_TYPES)
    return {
        "elevated": expect_number(item["elevated"], "diagnosis.elevated", 0, 100),
        "both_margin": expect_number(item["both_margin"], "diagnosis.both_margin", 0, 100),
        "types": types,
    }


def check_barrier(root: dict[str, Any], dimension_ids: list[str], band_ids: list[str]) -> Model:
    order = expect_refs(root["barrier_order"], "barrier_order", dimension_ids, "dimensions")
    expect_complete(order, "barrier_order", dimension_ids)
    return {
        "barrier_order": order,
        "barrier_margin": expect_number(root["barrier_margin"], "barrier_margin", 0, 100),
        "barrier_min_band": expect_ref(root["barrier_min_band"], "barrier_min_band", band_ids, "bands"),
    }


def check_phases(node: object) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        keys = ("id", "order", "title", "objective", "actions", "owner", "duration", "indicators")
        item = expect_mapping(raw, path, keys)
        phase: Model = {"id": item["id"], "order": expect_integer(item["order"], f"{path}.order", 1, 100)}
        for key in ("title", "objective", "owner", "duration"):
            phase[key] = expect_text(item[key], f"{path}.{key}")
        for key in ("actions", "indicators"):
            phase[key] = expect_text_list(item[key], f"{path}.{key}")
        return phase

    phases = check_items(node, "phases", check)
    orders = sorted(phase["order"] for phase in phases)
    if orders != list(range(1, len(phases) + 1)):
        fail("model.phase_order", "phases", count=len(phases), got=show(orders))
    return sorted(phases, key=lambda phase: phase["order"])


def check_recommendations(node: object, refs: dict[str, list[str]]) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        keys = (
            "id",
            "dimensions",
            "antipatterns",
            "threshold",
            "phase",
            "page",
            "anchor",
            "title",
            "why",
            "first_step",
        )
        item = expect_mapping(raw, path, keys)
        dimensions = expect_refs(item["dimensions"], f"{path}.dimensions", refs["dimensions"], "dimensions")
        antipatterns = expect_refs(
            item["antipatterns"], f"{path}.antipatterns", refs["antipatterns"], "antipatterns"
        )
        if not dimensions and not antipatterns:
            fail("model.empty_trigger", path, id=item["id"])
        return {
            "id": item["id"],
            "dimensions": dimensions,
            "antipatterns": antipatterns,
            "threshold": expect_number(item["threshold"], f"{path}.threshold", 0, 100),
            "phase": expect_ref(item["phase"], f"{path}.phase", refs["phases"], "phases"),
            **check_link(item, path),
            **{key: expect_text(item[key], f"{path}.{key}") for key in ("title", "why", "first_step")},
        }

    return check_items(node, "recommendations", check)


def check_coverage(recommendations: list[Model], refs: dict[str, list[str]]) -> None:
    """Every dimension and anti-pattern must lead to at least one recommendation."""
    for section in ("dimensions", "antipatterns"):
        covered = {ref for rec in recommendations for ref in rec[section]}
        for item_id in refs[section]:
            if item_id not in covered:
                raise AssessmentError("model.uncovered", id=item_id, section=section)


def check_model(raw: object) -> Model:
    """Validate a raw model and return it normalised (defaults filled, JSON-serialisable)."""
    root = expect_mapping(raw, "<root>", ROOT_KEYS, ("adoption", "changes"))
    model = check_header(root)
    model["groups"] = check_groups(root["groups"])
    model["dimensions"] = check_dimensions(root["dimensions"], ids_of(model["groups"]))
    dimension_ids = ids_of(model["dimensions"])
    questions = check_questions(root["questions"], dimension_ids, model["scoring"]["min_answers"])
    model["questions"] = questions
    has_adoption = root.get("adoption") is not None
    model["adoption"] = check_adoption(root["adoption"], questions, dimension_ids) if has_adoption else None
    model["antipatterns"] = check_antipatterns(root["antipatterns"], questions)
    model["bands"] = check_bands(root["bands"])
    model["diagnosis"] = check_diagnosis(root["diagnosis"])
    model.update(check_barrier(root, dimension_ids, ids_of(model["bands"])))
    model["phases"] = check_phases(root["phases"])
    refs = {
        "dimensions": dimension_ids,
        "antipatterns": ids_of(model["antipatterns"]),
        "phases": ids_of(model["phases"]),
    }
    model["recommendations"] = check_recommendations(root["recommendations"], refs)
    check_coverage(model["recommendations"], refs)
    model["changes"] = check_changes(root.get("changes", []), model)
    return model


# --- versions ----------------------------------------------------------------------------


def check_change(raw: object, path: str, question_ids: list[str]) -> Model:
    item = expect_mapping(raw, path, ("version", "date", "layout", "summary"), ("added", "breaking"))
    version, date, layout = item["version"], item["date"], item["layout"]
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        fail("model.bad_version", f"{path}.version", got=show(version))
    if not isinstance(date, str) or not DATE_PATTERN.match(date):
        fail("model.bad_date", f"{path}.date", got=show(date))
    if not isinstance(layout, str) or not LAYOUT_PATTERN.match(layout):
        fail("model.bad_layout", f"{path}.layout", got=show(layout))
    return {
        "version": version,
        "date": date,
        "layout": layout,
        "added": expect_refs(item.get("added", []), f"{path}.added", question_ids, "questions"),
        "breaking": expect_bool(item.get("breaking", False), f"{path}.breaking"),
        "summary": expect_text_list(item["summary"], f"{path}.summary"),
    }


def check_changes(node: object, model: Model) -> list[Model]:
    """The version history, newest first: no version ahead of the model's, each question added once,
    and each readable version's layout fingerprint still matching today's questions."""
    question_ids = ids_of(model["questions"])
    entries = [
        check_change(raw, f"changes[{position}]", question_ids)
        for position, raw in enumerate(expect_list(node, "changes", allow_empty=True))
    ]
    versions = [version_key(entry["version"]) for entry in entries]
    if versions != sorted(set(versions), reverse=True) or (
        versions and versions[0] > version_key(model["version"])
    ):
        fail("model.version_order", "changes", current=model["version"])
    expect_unique((question_id for entry in entries for question_id in entry["added"]), "changes.added")
    history = {**model, "changes": entries}
    for entry in entries:
        if any(newer["breaking"] for newer in newer_changes(history, entry["version"])):
            continue  # codes of this version no longer open: nothing to protect
        expected = layout_fingerprint(layout_model(history, entry["version"])["questions"])
        if entry["layout"] != expected:
            where = f"changes.{entry['version']}.layout"
            fail(
                "model.layout_changed",
                where,
                version=entry["version"],
                got=entry["layout"],
                expected=expected,
            )
    return entries

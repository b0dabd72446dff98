"""The staff pulse: its model, a person's result, its response codes and its pooled result.

The pulse is a second questionnaire (models/pulse.yml), answered by staff and public agents in the
first person. Its dimensions are a subset of the leaders' questionnaire's, with the same ids and the
same scale (points 0 = no sign of resistance, 1 = strongest sign; scores 0-100, higher is worse), so
that the pooled staff median can be set beside the leadership median of each dimension (`workshop.py`).

Code format (URL and paste safe):  p1~<questionnaire id>~<version>~<role>~<day>~<choices>~<checksum>
- questionnaire id and version: which questionnaire made the code, so a pulse code pasted where
  leaders' codes are pooled (or the reverse) is refused with a message saying so;
- role: a letter from the model's `roles` (s: staff, m: leads a team) or - (not given);
- day: YYYYMMDD; choices and checksum as in share codes (codec.py). No figure, no name, no free text.
Like the leaders' codes, a pulse code is NOT encrypted: anonymity rests on how codes are collected
and on the thresholds of team.py, which this module applies to every figure it publishes.

Standard library only: this module runs unchanged in CPython and in Pyodide.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .answers import Answer, parse_answers
from .codec import DIGITS, MISSING, SEPARATOR, checksum, encode_choice
from .codec import PREFIX as SHARE_PREFIX
from .errors import AssessmentError
from .scoring import check_lang, describe_band, find_band, playbook_url
from .team import (
    BREAKDOWN_MIN,
    MIN_RESPONSES,
    NO_ROLE,
    check_day,
    decode_day,
    group_size,
    keep_one_per_answer_set,
    median_of,
    reject,
    spread_of,
    step_for,
)
from .team import PREFIX as LEADER_PREFIX
from .validate import (
    check_bands,
    check_items,
    check_link,
    check_options,
    expect_bool,
    expect_id,
    expect_integer,
    expect_list,
    expect_mapping,
    expect_number,
    expect_ref,
    expect_text,
    expect_text_list,
    fail,
    ids_of,
)

PREFIX = "p1"
KIND = "pulse"
MAX_CODE = 2_000
PARTS = 7
Model = dict[str, Any]

ROOT_KEYS = (
    "kind",
    "id",
    "version",
    "title",
    "scale",
    "compares_with",
    "scoring",
    "ask_threshold",
    "roles",
    "sources",
    "constructs",
    "dimensions",
    "questions",
    "bands",
)


# --- the model ---------------------------------------------------------------------------------


def load_pulse(path: str | Path) -> Model:
    """Read a pulse structure file with the texts of every language, validate and compile it."""
    from .loader import read_model_source  # reads YAML: CPython only, never in a browser

    try:
        return check_pulse(read_model_source(Path(path)))
    except AssessmentError as error:
        raise error.at(str(path)) from None


def is_pulse(raw: object) -> bool:
    """A structure file that declares `kind: pulse` (the leaders' model has no `kind`)."""
    return isinstance(raw, dict) and raw.get("kind") == KIND


def check_pulse(raw: object) -> Model:
    """Validate a raw pulse model (texts merged in) and return it normalised and JSON-ready."""
    root = expect_mapping(raw, "<root>", ROOT_KEYS, ("changes",))
    model = check_pulse_header(root)
    model["roles"] = check_roles(root["roles"])
    model["sources"] = check_items(root["sources"], "sources", check_source)
    model["constructs"] = check_constructs(root["constructs"], ids_of(model["sources"]))
    model["dimensions"] = check_items(root["dimensions"], "dimensions", check_dimension)
    model["questions"] = check_pulse_questions(root["questions"], model)
    model["bands"] = check_bands(root["bands"])
    model["adoption"] = None  # no figures in the pulse (answers.py reads this key)
    model["changes"] = check_items_by_version(root.get("changes", []))
    return model


def check_pulse_header(root: dict[str, Any]) -> Model:
    if root["kind"] != KIND:
        fail("model.bad_choice", "kind", allowed=KIND, got=str(root["kind"]))
    scoring = expect_mapping(root["scoring"], "scoring", ("min_answers", "min_dimensions"))
    return {
        "kind": KIND,
        "id": expect_id(root["id"], "id"),
        "version": check_version(root["version"], "version"),
        "title": expect_text(root["title"], "title"),
        "scale": expect_text(root["scale"], "scale"),
        "compares_with": expect_id(root["compares_with"], "compares_with"),
        "scoring": {
            "min_answers": expect_integer(scoring["min_answers"], "scoring.min_answers", 1, 100),
            "min_dimensions": expect_integer(scoring["min_dimensions"], "scoring.min_dimensions", 1, 100),
        },
        "ask_threshold": expect_number(root["ask_threshold"], "ask_threshold", 0, 100),
    }


def check_version(node: object, path: str) -> str:
    parts = node.split(".") if isinstance(node, str) else []
    if len(parts) != 3 or not all(part.isdigit() and str(int(part)) == part for part in parts):
        fail("model.bad_version", path, got=repr(node)[:40])
    return str(node)


def check_roles(node: object) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        item = expect_mapping(raw, path, ("id", "letter", "label"))
        letter = item["letter"]
        if not isinstance(letter, str) or len(letter) != 1 or not letter.islower() or letter == NO_ROLE:
            fail("model.bad_choice", f"{path}.letter", allowed="one lowercase letter", got=repr(letter)[:40])
        return {"id": item["id"], "letter": letter, "label": expect_text(item["label"], f"{path}.label")}

    roles = check_items(node, "roles", check)
    letters = [role["letter"] for role in roles]
    if len(set(letters)) != len(letters):
        fail("model.duplicate_id", "roles", id=", ".join(letters))
    return roles


def check_source(raw: object, path: str) -> Model:
    item = expect_mapping(raw, path, ("id", "label"), ("citation",))
    citation = item.get("citation")
    if citation is not None and (not isinstance(citation, str) or not citation.strip()):
        fail("model.bad_string", f"{path}.citation", got=repr(citation)[:40])
    return {"id": item["id"], "label": expect_text(item["label"], f"{path}.label"), "citation": citation}


def check_constructs(node: object, source_ids: list[str]) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        item = expect_mapping(raw, path, ("id", "source", "label", "summary"), ("asked",))
        return {
            "id": item["id"],
            "source": expect_ref(item["source"], f"{path}.source", source_ids, "sources"),
            "asked": expect_bool(item.get("asked", True), f"{path}.asked"),
            "label": expect_text(item["label"], f"{path}.label"),
            "summary": expect_text(item["summary"], f"{path}.summary"),
        }

    return check_items(node, "constructs", check)


def check_dimension(raw: object, path: str) -> Model:
    keys = ("id", "page", "anchor", "label", "description", "ask_title", "ask_text", "prompts")
    item = expect_mapping(raw, path, keys)
    texts = {key: expect_text(item[key], f"{path}.{key}") for key in keys[3:7]}
    return {
        "id": item["id"],
        **check_link(item, path),
        **texts,
        "prompts": expect_text_list(item["prompts"], path),
    }


def check_pulse_questions(node: object, model: Model) -> list[Model]:
    dimension_ids = ids_of(model["dimensions"])
    asked = [c["id"] for c in model["constructs"] if c["asked"]]

    def check(raw: object, path: str) -> Model:
        item = expect_mapping(raw, path, ("id", "dimension", "construct", "text", "options"), ("help",))
        return {
            "id": item["id"],
            "kind": "choice",  # the pulse has choice questions only (the engine's answer checks expect it)
            "weight": 1.0,
            "dimension": expect_ref(item["dimension"], f"{path}.dimension", dimension_ids, "dimensions"),
            "construct": expect_ref(item["construct"], f"{path}.construct", asked, "constructs (asked)"),
            "text": expect_text(item["text"], f"{path}.text"),
            "help": None if item.get("help") is None else expect_text(item["help"], f"{path}.help"),
            "options": check_options(item["options"], f"{path}.options", item["id"]),
        }

    questions = check_items(node, "questions", check)
    for dimension_id in dimension_ids:
        count = sum(1 for q in questions if q["dimension"] == dimension_id)
        if count < model["scoring"]["min_answers"]:
            fail("model.too_few_questions", "questions", id=dimension_id, count=count, minimum=1)
    for construct_id in asked:
        if not any(q["construct"] == construct_id for q in questions):
            fail("model.missing_item", "questions.*.construct", id=construct_id, expected=", ".join(asked))
    return questions


def check_items_by_version(node: object) -> list[Model]:
    def check(raw: object, path: str) -> Model:
        item = expect_mapping(raw, path, ("version", "date", "summary"))
        return {
            "version": check_version(item["version"], f"{path}.version"),
            "date": str(item["date"]),
            "summary": expect_text_list(item["summary"], f"{path}.summary"),
        }

    return [
        check(raw, f"changes[{i}]") for i, raw in enumerate(expect_list(node, "changes", allow_empty=True))
    ]


def check_pairing(pulse: Model, leaders: Model) -> None:
    """Every pulse dimension is one of the leaders' dimensions, so the gap compares like with like."""
    known = ids_of(leaders["dimensions"])
    for dimension in pulse["dimensions"]:
        expect_ref(dimension["id"], f"dimensions.{dimension['id']}", known, f"{leaders['id']}.dimensions")


# --- a person's result -------------------------------------------------------------------------


def score_pulse(model: Model, answers: object, lang: str = "en") -> Model:
    """The result for the person who answered: their dimensions, their level, and what to ask for."""
    lang = check_lang(lang)
    given = parse_answers(model, answers)
    dimensions = [score_dimension(model, dimension, given, lang) for dimension in model["dimensions"]]
    scored = [d["score"] for d in dimensions if d["score"] is not None]
    enough = len(scored) >= model["scoring"]["min_dimensions"]
    index = round(statistics.fmean(scored), 1) if enough else None
    answered = sum(1 for q in model["questions"] if q["id"] in given and points_of(q, given) is not None)
    return {
        "kind": KIND,
        "assessment": model["id"],
        "model_version": model["version"],
        "lang": lang,
        "index": index,
        "band": describe_band(find_band(model, index), lang),
        "dimensions": dimensions,
        "completeness": {"answered": answered, "total": len(model["questions"])},
        "asks": list_asks(model, dimensions, lang),
    }


def points_of(question: Model, given: dict[str, Answer]) -> float | None:
    """The points of the chosen option; None for "don't know" or no answer (missing, never 0)."""
    chosen = given.get(question["id"])
    return next((o["points"] for o in question["options"] if o["id"] == chosen), None)


def score_dimension(model: Model, dimension: Model, given: dict[str, Answer], lang: str) -> Model:
    questions = [q for q in model["questions"] if q["dimension"] == dimension["id"]]
    items = [(q["weight"], p) for q in questions if (p := points_of(q, given)) is not None]
    enough = len(items) >= model["scoring"]["min_answers"]
    total_weight = sum(weight for weight, _ in items)
    value = round(100 * sum(w * p for w, p in items) / total_weight, 1) if enough else None
    return {
        "id": dimension["id"],
        "label": dimension["label"][lang],
        "score": value,
        "answered": len(items),
        "total": len(questions),
    }


def list_asks(model: Model, dimensions: list[Model], lang: str) -> list[Model]:
    """What the person can ask their manager for: the dimensions at or above the threshold,
    highest score first (then model order)."""
    by_id = {d["id"]: d for d in model["dimensions"]}
    raised = [d for d in dimensions if d["score"] is not None and d["score"] >= model["ask_threshold"]]
    raised.sort(key=lambda d: -d["score"])
    return [
        {
            "dimension": d["id"],
            "score": d["score"],
            "title": by_id[d["id"]]["ask_title"][lang],
            "text": by_id[d["id"]]["ask_text"][lang],
            "url": playbook_url(by_id[d["id"]]["page"], by_id[d["id"]]["anchor"], lang),
        }
        for d in raised
    ]


# --- codes ------------------------------------------------------------------------------------


def role_letter(model: Model, role: object) -> str:
    if role is None:
        return NO_ROLE
    for entry in model["roles"]:
        if entry["id"] == role:
            return str(entry["letter"])
    allowed = ", ".join(entry["id"] for entry in model["roles"])
    raise AssessmentError("pulse.bad_role", got=repr(role)[:40], allowed=allowed)


def role_of_letter(model: Model, letter: str) -> str | None:
    for entry in model["roles"]:
        if entry["letter"] == letter:
            return str(entry["id"])
    if letter != NO_ROLE:
        raise AssessmentError("pulse.bad_role", got=repr(letter)[:40], allowed="s, m, -")
    return None


def encode_pulse_code(model: Model, answers: object, role: object, day: object) -> str:
    """The anonymous response code of a (valid) pulse answer set."""
    given = parse_answers(model, answers)
    choices = "".join(encode_choice(q, dict(given)) for q in model["questions"])
    body = SEPARATOR.join(
        [PREFIX, model["id"], model["version"], role_letter(model, role), check_day(day), choices]
    )
    return f"{body}{SEPARATOR}{checksum(body)}"


def refuse_other_kinds(code: str) -> None:
    """A code of another kind, named: a leaders' code, a share link."""
    if code.startswith(LEADER_PREFIX + SEPARATOR):
        raise AssessmentError("pulse.leader_code")
    if code.startswith(SHARE_PREFIX + SEPARATOR) or f"#{SHARE_PREFIX}{SEPARATOR}" in code:
        raise AssessmentError("team.share_link")


def split_pulse_code(model: Model, code: object) -> list[str]:
    """Check the envelope (kind, questionnaire, checksum, version); return the seven parts."""
    if not isinstance(code, str):
        raise AssessmentError("pulse.malformed")
    if len(code) > MAX_CODE:
        raise AssessmentError("team.too_long", limit=MAX_CODE)
    code = code.strip()
    if not code.isascii():
        raise AssessmentError("pulse.malformed")
    refuse_other_kinds(code)
    parts = code.split(SEPARATOR)
    if len(parts) != PARTS or parts[0] != PREFIX:
        raise AssessmentError("pulse.malformed")
    if checksum(SEPARATOR.join(parts[:6])) != parts[6]:
        raise AssessmentError("team.checksum")
    if parts[1] != model["id"]:
        raise AssessmentError("pulse.other_questionnaire", got=parts[1][:40], expected=model["id"])
    if parts[2] != model["version"]:
        raise AssessmentError("pulse.other_version", got=parts[2][:20], expected=model["version"])
    return parts


def decode_pulse_choices(model: Model, choices: str) -> dict[str, Answer]:
    if len(choices) != len(model["questions"]):
        raise AssessmentError("pulse.malformed")
    answers: dict[str, Answer] = {}
    for position, (question, char) in enumerate(zip(model["questions"], choices, strict=True), start=1):
        index = DIGITS.find(char)
        if char != MISSING and not 0 <= index < len(question["options"]):
            raise AssessmentError("team.bad_answer", position=position)
        if char != MISSING:
            answers[question["id"]] = question["options"][index]["id"]
    return answers


def decode_pulse_code(model: Model, code: object) -> tuple[dict[str, Answer], str | None, str]:
    """The answers, the role (or None) and the day (YYYY-MM-DD) of a pulse code."""
    parts = split_pulse_code(model, code)
    role, day = role_of_letter(model, parts[3]), decode_day(parts[4])
    return decode_pulse_choices(model, parts[5]), role, day


# --- pooled result ----------------------------------------------------------------------------


def read_pulse_codes(
    model: Model, codes: Sequence[object], lang: str, count_identical: bool
) -> tuple[list[tuple[dict[str, Answer], str | None, str]], Model]:
    """Decode every code; identical answer sets count once unless the facilitator decides otherwise."""
    decoded: list[tuple[int, tuple[dict[str, Answer], str | None, str]]] = []
    rejected: list[Model] = []
    for position, code in enumerate(codes, start=1):
        try:
            decoded.append((position, decode_pulse_code(model, code)))
        except AssessmentError as error:
            rejected.append(reject(position, code, error, lang))
    # (answers, role, day): the same rule as the leaders' codes, smallest day then role kept.
    valid, identical = keep_one_per_answer_set(
        decoded, lambda r: r[0], lambda r: (r[2], r[1] or ""), count_identical
    )
    counts = {"received": len(codes), "valid": len(valid), "count_identical": count_identical}
    return valid, counts | {
        "identical": identical,
        "duplicates": [] if count_identical else identical,
        "rejected": rejected,
    }


def protect_counts(counts: list[int]) -> list[int | None]:
    """Option counts as published: a count of 1 to 4 people is withheld (None), and when exactly one
    count is withheld the next smallest non-zero one is withheld too, or the total would give it away."""
    shown: list[int | None] = [None if 0 < c < MIN_RESPONSES else c for c in counts]
    hidden = [i for i, c in enumerate(shown) if c is None]
    if len(hidden) == 1:
        others = [(c, i) for i, c in enumerate(shown) if c]
        if others:
            shown[min(others)[1]] = None
    return shown


def spread_of_question(question: Model, responses: Sequence[dict[str, Answer]], lang: str) -> Model:
    """How many people chose each option (not answered counts with "don't know")."""
    counts = [sum(1 for r in responses if r.get(question["id"]) == o["id"]) for o in question["options"]]
    counts[-1] += sum(1 for r in responses if question["id"] not in r)
    options = [
        {"id": o["id"], "label": o["label"][lang], "count": count}
        for o, count in zip(question["options"], protect_counts(counts), strict=True)
    ]
    return {
        "id": question["id"],
        "dimension": question["dimension"],
        "text": question["text"][lang],
        "options": options,
    }


def summarise_pulse_dimensions(model: Model, results: Sequence[Model], lang: str) -> list[Model]:
    step = step_for(len(results))
    out = []
    for dimension in model["dimensions"]:
        scores = [next(d["score"] for d in r["dimensions"] if d["id"] == dimension["id"]) for r in results]
        out.append({"id": dimension["id"], "label": dimension["label"][lang], **spread_of(scores, step)})
    return out


def summarise_pulse_roles(model: Model, pairs: Sequence[tuple[str | None, Model]], lang: str) -> list[Model]:
    """Each role group's size (None for 1 to 4 people) and, from BREAKDOWN_MIN people, its medians."""
    groups = [*(role["id"] for role in model["roles"]), "unspecified"]
    out = []
    for group in groups:
        results = [result for role, result in pairs if (role or "unspecified") == group]
        breakdown = None
        if len(results) >= BREAKDOWN_MIN:
            breakdown = {
                "index": median_of([r["index"] for r in results]),
                "dimensions": summarise_pulse_dimensions(model, results, lang),
            }
        out.append({"role": group, "n": group_size(len(results)), "breakdown": breakdown})
    return out


def summarise_pulse(
    model: Model, responses: Sequence[tuple[dict[str, Answer], str | None, str]], lang: str
) -> Model:
    """Everything derived from answers; only called with at least MIN_RESPONSES responses."""
    results = [score_pulse(model, answers, lang) for answers, _, _ in responses]
    index = median_of([r["index"] for r in results], step_for(len(results)))
    exact = len(results) >= BREAKDOWN_MIN
    days = sorted(day for _, _, day in responses)
    return {
        "index": index,
        "band": describe_band(find_band(model, index), lang),
        "dimensions": summarise_pulse_dimensions(model, results, lang),
        # Option counts are a breakdown: none below BREAKDOWN_MIN responses, and no count under 5.
        "spread": [spread_of_question(q, [a for a, _, _ in responses], lang) for q in model["questions"]]
        if exact
        else None,
        "roles": summarise_pulse_roles(
            model, [(role, r) for (_, role, _), r in zip(responses, results, strict=False)], lang
        ),
        "period": {"first": days[0], "last": days[-1]},
        "rounded_to": step_for(len(results)),
    }


def aggregate_pulse(
    model: Model, codes: Sequence[object], lang: str = "en", count_identical: bool = False
) -> Model:
    """Pooled pulse statistics from response codes; nothing derived from answers below MIN_RESPONSES."""
    lang = check_lang(lang)
    if not isinstance(count_identical, bool):
        raise AssessmentError("team.bad_option", got=repr(count_identical)[:40])
    responses, counts = read_pulse_codes(model, codes, lang, count_identical)
    enough = len(responses) >= MIN_RESPONSES
    return {
        "kind": "pulse_team",
        "assessment": model["id"],
        "model_version": model["version"],
        "lang": lang,
        "min_responses": MIN_RESPONSES,
        "breakdown_min": BREAKDOWN_MIN,
        **counts,
        "status": "ok" if enough else "too_few",
        **(summarise_pulse(model, responses, lang) if enough else {}),
    }

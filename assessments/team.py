"""Anonymous team responses: a short response code per person, and their aggregate.

Each respondent copies a code at the end of the assessment and hands it in anonymously
(a box, a form without login). Whoever collects the codes pastes them into the engine,
which publishes team statistics only: never an individual answer, never a statistic over
fewer than MIN_RESPONSES people. The engine enforces these rules, not the page.

Code format (URL and paste safe):  t1~<model version>~<role>~<day>~<choices>~<figures>~<checksum>
- role: l (leadership), m (manager), s (staff) or - (not given);
- day: YYYYMMDD, the day the code was made (no finer time, so codes cannot be ordered);
- choices, figures, checksum: exactly as in share codes (codec.py).
No name and no free text. The code is NOT encrypted: anyone holding it can read the answers,
so anonymity rests on how codes are collected and on the thresholds below.
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .answers import Answer, parse_answers
from .codec import PREFIX as SHARE_PREFIX
from .codec import (
    SEPARATOR,
    checksum,
    decode_choices,
    decode_figures,
    encode_choice,
    format_figure,
    questions_of,
)
from .errors import AssessmentError
from .messages import format_message
from .scoring import check_lang, describe_band, find_band, score
from .versions import by_version, keep_questions, layout_model, require_readable, team_versions_note

PREFIX = "t1"
MAX_CODE = 2_000
MAX_CODES = 10_000  # a 5,000-row survey export (survey_table.MAX_ROWS) and as many pasted codes
# Below this many people, a statistic could point at someone: nothing derived from answers is shown.
MIN_RESPONSES = 5
# Role breakdowns, the band distribution, anti-pattern counts and values to one decimal need this
# many valid responses; a team of MIN_RESPONSES to BREAKDOWN_MIN - 1 sees values rounded to
# COARSE_STEP points only, so that four made-up codes cannot reveal a fifth person's exact scores
# (threat model: adr/0011-small-groups-duplicates-and-shared-origins.md).
BREAKDOWN_MIN = 10
COARSE_STEP = 10.0
FINE_STEP = 0.1
# An anti-pattern names a concrete practice (quotas, sanctions): one report could single out its author.
MIN_ANTIPATTERN_REPORTS = 2
ROLES = {"leadership": "l", "manager": "m", "staff": "s"}
ROLE_GROUPS = ("leadership", "manager", "staff", "unspecified")
NO_ROLE = "-"
PULSE_PREFIX = "p1"  # the staff pulse's codes (pulse.py): refused here by name, pooled on their own
EXCERPT = 24
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_DAY = re.compile(r"^\d{8}$")
# Codes are split on white space, and on commas outside a code: figures hold commas, but a
# comma followed by a prefix such as "t1~" starts a new code.
CODE_BREAK = re.compile(r"\s+|,(?=[a-z][0-9]+~)")

Model = dict[str, Any]


@dataclass(frozen=True)
class TeamResponse:
    answers: dict[str, Answer]
    role: str | None
    day: str
    version: str = ""  # the model version the code was made with ("" = the current one)


# --- codes ---------------------------------------------------------------------------------


def check_role(role: object) -> str:
    if role is not None and (not isinstance(role, str) or role not in ROLES):
        raise AssessmentError("team.bad_role", got=repr(role)[:40])
    return NO_ROLE if role is None else ROLES[role]


def check_day(day: object) -> str:
    """A real calendar day as YYYY-MM-DD; returned as YYYYMMDD for the code."""
    if not isinstance(day, str) or not DAY.match(day) or not is_calendar_day(day):
        raise AssessmentError("team.bad_day", got=repr(day)[:40])
    return day.replace("-", "")


def is_calendar_day(day: str) -> bool:
    try:
        datetime.date.fromisoformat(day)
    except ValueError:
        return False
    return True


def encode_team_code(model: Model, answers: object, role: object, day: object) -> str:
    """The anonymous response code of a (valid) answer set, with the respondent's role group."""
    parse_answers(model, answers)  # refuse what could not be scored
    given: dict[str, Any] = dict(answers)  # type: ignore[call-overload]
    choices = "".join(encode_choice(q, given) for q in questions_of(model, "choice"))
    figures = ",".join(format_figure(given.get(q["id"])) for q in questions_of(model, "number"))
    body = SEPARATOR.join([PREFIX, model["version"], check_role(role), check_day(day), choices, figures])
    return f"{body}{SEPARATOR}{checksum(body)}"


def split_team_code(model: Model, code: object) -> list[str]:
    """Check the envelope (kind, length, checksum, version); return the seven parts."""
    if not isinstance(code, str):
        raise AssessmentError("team.malformed")
    if len(code) > MAX_CODE:
        raise AssessmentError("team.too_long", limit=MAX_CODE)
    code = code.strip()
    if not code.isascii():  # codes are ASCII; this also keeps lone surrogates away from checksum()
        raise AssessmentError("team.malformed")
    if code.startswith(SHARE_PREFIX + SEPARATOR) or f"#{SHARE_PREFIX}{SEPARATOR}" in code:
        raise AssessmentError("team.share_link")
    if code.startswith(PULSE_PREFIX + SEPARATOR):
        raise AssessmentError("team.pulse_code")
    parts = code.split(SEPARATOR)
    if len(parts) != 7 or parts[0] != PREFIX:
        raise AssessmentError("team.malformed")
    if checksum(SEPARATOR.join(parts[:6])) != parts[6].lower():
        raise AssessmentError("team.checksum")
    require_readable(model, parts[1], "team.other_version")
    return parts


def decode_role(char: str) -> str | None:
    roles = {letter: name for name, letter in ROLES.items()}
    if char != NO_ROLE and char not in roles:
        raise AssessmentError("team.bad_role", got=repr(char)[:40])
    return roles.get(char)


def decode_day(text: str) -> str:
    day = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if not CODE_DAY.match(text) or not is_calendar_day(day):
        raise AssessmentError("team.bad_day", got=repr(text)[:40])
    return day


def decode_body(model: Model, choices: str, figures: str) -> dict[str, Answer]:
    """Choices and figures as in share codes, with the errors worded for response codes."""
    try:
        answers = {**decode_choices(model, choices), **decode_figures(model, figures)}
    except AssessmentError as error:
        if error.code == "share.bad_answer":
            raise AssessmentError("team.bad_answer", **error.params) from None
        raise AssessmentError("team.malformed") from None
    parse_answers(model, answers)  # impossible figures are refused like in any answer set
    return answers


def decode_team_code(model: Model, code: object) -> TeamResponse:
    parts = split_team_code(model, code)
    role, day = decode_role(parts[2]), decode_day(parts[3])
    # An older version's code is read against that version's questions (versions.py).
    layout = layout_model(model, parts[1])
    answers = decode_body(layout, parts[4], parts[5])
    check_canonical(layout, parts, answers)
    return TeamResponse(answers, role, day, parts[1])


def check_canonical(model: Model, parts: list[str], answers: dict[str, Answer]) -> None:
    """One answer set, one spelling: "100.0", "1e2", "1_00" or "+100" would let one person's answers
    pass as several people (duplicates are found on the answers, but a refused spelling also tells
    the facilitator that a code was edited by hand)."""
    if parts[6] != parts[6].lower():
        raise AssessmentError("team.checksum_case", got=parts[6][:8], expected=parts[6].lower()[:8])
    cells = parts[5].split(",")
    for position, question in enumerate(questions_of(model, "number"), start=1):
        expected = format_figure(answers.get(question["id"]))
        if cells[position - 1] != expected:
            got = cells[position - 1][:20]
            raise AssessmentError("team.figure_spelling", position=position, got=got, expected=expected or "")


def parse_codes(text: object) -> list[str]:
    """The codes in pasted text: one a line, or separated by spaces or commas."""
    if not isinstance(text, str):
        raise AssessmentError("team.not_text", got=type(text).__name__)
    if len(text) > MAX_CODES * (MAX_CODE + 1):
        raise AssessmentError("team.too_many", limit=MAX_CODES)
    codes = [token.strip(",") for token in CODE_BREAK.split(text)]
    return check_code_list([code for code in codes if code])


def check_code_list(codes: object) -> list[str]:
    """A list of codes as given by a caller: text items, within the count limit.

    An item longer than MAX_CODE is not refused here: `aggregate` rejects that item alone (with its
    position) and pools the others, so one stray paragraph in a paste does not lose every code."""
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise AssessmentError("team.not_text", got=type(codes).__name__)
    if len(codes) > MAX_CODES:
        raise AssessmentError("team.too_many", limit=MAX_CODES)
    return codes


# --- statistics ------------------------------------------------------------------------------


def round_to(value: float, step: float) -> float:
    """Round to one decimal, or to the nearest `step` points (COARSE_STEP) for a small team."""
    return round(value, 1) if step == FINE_STEP else float(round(value / step) * step)


def step_for(count: int) -> float:
    return FINE_STEP if count >= BREAKDOWN_MIN else COARSE_STEP


def median_of(values: Sequence[float | None], step: float = FINE_STEP) -> float | None:
    """Median of the non-null values, or None when too few people gave one."""
    present = [v for v in values if v is not None]
    return round_to(statistics.median(present), step) if len(present) >= MIN_RESPONSES else None


def spread_of(values: Sequence[float | None], step: float = FINE_STEP) -> dict[str, Any]:
    """Median and quartiles ("inclusive" method of statistics.quantiles), rounded to `step`."""
    present = sorted(v for v in values if v is not None)
    if len(present) < MIN_RESPONSES:
        return {"median": None, "q1": None, "q3": None, "iqr": None, "n": len(present)}
    q1, median, q3 = (round_to(q, step) for q in statistics.quantiles(present, n=4, method="inclusive"))
    # The IQR uses the published quartiles, so a reader can redo the subtraction.
    return {"median": median, "q1": q1, "q3": q3, "iqr": round(q3 - q1, 1), "n": len(present)}


def dimension_scores(results: Sequence[Model], dimension_id: str) -> list[float | None]:
    return [next(d["score"] for d in r["dimensions"] if d["id"] == dimension_id) for r in results]


def summarise_dimensions(model: Model, results: Sequence[Model], lang: str) -> list[Model]:
    step = step_for(len(results))
    return [
        {"id": d["id"], "label": d["label"][lang], **spread_of(dimension_scores(results, d["id"]), step)}
        for d in model["dimensions"]
    ]


def count_bands(model: Model, results: Sequence[Model]) -> dict[str, int] | None:
    """How many people fall in each band; withheld for a small team (it would place one person)."""
    if len(results) < BREAKDOWN_MIN:
        return None
    counts = {band["id"]: 0 for band in model["bands"]} | {"none": 0}
    for result in results:
        counts[result["band"]["id"] if result["band"] else "none"] += 1
    return counts


def share_antipatterns(model: Model, results: Sequence[Model], lang: str) -> tuple[list[Model], int]:
    """Anti-patterns reported by enough people (share of valid responses), and how many were withheld.

    A small team sees which practices were reported by at least MIN_ANTIPATTERN_REPORTS people, not
    how many (count and share are null)."""
    counts = {a["id"]: 0 for a in model["antipatterns"]}
    for result in results:
        for antipattern in result["antipatterns"]:
            counts[antipattern["id"]] += 1
    exact = len(results) >= BREAKDOWN_MIN
    shown = [
        {"id": a["id"], "title": a["title"][lang], "count": counts[a["id"]] if exact else None}
        for a in model["antipatterns"]
        if counts[a["id"]] >= MIN_ANTIPATTERN_REPORTS
    ]
    for entry in shown:
        entry["share"] = round(entry["count"] / len(results), 3) if exact else None
    withheld = sum(1 for count in counts.values() if 0 < count < MIN_ANTIPATTERN_REPORTS)
    return sorted(shown, key=lambda entry: (-(entry["share"] or 0), entry["id"])), withheld


def summarise_group(model: Model, results: Sequence[Model], lang: str) -> Model | None:
    """Median index and per-dimension medians of a role group, only when it is large enough."""
    if len(results) < BREAKDOWN_MIN:
        return None
    index = median_of([r["index"] for r in results])
    dimensions = [
        {"id": d["id"], "label": d["label"][lang], "median": median_of(dimension_scores(results, d["id"]))}
        for d in model["dimensions"]
    ]
    return {"index": index, "band": describe_band(find_band(model, index), lang), "dimensions": dimensions}


def group_size(count: int) -> int | None:
    """A role group's size, or None for 1 to MIN_RESPONSES - 1 people ("fewer than 5"): with made-up
    codes in other groups, "leadership: 1" would say whose answers the team figures are."""
    return count if count == 0 or count >= MIN_RESPONSES else None


def summarise_roles(model: Model, groups: dict[str, list[Model]], lang: str) -> list[Model]:
    return [
        {
            "role": role,
            "n": group_size(len(groups[role])),
            "breakdown": summarise_group(model, groups[role], lang),
        }
        for role in ROLE_GROUPS
    ]


def gap(staff: float | None, leadership: float | None) -> float | None:
    return None if staff is None or leadership is None else round(staff - leadership, 1)


def gap_note(code: str, lang: str) -> Model:
    return {"code": code, "message": format_message(code, {"minimum": BREAKDOWN_MIN}, lang)}


def perception_gap(roles: list[Model]) -> Model | None:
    """Staff minus leadership medians; positive means staff see more resistance than leadership."""
    by_role = {entry["role"]: entry["breakdown"] for entry in roles}
    staff, leaders = by_role["staff"], by_role["leadership"]
    if staff is None or leaders is None:
        return None
    dimensions = [
        {"id": s["id"], "label": s["label"], "staff": s["median"], "leadership": m["median"]}
        | {"gap": gap(s["median"], m["median"])}
        for s, m in zip(staff["dimensions"], leaders["dimensions"], strict=True)
    ]
    index = {"staff": staff["index"], "leadership": leaders["index"]}
    return {"index": index | {"gap": gap(staff["index"], leaders["index"])}, "dimensions": dimensions}


# --- aggregation -----------------------------------------------------------------------------


def excerpt(code: object) -> str:
    """The start of a refused code, as plain printable text (no control character, no lone surrogate)."""
    text = " ".join((code if isinstance(code, str) else repr(code)).split())[:EXCERPT]
    return "".join(char if char.isprintable() else "?" for char in text)


def canonical_order(response: TeamResponse) -> tuple[str, str, str]:
    """An order on responses that does not depend on where their codes were pasted."""
    return (response.day, response.role or "", response.version)


def answer_key(answers: dict[str, Answer]) -> tuple[tuple[str, Answer], ...]:
    """What makes two responses the same person's, as far as the engine can tell: the answers (not
    the code's text, not its day or role, which anyone can change and re-sign)."""
    return tuple(sorted(answers.items()))


def reject(position: int, code: object, error: AssessmentError, lang: str) -> Model:
    reason = {"code": error.code, "message": error.message(lang)}
    return {"position": position, "code_excerpt": excerpt(code), "error": reason}


def keep_one_per_answer_set[R](  # R: a leaders' TeamResponse or a pulse tuple
    decoded: Iterable[tuple[int, R]],
    answers_of: Callable[[R], dict[str, Answer]],
    order: Callable[[R], tuple[str, ...]],
    count_identical: bool,
) -> tuple[list[R], list[int]]:
    """The responses to count, and the positions of those whose answer set an earlier one had.

    Identical answer sets count once unless the facilitator chose `count_identical`. Which copy
    stands for the person must not depend on the order codes were pasted in (the period and role
    counts would change): the smallest by `order` is kept. Shared by leaders' and pulse codes."""
    kept: dict[tuple[tuple[str, Answer], ...], int] = {}  # answer set -> its index in `valid`
    valid: list[R] = []
    identical: list[int] = []
    for position, response in decoded:
        key = answer_key(answers_of(response))
        if key in kept:
            identical.append(position)
            if not count_identical:
                valid[kept[key]] = min(valid[kept[key]], response, key=order)
                continue
        kept.setdefault(key, len(valid))
        valid.append(response)
    return valid, identical


def read_responses(
    model: Model, codes: Sequence[object], lang: str, count_identical: bool = False
) -> tuple[list[TeamResponse], Model]:
    """Decode every code; list identical answer sets, ignored duplicates and rejected codes by position.

    A code whose answer set equals an earlier valid code's is listed in `identical`; unless the
    facilitator chose `count_identical`, it is also a duplicate and is not counted."""
    decoded: list[tuple[int, TeamResponse]] = []
    rejected: list[Model] = []
    for position, code in enumerate(codes, start=1):
        try:
            decoded.append((position, decode_team_code(model, code)))
        except AssessmentError as error:
            rejected.append(reject(position, code, error, lang))
    valid, identical = keep_one_per_answer_set(decoded, lambda r: r.answers, canonical_order, count_identical)
    return valid, {
        "received": len(codes),
        "valid": len(valid),
        "count_identical": count_identical,
        "identical": identical,
        "duplicates": [] if count_identical else identical,
        "rejected": rejected,
    }


def group_by_role(responses: Iterable[TeamResponse], results: Iterable[Model]) -> dict[str, list[Model]]:
    groups: dict[str, list[Model]] = {role: [] for role in ROLE_GROUPS}
    for response, result in zip(responses, results, strict=True):
        groups[response.role or "unspecified"].append(result)
    return groups


def summarise_team(model: Model, responses: list[TeamResponse], lang: str) -> Model:
    """Everything derived from answers; only called with at least MIN_RESPONSES responses."""
    results = [score(model, response.answers, lang) for response in responses]
    index = median_of([r["index"] for r in results], step_for(len(results)))
    antipatterns, withheld = share_antipatterns(model, results, lang)
    roles = summarise_roles(model, group_by_role(responses, results), lang)
    gaps = perception_gap(roles)
    days = sorted(response.day for response in responses)
    return {
        "index": index,
        "band": describe_band(find_band(model, index), lang),
        "dimensions": summarise_dimensions(model, results, lang),
        "bands": count_bands(model, results),
        "band_labels": {band["id"]: band["title"][lang] for band in model["bands"]},
        "antipatterns": antipatterns,
        "antipatterns_withheld": withheld,
        "roles": roles,
        "perception_gap": gaps,
        "perception_gap_note": gap_note("note.gap_meaning" if gaps else "note.gap_too_few", lang),
        "period": {"first": days[0], "last": days[-1]},
        "rounded_to": step_for(len(results)),
    }


def pool_versions(model: Model, responses: list[TeamResponse], lang: str) -> tuple[list[TeamResponse], Model]:
    """Codes of several model versions: keep only the questions the oldest of them has, so that
    everyone is scored on the same questions, and say so. Returns the responses and the keys
    `versions` ({version: count}) and `version_note` (null when all codes share one version)."""
    versions = Counter(response.version or model["version"] for response in responses)
    note = team_versions_note(model, versions, lang)
    if note is not None and len(versions) > 1:
        shared = layout_model(model, note["oldest"])
        responses = [replace(r, answers=keep_questions(r.answers, shared)) for r in responses]
    return responses, {"versions": dict(sorted(versions.items(), key=by_version)), "version_note": note}


def aggregate(
    model: Model, codes: Sequence[object], lang: str = "en", count_identical: bool = False
) -> Model:
    """Team statistics from response codes; nothing derived from answers below MIN_RESPONSES.

    `count_identical`: the facilitator's choice to count identical answer sets separately (two
    people may answer alike); by default they count once."""
    lang = check_lang(lang)
    if not isinstance(count_identical, bool):
        raise AssessmentError("team.bad_option", got=repr(count_identical)[:40])
    responses, counts = read_responses(model, codes, lang, count_identical)
    responses, pooled = pool_versions(model, responses, lang)
    counts = {**counts, **pooled}
    enough = len(responses) >= MIN_RESPONSES
    return {
        "kind": "team",
        "assessment": model["id"],
        "model_version": model["version"],
        "lang": lang,
        "min_responses": MIN_RESPONSES,
        "min_antipattern_reports": MIN_ANTIPATTERN_REPORTS,
        "breakdown_min": BREAKDOWN_MIN,
        **counts,
        "status": "ok" if enough else "too_few",
        **(summarise_team(model, responses, lang) if enough else {}),
    }

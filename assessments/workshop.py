"""One pool for a workshop: staff pulse codes and leaders' codes together, and the gap between them.

A facilitator pastes every code at once. Codes are sorted by their kind (`p1~` pulse, `t1~` leaders);
each side is pooled by its own engine (pulse.py, team.py) with its own thresholds, then the gap is
computed per dimension: staff median (pulse) minus leadership median (leaders' questionnaire, codes
not marked "staff"). A positive gap means staff see more resistance than leadership does.

Every figure follows the minimum group: each side needs MIN_RESPONSES valid codes before any of its
medians exists, and a side of fewer than BREAKDOWN_MIN people is rounded to COARSE_STEP points, so
the gap of two small pools is rounded too. Leaders' codes marked "staff" (made before the pulse
existed) stay out of the leadership side: they would blur the two points of view this compares.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import AssessmentError
from .messages import format_message
from .pulse import PREFIX as PULSE_PREFIX
from .pulse import aggregate_pulse
from .scoring import check_lang, playbook_url, score
from .team import (
    BREAKDOWN_MIN,
    MIN_RESPONSES,
    aggregate,
    median_of,
    pool_versions,
    read_responses,
    round_to,
    step_for,
)

Model = dict[str, Any]
# Leaders' role groups that speak for leadership (a leaders' code without a role counts as leadership:
# the leaders' questionnaire is written for leaders).
LEADERSHIP_ROLES = (None, "leadership", "manager")


def sort_codes(codes: Sequence[object]) -> tuple[list[int], list[int]]:
    """Positions (0-based) of the pulse codes and of every other item: anything that does not start
    as a pulse code goes to the leaders' pool, whose engine names what is wrong with it."""
    pulse: list[int] = []
    leaders: list[int] = []
    for position, code in enumerate(codes):
        is_pulse = isinstance(code, str) and code.strip().startswith(PULSE_PREFIX + "~")
        (pulse if is_pulse else leaders).append(position)
    return pulse, leaders


def renumber(pool: Model, positions: list[int]) -> Model:
    """A sub-pool's 1-based positions turned back into positions in the facilitator's whole list."""

    def original(position: int) -> int:
        return positions[position - 1] + 1

    rejected = [entry | {"position": original(entry["position"])} for entry in pool["rejected"]]
    moved = {key: [original(p) for p in pool[key]] for key in ("identical", "duplicates")}
    return pool | moved | {"rejected": rejected}


def leadership_medians(leaders: Model, codes: Sequence[object], lang: str, count_identical: bool) -> Model:
    """The leadership side: dimension medians over the leaders' codes not marked "staff"."""
    responses, _ = read_responses(leaders, codes, lang, count_identical)
    responses, _ = pool_versions(leaders, responses, lang)
    results = [score(leaders, r.answers, lang) for r in responses if r.role in LEADERSHIP_ROLES]
    step = step_for(len(results))
    medians = {
        d["id"]: median_of(
            [next(x["score"] for x in r["dimensions"] if x["id"] == d["id"]) for r in results], step
        )
        for d in leaders["dimensions"]
    }
    return {"n": len(results), "medians": medians, "step": step}


def gap_rows(pulse: Model, leaders: Model, staff: Model, leadership: Model, lang: str) -> list[Model]:
    """Per pulse dimension: staff and leadership medians and their gap, largest gap first."""
    step = max(staff["rounded_to"], leadership["step"])
    labels = {d["id"]: d["label"][lang] for d in leaders["dimensions"]}
    rows = []
    for position, dimension in enumerate(pulse["dimensions"]):
        staff_median = next(d["median"] for d in staff["dimensions"] if d["id"] == dimension["id"])
        lead_median = leadership["medians"].get(dimension["id"])
        both = staff_median is not None and lead_median is not None
        rows.append(
            {
                "id": dimension["id"],
                "label": labels.get(dimension["id"], dimension["label"][lang]),
                "staff": staff_median,
                "leadership": lead_median,
                "gap": round_to(staff_median - lead_median, step) if both else None,
                "url": playbook_url(dimension["page"], dimension["anchor"], lang),
                "position": position,
            }
        )
    rows.sort(key=lambda row: (row["gap"] is None, -abs(row["gap"] or 0), row["position"]))
    for row in rows:
        del row["position"]
    return rows


def gap_note(code: str, lang: str) -> Model:
    params = {"minimum": MIN_RESPONSES, "exact": BREAKDOWN_MIN}
    return {"code": code, "message": format_message(code, params, lang)}


def pool_workshop(
    pulse: Model, leaders: Model, codes: Sequence[object], lang: str = "en", count_identical: bool = False
) -> Model:
    """Both pools from one list of codes, and the leadership-versus-staff gap when both are big enough."""
    lang = check_lang(lang)
    if not isinstance(count_identical, bool):
        raise AssessmentError("team.bad_option", got=repr(count_identical)[:40])
    pulse_at, leaders_at = sort_codes(codes)
    pulse_codes, leader_codes = [codes[i] for i in pulse_at], [codes[i] for i in leaders_at]
    staff = renumber(aggregate_pulse(pulse, pulse_codes, lang, count_identical), pulse_at)
    team = renumber(aggregate(leaders, leader_codes, lang, count_identical), leaders_at)
    leadership = leadership_medians(leaders, leader_codes, lang, count_identical)
    ready = staff["status"] == "ok" and leadership["n"] >= MIN_RESPONSES
    return {
        "kind": "workshop",
        "lang": lang,
        "received": len(codes),
        "pulse": staff,
        "leaders": team,
        "leadership_n": leadership["n"] if leadership["n"] >= MIN_RESPONSES else None,
        "gap": gap_rows(pulse, leaders, staff, leadership, lang) if ready else None,
        # Model texts, not answers: the presenter view's discussion prompts, theme by theme.
        "prompts": {d["id"]: d["prompts"][lang] for d in pulse["dimensions"]},
        "gap_note": gap_note("note.pulse_gap_meaning" if ready else "note.pulse_gap_too_few", lang),
    }

"""Render the roadmap phases of an assessment model as sections of the Roadmap page.

The phases live in the model because recommendations point to them; the page and the results
therefore always agree on what each phase is called and holds.
"""

from __future__ import annotations

from typing import Any

from macros import site_data

Model = dict[str, Any]


def phase_anchor(phase_id: str) -> str:
    """The heading id of a phase on the Roadmap page (recommendations link to it)."""
    return phase_id.replace("_", "-")


def render_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def render_phase(phase: Model, lang: str, strings: dict[str, str]) -> str:
    """One phase: heading with a stable id, then objective, owner, duration, actions and indicators."""
    return "\n".join(
        [
            f"## {phase['order']}. {phase['title'][lang]} {{#{phase_anchor(phase['id'])}}}",
            "",
            f"**{strings['roadmap_objective']}** {phase['objective'][lang]}",
            "",
            f"| {strings['roadmap_owner']} | {strings['roadmap_duration']} |",
            "| --- | --- |",
            f"| {phase['owner'][lang]} | {phase['duration'][lang]} |",
            "",
            f"**{strings['roadmap_actions']}**",
            "",
            render_list(phase["actions"][lang]),
            "",
            f"**{strings['roadmap_indicators']}**",
            "",
            render_list(phase["indicators"][lang]),
            "",
        ]
    )


def render_roadmap(assessment_id: str, lang: str) -> str:
    """Every phase, in order."""
    model = site_data.load_model_cached(assessment_id)
    strings = site_data.load_ui_strings(lang)
    phases = sorted(model["phases"], key=lambda phase: phase["order"])
    return "\n".join(render_phase(phase, lang, strings) for phase in phases)

"""Render the facilitator's page: paste or open response codes, pool them, keep the team result."""

from __future__ import annotations

from assessments.team import BREAKDOWN_MIN, MIN_RESPONSES
from macros.assessment_form import escaped_strings, render_compare, render_export_bar, render_privacy_note
from macros.pulse_page import pulse_asset_name
from macros.survey_import import render_survey_import


def render_team_tools(lang: str) -> str:
    s = escaped_strings(lang)
    return "\n".join(
        [
            *render_privacy_note({**s, "team_privacy": team_privacy_text(s)}, "team_privacy"),
            '<form id="team-form" class="team-form" novalidate>',
            f'<p><label for="team-codes">{s["team_input_label"]}</label></p>',
            '<textarea id="team-codes" rows="8" spellcheck="false" autocomplete="off"></textarea>',
            f'<p><label for="team-files">{s["team_files_label"]}</label> '
            '<input type="file" id="team-files" accept=".txt,text/plain" multiple></p>',
            # Only the leaders' questionnaire pools here; a staff pulse export is sent to the workshop page.
            *render_survey_import(lang, ("resistance",), detect=(pulse_asset_name(),)),
            # trust: identical answer sets count once unless the facilitator decides otherwise.
            '<p class="team-form__option"><input type="checkbox" id="team-count-identical"> '
            f'<label for="team-count-identical">{s["team_count_identical_label"]}</label></p>',
            '<div class="assessment__actions">',
            '<button type="submit" class="md-button md-button--primary" id="team-submit">'
            f"{s['team_submit']}</button>",
            '<p id="engine-status" class="engine-status" role="status" data-state="idle"></p>',
            "</div>",
            "</form>",
            '<div id="assessment-messages" class="assessment-messages" role="alert"></div>',
            '<section id="team-result" class="result" hidden></section>',
            '<section id="result-tools" class="result-tools" aria-labelledby="result-tools-title" hidden>',
            f'<h2 id="result-tools-title">{s["team_export_title"]}</h2>',
            *render_export_bar(s),
            *render_compare(s),
            "</section>",
        ]
    )


def team_privacy_text(s: dict[str, str]) -> str:
    """The thresholds the engine applies, read from it, so the page can never promise another."""
    return s["team_privacy"].format(minimum=MIN_RESPONSES, breakdown=BREAKDOWN_MIN)

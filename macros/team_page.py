"""Render the facilitator's page: paste or open response codes, pool them, keep the team result."""

from __future__ import annotations

from html import escape

from macros import site_data
from macros.assessment_form import export_button, render_compare


def render_team_tools(lang: str) -> str:
    s = {key: escape(value) for key, value in site_data.load_ui_strings(lang).items()}
    return "\n".join(
        [
            '<div class="assessment-privacy admonition info">',
            f'<p class="admonition-title">{s["privacy_title"]}</p>',
            f"<p>{s['team_privacy']}</p></div>",
            '<form id="team-form" class="team-form" novalidate>',
            f'<p><label for="team-codes">{s["team_input_label"]}</label></p>',
            '<textarea id="team-codes" rows="8" spellcheck="false" autocomplete="off"></textarea>',
            f'<p><label for="team-files">{s["team_files_label"]}</label> '
            '<input type="file" id="team-files" accept=".txt,text/plain" multiple></p>',
            '<div class="assessment__actions">',
            '<button type="submit" class="md-button md-button--primary" id="team-submit">'
            f"{s['team_submit']}</button>",
            '<p id="engine-status" class="engine-status" role="status" data-state="idle"></p>',
            "</div>",
            "</form>",
            '<div id="assessment-messages" class="assessment-messages" role="alert"></div>',
            '<section id="team-result" class="result" aria-labelledby="team-result-title" hidden></section>',
            '<section id="result-tools" class="result-tools" aria-labelledby="result-tools-title" hidden>',
            f'<h2 id="result-tools-title">{s["team_export_title"]}</h2>',
            '<p class="result-tools__exports">',
            export_button("json", s["export_json"]) + " ",
            export_button("markdown", s["export_markdown"]) + " ",
            export_button("csv", s["export_csv"]) + " ",
            export_button("print", s["export_print"]),
            "</p>",
            f"<p>{s['export_reassess']}</p>",
            *render_compare(s),
            "</section>",
        ]
    )

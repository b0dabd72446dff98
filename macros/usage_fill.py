"""The assessment's "fill from a usage report" control, rendered inside the usage figures.

A leader drops the CSV export of an AI usage report; the page hands its bytes to the engine in the
browser (assessments/usage_report.py), which returns counts only, and fills the number questions
for the person to check. The control is plain HTML: a labelled file input (keyboard and screen
readers), a box that also takes a dropped file, a message region and an empty summary.
"""

from __future__ import annotations

from html import escape

from assessments.survey_table import MAX_BYTES
from assessments.usage_report import LIMIT_TEXT


def render_usage_fill(strings: dict[str, str]) -> str:
    s = {key: escape(value) for key, value in strings.items()}
    return "\n".join(
        [
            f'<div class="usage-fill" id="usage-fill" data-max-bytes="{MAX_BYTES}" '
            f'data-limit="{LIMIT_TEXT}">',
            f'<p class="usage-fill__title" id="usage-fill-title"><strong>{s["usage_title"]}</strong></p>',
            f'<p class="question__help" id="usage-fill-help">{s["usage_help"]}</p>',
            f'<p class="usage-fill__input"><label for="usage-file">{s["usage_label"]}</label> '
            '<input type="file" id="usage-file" accept=".csv,text/csv,text/plain" '
            'aria-describedby="usage-fill-help"></p>',
            f'<p class="usage-fill__drop">{s["usage_drop"]}</p>',
            # No role here: the page has one alert region already; the message itself is the alert.
            '<div id="usage-error" class="usage-fill__error"></div>',
            '<p id="usage-status" class="usage-fill__status" role="status"></p>',
            '<section id="usage-summary" class="usage-summary" aria-labelledby="usage-summary-title" hidden>',
            f'<h3 id="usage-summary-title">{s["usage_summary_title"]}</h3>',
            '<div id="usage-summary-body"></div>',
            "</section>",
            "</div>",
        ]
    )

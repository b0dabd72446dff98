"""The "bring a survey export" block of the team and workshop pages (#13).

Plain HTML made at build time: a visible file input inside a drop zone (the input itself stays the
keyboard's way in), the two message regions, and empty places for the preview and the list of
exports added. `survey-import.js` does the rest with the engine (reading, matching, codes).
"""

from __future__ import annotations

from babel.units import format_unit

from assessments.survey_table import MAX_BYTES
from macros import site_data
from macros.assessment_form import attr, escaped_strings

# The page refuses a larger file before reading it, with the engine's own limit (survey_table).
MAX_EXPORT_MB = MAX_BYTES // (1024 * 1024)
# .tsv and .xls too: Drupal Webform (Framaforms) saves its delimited export as .tsv and its "Excel"
# export may be delimited text named .xls; the reader goes by the bytes, and a real old .xls is
# refused with its own message.
ACCEPT = ".csv,.tsv,.xlsx,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def limit_text(lang: str) -> str:
    """ "50 MB" / "50 Mo", as the language writes it."""
    return str(format_unit(MAX_EXPORT_MB, "digital-megabyte", locale=site_data.LOCALES[lang], length="short"))


def render_survey_import(lang: str, accepts: tuple[str, ...], detect: tuple[str, ...] = ()) -> list[str]:
    """The block, inside the page's form. `accepts`: the questionnaires this page pools; `detect`: the
    compiled models (file names) the page adds to its engine only to recognise an export it refuses."""
    s = escaped_strings(lang)
    limit = limit_text(lang)
    return [
        f'<fieldset id="survey-import" class="survey-import" data-accepts="{attr(" ".join(accepts))}" '
        f'data-detect="{attr(" ".join(detect))}" '
        f'data-max-bytes="{MAX_BYTES}" data-limit="{attr(limit)}">',
        f"<legend>{s['survey_legend']}</legend>",
        f'<p id="survey-help" class="survey-import__help">{s["survey_help"].format(limit=limit)}</p>',
        '<div id="survey-drop" class="survey-drop">',
        f'<p><label for="survey-file">{s["survey_file_label"]}</label> '
        f'<input type="file" id="survey-file" accept="{ACCEPT}" aria-describedby="survey-help"></p>',
        f'<p class="survey-drop__hint">{s["survey_drop_hint"]}</p>',
        "</div>",
        '<p id="survey-status" class="survey-import__status" role="status"></p>',
        '<div id="survey-messages" class="assessment-messages" role="alert"></div>',
        '<div id="survey-preview" class="survey-preview" hidden></div>',
        '<div id="survey-sources" class="survey-sources" hidden>',
        f'<p id="survey-sources-title"><strong>{s["survey_sources_title"]}</strong></p>',
        '<ul aria-labelledby="survey-sources-title"></ul>',
        "</div>",
        "</fieldset>",
    ]

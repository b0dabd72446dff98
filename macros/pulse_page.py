"""The staff pulse page and the workshop page (#18): the pulse form, the facilitator's pool, the
presenter view with its QR code, made here at build time with Segno (no QR code at runtime).

Strings come from the `ui` part of each language's catalogue (assessments/locales/<lang>/interface.yml);
the page scripts get them in a JSON block beside the form (`pulse-strings`), as they get the others
in the site config.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from assessments.languages import catalogue, engine_catalogue, languages
from assessments.loader import default_model_path
from assessments.pulse import check_pairing, load_pulse
from macros import site_data
from macros.assessment_form import attr, render_form

Model = dict[str, Any]
PULSE_ID = "pulse"
STRING_PREFIXES = ("pulse_", "workshop_")


@cache
def load_pulse_cached() -> Model:
    model = load_pulse(default_model_path(PULSE_ID))
    check_pairing(model, site_data.load_model_cached(model["compares_with"]))
    return model


def pulse_asset_name() -> str:
    """The compiled pulse's file name; it changes with the version (cache safety)."""
    return f"{PULSE_ID}-{load_pulse_cached()['version']}.json"


def write_pulse_asset(site_dir: Path) -> Path:
    """The compiled pulse as JSON for the browser's worker (YAML never reaches the browser)."""
    folder = site_dir / "assets" / "engine"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / pulse_asset_name()
    target.write_text(engine_bundle(), encoding="utf-8")
    return target


def engine_bundle() -> str:
    """The compiled pulse and, for each language, the parts of its catalogue the engine reads (the
    browser has no locales folder): the same bundle shape as the leaders' questionnaire."""
    catalogues = {lang: engine_catalogue(lang) for lang in languages()}
    data = {"model": load_pulse_cached(), "catalogues": catalogues}
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def strings(lang: str) -> dict[str, str]:
    """This feature's interface strings in one language."""
    ui = catalogue(lang)["ui"]
    return {key: str(value) for key, value in ui.items() if key.startswith(STRING_PREFIXES)}


def strings_block(lang: str, extra: dict[str, Any]) -> str:
    data = {"strings": strings(lang), **extra}
    return f'<script type="application/json" id="pulse-config">{site_data.to_json_block(data)}</script>'


def render_pulse_page(lang: str) -> str:
    """The pulse form (the leaders' form renderer, on the pulse's questions), then the result area."""
    model = load_pulse_cached()
    s = {key: escape(value) for key, value in strings(lang).items()}
    roles = "".join(
        f'<option value="{attr(r["id"])}">{escape(r["label"][lang])}</option>' for r in model["roles"]
    )
    return "\n".join(
        [
            strings_block(lang, {"model": pulse_asset_name()}),
            f'<p class="assessment-privacy"><strong>{s["pulse_privacy_title"]}</strong>'
            f" {s['pulse_privacy_text']}</p>",
            render_form(model, lang),
            '<div id="assessment-messages" class="assessment-messages" role="alert"></div>',
            '<section id="pulse-result" class="result" hidden></section>',
            '<section id="pulse-code-tools" class="result-tools" aria-labelledby="pulse-code-title" hidden>',
            f'<h2 id="pulse-code-title">{s["pulse_code_title"]}</h2>',
            f'<p id="pulse-code-help">{s["pulse_code_help"]}</p>',
            f'<p><label for="pulse-role">{s["pulse_role_label"]}</label> <select id="pulse-role">'
            f'<option value="">{s["pulse_role_none"]}</option>{roles}</select> '
            '<button type="button" class="md-button" id="pulse-code-create">'
            f"{s['pulse_code_create']}</button></p>",
            f'<p class="team-code" hidden><label for="pulse-code">{s["pulse_code_label"]}</label> '
            '<input type="text" id="pulse-code" readonly aria-describedby="pulse-code-help"> '
            f'<button type="button" class="md-button" id="pulse-code-copy">{s["pulse_code_copy"]}</button> '
            '<button type="button" class="md-button" id="pulse-code-download">'
            f"{s['pulse_code_download']}</button> "
            '<span id="pulse-code-status" role="status"></span></p>',
            '<figure id="pulse-code-qr" class="pulse-code-qr" hidden>'
            f"<figcaption>{s['pulse_code_qr_caption']}</figcaption></figure>",
            "</section>",
        ]
    )


def render_qr(url: str) -> str:
    """The pulse's address as an inline SVG QR code (Segno, at build time), with the address in text."""
    import segno  # build-time only

    svg = segno.make(url, error="m").svg_inline(scale=8, border=2, dark="#000", light="#fff", omitsize=True)
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="workshop-qr-caption" ', 1)


def pulse_url(site_url: str, lang_root: str) -> str:
    return f"{site_url.rstrip('/')}/{lang_root}pulse/"


def render_workshop_page(lang: str, site_url: str, lang_root: str) -> str:
    """The facilitator's tools: pool codes, see the result, present it to the room, keep it."""
    s = {key: escape(value) for key, value in strings(lang).items()}
    url = pulse_url(site_url, lang_root)
    agenda = "".join(f"<li>{s[f'workshop_agenda_{n}']}</li>" for n in range(1, 6))
    return "\n".join(
        [
            strings_block(
                lang, {"model": pulse_asset_name(), "leaders": site_data.engine_asset_name("resistance")}
            ),
            '<form id="workshop-form" class="team-form" novalidate>',
            f'<p><label for="workshop-codes">{s["workshop_codes_label"]}</label></p>',
            '<textarea id="workshop-codes" rows="8" spellcheck="false" autocomplete="off"></textarea>',
            f'<p><label for="workshop-files">{s["workshop_files_label"]}</label> '
            '<input type="file" id="workshop-files" accept=".txt,text/plain" multiple></p>',
            f'<p><button type="button" class="md-button" id="workshop-camera" '
            f'data-stop="{s["workshop_camera_stop"]}">{s["workshop_camera_start"]}</button> '
            '<span id="workshop-camera-status" role="status"></span></p>',
            f'<video id="workshop-camera-video" class="workshop-camera" muted playsinline hidden '
            f'aria-label="{s["workshop_camera_video"]}"></video>',
            f'<p id="workshop-count" role="status">{s["workshop_count_none"]}</p>',
            '<p class="team-form__option"><input type="checkbox" id="workshop-count-identical"> '
            f'<label for="workshop-count-identical">{s["workshop_count_identical"]}</label></p>',
            '<div class="assessment__actions">',
            '<button type="submit" class="md-button md-button--primary" id="workshop-submit">'
            f"{s['workshop_submit']}</button>",
            '<p id="engine-status" class="engine-status" role="status" data-state="idle"></p>',
            "</div></form>",
            '<div id="assessment-messages" class="assessment-messages" role="alert"></div>',
            '<section id="workshop-result" class="result" hidden></section>',
            '<section id="workshop-tools" class="result-tools" '
            'aria-labelledby="workshop-tools-title" hidden>',
            f'<h2 id="workshop-tools-title">{s["workshop_tools_title"]}</h2>',
            '<p class="result-tools__exports">',
            *(
                f'<button type="button" class="md-button" data-workshop-export="{kind}">'
                f"{s['workshop_export_' + kind]}</button> "
                for kind in ("json", "markdown", "csv", "summary", "ics")
            ),
            "</p></section>",
            '<section id="presenter" class="presenter" aria-labelledby="presenter-title" tabindex="-1">',
            f'<h2 id="presenter-title">{s["workshop_presenter_title"]}</h2>',
            f'<p class="presenter__keys">{s["workshop_keys"]}</p>',
            '<p class="presenter__controls">'
            f'<button type="button" class="md-button" id="presenter-prev">{s["workshop_prev"]}</button> '
            '<button type="button" class="md-button md-button--primary" id="presenter-next">'
            f"{s['workshop_next']}</button> "
            '<button type="button" class="md-button" id="presenter-full">'
            f"{s['workshop_fullscreen']}</button></p>",
            '<div id="presenter-stage" class="presenter__stage" aria-live="polite">',
            '<div class="presenter__slide" data-slide="welcome">',
            f'<p class="presenter__big">{s["workshop_scan"]}</p>',
            f'<figure class="presenter__qr">{render_qr(url)}'
            f'<figcaption id="workshop-qr-caption">{escape(url)}</figcaption></figure>',
            f'<p class="presenter__big" id="presenter-count">{s["workshop_count_none"]}</p>',
            "</div></div>",
            f'<h3 id="workshop-agenda-title">{s["workshop_agenda_title"]}</h3>',
            f'<ol class="workshop-agenda">{agenda}</ol>',
            '<p><button type="button" class="md-button" id="agenda-print">'
            f"{s['workshop_agenda_print']}</button></p>",
            "</section>",
            '<section id="works-council-summary" class="works-council-summary" hidden></section>',
        ]
    )


def config_json(lang: str) -> str:
    """For tests: the strings the page scripts receive."""
    return json.dumps(strings(lang), ensure_ascii=False, sort_keys=True)


def render_method(lang: str) -> str:
    """Methodology: each pulse question with the construct it borrows and the dimension it feeds,
    then the constructs with their sources (one not asked, and why)."""
    model = load_pulse_cached()
    s = {key: escape(value) for key, value in strings(lang).items()}
    constructs = {c["id"]: c for c in model["constructs"]}
    sources = {source["id"]: source for source in model["sources"]}
    dimensions = {d["id"]: d for d in model["dimensions"]}
    rows = "".join(
        f"<tr><td>{n}</td><td>{escape(q['text'][lang])}</td>"
        f"<td>{escape(constructs[q['construct']]['label'][lang])}</td>"
        f"<td>{escape(dimensions[q['dimension']]['label'][lang])}</td></tr>"
        for n, q in enumerate(model["questions"], start=1)
    )
    head = "".join(
        f'<th scope="col">{s[key]}</th>'
        for key in ("pulse_method_question", "pulse_method_construct", "pulse_method_dimension")
    )
    table = (
        f'<table><caption>{s["pulse_method_caption"]}</caption><thead><tr><th scope="col">#</th>{head}'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    items = "".join(render_construct(c, sources[c["source"]], s, lang) for c in model["constructs"])
    return f'{table}\n<h3 id="pulse-constructs">{s["pulse_method_constructs"]}</h3>\n<ul>{items}</ul>'


def render_construct(construct: Model, source: Model, s: dict[str, str], lang: str) -> str:
    """One construct: its name (and "not asked"), what it means, its source and citation."""
    not_asked = "" if construct["asked"] else f" ({s['pulse_method_not_asked']})"
    citation = f". {escape(source['citation'])}" if source["citation"] else ""
    return (
        f"<li><strong>{escape(construct['label'][lang])}</strong>{not_asked}: "
        f"{escape(construct['summary'][lang])} <em>{escape(source['label'][lang])}{citation}</em></li>"
    )

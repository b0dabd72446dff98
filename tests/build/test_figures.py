"""Build layer: every figure is traced or honestly labelled, and the site shows it.

- Each entry of docs/figures.yml has every field its kind calls for; a broken entry stops the build
  with a message naming the figure and the field.
- A rule of thumb the engine applies shows the model's own value.
- The Sources page lists each figure with its kind, publisher and title, date, link and check date.
- Untraced claims never support advice: only the Sources page cites them.
"""

from __future__ import annotations

import copy
import datetime
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros import figures, site_data
from tests.languages import LANGUAGES, data, page_dir, ui
from tests.sitebuild import ROOT

DOCS = ROOT / "docs"
CITED = re.compile(r"""figure\(\s*["']([a-z0-9_]+)["']""")
ENTRY = re.compile(
    r'<div class="figure-entry" data-kind="([a-z_]+)" id="(fig-[a-z0-9-]+)">(.*?)</div>', re.DOTALL
)
LABELS = ("kind", "source", "date", "link", "checked", "caveat")


def raw_figures() -> dict[str, Any]:
    """docs/figures.yml with each language's texts (docs/locales/<lang>/figures.yml) put back."""
    loaded: dict[str, Any] = copy.deepcopy(data(DOCS / "figures.yml"))
    return loaded


def ui_strings() -> dict[str, dict[str, str]]:
    """Every page string as `{key: {lang: text}}`."""
    return {key: {lang: ui(lang)[key] for lang in LANGUAGES} for key in ui(LANGUAGES[0])}


def test_every_figure_has_every_field() -> None:
    loaded = figures.load_figures()
    assert loaded, "docs/figures.yml is empty"
    for figure_id, figure in loaded.items():
        assert figure["kind"] in figures.KINDS, figure_id
        assert figure["checked"] <= datetime.date.today(), f"{figure_id}: checked in the future"
        if figure["kind"] in figures.SOURCED:
            assert figure["status"] in figures.STATUSES, figure_id
        else:
            assert figure["url"] != "", figure_id
            assert figure["date"] == figures.NONE, figure_id


def test_french_figures_use_a_no_break_space_before_percent() -> None:
    for figure_id, figure in raw_figures().items():
        for field, texts in figure.items():
            if isinstance(texts, dict) and "fr" in texts:
                assert not re.search(r"\d[ ]?%", str(texts["fr"]).replace("\u00a0%", "")), (
                    f"{figure_id}.{field}.fr"
                )


def sample(kind: str) -> dict[str, Any]:
    """A complete entry of the given kind, taken from the real data file."""
    return copy.deepcopy(next(f for f in raw_figures().values() if f["kind"] == kind))


Breaker = Callable[[dict[str, Any]], object]
BROKEN: dict[str, tuple[str, Breaker, str]] = {
    "no kind": ("survey", lambda f: f.pop("kind"), "kind"),
    "unknown kind": ("survey", lambda f: f.update(kind="estimate"), "kind"),
    "no French publisher": ("survey", lambda f: f["publisher"].pop("fr"), "publisher.fr"),
    "blank English claim": ("official_statistic", lambda f: f["claim"].update(en=" "), "claim.en"),
    "no title": ("survey", lambda f: f.pop("title"), "title.en"),
    "no date": ("survey", lambda f: f.pop("date"), "date"),
    "date in words": ("survey", lambda f: f.update(date={"published": "spring 2025"}), "date.published"),
    "no url": ("official_statistic", lambda f: f.pop("url"), "url"),
    "plain http url": ("survey", lambda f: f.update(url="http://example.org/"), "url"),
    "no check date": ("survey", lambda f: f.pop("checked"), "checked"),
    "no status": ("survey", lambda f: f.pop("status"), "status"),
    "secondary without note": (
        "survey",
        lambda f: (f.update(status="secondary"), f.pop("note", None)),
        "note.en",
    ),
    "untraced with a blank url": ("untraced", lambda f: f.update(url=""), "url"),
    "untraced with a date": ("untraced", lambda f: f.update(date={"published": "2024"}), "date"),
    "untraced with a status": ("untraced", lambda f: f.update(status="verified"), "status"),
    "untraced without note": ("untraced", lambda f: f.pop("note"), "note.en"),
    "rule of thumb without reasoning": ("rule_of_thumb", lambda f: f["note"].pop("fr"), "note.fr"),
    "rule of thumb linking outside": ("rule_of_thumb", lambda f: f.update(url="https://example.org/"), "url"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_broken_entry_names_the_figure_and_the_field(case: str) -> None:
    kind, breaks, field = BROKEN[case]
    entry = sample(kind)
    breaks(entry)
    with pytest.raises(site_data.SiteDataError) as error:
        figures.check_figure("example_figure", entry)
    message = str(error.value)
    assert "docs/figures.yml" in message, message
    assert "`example_figure`" in message, message
    assert f"`{field}`" in message, message


def test_a_rule_of_thumb_must_show_the_engine_threshold() -> None:
    entry = {
        **sample("rule_of_thumb"),
        "model_threshold": "resistance:adoption.masked_resistance.connection_at_least",
    }
    entry["value"] = dict.fromkeys(LANGUAGES, "60%")
    with pytest.raises(site_data.SiteDataError, match=r"`example_rule`.*`value`.*50%"):
        figures.check_model_threshold("example_rule", entry)


def test_the_rules_of_thumb_cover_the_engine_usage_thresholds() -> None:
    linked = {f.get("model_threshold") for f in figures.load_figures().values()}
    adoption = site_data.load_model_cached("resistance")["adoption"]
    expected = {"resistance:adoption.significant_gap"} | {
        f"resistance:adoption.masked_resistance.{key}" for key in adoption["masked_resistance"]
    }
    assert expected <= linked, f"thresholds without a rule-of-thumb figure: {expected - linked}"


def cited_ids(page: Path) -> set[str]:
    return set(CITED.findall(page.read_text(encoding="utf-8")))


def test_untraced_claims_are_cited_only_on_the_sources_page() -> None:
    untraced = {fid for fid, f in raw_figures().items() if f["kind"] == "untraced"}
    for page in sorted(DOCS.glob("*/*.md")):
        if page.name != "sources.md":
            assert not cited_ids(page) & untraced, (
                f"{page.relative_to(ROOT)} rests an argument on an untraced claim"
            )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sources_page_shows_every_field_of_every_figure(built_site: Path, lang: str) -> None:
    page = page_dir(built_site, lang, "sources") / "index.html"
    entries = {anchor: (kind, body) for kind, anchor, body in ENTRY.findall(page.read_text(encoding="utf-8"))}
    strings = ui_strings()
    for figure_id, figure in raw_figures().items():
        kind, body = entries[figures.anchor_for(figure_id)]
        assert kind == figure["kind"], figure_id
        for label in LABELS:
            assert f"<dt>{strings['figures_' + label][lang]}</dt>" in body, f"{lang} {figure_id}: no {label}"
        assert strings[f"figures_kind_{kind}"][lang] in body, f"{lang} {figure_id}: kind not shown"
        assert figure["publisher"][lang] in body.replace("&amp;", "&"), (
            f"{lang} {figure_id}: publisher not shown"
        )
        if figure["kind"] in figures.SOURCED:
            assert f'href="{figure["url"]}"' in body.replace("&amp;", "&"), f"{lang} {figure_id}: no link"
            assert strings[f"figures_status_{figure['status']}"][lang] in body, (
                f"{lang} {figure_id}: no status"
            )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_inline_citations_label_untraced_and_own_figures(built_site: Path, lang: str) -> None:
    strings = ui_strings()
    kinds = {fid: f["kind"] for fid, f in raw_figures().items()}
    root = page_dir(built_site, lang)
    pages = [p for p in root.glob("*/index.html") if p.parent.name not in LANGUAGES]
    seen = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for figure_id, link in re.findall(
            r'data-figure="([a-z0-9_]+)">[^<]*</strong>[^<]*\(<a href="[^"]*">([^<]*)</a>', html
        ):
            if kinds[figure_id] in ("untraced", "rule_of_thumb"):
                seen += 1
                assert link == strings[f"figures_cite_{kinds[figure_id]}"][lang], (
                    f"{page}: {figure_id} cited as {link}"
                )
    assert seen, "no rule of thumb is cited inline anywhere"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_methodology_gives_the_reasoning_of_each_engine_threshold(built_site: Path, lang: str) -> None:
    page = page_dir(built_site, lang, "methodology") / "index.html"
    html = page.read_text(encoding="utf-8").replace("&#39;", "'").replace("&quot;", '"')
    for figure_id, figure in raw_figures().items():
        if figure.get("model_threshold"):
            assert f'data-figure="{figure_id}"' in html, (
                f"{lang}: {figure_id} missing from the methodology page"
            )
            assert figure["note"][lang][:60] in html, f"{lang}: reasoning of {figure_id} not shown"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_build_loader_stops_on_a_missing_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """What the strict build calls: a language file without a figure's publisher stops it, naming
    the file, the key and the language."""
    shutil.copytree(DOCS / "locales", tmp_path / "locales")
    texts_file = tmp_path / "locales" / lang / "figures.yml"
    texts = yaml.safe_load(texts_file.read_text(encoding="utf-8"))
    first = next(iter(texts))
    texts[first].pop("publisher")
    texts_file.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(site_data, "DATA_LOCALES_DIR", tmp_path / "locales")
    figures.load_figures.cache_clear()
    try:
        reference = "has no" if lang != LANGUAGES[0] else "is not a key"
        pattern = rf"{lang}/figures\.yml: \"{first}\.publisher\" {reference}"
        if lang == LANGUAGES[0]:  # the reference lost a key: the other languages now have one too many
            pattern = rf"figures\.yml: \"{first}\.publisher\" is not a key of .*{lang}/figures\.yml"
        with pytest.raises(site_data.SiteDataError, match=pattern):
            figures.render_figure(first, "en")
    finally:
        figures.load_figures.cache_clear()


def test_an_unknown_figure_is_named() -> None:
    with pytest.raises(site_data.SiteDataError, match=r"`no_such_figure`.*docs/figures\.yml"):
        figures.render_figure("no_such_figure", "fr")

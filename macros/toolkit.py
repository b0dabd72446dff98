"""The toolkit's templates: shown on the Toolkit page, and written into the site as downloadable `.md`.

Each template is one Markdown file per language in docs/toolkit/<lang>/, listed with its version and
download name in docs/toolkit/templates.yml. The same source gives two renderings:
- on the page: headings one level down with ids the two languages share (`<template>-<n>`), legal
  references cited with {{ law() }}'s link and check date, download and print buttons;
- the download: plain Markdown an organisation can paste into its own documents, legal references
  written out in full, and a closing licence line (CC0 1.0) with the template's version and date.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
from functools import cache
from pathlib import Path
from typing import Any

from macros import legal, site_data

TOOLKIT_DIR = site_data.ROOT / "docs" / "toolkit"
INDEX_FILE = TOOLKIT_DIR / "templates.yml"
# Where the downloads go, relative to each language's root (site/ and site/fr/).
DOWNLOAD_FOLDER = "toolkit"
HEADING = re.compile(r"^(#{1,5}) (.+?)\s*$", re.MULTILINE)
LAW = re.compile(r"""\{\{\s*law\(\s*["']([a-z0-9_]+)["']\s*\)\s*\}\}""")
FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.md")
VERSION = re.compile(r"\d+\.\d+\.\d+")


@cache
def load_index() -> dict[str, dict[str, Any]]:
    """The templates in page order, each checked; an error names the template and the field."""
    index = site_data.read_with_texts(INDEX_FILE) or {}
    for template_id, entry in index.items():
        check_entry(template_id, entry)
    return index


def check_entry(template_id: str, entry: dict[str, Any]) -> None:
    def fail(field: str, expected: str) -> None:
        raise site_data.SiteDataError(
            f"docs/toolkit/templates.yml: `{template_id}` has a bad `{field}` (expected {expected})."
        )

    if not VERSION.fullmatch(str(entry.get("version", ""))):
        fail("version", 'a quoted version such as "1.0.0"')
    if not isinstance(entry.get("updated"), datetime.date):
        fail("updated", "a date such as 2026-12-02")
    for lang in site_data.LANGUAGES:
        if not FILE_NAME.fullmatch(str((entry.get("file") or {}).get(lang, ""))):
            fail(f"file.{lang}", "a lowercase file name with hyphens ending in .md")
        if not source_path(template_id, lang).is_file():
            fail(f"docs/toolkit/{lang}/{template_id}.md", "the template's text in that language")


def source_path(template_id: str, lang: str) -> Path:
    return TOOLKIT_DIR / lang / f"{template_id}.md"


def find_entry(template_id: str) -> dict[str, Any]:
    index = load_index()
    if template_id not in index:
        raise site_data.SiteDataError(
            f"toolkit template `{template_id}` is not in docs/toolkit/templates.yml "
            f"(known: {', '.join(index)})."
        )
    return index[template_id]


def read_source(template_id: str, lang: str) -> tuple[str, str]:
    """The template's title (its `# ` line) and the body below it."""
    find_entry(template_id)
    text = source_path(template_id, lang).read_text(encoding="utf-8")
    first, _, body = text.partition("\n")
    if not first.startswith("# "):
        raise site_data.SiteDataError(
            f"docs/toolkit/{lang}/{template_id}.md: the first line must be the title, `# Title`."
        )
    return first[2:].strip(), body.strip()


def download_path(template_id: str, lang: str) -> str:
    """The download's path relative to its language's root, e.g. `toolkit/small-wins-log.md`."""
    return f"{DOWNLOAD_FOLDER}/{find_entry(template_id)['file'][lang]}"


def licence_line(template_id: str, lang: str) -> str:
    """The line every copy of a template carries: licence, version and date (Markdown)."""
    entry = find_entry(template_id)
    strings = site_data.load_ui_strings(lang)
    return strings["toolkit_licence_line"].format(
        version=entry["version"], date=legal.format_day(entry["updated"], lang)
    )


def cite_in_full(ref_id: str, lang: str) -> str:
    """A legal reference as plain text for a downloaded file: cite, link, check date, caveat."""
    ref = legal.find_reference(ref_id)
    strings = site_data.load_ui_strings(lang)
    checked = strings["legal_checked"].format(date=legal.format_day(ref["checked"], lang))
    caveat = f" {strings['legal_' + ref['status']]}" if ref["status"] != "verified" else ""
    return f"{ref['cite'][lang]} (<{ref['url']}>, {checked}{caveat})"


def render_download(template_id: str, lang: str, page_url: str = "") -> str:
    """The downloadable file: the template as plain Markdown, then its licence and where it comes from."""
    title, body = read_source(template_id, lang)
    body = LAW.sub(lambda match: cite_in_full(match.group(1), lang), body)
    footer = [licence_line(template_id, lang)]
    if page_url:
        footer.append(site_data.load_ui_strings(lang)["toolkit_source_line"].format(url=page_url))
    return f"# {title}\n\n{body}\n\n---\n\n" + "  \n".join(f"*{line}*" for line in footer) + "\n"


def demote_headings(template_id: str, body: str) -> str:
    """Headings one level down (the template's title is the page's h2), with ids shared by both languages."""
    count = 0

    def demote(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"#{match.group(1)} {match.group(2)} {{#{template_id}-{count}}}"

    return HEADING.sub(demote, body)


def relative_href(target: str, page_url: str) -> str:
    """A link from the page to a file, both relative to the language's root (works under any subpath)."""
    folder = page_url.rstrip("/") if page_url.endswith("/") else posixpath.dirname(page_url)
    return posixpath.relpath(target, folder or ".")


def render_actions(template_id: str, title: str, lang: str, page_url: str) -> str:
    """The download link (a real `.md` file of the site) and the print button (shown by toolkit.js)."""
    strings = site_data.load_ui_strings(lang)
    target = download_path(template_id, lang)
    # Each button's name starts with its visible label and ends with the template's title, for screen
    # readers that list buttons out of context; sighted readers see the title in the heading above.
    quoted = strings["toolkit_quoted"].format(title=html.escape(title))
    named = f'<span class="toolkit-hidden"> {quoted}</span>'
    return (
        f'<p class="toolkit-actions">'
        f'<a class="md-button" href="{relative_href(target, page_url)}" '
        f'download="{posixpath.basename(target)}" type="text/markdown">'
        f"{strings['toolkit_download']}{named}</a> "
        f'<button type="button" class="md-button toolkit-print" data-print-template="{template_id}" hidden>'
        f"{strings['toolkit_print']}{named}</button></p>"
    )


def render_on_page(template_id: str, lang: str, page_url: str) -> str:
    """One template on the Toolkit page: title, download and print buttons, text, licence line."""
    title, body = read_source(template_id, lang)
    body = LAW.sub(lambda match: legal.render_law(match.group(1), lang), demote_headings(template_id, body))
    return (
        f'<section class="toolkit-template" id="template-{template_id}" markdown>\n\n'
        f"## {title} {{#{template_id}}}\n\n{render_actions(template_id, title, lang, page_url)}\n\n"
        f"{body}\n\n"
        f'<p class="toolkit-licence" markdown>{licence_line(template_id, lang)}</p>\n\n</section>\n'
    )


def render_page(lang: str, page_url: str) -> str:
    """Every template, in the order of docs/toolkit/templates.yml."""
    return "\n".join(render_on_page(template_id, lang, page_url) for template_id in load_index())


def write_downloads(site_dir: Path, lang: str, site_url: str = "") -> list[Path]:
    """Write every template of one language into `<site_dir>/toolkit/` as a Markdown file."""
    folder = site_dir / DOWNLOAD_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    page_url = f"{site_url.rstrip('/')}/{DOWNLOAD_FOLDER}/" if site_url else ""
    written = []
    for template_id in load_index():
        target = site_dir / download_path(template_id, lang)
        target.write_text(render_download(template_id, lang, page_url), encoding="utf-8")
        written.append(target)
    return written

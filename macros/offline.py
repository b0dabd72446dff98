"""Write the service worker's manifest: which files make the assessment work offline, and a version.

The service worker (overrides/sw.js, served at the site root so that its scope covers every
language) imports `sw-manifest.js`. The version is a digest of every listed file, so any change
to a page, the runtime, the engine or a model gives a new version; the browser then installs the
new worker and it replaces the old cache in one step.

`digests` holds the SHA-256 of each listed file: the worker serves a cached copy only when its
digest matches, because any page of the same origin can write into Cache Storage (on
<account>.github.io, every project of the account shares the origin; see adr/0011).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePosixPath

from macros import runtime_assets
from macros.site_data import LANGUAGES, lang_root

# Pages a person needs offline: the assessment, how it is computed, the home page, in every language.
OFFLINE_PAGES = tuple(
    f"{lang_root(lang)}{page}" for lang in LANGUAGES for page in ("", "assessment/", "methodology/")
)
REFERENCE = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"#?]+)"', re.IGNORECASE)
MANIFEST = "sw-manifest.js"


def page_file(site_dir: Path, page: str) -> Path:
    return site_dir / page / "index.html"


def page_dependencies(site_dir: Path, page: str) -> set[str]:
    """Scripts, styles and icons a page loads, as paths relative to the site root."""
    html = page_file(site_dir, page).read_text(encoding="utf-8")
    found = set()
    for reference in REFERENCE.findall(html):
        if "://" in reference or reference.startswith(("/", "data:")):
            continue
        resolved = (PurePosixPath(page) / reference).as_posix()
        parts: list[str] = []
        for part in resolved.split("/"):
            if part == "..":
                parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        path = "/".join(parts)
        if (site_dir / path).is_file():
            found.add(path)
    return found


def list_offline_files(site_dir: Path) -> list[str]:
    """Every file the offline pages need, including modules they import and the Python runtime."""
    files: set[str] = set(OFFLINE_PAGES)
    for page in OFFLINE_PAGES:
        files |= page_dependencies(site_dir, page)
    for folder in (*(f"{lang_root(lang)}assets/js" for lang in LANGUAGES), "assets/engine"):
        files |= {p.relative_to(site_dir).as_posix() for p in (site_dir / folder).glob("*") if p.is_file()}
    # The on-demand wheels (openpyxl, for an .xlsx dropped on the team page) stay out: no offline page
    # needs them, and they are downloaded only when someone drops an .xlsx.
    on_demand = {path.name for path in runtime_assets.fetch_extra_wheels()}
    runtime = (site_dir / "assets" / "pyodide").rglob("*")
    files |= {p.relative_to(site_dir).as_posix() for p in runtime if p.is_file() and p.name not in on_demand}
    return sorted(files)


def file_path(site_dir: Path, name: str) -> Path:
    return page_file(site_dir, name) if name == "" or name.endswith("/") else site_dir / name


def digest_files(site_dir: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update(file_path(site_dir, name).read_bytes())
    return digest.hexdigest()[:16]


def file_digests(site_dir: Path, files: list[str]) -> dict[str, str]:
    """SHA-256 (hex) of each file, keyed like `files` (a page by its folder, "" for the home page)."""
    return {name: hashlib.sha256(file_path(site_dir, name).read_bytes()).hexdigest() for name in files}


def write_manifest(site_dir: Path) -> Path:
    """Write sw-manifest.js at the site root; return its path."""
    files = list_offline_files(site_dir)
    manifest = {
        "version": digest_files(site_dir, files),
        "files": files,
        "digests": file_digests(site_dir, files),
    }
    target = site_dir / MANIFEST
    target.write_text(f"self.AIAP_OFFLINE = {json.dumps(manifest, indent=1)};\n", encoding="utf-8")
    return target

"""MkDocs hook (#18): put the compiled staff pulse into the site for the browser's worker, and the
kept QR encoder (npm `qr`, pinned in package.json) the pulse page uses to show a code as a QR code.

Listed before macros/site_build.py in mkdocs.yml, so the file exists when that hook writes the
offline manifest. Only the primary (English) build writes it: every language reads the same file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # hooks are loaded by file path; make our packages importable
    sys.path.insert(0, str(ROOT))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from assessments import AssessmentError  # noqa: E402
from macros import pulse_page  # noqa: E402

QR_PACKAGE = ROOT / "node_modules" / "qr"
# The encoder only (no decoder, no DOM helpers), with its licence: the pulse page draws a response
# code as a QR code for the facilitator's camera (the workshop page reads it with BarcodeDetector).
QR_FILES = ("index.js", "LICENSE-MIT", "LICENSE")


def copy_qr_encoder(site_dir: Path) -> None:
    target = site_dir / "assets" / "vendor" / "qr"
    target.mkdir(parents=True, exist_ok=True)
    for name in QR_FILES:
        source = QR_PACKAGE / name
        if not source.is_file():
            raise Abort(f"{source.relative_to(ROOT)} is missing: run `npm ci` (or `make build`).")
        shutil.copy2(source, target / name)


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if config.extra.get("lang_root"):
        return
    try:
        pulse_page.write_pulse_asset(Path(config.site_dir))
    except AssessmentError as error:
        raise Abort(str(error)) from error
    copy_qr_encoder(Path(config.site_dir))

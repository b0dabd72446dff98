"""MkDocs hook (#18): put the compiled staff pulse into the site for the browser's worker.

Listed before macros/site_build.py in mkdocs.yml, so the file exists when that hook writes the
offline manifest. Only the primary (English) build writes it: every language reads the same file.
"""

from __future__ import annotations

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


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if config.extra.get("lang_root"):
        return
    try:
        pulse_page.write_pulse_asset(Path(config.site_dir))
    except AssessmentError as error:
        raise Abort(str(error)) from error

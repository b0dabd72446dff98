"""MkDocs hook of the survey kit (#13), declared under `hooks:` in mkdocs.yml; runs in every language.

After each language's build, the kit of each questionnaire is written into `<site_dir>/survey-kit/`
(next to the page that explains it), as the toolkit's templates are written into `toolkit/`.
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
from macros import site_data, survey_kit  # noqa: E402


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Write this language's survey kit files."""
    try:
        survey_kit.write_kit(
            Path(config.site_dir), site_data.build_language(config), config.site_name, config.site_url or ""
        )
    except (site_data.SiteDataError, AssessmentError) as error:
        raise Abort(str(error)) from error

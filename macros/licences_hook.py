"""MkDocs hooks of the toolkit and the licences (declared under `hooks:` in mkdocs.yml; both languages).

- The footer of every page names the site's three licences (overrides/partials/copyright.html
  calls `licence_footer(base_url)`).
- After each language's build, the toolkit's templates are written into `<site_dir>/toolkit/` as
  downloadable Markdown files, each with its licence line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # hooks are loaded by file path; make our packages importable
    sys.path.insert(0, str(ROOT))

from jinja2 import Environment  # noqa: E402
from markupsafe import Markup  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from macros import credits, site_data, toolkit  # noqa: E402


def on_env(env: Environment, config: MkDocsConfig, **_: Any) -> Environment:
    """Give the footer template the licence line in the build's language."""
    lang = site_data.build_language(config)

    def licence_footer(base_url: str) -> Markup:
        return Markup(credits.render_footer(lang, base_url))  # the parts are escaped in credits.py

    env.globals["licence_footer"] = licence_footer
    return env


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Write this language's templates as `.md` files next to the Toolkit page."""
    try:
        toolkit.write_downloads(
            Path(config.site_dir), site_data.build_language(config), config.site_url or ""
        )
    except site_data.SiteDataError as error:
        raise Abort(str(error)) from error

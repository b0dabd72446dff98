"""Fixtures shared by the build and browser layers: one strict build of the site per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sitebuild import TEST_SITE, build_site, serve_site


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site, freshly built in strict mode under a subpath site URL; the build log on failure."""
    done = build_site()
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return TEST_SITE


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP under a subpath, as GitHub Pages does."""
    with serve_site(built_site) as url:
        yield url

"""Fixtures shared by the build and browser layers: one strict build of the site per test run.

The build starts in the background as soon as the tests are collected (when any collected test needs
it), and the engine layer, which does not, runs first meanwhile. The build layer's tests run last:
hundreds of short ones that let the two pytest-xdist workers finish together after the long browser
tests (`make test` uses `--dist worksteal`, which takes them from the end of a worker's queue).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest

from tests.sitebuild import TEST_SITE, build_once, serve_site

# Engine, then browser, then build: the order the layers run in (see the module's docstring).
LAYER_ORDER = {"engine": 0, "browser": 1, "build": 2}
SITE_BUILD: Future[tuple[int, str]] = Future()
THIS_PROCESS = uuid.uuid4().hex


def run_id(config: pytest.Config) -> str:
    """The same for every xdist worker of one run, different for every run."""
    workerinput = getattr(config, "workerinput", None)
    return str(workerinput["testrunuid"]) if workerinput is not None else THIS_PROCESS


def layer(item: pytest.Item) -> int:
    parts = item.path.relative_to(Path(__file__).parent).parts
    return LAYER_ORDER.get(parts[0], 1) if len(parts) > 1 else 1


def start_site_build(config: pytest.Config) -> None:
    def build() -> None:
        try:
            SITE_BUILD.set_result(build_once(run_id(config)))
        except BaseException as error:  # handed to the fixture, which reports it
            SITE_BUILD.set_exception(error)

    threading.Thread(target=build, name="site-build", daemon=True).start()


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected: build only when a test needs it
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=layer)  # stable: each layer keeps its own order
    if any("built_site" in getattr(item, "fixturenames", ()) for item in items):
        start_site_build(config)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site, freshly built in strict mode under a subpath site URL; the build log on failure."""
    returncode, log = SITE_BUILD.result()
    if returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{log}", pytrace=False)
    return TEST_SITE


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP under a subpath, as GitHub Pages does."""
    with serve_site(built_site) as url:
        yield url

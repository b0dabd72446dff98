"""Build the site once per test session, the way CI and GitHub Pages do, and serve it under a subpath.

The build layer and the browser layer both use this one build: it is strict (a warning fails it),
and its site URL carries the same kind of subpath as https://ORG.github.io/REPO/.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBPATH = "/ai-adoption-playbook/"
TEST_SITE = ROOT / "build" / "test-site"
AXE_PATH = "/__tests__/axe.min.js"
AXE_FILE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def build_site(
    site_dir: Path = TEST_SITE, site_url: str = f"http://127.0.0.1{SUBPATH}"
) -> subprocess.CompletedProcess[str]:
    """Run a strict build; return the finished process (its output is the build log)."""
    env = {**os.environ, "SITE_URL": site_url}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


class SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site only below SUBPATH, like GitHub Pages serves a project site; 404 elsewhere."""

    extensions_map = {  # noqa: RUF012 - the base class defines it as a class attribute
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def translate_path(self, path: str) -> str:
        if path == AXE_PATH:  # the pinned axe-core, served same-origin so the page's CSP admits it
            return str(AXE_FILE)
        if not path.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_subpath__")
        return super().translate_path("/" + path[len(SUBPATH) :])

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@contextmanager
def serve_site(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on a free loopback port; yield the base URL with its subpath."""
    handler = functools.partial(SubpathHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    finally:
        server.shutdown()
        server.server_close()

"""Build the site once per test run, the way CI and GitHub Pages do, and serve it under a subpath.

The build layer and the browser layer both use this one build: it is strict (a warning fails it),
and its site URL carries the same kind of subpath as https://ORG.github.io/REPO/. Under
pytest-xdist the workers of one run share it: the first to ask builds while holding a file lock,
the others wait for it and read its result (one strict build per run instead of one per worker).
"""

from __future__ import annotations

import fcntl
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBPATH = "/ai-adoption-playbook/"
TEST_SITE = ROOT / "build" / "test-site"
# Which test run the build in TEST_SITE belongs to, and how that build ended (code and log).
BUILD_RECORD = ROOT / "build" / "test-site.json"
BUILD_LOCK = ROOT / "build" / "test-site.lock"
AXE_PATH = "/__tests__/axe.min.js"
AXE_FILE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def build_site(
    site_dir: Path = TEST_SITE, site_url: str = f"http://127.0.0.1{SUBPATH}"
) -> subprocess.CompletedProcess[str]:
    """Run a strict build; return the finished process (its output is the build log)."""
    env = {**os.environ, "SITE_URL": site_url}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def build_once(run_id: str) -> tuple[int, str]:
    """Build TEST_SITE strictly unless another process of the same test run (`run_id`) already did;
    return that build's exit code and log. The lock makes the other workers wait for the build."""
    BUILD_LOCK.parent.mkdir(parents=True, exist_ok=True)
    with BUILD_LOCK.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = read_build_record()
        if record.get("run") != run_id:
            shutil.rmtree(TEST_SITE, ignore_errors=True)
            done = build_site()
            record = {"run": run_id, "returncode": done.returncode, "log": done.stdout + "\n" + done.stderr}
            BUILD_RECORD.write_text(json.dumps(record), encoding="utf-8")
    return int(record["returncode"]), str(record["log"])


def read_build_record() -> dict[str, object]:
    try:
        return dict(json.loads(BUILD_RECORD.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


GZIPPED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}


@functools.cache
def gzip_bytes(path: str, modified: float) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def gzip_file(path: Path) -> bytes:
    return gzip_bytes(str(path), path.stat().st_mtime)


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

    def do_GET(self) -> None:
        """Gzip text files when the browser accepts it, as GitHub Pages does, so that the bytes the
        benchmark counts are the bytes a reader downloads (wasm and archives stay as they are)."""
        path = Path(self.translate_path(self.path.split("?")[0].split("#")[0]))
        if path.is_dir():
            path = path / "index.html"
        if not path.exists() and self.path.startswith(SUBPATH):
            self.send_not_found_page()
            return
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in GZIPPED and path.is_file()):
            super().do_GET()
            return
        self.send_gzipped(path)

    def send_gzipped(self, path: Path) -> None:
        """Answer with the file gzipped, as Pages does for text types."""
        body = gzip_file(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_not_found_page(self) -> None:
        """A missing path at any depth gets the site's root 404.html, with status 404, as on Pages."""
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        # GitHub Pages serves every file with a 10-minute cache lifetime; behave the same so that a
        # repeat visit in the tests and the benchmark sees what a repeat visit on Pages sees.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

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

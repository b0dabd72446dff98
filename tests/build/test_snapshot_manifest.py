"""Build layer: the engine snapshot is keyed by what it was made from (adr/0013).

The worker restores the snapshot only when `snapshot.json`'s key matches the runtime, the wheel and
the model it is given; this checks that the build writes a key that can match: the installed Pyodide,
the lockfile's wheel digest, the model versions of the YAML, and the file's own digest.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from macros import runtime_assets
from tests.sitebuild import ROOT


def test_the_snapshot_manifest_names_its_key_file_and_digest(built_site: Path) -> None:
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text(encoding="utf-8"))["version"]
    folder = built_site / "assets" / "pyodide" / version
    manifest = json.loads((folder / "snapshot.json").read_text(encoding="utf-8"))
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    models = runtime_assets.list_model_versions()
    assert manifest["key"] == {
        "pyodide": version,
        "wheel_sha256": lock["packages"]["assessments"]["sha256"],
        "models": models,
    }
    for model in models:  # the names the pages ask for
        assert (built_site / "assets" / "engine" / f"{model}.json").is_file()
    packed = (folder / manifest["file"]).read_bytes()
    assert hashlib.sha256(packed).hexdigest() == manifest["sha256"]
    assert len(packed) == manifest["bytes"]
    assert len(gzip.decompress(packed)) > 4 * len(packed), "a gzip of the interpreter's memory"


def test_the_offline_copy_lists_the_snapshot_with_its_digest(built_site: Path) -> None:
    text = (built_site / "sw-manifest.js").read_text(encoding="utf-8")
    offline = json.loads(text[text.index("{") : text.rindex("}") + 1])
    snapshot = next(name for name in offline["files"] if name.endswith(".bin.gz"))
    assert offline["digests"][snapshot] == hashlib.sha256((built_site / snapshot).read_bytes()).hexdigest()


def test_on_demand_wheels_are_in_the_lockfile_with_their_pinned_digest_not_offline(built_site: Path) -> None:
    version = json.loads((ROOT / "node_modules/pyodide/package.json").read_text(encoding="utf-8"))["version"]
    lockfile = built_site / "assets/pyodide" / version / "pyodide-lock.json"
    lock = json.loads(lockfile.read_text(encoding="utf-8"))
    text = (built_site / "sw-manifest.js").read_text(encoding="utf-8")
    offline = json.loads(text[text.index("{") : text.rindex("}") + 1])["files"]
    for name, pinned, digest in runtime_assets.list_extra_pins():
        entry = lock["packages"][name]
        assert (entry["version"], entry["sha256"]) == (pinned, digest)
        assert not [file for file in offline if file.endswith(entry["file_name"])]
    assert [file for file in offline if file.endswith(lock["packages"]["assessments"]["file_name"])]

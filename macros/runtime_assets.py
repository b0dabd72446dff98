"""Put the in-browser runtime into the built site: self-hosted Pyodide and its licence, the engine wheel,
its lockfile, and a memory snapshot of the engine made at build time.

Only the files a browser needs are copied (no console pages, typings or source maps). The lockfile
is trimmed to our own wheels (the engine, and openpyxl with its dependency, loaded only when an .xlsx
is dropped): the stock one lists ~350 packages this site never serves, and every byte of it is parsed
before Python starts. See adr/0002-self-hosted-pyodide.md.

The snapshot (adr/0015-build-time-snapshot.md) is made by `macros/make_snapshot.mjs` in Node with the
same pinned Pyodide; `snapshot.json` beside it names its key (Pyodide version, wheel digest, model
versions), its file and its SHA-256, which the engine worker checks before restoring it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# Pyodide is under MPL-2.0, whose text must travel with the files; its npm package holds no copy, so
# the repository keeps the licence text (LICENSES/MPL-2.0.txt) and the build puts it beside the runtime.
RUNTIME_LICENCE = ROOT / "LICENSES" / "MPL-2.0.txt"
LOCKFILE = "pyodide-lock.json"
WHEEL_CACHE = ROOT / "build" / "wheel-cache"
ENGINE_SOURCES = ("assessments/*.py", "assessments/py.typed", "pyproject.toml")
# Pure-Python wheels loaded on demand (openpyxl for .xlsx exports), pinned with their SHA-256.
EXTRA_WHEELS = ROOT / "macros" / "browser-wheels.txt"
SNAPSHOT_SCRIPT = ROOT / "macros" / "make_snapshot.mjs"
SNAPSHOT_CACHE = ROOT / "build" / "snapshot-cache"
SNAPSHOT_MANIFEST = "snapshot.json"
MODELS = ROOT / "assessments" / "models"


class RuntimeAssetsError(RuntimeError):
    """A build step that cannot go on; the message says what to run or install."""


def read_pyodide_version() -> str:
    """Return the version of the Pyodide package installed by `npm ci`."""
    manifest = PYODIDE_PACKAGE / "package.json"
    if not manifest.is_file():
        raise RuntimeAssetsError(
            f"{manifest.relative_to(ROOT)} is missing: run `npm ci` (or `make build`) to install "
            "the pinned Pyodide runtime from package-lock.json."
        )
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def runtime_folder(site_dir: Path, version: str) -> Path:
    """The versioned folder of the runtime in the site, so a new release never mixes with a cached old one."""
    return site_dir / "assets" / "pyodide" / version


def copy_runtime(site_dir: Path) -> Path:
    """Copy the runtime files into the site and return their folder."""
    target = runtime_folder(site_dir, read_pyodide_version())
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copy2(PYODIDE_PACKAGE / name, target / name)
    shutil.copy2(RUNTIME_LICENCE, target / "LICENSE")
    return target


def hash_engine_sources() -> str:
    """A short digest of everything that goes into the wheel, to rebuild it only when it changed."""
    digest = hashlib.sha256()
    for pattern in ENGINE_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def copy_engine_sources(target: Path) -> Path:
    """A clean copy of what the wheel holds: an in-tree build would reuse stale build/ folders."""
    for pattern in ENGINE_SOURCES:
        for path in ROOT.glob(pattern):
            destination = target / path.relative_to(ROOT)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
    return target


def build_wheel() -> Path:
    """Build the engine wheel (pure Python, no dependencies), reusing the cached one when sources match."""
    cache = WHEEL_CACHE / hash_engine_sources()
    wheels = sorted(cache.glob("*.whl"))
    if wheels:
        return wheels[0]
    with tempfile.TemporaryDirectory() as scratch:
        source = copy_engine_sources(Path(scratch) / "src")
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"]
        run_command([*command, "--wheel-dir", scratch, str(source)])
        built = sorted(Path(scratch).glob("*.whl"))
        if not built:
            raise RuntimeAssetsError("pip wheel produced no wheel for the engine (see the output above).")
        cache.mkdir(parents=True, exist_ok=True)
        # Parallel test workers may build at once: publish the wheel with an atomic rename.
        partial = Path(shutil.copy2(built[0], cache / f".{built[0].name}.{os.getpid()}"))
        return partial.replace(cache / built[0].name)


def list_extra_pins() -> list[tuple[str, str, str]]:
    """(distribution, version, SHA-256) of each on-demand wheel, as `browser-wheels.txt` pins them."""
    pins = []
    for line in EXTRA_WHEELS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement, digest = line.split()
            name, version = requirement.split("==")
            pins.append((name, version, digest.removeprefix("--hash=sha256:")))
    return pins


def fetch_extra_wheels() -> list[Path]:
    """Download the on-demand wheels once (pip checks each against its pinned SHA-256), then reuse them."""
    cache = WHEEL_CACHE / ("extra-" + hashlib.sha256(EXTRA_WHEELS.read_bytes()).hexdigest()[:16])
    wheels = sorted(cache.glob("*.whl"))
    if wheels:
        return wheels
    WHEEL_CACHE.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".extra-", dir=WHEEL_CACHE))
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
    run_command([*command, "--require-hashes", "-r", str(EXTRA_WHEELS), "--dest", str(scratch)])
    # Parallel test workers may download at once: publish the folder with an atomic rename.
    try:
        scratch.replace(cache)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)  # another worker published the same wheels first
    return sorted(cache.glob("*.whl"))


def write_lockfile(folder: Path, wheel: Path) -> Path:
    """Write a lockfile that lists only our wheels, with `pyodide lockfile add-wheels`."""
    stock = json.loads((PYODIDE_PACKAGE / LOCKFILE).read_text(encoding="utf-8"))
    trimmed = folder / "pyodide-lock.stock.json"
    trimmed.write_text(json.dumps({"info": stock["info"], "packages": {}}), encoding="utf-8")
    placed = [Path(shutil.copy2(path, folder / path.name)) for path in (wheel, *fetch_extra_wheels())]
    output = folder / LOCKFILE
    pyodide_cli = Path(sys.executable).with_name("pyodide")
    run_command(
        [
            str(pyodide_cli),
            "lockfile",
            "add-wheels",
            "--input",
            str(trimmed),
            "--output",
            str(output),
            "--base-path",
            str(folder),
            *map(str, placed),
        ]
    )
    trimmed.unlink()
    return output


def run_command(command: list[str]) -> None:
    """Run a build tool; on failure raise with its output so the build log says what went wrong."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeAssetsError(f"`{' '.join(command)}` failed:\n{done.stdout}{done.stderr}")


def list_model_versions() -> list[str]:
    """`<assessment>-<version>` of every model, as the compiled model files are named."""
    # Only the version field: every questionnaire (the leaders' and the staff pulse, each with its own
    # validator) is validated where the site loads it; here a version change is all the key needs.
    from assessments.loader import read_yaml  # imported late: build-only

    versions = {path.stem: dict(read_yaml(path) or {}).get("version") for path in MODELS.glob("*.yml")}  # type: ignore[call-overload]
    return sorted(f"{stem}-{version}" for stem, version in versions.items())


def snapshot_key(version: str, wheel_sha256: str, models: list[str]) -> dict[str, Any]:
    """What a snapshot was made from; the worker restores it only when all of it matches."""
    return {"pyodide": version, "wheel_sha256": wheel_sha256, "models": models}


def key_digest(key: dict[str, Any]) -> str:
    """A short name for a key, with the snapshot script itself, so a new script makes a new file."""
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode())
    digest.update(SNAPSHOT_SCRIPT.read_bytes())
    return digest.hexdigest()[:16]


def make_snapshot(folder: Path, lockfile: Path, wheel: Path, name: str) -> Path:
    """Run the Node script once per key; later builds (and parallel test builds) reuse its output."""
    cached = SNAPSHOT_CACHE / name
    if cached.is_file():
        return cached
    if shutil.which("node") is None:
        raise RuntimeAssetsError(
            "node is required to make the engine snapshot (Node.js >= 18, as for npm ci)."
        )
    SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
    partial = SNAPSHOT_CACHE / f".{name}.{os.getpid()}"
    run_command(["node", str(SNAPSHOT_SCRIPT), str(folder), str(lockfile), str(wheel), str(partial)])
    return partial.replace(cached)


def write_snapshot(folder: Path, lockfile: Path, version: str) -> Path:
    """Place the snapshot and its manifest (`snapshot.json`) in the runtime folder; return the manifest."""
    entries = json.loads(lockfile.read_text(encoding="utf-8"))["packages"]
    wheel = folder / entries["assessments"]["file_name"]
    key = snapshot_key(version, entries["assessments"]["sha256"], list_model_versions())
    name = f"snapshot-{key_digest(key)}.bin.gz"
    placed = Path(shutil.copy2(make_snapshot(folder, lockfile, wheel, name), folder / name))
    data = placed.read_bytes()
    manifest = {"key": key, "file": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    target = folder / SNAPSHOT_MANIFEST
    target.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return target


def install_runtime(site_dir: Path) -> Path:
    """Copy Pyodide, build and place the engine wheel, write the lockfile and the engine snapshot;
    return the runtime folder."""
    folder = copy_runtime(site_dir)
    lockfile = write_lockfile(folder, build_wheel())
    write_snapshot(folder, lockfile, read_pyodide_version())
    return folder

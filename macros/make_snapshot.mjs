// @ts-check
// Build-time memory snapshot of the engine (called by macros/runtime_assets.py, adr/0013).
//
// Starts the pinned Pyodide from node_modules in Node, installs the engine wheel the way the
// engine worker does (unpacked, then imported, never through loadPackage, whose JavaScript
// references cannot be snapshotted), imports `assessments.bridge` and writes the interpreter's
// memory, gzip-compressed, to the output path. No model and no answer is loaded: the snapshot holds
// code only. A browser restores it with loadPyodide({_loadSnapshot}); Pyodide itself refuses a
// snapshot made by another build of its runtime.
//
// Usage: node macros/make_snapshot.mjs <runtime folder> <lockfile> <wheel> <output.gz>
// Prints one JSON line: {"raw_bytes": n, "bytes": n}.
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const [runtime, lockPath, wheelPath, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node macros/make_snapshot.mjs <runtime folder> <lockfile> <wheel> <output.gz>");
  process.exit(2);
}

const { loadPyodide } = await import(pathToFileURL(`${runtime}/pyodide.mjs`).href);
const lock = JSON.parse(await readFile(lockPath, "utf8"));
const py = await loadPyodide({
  indexURL: `${runtime}/`,
  lockFileContents: lock,
  // A fixed hash seed makes the snapshot the same bytes for the same inputs (a restored
  // interpreter keeps the seed it was saved with, whatever it is).
  env: { PYTHONHASHSEED: "0" },
  _makeSnapshot: true,
});
py.unpackArchive(new Uint8Array(await readFile(wheelPath)), "wheel");
for (const entry of Object.values(lock.packages ?? {})) {
  for (const name of /** @type {{imports: string[]}} */ (entry).imports) py.runPython(`import ${name}`);
}
py.runPython("import assessments.bridge");
const raw = py.makeMemorySnapshot();
const packed = gzipSync(raw, { level: 9 });
await writeFile(output, packed);
console.log(JSON.stringify({ raw_bytes: raw.length, bytes: packed.length }));

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
// Free heap blocks still hold the bytes of whatever used them during the start; zeroing them before
// the snapshot is taken makes the gzip about 13 % smaller (6.4 → 5.6 MB, measured).
//
// Usage: node macros/make_snapshot.mjs <runtime folder> <lockfile> <wheel> <output.gz>
// Prints one JSON line: {"raw_bytes": n, "bytes": n}.
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const ZERO_FREE_BLOCKS = `
import gc
gc.collect()
_zeros = []
for _size in (1 << 14, 1 << 10):
    try:
        while True:
            _zeros.append(bytearray(_size))
    except MemoryError:
        pass
del _zeros, _size
gc.collect()
del gc
`;

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
// Only the engine's own imports: the lockfile also lists wheels loaded on demand (openpyxl), which the
// snapshot must not hold (they are not installed here, and most visits never need them).
const wheelName = wheelPath.split(/[\\/]/).pop();
for (const entry of Object.values(lock.packages ?? {})) {
  const { file_name, imports } = /** @type {{file_name: string, imports: string[]}} */ (entry);
  if (file_name === wheelName) for (const name of imports) py.runPython(`import ${name}`);
}
py.runPython("import assessments.bridge");
const heapSize = py._module.HEAP8.length;
zeroFreeMemory();
if (py._module.HEAP8.length !== heapSize) throw new Error("the heap grew while zeroing free memory");
const raw = py.makeMemorySnapshot();
await checkRestores(raw);
const packed = gzipSync(raw, { level: 9 });
await writeFile(output, packed);
console.log(JSON.stringify({ raw_bytes: raw.length, bytes: packed.length }));

/**
 * Fill the allocator's free blocks with zeros without growing the heap: cap malloc's footprint at
 * its current size, allocate zeroed buffers until malloc refuses, free them, lift the cap. The heap
 * must not grow: Pyodide restores a snapshot into a memory of the runtime's own initial size.
 * Uses Pyodide's Emscripten module (`_module`) for dlmalloc's footprint functions.
 */
function zeroFreeMemory() {
  const module = py._module;
  module._malloc_set_footprint_limit(module._malloc_footprint());
  try {
    py.runPython(ZERO_FREE_BLOCKS);
  } finally {
    module._malloc_set_footprint_limit(0xffffffff); // (size_t) -1: no limit
  }
}

/** Refuse to write a snapshot that does not restore. @param {Uint8Array} raw */
async function checkRestores(raw) {
  const restored = await loadPyodide({ indexURL: `${runtime}/`, lockFileContents: lock, _loadSnapshot: raw });
  restored.runPython("import assessments.bridge");
}

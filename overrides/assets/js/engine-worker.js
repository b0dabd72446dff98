// @ts-check
// Module Web Worker that runs the Python engine with the self-hosted Pyodide runtime.
// Pyodide 314 refuses classic workers, and it needs an absolute indexURL: the page sends both the
// runtime folder and the model URL as absolute URLs in its first message ("init").
//
// Protocol (page → worker): {id, method, payload}; (worker → page): {id, ok, result | error}.
// Status messages: {type: "status", state: "loading" | "ready" | "failed", detail}.
export {}; // a module (it runs as a module worker): its names stay its own

/** @type {Promise<any> | null} */
let booting = null;

/** @type {any} the engine's browser bridge (assessments.bridge), once loaded */
let bridge = null;

/** @type {{runtime: string, lock: any} | null} where the lockfile's wheels are, once booted */
let wheelSource = null;

/** Pyodide's own Python objects never cross the boundary: every call returns JSON text. */
const handlers = {
  /** @param {any} py */
  check: (py) => py.runPython("1 + 1"),
  /** @param {any} _py @param {object} payload */
  bridge: (_py, payload) => bridge.handle(JSON.stringify(payload)),
  /** @param {any} py @param {{name: string, bytes: ArrayBuffer}} payload */
  file: (py, payload) => receiveFile(py, payload),
};

// ---- Files the person drops (survey exports, usage reports) -------------------------------------
// The page transfers the bytes; they go into Pyodide's in-memory file system (never to a server or
// to storage) and the engine reads them from there. An .xlsx needs openpyxl, whose wheels are in the
// site's lockfile but are fetched only now, the first time one is dropped.
const UPLOADS = "/tmp/uploads";
const XLSX_READER = "openpyxl";
let nextUpload = 1;
/** @type {Set<string>} */
const installed = new Set();

/** A zip archive (what an .xlsx is) begins with "PK\x03\x04". @param {Uint8Array} bytes */
function isZip(bytes) {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A lockfile package and every package it depends on, dependencies first. @param {any} lock @param {string} name */
function withDependencies(lock, name, seen = new Set()) {
  /** @type {any[]} */
  const order = [];
  if (seen.has(name)) return order;
  seen.add(name);
  const entry = lock.packages?.[name];
  if (!entry) throw new Error(`${name} is not in the site's pyodide-lock.json`);
  for (const dependency of entry.depends ?? []) order.push(...withDependencies(lock, dependency, seen));
  order.push(entry);
  return order;
}

/** Install a lockfile package on demand, each wheel checked against its digest. @param {any} py @param {string} name */
async function installOnDemand(py, name) {
  if (installed.has(name) || !wheelSource) return;
  const { runtime, lock } = wheelSource;
  const entries = withDependencies(lock, name).filter((entry) => !installed.has(entry.name));
  const wheels = await Promise.all(entries.map((entry) => fetchWheel(runtime, entry)));
  wheels.forEach((wheel, i) => {
    py.unpackArchive(wheel, "wheel");
    installed.add(entries[i].name);
  });
  py.runPython("import importlib; importlib.invalidate_caches()");
}

/** Write a dropped file where the engine can read it; return its path. @param {any} py @param {{name: string, bytes: ArrayBuffer}} payload */
async function receiveFile(py, { name, bytes }) {
  const data = new Uint8Array(bytes);
  if (isZip(data) || /\.xlsx$/i.test(name ?? "")) await installOnDemand(py, XLSX_READER);
  py.FS.mkdirTree(UPLOADS);
  // The engine reads a file right after it arrives; older ones only hold memory (up to 50 MB each).
  for (const old of py.FS.readdir(UPLOADS)) {
    if (Number(old) < nextUpload - 1) py.FS.unlink(`${UPLOADS}/${old}`);
  }
  const path = `${UPLOADS}/${nextUpload++}`;
  py.FS.writeFile(path, data);
  return path;
}

/** Fetch a same-origin file, failing with the URL and status. @param {string} url @param {RequestInit} [options] */
async function fetchOk(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// ---- Our wheels ---------------------------------------------------------------------------------
// The site's lockfile (written by `pyodide lockfile add-wheels`) names each wheel and its SHA-256.
// We install from it ourselves, checking the digest as loadPackage does, because loadPackage leaves
// JavaScript references inside the interpreter that make it impossible to snapshot (below).

/** @param {BufferSource} bytes */
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Download a wheel and refuse it unless its digest is the lockfile's. @param {string} runtime @param {any} entry */
async function fetchWheel(runtime, entry) {
  const bytes = await (await fetchOk(`${runtime}${entry.file_name}`)).arrayBuffer();
  if ((await sha256(bytes)) !== entry.sha256)
    throw new Error(`${entry.file_name}: checksum does not match the lockfile`);
  return bytes;
}

// ---- Snapshots ----------------------------------------------------------------------------------
// Starting Python (unpacking the standard library, first imports) costs seconds of CPU. Two kinds
// of memory snapshot of the interpreter, with the engine's code imported and nothing personal
// (no model, no answer), let a start skip that work (adr/0013, adr/0004):
// - the build's snapshot (`snapshot.json` names it, its key and its SHA-256), made in Node with the
//   same pinned Pyodide and served gzip-compressed beside the runtime;
// - today's path: the snapshot this device took after its first start from scratch, kept in Cache
//   Storage. It is the fallback when the build's snapshot is missing, stale (its key does not
//   match this runtime, wheel and model), fails to load, or would take too long to download.

/**
 * @typedef {{key: {pyodide: string, wheel_sha256: string, models: string[]}, file: string,
 *   sha256: string, bytes: number}} SnapshotManifest
 * @typedef {{snapshot?: false | "auto" | "build" | "device", runtime: string, packages?: string[],
 *   model?: string}} InitPayload
 */

// The build's snapshot saves about 2.5 s of CPU on a laptop (more on a phone) but costs its download
// (5.6 MB). On a slow link that download takes longer than the start it saves, so the worker
// watches its own download and gives up when what remains would take longer than this budget; the link
// is measured rather than read from navigator.connection, which Chromium caps at 10 Mbit/s and
// other browsers lack. A cached copy (HTTP cache or the service worker's) always arrives in time.
const SNAPSHOT_DOWNLOAD_BUDGET_MS = 2000;
const SNAPSHOT_PROBE_MS = 250;

/** @param {string} message */
function note(message) {
  console.info(`engine: ${message}`); // for developers only: the page shows nothing of this
}

/** The model's file stem (`resistance-1.1.0`) from its URL. @param {string | undefined} url */
function modelName(url) {
  return url ? decodeURIComponent(url.split("?")[0].split("/").pop() ?? "").replace(/\.json$/, "") : null;
}

/**
 * Why the build's snapshot cannot serve this start, or null when its key matches.
 * @param {SnapshotManifest} manifest @param {string} version @param {any} lock @param {InitPayload} init
 */
function staleReason(manifest, version, lock, init) {
  const key = manifest.key ?? {};
  if (key.pyodide !== version) return `made for Pyodide ${key.pyodide}, runtime is ${version}`;
  if (key.wheel_sha256 !== lock.packages?.assessments?.sha256) return "made from another engine wheel";
  const model = modelName(init.model);
  if (model && !key.models?.includes(model)) return `made for models ${key.models}, page uses ${model}`;
  return null;
}

/**
 * Download the snapshot, giving up when the link is too slow for it to pay off (unless forced). The
 * rate is measured from the first byte on: the wait for that byte (a busy service worker, a queue
 * of parallel requests) says little about the link.
 * `decide` is called as soon as the snapshot is known to arrive in time.
 * @param {string} url @param {number} size @param {boolean} forced @param {() => void} decide
 * @returns {Promise<Uint8Array<ArrayBuffer> | string>}
 */
async function downloadSnapshot(url, size, forced, decide) {
  const controller = new AbortController();
  const response = await fetchOk(url, { signal: controller.signal });
  if (forced) decide();
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let received = 0;
  let firstByte = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    firstByte ||= performance.now();
    const elapsed = performance.now() - firstByte;
    const remaining = ((size - received) * elapsed) / Math.max(1, received - chunks[0].length);
    if (!forced && elapsed > SNAPSHOT_PROBE_MS && remaining > SNAPSHOT_DOWNLOAD_BUDGET_MS) {
      controller.abort();
      return `slow link: ${Math.round(remaining)} ms more for ${size - received} of ${size} bytes`;
    }
    if (elapsed > SNAPSHOT_PROBE_MS) decide();
  }
  decide();
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) bytes.set(chunk, (offset += chunk.length) - chunk.length);
  return bytes;
}

/**
 * The service worker's copy, read from Cache Storage directly: used whatever the link, never judged
 * by how fast a busy device serves it. Any cache of the origin may answer (another page of the origin
 * could plant a copy), so the caller checks its digest against snapshot.json like a download's.
 * @param {string} url @returns {Promise<Uint8Array<ArrayBuffer> | null>}
 */
async function readCachedCopy(url) {
  try {
    const response = await caches.match(url);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null; // no Cache Storage here (private mode, policy)
  }
}

/** @param {Uint8Array<ArrayBuffer>} packed */
async function gunzip(packed) {
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The build's snapshot manifest when its key matches this start, or the reason it cannot serve it.
 * @param {InitPayload} init @param {Promise<string>} version @param {Promise<any>} lock
 * @returns {Promise<SnapshotManifest | string>}
 */
async function readBuildManifest(init, version, lock) {
  if (init.snapshot === false || init.snapshot === "device") return "not requested";
  try {
    const response = await fetch(`${init.runtime}snapshot.json`);
    if (!response.ok) return `no snapshot.json (HTTP ${response.status})`;
    /** @type {SnapshotManifest} */
    const manifest = await response.json();
    const stale = staleReason(manifest, await version, await lock, init);
    return stale ? `stale: ${stale}` : manifest;
  } catch (error) {
    return String(/** @type {any} */ (error)?.message ?? error);
  }
}

/** The build's snapshot cannot be used for this start (not an error of the runtime). */
class SnapshotUnusable extends Error {}

/**
 * The build's snapshot, downloaded, checked against its manifest and decompressed.
 * @param {InitPayload} init @param {SnapshotManifest} manifest @param {() => void} decide
 * @returns {Promise<Uint8Array>}
 */
async function fetchBuildSnapshot(init, manifest, decide) {
  const url = `${init.runtime}${manifest.file}`;
  const cached = await readCachedCopy(url);
  if (cached && (await sha256(cached)) === manifest.sha256) {
    decide();
    return await gunzip(cached);
  }
  const packed = await downloadSnapshot(url, manifest.bytes, init.snapshot === "build", decide);
  if (typeof packed === "string") throw new SnapshotUnusable(packed);
  if ((await sha256(packed)) !== manifest.sha256)
    throw new SnapshotUnusable(`${manifest.file}: digest does not match snapshot.json`);
  return await gunzip(packed);
}

// The device's own snapshot is memory the interpreter resumes from: a replaced snapshot would run
// someone else's code in this worker. It is kept with its SHA-256 and checked before loading; a
// snapshot without a matching digest is deleted and Python starts from scratch. This catches a
// truncated, corrupted or naively replaced copy; code running on the same origin could rewrite both
// the snapshot and its digest, which is why the README and the Privacy page recommend a dedicated
// origin (adr/0011). The build's snapshot has no such limit: its digest comes from the build.
const SNAPSHOT_CACHE = "aiap-runtime";
const SNAPSHOT_DIGEST = "X-AIAP-SHA256";

/** @param {string} key @returns {Promise<Uint8Array | null>} */
async function readDeviceSnapshot(key) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const response = await cache.match(key);
    if (!response) return null;
    const bytes = await response.arrayBuffer();
    const expected = response.headers.get(SNAPSHOT_DIGEST);
    if (expected && (await sha256(bytes)) === expected) return new Uint8Array(bytes);
    await cache.delete(key);
    return null;
  } catch {
    return null; // no Cache Storage here (private mode, policy): start normally
  }
}

/**
 * Keep this start's snapshot, and drop only the ones it replaces (another runtime, or the same
 * packages with other wheels): the Browser check page (no packages) and the assessment keep one
 * each, so opening one never makes the other start cold again.
 * @param {string} key @param {Uint8Array<ArrayBuffer>} snapshot
 */
async function saveDeviceSnapshot(key, snapshot) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const family = `${key.split("&engine=")[0]}&engine=`;
    for (const request of await cache.keys()) {
      if (request.url.startsWith(family) || !request.url.startsWith(key.split("snapshot?")[0]))
        await cache.delete(request);
    }
    const digest = await sha256(snapshot);
    const headers = { "Content-Type": "application/octet-stream", [SNAPSHOT_DIGEST]: digest };
    await cache.put(key, new Response(snapshot, { headers }));
  } catch {
    // Quota or policy: the next visit simply starts from scratch.
  }
}

/** Set while a snapshot is being restored: a failure then is ours to handle, not the page's. */
let restoring = false;
/** Set once an attempt from the build's snapshot was dropped and its requests aborted. */
let dropped = false;

/**
 * Restore the device's snapshot; null (and a console note) when it fails.
 * @param {any} loadPyodide @param {object} options @param {Uint8Array} snapshot @param {string} what
 */
async function restore(loadPyodide, options, snapshot, what) {
  restoring = true;
  try {
    return await loadPyodide({ ...options, _loadSnapshot: snapshot });
  } catch (error) {
    note(`the ${what} snapshot failed to load (${String(/** @type {any} */ (error)?.message ?? error)})`);
    return null;
  } finally {
    restoring = false;
  }
}

/**
 * Start Pyodide from the build's snapshot while that snapshot is still downloading and unpacking,
 * so the runtime's own downloads and compilation overlap it (Pyodide awaits `_loadSnapshot` just
 * before it instantiates). The runtime's downloads start only once the snapshot is known to arrive
 * in time (cached, or fast enough after its first 250 ms): on a slow link the fallback then has the
 * whole link, not the leftovers of a dropped attempt. If the snapshot still turns out unusable (bad
 * digest) or fails to restore, the runtime's requests of this attempt are aborted, so the fallback
 * starts clean instead of queueing behind half-read downloads; `fetch` is wrapped for that.
 * @param {any} loadPyodide @param {object} options @param {InitPayload} init @param {SnapshotManifest} manifest
 */
async function restoreBuild(loadPyodide, options, init, manifest) {
  let decide = () => {};
  const decided = new Promise((resolve) => (decide = () => resolve(null)));
  const snapshot = fetchBuildSnapshot(init, manifest, decide);
  snapshot.catch(() => {}); // handled below, through loadPyodide; never an "unhandled rejection"
  const early = await Promise.race([
    decided,
    snapshot.then(
      () => null,
      (/** @type {unknown} */ error) => error,
    ),
  ]);
  if (early) {
    note(`starting without the build's snapshot: ${String(/** @type {any} */ (early)?.message ?? early)}`);
    return null;
  }
  const controller = new AbortController();
  const fetchAll = self.fetch;
  self.fetch = (input, request = {}) => {
    const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
    const pending = fetchAll(input, { ...request, signal });
    pending.catch(() => {}); // an aborted request of a dropped attempt is not a failure of the page
    return pending;
  };
  restoring = true;
  try {
    return await loadPyodide({ ...options, _loadSnapshot: snapshot });
  } catch (error) {
    dropped = true;
    controller.abort();
    const reason = String(/** @type {any} */ (error)?.message ?? error);
    note(
      error instanceof SnapshotUnusable
        ? `starting without the build's snapshot: ${reason}`
        : `the build's snapshot failed to load (${reason})`,
    );
    return null;
  } finally {
    self.fetch = fetchAll;
    restoring = false;
  }
}

/**
 * Start Python with our wheels installed and imported: from the build's snapshot when it matches
 * and arrives in time, else from this device's snapshot, else from scratch (downloading the wheels
 * meanwhile, then taking a device snapshot for next time).
 * @param {any} loadPyodide @param {InitPayload} init @param {any} lock
 * @param {Promise<SnapshotManifest | string>} buildManifest
 */
async function startPython(loadPyodide, init, lock, buildManifest) {
  const entries = (init.packages ?? []).map((name) => {
    const entry = lock.packages?.[name];
    if (!entry) throw new Error(`${name} is not in the site's pyodide-lock.json`);
    return entry;
  });
  // The worker already has the lockfile: Pyodide need not fetch it a second time.
  const options = { indexURL: init.runtime, lockFileContents: lock, packageBaseUrl: init.runtime };
  const manifest = await buildManifest;
  if (typeof manifest !== "string") {
    const py = await restoreBuild(loadPyodide, options, init, manifest);
    if (py) return { py, source: "build", fresh: null, key: "" };
  } else if (init.snapshot !== false && init.snapshot !== "device") {
    note(`starting without the build's snapshot: ${manifest}`);
  }
  const useDevice = init.snapshot !== false;
  const names = entries.map((e) => e.name).join(",");
  const key = `${init.runtime}snapshot?packages=${names}&engine=${entries.map((e) => e.sha256.slice(0, 16)).join("-")}`;
  const saved = useDevice ? await readDeviceSnapshot(key) : null;
  if (saved) {
    const py = await restore(loadPyodide, options, saved, "device");
    if (py) return { py, source: "device", fresh: null, key };
    await caches.delete(SNAPSHOT_CACHE).catch(() => {});
  }
  const wheels = Promise.all(entries.map((entry) => fetchWheel(init.runtime, entry)));
  const py = await loadPyodide({ ...options, _makeSnapshot: useDevice });
  for (const wheel of await wheels) py.unpackArchive(wheel, "wheel");
  for (const name of entries.flatMap((entry) => entry.imports)) py.runPython(`import ${name}`);
  if (entries.length) py.runPython("import assessments.bridge");
  return { py, source: "scratch", fresh: useDevice ? py.makeMemorySnapshot() : null, key };
}

/**
 * Load the runtime, the engine and the compiled model; the model's, the lockfile's and the build
 * snapshot's downloads overlap the runtime's start.
 * @param {InitPayload} init
 */
async function boot(init) {
  /** @type {Array<[string, number]>} */
  const steps = [["start", performance.now()]];
  const step = (/** @type {string} */ name) => steps.push([name, performance.now()]);
  const modelText = init.model ? fetchOk(init.model).then((response) => response.text()) : Promise.resolve(null);
  const lock = fetchOk(`${init.runtime}pyodide-lock.json`).then((response) => response.json());
  const runtime = import(`${init.runtime}pyodide.mjs`);
  const version = runtime.then((module) => String(module.version));
  const buildManifest = readBuildManifest(init, version, lock);
  const { loadPyodide } = await runtime;
  step("import");
  const { py, source, fresh, key } = await startPython(loadPyodide, init, await lock, buildManifest);
  wheelSource = { runtime: init.runtime, lock: await lock };
  for (const name of init.packages ?? []) installed.add(name);
  step(`python-and-engine-from-${source}`);
  if (init.model) {
    bridge = py.pyimport("assessments.bridge");
    bridge.load_model(await modelText);
    step("model");
  }
  // Durations of each step, for `make bench` (which reports where the start-up time goes).
  const timings = Object.fromEntries(steps.slice(1).map(([name, t], i) => [name, Math.round(t - steps[i][1])]));
  self.postMessage({ type: "status", state: "ready", detail: { timings, source, snapshot: source !== "scratch" } });
  if (fresh) await saveDeviceSnapshot(key, fresh);
  return py;
}

/** @param {unknown} error */
function reportFailure(error) {
  const reason = String(/** @type {any} */ (error)?.message ?? error);
  self.postMessage({ type: "status", state: "failed", detail: { reason } });
}

// When the runtime's own download fails (a proxy or policy blocking WebAssembly, a dropped
// connection), Emscripten aborts with an unhandled rejection and loadPyodide() never settles:
// report it at once instead of letting the page wait for its time-out.
self.addEventListener("unhandledrejection", (event) => {
  if (dropped && event.reason?.name === "AbortError") {
    event.preventDefault(); // a download of the dropped attempt (e.g. the standard library), not a failure
    return;
  }
  if (restoring) note(`while restoring a snapshot: ${String(event.reason?.message ?? event.reason)}`);
  else if (!bridge) reportFailure(event.reason);
});

self.addEventListener("message", async (/** @type {MessageEvent} */ event) => {
  const { id, method, payload } = event.data ?? {};
  if (method === "init") {
    booting ??= boot(payload);
    booting.catch(reportFailure);
    return;
  }
  try {
    if (!booting) throw new Error("engine not initialised");
    const handler = handlers[/** @type {keyof typeof handlers} */ (method)];
    if (!handler) throw new Error(`unknown method ${method}`);
    const result = await handler(await booting, payload);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(/** @type {any} */ (error)?.message ?? error) });
  }
});

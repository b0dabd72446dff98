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

/** Pyodide's own Python objects never cross the boundary: every call returns JSON text. */
const handlers = {
  /** @param {any} py */
  check: (py) => py.runPython("1 + 1"),
  /** @param {any} _py @param {object} payload */
  bridge: (_py, payload) => bridge.handle(JSON.stringify(payload)),
};

/** Fetch a same-origin file, failing with the URL and status. @param {string} url */
async function fetchOk(url) {
  const response = await fetch(url);
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

/** Lockfile entries of the requested packages. @param {string} runtime @param {string[]} names */
async function readLockEntries(runtime, names) {
  if (!names.length) return [];
  const lock = await (await fetchOk(`${runtime}pyodide-lock.json`)).json();
  return names.map((name) => {
    const entry = lock.packages?.[name];
    if (!entry) throw new Error(`${name} is not in the site's pyodide-lock.json`);
    return entry;
  });
}

/** Download a wheel and refuse it unless its digest is the lockfile's. @param {string} runtime @param {any} entry */
async function fetchWheel(runtime, entry) {
  const bytes = await (await fetchOk(`${runtime}${entry.file_name}`)).arrayBuffer();
  if ((await sha256(bytes)) !== entry.sha256)
    throw new Error(`${entry.file_name}: checksum does not match the lockfile`);
  return bytes;
}

// ---- Snapshot -----------------------------------------------------------------------------------
// Starting Python (unpacking the standard library, first imports) costs seconds of CPU on every
// visit. After the first start we keep a memory snapshot of the interpreter with the engine's code
// imported, taken before the model or any answer is loaded, so it holds nothing personal. Later
// visits restore it instead of starting from scratch. It lives in Cache Storage under
// SNAPSHOT_CACHE (listed on the Privacy page, removed by "Erase"), keyed by the runtime folder and
// the wheels' digests; a snapshot that fails to load is discarded. See adr/0004.
const SNAPSHOT_CACHE = "aiap-runtime";

// The snapshot is memory the interpreter resumes from: a replaced snapshot would run someone else's
// code in this worker. It is kept with its SHA-256 and checked before loading; a snapshot without a
// matching digest is deleted and Python starts from scratch. This catches a truncated, corrupted
// or naively replaced copy; code running on the same origin could rewrite both the snapshot and
// its digest, which is why the README and the Privacy page recommend a dedicated origin (adr/0011).
const SNAPSHOT_DIGEST = "X-AIAP-SHA256";

/** @param {string} key @returns {Promise<Uint8Array | null>} */
async function readSnapshot(key) {
  try {
    const response = await (await caches.open(SNAPSHOT_CACHE)).match(key);
    if (!response) return null;
    const bytes = await response.arrayBuffer();
    const expected = response.headers.get(SNAPSHOT_DIGEST);
    if (expected && (await sha256(bytes)) === expected) return new Uint8Array(bytes);
    await caches.delete(SNAPSHOT_CACHE);
    return null;
  } catch {
    return null; // no Cache Storage here (private mode, policy): start normally
  }
}

/** Keep one snapshot: the one for this runtime and engine. @param {string} key @param {Uint8Array<ArrayBuffer>} snapshot */
async function saveSnapshot(key, snapshot) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) await cache.delete(request);
    const digest = await sha256(snapshot);
    const headers = { "Content-Type": "application/octet-stream", [SNAPSHOT_DIGEST]: digest };
    await cache.put(key, new Response(snapshot, { headers }));
  } catch {
    // Quota or policy: the next visit simply starts from scratch.
  }
}

/**
 * Start Python with our wheels installed and imported: from the saved snapshot when there is one,
 * otherwise from scratch (downloading the wheels meanwhile), then take a snapshot for next time.
 * @param {any} loadPyodide @param {{runtime: string, packages?: string[], snapshot?: boolean}} init
 */
async function startPython(loadPyodide, init) {
  const entries = await readLockEntries(init.runtime, init.packages ?? []);
  const useSnapshot = init.snapshot !== false;
  const key = `${init.runtime}snapshot?engine=${entries.map((e) => e.sha256.slice(0, 16)).join("-")}`;
  const saved = useSnapshot ? await readSnapshot(key) : null;
  if (saved) {
    try {
      return { py: await loadPyodide({ indexURL: init.runtime, _loadSnapshot: saved }), fresh: null, key };
    } catch {
      await caches.delete(SNAPSHOT_CACHE).catch(() => {});
    }
  }
  const wheels = Promise.all(entries.map((entry) => fetchWheel(init.runtime, entry)));
  const py = await loadPyodide({ indexURL: init.runtime, _makeSnapshot: useSnapshot });
  for (const wheel of await wheels) py.unpackArchive(wheel, "wheel");
  for (const name of entries.flatMap((entry) => entry.imports)) py.runPython(`import ${name}`);
  if (entries.length) py.runPython("import assessments.bridge");
  return { py, fresh: useSnapshot ? py.makeMemorySnapshot() : null, key };
}

/**
 * Load the runtime, the engine and the compiled model; the model's download overlaps the start.
 * @param {{runtime: string, packages?: string[], model?: string, snapshot?: boolean}} init
 */
async function boot(init) {
  /** @type {Array<[string, number]>} */
  const steps = [["start", performance.now()]];
  const step = (/** @type {string} */ name) => steps.push([name, performance.now()]);
  const modelText = init.model ? fetchOk(init.model).then((response) => response.text()) : Promise.resolve(null);
  const { loadPyodide } = await import(`${init.runtime}pyodide.mjs`);
  step("import");
  const { py, fresh, key } = await startPython(loadPyodide, init);
  step(fresh ? "python-and-engine" : "python-and-engine-from-snapshot");
  if (init.model) {
    bridge = py.pyimport("assessments.bridge");
    bridge.load_model(await modelText);
    step("model");
  }
  // Durations of each step, for `make bench` (which reports where the start-up time goes).
  const timings = Object.fromEntries(steps.slice(1).map(([name, t], i) => [name, Math.round(t - steps[i][1])]));
  self.postMessage({ type: "status", state: "ready", detail: { timings, snapshot: !fresh } });
  if (fresh) await saveSnapshot(key, fresh);
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
  if (!bridge) reportFailure(event.reason);
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
    const result = handler(await booting, payload);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(/** @type {any} */ (error)?.message ?? error) });
  }
});

// Module Web Worker that runs the Python engine with the self-hosted Pyodide runtime.
// Pyodide 314 refuses classic workers, and it needs an absolute indexURL: the page sends both the
// runtime folder and the model URL as absolute URLs in its first message ("init").
//
// Protocol (page → worker): {id, method, payload}; (worker → page): {id, ok, result | error}.
// Status messages: {type: "status", state: "loading" | "ready" | "failed", detail}.

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

/** Fetch a same-origin text file, failing with the URL and status. @param {string} url */
async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

// Starting Python (unpacking the standard library, first imports) costs seconds of CPU on every
// visit. After the first start we keep a memory snapshot of the fresh interpreter, taken before
// the engine, the model or any answer is loaded, so it holds nothing personal. Later visits
// restore it instead of starting from scratch. It lives in Cache Storage under SNAPSHOT_CACHE
// (listed on the Privacy page, removed by "Erase"); a snapshot that fails to load is discarded.
const SNAPSHOT_CACHE = "aiap-runtime";

/** @param {string} runtime @returns {Promise<Uint8Array | null>} */
async function readSnapshot(runtime) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const response = await cache.match(`${runtime}snapshot`);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null; // no Cache Storage here (private mode, policy): start normally
  }
}

/** Keep one snapshot: the one for this runtime version. @param {string} runtime @param {Uint8Array} snapshot */
async function saveSnapshot(runtime, snapshot) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) await cache.delete(request);
    await cache.put(`${runtime}snapshot`, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // Quota or policy: the next visit simply starts from scratch.
  }
}

/**
 * Start Python: from the saved snapshot when there is one, otherwise from scratch (and then take
 * a snapshot for next time, before any of our code runs).
 * @param {any} loadPyodide @param {string} runtime @param {boolean} useSnapshot
 */
async function startPython(loadPyodide, runtime, useSnapshot) {
  const saved = useSnapshot ? await readSnapshot(runtime) : null;
  if (saved) {
    try {
      return { py: await loadPyodide({ indexURL: runtime, _loadSnapshot: saved }), fresh: null };
    } catch {
      await caches.delete(SNAPSHOT_CACHE).catch(() => {});
    }
  }
  const py = await loadPyodide({ indexURL: runtime, _makeSnapshot: useSnapshot });
  return { py, fresh: useSnapshot ? py.makeMemorySnapshot() : null };
}

/**
 * Load the runtime, the engine wheel (listed in the site's trimmed lockfile) and the compiled
 * model; the model's download overlaps the runtime's start.
 * @param {{runtime: string, packages?: string[], model?: string, snapshot?: boolean}} init
 */
async function boot(init) {
  const started = performance.now();
  const modelText = init.model ? fetchText(init.model) : Promise.resolve(null);
  const { loadPyodide } = await import(`${init.runtime}pyodide.mjs`);
  const { py, fresh } = await startPython(loadPyodide, init.runtime, init.snapshot !== false);
  if (init.packages?.length) await py.loadPackage(init.packages, { messageCallback: () => {} });
  if (init.model) {
    bridge = py.pyimport("assessments.bridge");
    bridge.load_model(await modelText);
  }
  self.postMessage({ type: "status", state: "ready", detail: { ms: performance.now() - started, snapshot: !fresh } });
  if (fresh) await saveSnapshot(init.runtime, fresh);
  return py;
}

self.addEventListener("message", async (event) => {
  const { id, method, payload } = event.data ?? {};
  if (method === "init") {
    booting ??= boot(payload);
    booting.catch((error) => self.postMessage({ type: "status", state: "failed", detail: { reason: String(error?.message ?? error) } }));
    return;
  }
  try {
    if (!booting) throw new Error("engine not initialised");
    const handler = handlers[/** @type {keyof typeof handlers} */ (method)];
    if (!handler) throw new Error(`unknown method ${method}`);
    const result = handler(await booting, payload);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(error?.message ?? error) });
  }
});

// Module Web Worker that runs the Python engine with the self-hosted Pyodide runtime.
// Pyodide 314 refuses classic workers, and it needs an absolute indexURL: the page sends both the
// runtime folder and the model URL as absolute URLs in its first message ("init").
//
// Protocol (page → worker): {id, method, payload}; (worker → page): {id, ok, result | error}.
// Status messages: {type: "status", state: "loading" | "ready" | "failed", detail}.

/** @type {Promise<any> | null} */
let booting = null;

/** Pyodide's own Python objects never cross the boundary: every call returns JSON text. */
const handlers = {
  /** @param {any} py */
  check: (py) => py.runPython("1 + 1"),
  /** @param {any} py @param {{model: string, answers: object, lang: string}} payload */
  score: (py, payload) => callEngine(py, "score_json", payload),
  /** @param {any} py @param {{model: string, codes: string[], lang: string}} payload */
  aggregate: (py, payload) => callEngine(py, "aggregate_json", payload),
};

/**
 * Call a function of the engine's browser bridge with JSON in and JSON out.
 * @param {any} py
 * @param {string} name
 * @param {object} payload
 */
function callEngine(py, name, payload) {
  const bridge = py.pyimport("assessments.bridge");
  try {
    return bridge[name](JSON.stringify(payload));
  } finally {
    bridge.destroy();
  }
}

/**
 * Load the runtime and the engine wheel (listed in the site's trimmed lockfile).
 * @param {{runtime: string}} init
 */
async function boot(init) {
  const started = performance.now();
  const { loadPyodide } = await import(`${init.runtime}pyodide.mjs`);
  const py = await loadPyodide({ indexURL: init.runtime, packages: init.packages ?? [] });
  self.postMessage({ type: "status", state: "ready", detail: { ms: performance.now() - started } });
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

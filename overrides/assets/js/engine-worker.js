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

/**
 * Load the runtime, the engine wheel (listed in the site's trimmed lockfile) and the compiled
 * model; the model's download overlaps the runtime's start.
 * @param {{runtime: string, packages?: string[], model?: string}} init
 */
async function boot(init) {
  const started = performance.now();
  const modelText = init.model ? fetchText(init.model) : Promise.resolve(null);
  const { loadPyodide } = await import(`${init.runtime}pyodide.mjs`);
  const py = await loadPyodide({ indexURL: init.runtime, packages: init.packages ?? [] });
  if (init.model) {
    bridge = py.pyimport("assessments.bridge");
    bridge.load_model(await modelText);
  }
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

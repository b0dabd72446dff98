// @ts-check
// Page side of the engine: starts the module worker at once and offers a promise-based call().
// The form never waits for this: it is plain HTML, usable while the runtime loads.

/**
 * @typedef {{lang: string, langRoot: string, siteRoot: string, runtime: string, engine: string,
 *   models: Record<string, string>, strings: Record<string, string>,
 *   storage: {localStorage: Record<string, string>, CacheStorage: Record<string, string>}}} SiteConfig
 * @typedef {"loading" | "ready" | "failed"} EngineState
 */

/** Read the JSON block the build put in every page. @returns {SiteConfig} */
export function readSiteConfig() {
  const block = document.getElementById("site-config");
  return JSON.parse(block?.textContent ?? "{}");
}

/** Resolve a page-relative path from the config into an absolute URL. @param {string} path */
export function absoluteURL(path) {
  return new URL(path, document.baseURI).href;
}

/**
 * Start the engine worker. Status changes go to `onStatus`; `call()` waits for readiness.
 * @param {SiteConfig} config
 * @param {{packages?: string[], model?: string, onStatus?: (state: EngineState, detail: any) => void, timeoutMs?: number}} options
 */
export function startEngine(config, { packages = [], model, onStatus = () => {}, timeoutMs = 60000 } = {}) {
  /** @type {Map<number, {resolve: Function, reject: Function}>} */
  const pending = new Map();
  let nextId = 1;
  let settle = { resolve: (/** @type {any} */ _) => {}, reject: (/** @type {any} */ _) => {} };
  const ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  ready.catch(() => {});
  const fail = (/** @type {string} */ reason) => {
    onStatus("failed", { reason });
    settle.reject(new Error(reason));
  };
  let worker;
  try {
    worker = new Worker(absoluteURL(config.engine), { type: "module" });
  } catch (error) {
    fail(String(/** @type {any} */ (error)?.message ?? error));
    return { ready, call: () => Promise.reject(new Error("engine unavailable")) };
  }
  const timer = setTimeout(() => fail("timeout"), timeoutMs);
  worker.addEventListener("error", (event) => fail(event.message || "worker error"));
  worker.addEventListener("message", ({ data }) => {
    if (data?.type === "status") {
      clearTimeout(timer);
      onStatus(data.state, data.detail);
      if (data.state === "ready") {
        performance.mark("aiap:engine-ready", { detail: data.detail }); // read by `make bench`
        settle.resolve(true);
      } else if (data.state === "failed") settle.reject(new Error(data.detail?.reason));
      return;
    }
    const waiting = pending.get(data?.id);
    if (!waiting) return;
    pending.delete(data.id);
    if (data.ok) waiting.resolve(data.result);
    else waiting.reject(new Error(data.error));
  });
  onStatus("loading", {});
  performance.mark("aiap:engine-start");
  worker.postMessage({
    method: "init",
    payload: { runtime: absoluteURL(config.runtime), packages, model: model && absoluteURL(model) },
  });

  /** @param {string} method @param {object} [payload] @returns {Promise<any>} */
  const call = async (method, payload = {}) => {
    await ready;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, payload });
    });
  };
  return { ready, call, worker };
}

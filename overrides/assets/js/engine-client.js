// @ts-check
// Page side of the engine: starts the module worker at once and offers a promise-based call().
// The form never waits for this: it is plain HTML, usable while the runtime loads.

/**
 * @typedef {{lang: string, locale: string, langRoot: string, siteRoot: string, runtime: string, engine: string,
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
  // The person reads a sentence in the page's language; the technical cause (an English message
  // from the browser or the worker) goes to the console, for whoever files the bug report.
  const s = config.strings;
  const fail = (/** @type {string} */ reason, /** @type {unknown} */ cause = undefined) => {
    if (cause !== undefined) console.warn("engine:", cause);
    onStatus("failed", { reason });
    settle.reject(new Error(reason));
  };
  let worker;
  try {
    worker = new Worker(absoluteURL(config.engine), { type: "module" });
  } catch (error) {
    fail(s.engine_error_unavailable, error);
    const unavailable = () => Promise.reject(new Error(s.engine_error_unavailable));
    return { ready, call: unavailable, sendFile: unavailable };
  }
  const timer = setTimeout(() => fail(s.engine_error_timeout), timeoutMs);
  worker.addEventListener("error", (event) => fail(s.engine_error_worker, event.message));
  worker.addEventListener("message", ({ data }) => {
    if (data?.type === "status") {
      clearTimeout(timer);
      if (data.state === "failed") return fail(s.engine_error_load, data.detail?.reason);
      onStatus(data.state, data.detail);
      if (data.state === "ready") {
        performance.mark("aiap:engine-ready", { detail: data.detail }); // read by `make bench`
        settle.resolve(true);
      }
      return;
    }
    const waiting = pending.get(data?.id);
    if (!waiting) return;
    pending.delete(data.id);
    if (data.ok) waiting.resolve(data.result);
    else {
      console.warn("engine:", data.error);
      waiting.reject(new Error(s.engine_error_call));
    }
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
  /**
   * Hand a file the person chose to the engine (its bytes move to the worker, nothing is uploaded);
   * resolves to the path the engine reads it from.
   * @param {File} file @returns {Promise<string>}
   */
  const sendFile = async (file) => {
    const bytes = await file.arrayBuffer();
    await ready;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method: "file", payload: { name: file.name, bytes } }, [bytes]);
    });
  };
  return { ready, call, sendFile, worker };
}

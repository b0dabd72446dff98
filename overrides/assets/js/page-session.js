// @ts-check
// What the assessment page and the team page share: the engine session (status, requests in the
// page's language), the message region, and reading files a person opens.
import { download, el, format } from "./dom.js";
import { startEngine } from "./engine-client.js";

export const MAX_FILE_BYTES = 1_000_000;

/**
 * Start the engine for a page and return `ask(method, payload)`, which resolves with the engine's
 * value or rejects with its message (already in the page's language).
 * @param {import("./engine-client.js").SiteConfig} config @param {string} model URL of the compiled model
 * @param {{status: HTMLElement, fallback?: HTMLElement | null}} ui
 */
export function startSession(config, model, ui) {
  const s = config.strings;
  const engine = startEngine(config, {
    packages: ["assessments"],
    model,
    onStatus: (state, detail) => {
      ui.status.dataset.state = state;
      const text = {
        loading: s.runtime_status_loading,
        ready: s.runtime_status_ready,
        failed:
          format(s.runtime_status_failed, { reason: detail?.reason ?? "" }) +
          (ui.fallback ? ` ${s.ux_runtime_failed_hint}` : ""),
      }[state];
      ui.status.textContent = text ?? "";
      if (state === "failed" && ui.fallback) ui.fallback.hidden = false;
    },
  });
  /** @param {string} method @param {object} [payload] */
  const ask = async (method, payload = {}) => {
    const reply = JSON.parse(await engine.call("bridge", { method, lang: config.lang, ...payload }));
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value;
  };
  return { engine, ask };
}

/** Show one message (text only) in an alert region, or clear it. @param {HTMLElement} region @param {string} [text] */
export function say(region, text = "") {
  region.replaceChildren(text ? el("p", {}, text) : "");
}

/**
 * Offer an export: print, the JSON document as is, or a Markdown/CSV report the engine renders.
 * @param {string} kind "print" | "json" | "markdown" | "csv" @param {string} base file name without extension
 * @param {() => object} documentJSON @param {(format: string) => Promise<string>} renderReport
 * @param {(message: string) => void} onError
 */
export async function exportAs(kind, base, documentJSON, renderReport, onError) {
  if (kind === "print") return window.print();
  if (kind === "json") return download(`${base}.json`, JSON.stringify(documentJSON(), null, 2), "application/json");
  try {
    const text = await renderReport(kind);
    download(`${base}.${kind === "markdown" ? "md" : "csv"}`, text, kind === "markdown" ? "text/markdown" : "text/csv");
  } catch (error) {
    onError(/** @type {Error} */ (error).message);
  }
}

/** Today as YYYY-MM-DD in the person's time zone (exports and codes carry the day, nothing finer). */
export function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/**
 * Read a file the person opened, refusing oversized ones before reading them.
 * @param {File} file @param {Record<string, string>} s @returns {Promise<string>} rejects with a localized message
 */
export async function readSmallFile(file, s) {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(
      format(s.error_file_too_large, { name: file.name, size: `${Math.round(file.size / 1000)} kB`, limit: "1 MB" }),
    );
  }
  try {
    return await file.text();
  } catch {
    throw new Error(format(s.error_file_unreadable, { name: file.name }));
  }
}

/** Parse JSON from an opened file, with a localized message naming the file. @param {File} file @param {Record<string, string>} s */
export async function readJSONFile(file, s) {
  const text = await readSmallFile(file, s);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(format(s.error_file_not_json, { name: file.name }));
  }
}

/** Copy text, or select it for a manual copy where the clipboard is blocked. @param {HTMLInputElement} input @param {HTMLElement} status @param {Record<string, string>} s */
export async function copyFrom(input, status, s) {
  try {
    await navigator.clipboard.writeText(input.value);
    status.textContent = s.share_copied;
  } catch {
    input.select();
    status.textContent = s.share_copy_failed;
  }
}

// @ts-check
// "Browser check" page: proves that this browser runs Python from the site's own files, in a
// module worker, and says how long it took. Guide pages never load this script.
import { format } from "./dom.js";
import { readSiteConfig, startEngine } from "./engine-client.js";

const config = readSiteConfig();
const status = document.getElementById("runtime-status");
const button = /** @type {HTMLButtonElement | null} */ (document.getElementById("runtime-check-run"));

/** @param {string} text */
function say(text) {
  if (status) status.textContent = text;
}

button?.addEventListener("click", async () => {
  button.disabled = true;
  const started = performance.now();
  const engine = startEngine(config, {
    onStatus: (state, detail) => {
      if (state === "loading") say(config.strings.runtime_status_loading);
      if (state === "failed") say(format(config.strings.runtime_status_failed, detail));
    },
  });
  try {
    const value = await engine.call("check");
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(format(config.strings.runtime_check_result, { value, seconds }));
    status?.setAttribute("data-state", "ready");
  } catch (error) {
    status?.setAttribute("data-state", "failed");
  } finally {
    button.disabled = false;
  }
});

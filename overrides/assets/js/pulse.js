// @ts-check
// The staff pulse page (#18): the plain HTML form is scored by the Python engine in the worker, the
// result says what the person can ask for, and the person may make an anonymous code to hand in.
// Nothing is stored and nothing is sent: the code leaves this page only if the person copies it.
import { download, el, formatScore, svg, table } from "./dom.js";
import { absoluteURL, readSiteConfig } from "./engine-client.js";
import { readAnswers, showProgress } from "./assessment-form.js";
import { refuseFraming } from "./frame-guard.js";
import { say as sayIn, startSession, today } from "./page-session.js";
import { revealAndFocus } from "./page-view.js";

const config = readSiteConfig();
/** @type {{strings: Record<string, string>, model: string}} */
const pulse = JSON.parse(document.getElementById("pulse-config")?.textContent ?? "{}");
const s = pulse.strings;
refuseFraming(config.strings.frame_refused);

const ui = {
  form: /** @type {HTMLFormElement} */ (document.getElementById("assessment-form")),
  status: /** @type {HTMLElement} */ (document.getElementById("engine-status")),
  messages: /** @type {HTMLElement} */ (document.getElementById("assessment-messages")),
  result: /** @type {HTMLElement} */ (document.getElementById("pulse-result")),
  tools: /** @type {HTMLElement} */ (document.getElementById("pulse-code-tools")),
  role: /** @type {HTMLSelectElement} */ (document.getElementById("pulse-role")),
  create: /** @type {HTMLButtonElement} */ (document.getElementById("pulse-code-create")),
  code: /** @type {HTMLInputElement} */ (document.getElementById("pulse-code")),
  copy: /** @type {HTMLButtonElement} */ (document.getElementById("pulse-code-copy")),
  save: /** @type {HTMLButtonElement} */ (document.getElementById("pulse-code-download")),
  codeStatus: /** @type {HTMLElement} */ (document.getElementById("pulse-code-status")),
};
const { ask } = startSession(config, `${config.siteRoot}assets/engine/${pulse.model}`, { status: ui.status });
/** @type {Record<string, string | number>} */
let answers = {};

/** @param {string} [text] */
const say = (text) => sayIn(ui.messages, text);

/** The person's result: level, one row per theme, then what to ask for, highest score first. @param {any} result */
function renderResult(result) {
  const rows = el("tbody");
  for (const d of result.dimensions) {
    rows.append(
      el("tr", {}, el("th", { scope: "row" }, d.label), el("td", {}, formatScore(d.score, s.pulse_not_scored))),
    );
  }
  const asks = result.asks.length
    ? el(
        "ol",
        { class: "pulse-asks" },
        ...result.asks.map((/** @type {any} */ a) =>
          el(
            "li",
            {},
            el("strong", {}, a.title),
            " ",
            a.text,
            " ",
            el("a", { href: `${config.siteRoot}${a.url}` }, s.pulse_read_more),
          ),
        ),
      )
    : el("p", {}, s.pulse_asks_none);
  ui.result.replaceChildren(
    el("h2", { id: "pulse-result-title", tabindex: "-1" }, s.pulse_result_title),
    result.band
      ? el("p", { class: "result__band" }, el("strong", {}, result.band.label), " ", result.band.meaning)
      : el("p", {}, s.pulse_no_index),
    el("h3", {}, s.pulse_asks_title),
    asks,
    table([s.pulse_dimension, s.pulse_score], rows),
  );
  ui.result.hidden = false;
  ui.tools.hidden = false;
  revealAndFocus(document.getElementById("pulse-result-title"));
}

async function scoreForm() {
  answers = readAnswers(ui.form);
  try {
    const result = await ask("pulse_score", { answers });
    say();
    renderResult(result);
  } catch (error) {
    say(/** @type {Error} */ (error).message);
  }
}

/**
 * The code as a QR code, drawn from the kept encoder's matrix (npm `qr`, served by this site): one
 * path of dark modules on a white square, so a phone screen can be read by the facilitator's camera.
 * @param {string} code
 */
async function showQR(code) {
  const figure = /** @type {HTMLElement} */ (document.getElementById("pulse-code-qr"));
  try {
    /** @type {{default: (text: string, output: string, opts?: object) => boolean[][]}} */
    const qr = await import(absoluteURL(`${config.siteRoot}assets/vendor/qr/index.js`));
    const matrix = qr.default(code, "raw", { ecc: "medium" });
    const size = matrix.length + 8;
    let path = "";
    matrix.forEach((row, y) => row.forEach((dark, x) => (path += dark ? `M${x + 4} ${y + 4}h1v1h-1z` : "")));
    const image = svg(
      "svg",
      {
        viewBox: `0 0 ${size} ${size}`,
        role: "img",
        "aria-label": s.pulse_code_qr_label,
        class: "pulse-code-qr__image",
      },
      svg("rect", { width: size, height: size, fill: "#fff" }),
      svg("path", { d: path, fill: "#000" }),
    );
    figure.querySelector("svg")?.remove();
    figure.prepend(image);
    figure.hidden = false;
  } catch {
    figure.hidden = true; // the code stays readable as text, to copy or download
  }
}

async function makeCode() {
  try {
    const code = await ask("pulse_code", { answers, role: ui.role.value || null, day: today() });
    ui.code.value = code;
    showQR(code);
    /** @type {HTMLElement} */ (ui.code.closest(".team-code")).hidden = false;
    ui.code.focus();
    ui.code.select();
  } catch (error) {
    say(/** @type {Error} */ (error).message);
  }
}

async function copyCode() {
  try {
    await navigator.clipboard.writeText(ui.code.value);
    ui.codeStatus.textContent = s.pulse_code_copied;
  } catch {
    ui.code.select();
    ui.codeStatus.textContent = s.pulse_code_copy_failed;
  }
}

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  scoreForm();
});
ui.form.addEventListener("change", () => showProgress(ui.form));
ui.create.addEventListener("click", makeCode);
ui.copy.addEventListener("click", copyCode);
ui.save.addEventListener("click", () =>
  download(`staff-pulse-code-${today()}.txt`, `${ui.code.value}\n`, "text/plain"),
);
// A new answer after scoring makes the code stale: hide it until the person scores again.
ui.form.addEventListener("change", () => {
  /** @type {HTMLElement} */ (ui.code.closest(".team-code")).hidden = true;
  /** @type {HTMLElement} */ (document.getElementById("pulse-code-qr")).hidden = true;
  ui.code.value = "";
});

// @ts-check
// The workshop page (#18): pool staff pulse codes and leaders' codes in the Python worker, show the
// result, present it to a room one theme at a time (keyboard: arrows or Page Up/Down, F full screen),
// and keep it (JSON, Markdown, CSV, a one-page summary to print, an .ics reminder made here).
import { download, el, format, formatScore, table } from "./dom.js";
import { readSiteConfig } from "./engine-client.js";
import { refuseFraming } from "./frame-guard.js";
import { readSmallFile, say as sayIn, startSession, today } from "./page-session.js";
import { revealAndFocus } from "./page-view.js";
import { setupSurveyImport } from "./survey-import.js";

const config = readSiteConfig();
/** @type {{strings: Record<string, string>, model: string, leaders: string}} */
const setup = JSON.parse(document.getElementById("pulse-config")?.textContent ?? "{}");
const s = setup.strings;
refuseFraming(config.strings.frame_refused);

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ui = {
  form: /** @type {HTMLFormElement} */ ($("workshop-form")),
  codes: /** @type {HTMLTextAreaElement} */ ($("workshop-codes")),
  files: /** @type {HTMLInputElement} */ ($("workshop-files")),
  identical: /** @type {HTMLInputElement} */ ($("workshop-count-identical")),
  count: $("workshop-count"),
  messages: $("assessment-messages"),
  result: $("workshop-result"),
  tools: $("workshop-tools"),
  presenter: $("presenter"),
  stage: $("presenter-stage"),
  presenterCount: $("presenter-count"),
  summary: $("works-council-summary"),
};
const engine = `${config.siteRoot}assets/engine/`;
const { engine: session, ask } = startSession(config, engine + setup.model, { status: $("engine-status") });
// The leaders' questionnaire joins the pulse in the worker, so both kinds of code pool in one place.
const leadersLoaded = fetch(engine + setup.leaders)
  .then((response) => response.text())
  .then((model) => ask("add_model", { model }));

/** @type {{pool: any, codes: string[], slide: number}} */
const state = { pool: null, codes: [], slide: 0 };
/** @param {string} [text] */
const say = (text) => sayIn(ui.messages, text);

// Survey exports (#13): both questionnaires pool here, so a leaders' export and a pulse export are both
// welcome; their codes join the pasted ones.
const survey = setupSurveyImport({
  engine: session,
  ask,
  strings: config.strings,
  locale: config.locale,
  before: () => leadersLoaded,
  onChange: (change) => {
    showCount();
    if (change === "add" || !ui.result.hidden) pool();
  },
});

async function gatherCodes() {
  const texts = [ui.codes.value];
  for (const file of Array.from(ui.files.files ?? [])) texts.push(await readSmallFile(file, config.strings));
  const pasted = /** @type {string[]} */ (await ask("parse_codes", { text: texts.join("\n") }));
  return [...pasted, ...survey.codes()];
}

/** "3 staff pulse codes and 5 leaders' codes received", on the page and on the first slide. */
async function showCount() {
  try {
    const codes = await gatherCodes();
    const pulse = codes.filter((code) => code.startsWith("p1~")).length;
    const text = codes.length
      ? format(s.workshop_count, { pulse, leaders: codes.length - pulse })
      : s.workshop_count_none;
    ui.count.textContent = text;
    ui.presenterCount.textContent = text;
  } catch (error) {
    say(/** @type {Error} */ (error).message);
  }
}

/** @param {number | null} value */
const score = (value) => formatScore(value, format(s.workshop_fewer, { minimum: 5 }));

/** @param {any} pool */
function renderGap(pool) {
  const rows = el("tbody");
  for (const row of pool.gap ?? []) {
    const name = el("a", { href: `${config.siteRoot}${row.url}` }, row.label);
    const gap = row.gap > 0 ? `+${Math.round(row.gap)}` : score(row.gap);
    rows.append(
      el(
        "tr",
        {},
        el("th", { scope: "row" }, name),
        ...[score(row.staff), score(row.leadership), gap].map((v) => el("td", {}, v)),
      ),
    );
  }
  const cols = [s.workshop_col_dimension, s.workshop_col_staff, s.workshop_col_leadership, s.workshop_col_gap];
  return [el("h3", {}, s.workshop_gap_title), el("p", {}, pool.gap_note.message), pool.gap ? table(cols, rows) : null];
}

/** @param {any} staff */
function renderStaff(staff) {
  const rows = el("tbody");
  for (const d of staff.dimensions)
    rows.append(
      el("tr", {}, el("th", { scope: "row" }, d.label), el("td", {}, score(d.median)), el("td", {}, String(d.n))),
    );
  const fewer = format(s.workshop_fewer, { minimum: staff.min_responses });
  const roles = el(
    "ul",
    {},
    ...staff.roles.map((/** @type {any} */ r) => el("li", {}, `${s["workshop_role_" + r.role]}: ${r.n ?? fewer}`)),
  );
  return [
    el("h3", {}, s.workshop_dimensions_title),
    table([s.workshop_col_dimension, s.workshop_col_median, s.workshop_col_people], rows),
    el("h3", {}, s.workshop_roles_title),
    roles,
    el("h3", {}, s.workshop_spread_title),
    el("p", {}, format(s.workshop_spread_withheld, { exact: staff.breakdown_min, minimum: staff.min_responses })),
    ...(staff.spread ?? []).map((/** @type {any} */ q) => {
      const body = el(
        "tbody",
        {},
        ...q.options.map((/** @type {any} */ o) =>
          el("tr", {}, el("th", { scope: "row" }, o.label), el("td", {}, o.count === null ? fewer : String(o.count))),
        ),
      );
      return table([q.text, s.workshop_col_people], body);
    }),
  ];
}

/** @param {any} pool */
function renderRejected(pool) {
  const rejected = [...pool.pulse.rejected, ...pool.leaders.rejected].sort((a, b) => a.position - b.position);
  if (!rejected.length) return [];
  const items = rejected.map((r) =>
    el(
      "li",
      {},
      format(s.workshop_position, { position: r.position, excerpt: r.code_excerpt, reason: r.error.message }),
    ),
  );
  return [el("h3", {}, s.workshop_rejected), el("ul", {}, ...items)];
}

/** @param {any} pool */
function renderResult(pool) {
  const rule = format(s.workshop_rule, { minimum: pool.pulse.min_responses, exact: pool.pulse.breakdown_min });
  ui.result.replaceChildren(
    el("h2", { id: "workshop-result-title", tabindex: "-1" }, s.workshop_result_title),
    el("p", { id: "workshop-rule" }, rule),
    ...renderRejected(pool),
    ...(pool.pulse.status === "ok" ? [...renderGap(pool), ...renderStaff(pool.pulse)] : []),
  );
  ui.result.hidden = false;
  ui.tools.hidden = pool.pulse.status !== "ok";
}

// ---- codes read with a camera ------------------------------------------------------------------
// Where the browser has BarcodeDetector, a participant's phone showing its code as a QR code can be
// read by this device's camera; the frames never leave the page. Elsewhere: paste (said so).

const camera = {
  button: /** @type {HTMLButtonElement} */ ($("workshop-camera")),
  status: $("workshop-camera-status"),
  video: /** @type {HTMLVideoElement} */ ($("workshop-camera-video")),
  /** @type {MediaStream | null} */ stream: null,
  read: 0,
};
const startLabel = camera.button.textContent ?? "";

function stopCamera() {
  camera.stream?.getTracks().forEach((track) => track.stop());
  camera.stream = null;
  camera.video.hidden = true;
  camera.button.textContent = startLabel;
}

/** Add a code read by the camera once, on its own line. @param {string} code */
function addCode(code) {
  const known = ui.codes.value.split(/\s+/);
  if (!/^[pt]1~/.test(code) || known.includes(code)) return;
  ui.codes.value = `${ui.codes.value.trimEnd()}\n${code}`.trimStart();
  camera.read += 1;
  camera.status.textContent = format(s.workshop_camera_read, { count: camera.read });
  showCount();
}

/** @param {any} detector */
async function scanFrames(detector) {
  while (camera.stream) {
    try {
      for (const found of await detector.detect(camera.video)) addCode(String(found.rawValue ?? ""));
    } catch {
      // a frame that is not ready yet: try the next one
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function startCamera() {
  const Detector = /** @type {any} */ (window).BarcodeDetector;
  if (!Detector || !navigator.mediaDevices?.getUserMedia) {
    camera.status.textContent = s.workshop_camera_unavailable;
    return;
  }
  try {
    camera.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    camera.video.srcObject = camera.stream;
    camera.video.hidden = false;
    await camera.video.play();
    camera.button.textContent = camera.button.dataset.stop ?? startLabel;
    scanFrames(new Detector({ formats: ["qr_code"] }));
  } catch (error) {
    stopCamera();
    camera.status.textContent = format(s.workshop_camera_failed, {
      reason: String(/** @type {any} */ (error)?.name ?? error),
    });
  }
}

camera.button.addEventListener("click", () => (camera.stream ? stopCamera() : startCamera()));

// ---- presenter view ----------------------------------------------------------------------------

/** One slide per theme, largest gap first (model order while there is no gap). @param {any} pool */
function buildSlides(pool) {
  const welcome = /** @type {HTMLElement} */ (ui.stage.querySelector("[data-slide=welcome]"));
  const slides = [welcome];
  if (pool.pulse.status !== "ok") {
    slides.push(
      el(
        "div",
        { class: "presenter__slide" },
        el("p", { class: "presenter__big" }, $("workshop-rule").textContent ?? ""),
      ),
    );
  } else {
    const rows =
      pool.gap ??
      pool.pulse.dimensions.map((/** @type {any} */ d) => ({
        id: d.id,
        label: d.label,
        staff: d.median,
        leadership: null,
        gap: null,
      }));
    for (const row of rows) {
      const figures = [
        [s.workshop_col_staff, row.staff],
        [s.workshop_col_leadership, row.leadership],
        [s.workshop_col_gap, row.gap],
      ]
        .filter(([, v]) => v !== null)
        .map(([label, v]) =>
          el("p", { class: "presenter__figure" }, `${label}: `, el("strong", {}, score(/** @type {number} */ (v)))),
        );
      const prompts = el(
        "ul",
        { class: "presenter__prompts" },
        ...pool.prompts[row.id].map((/** @type {string} */ p) => el("li", {}, p)),
      );
      slides.push(
        el(
          "div",
          { class: "presenter__slide", "data-slide": row.id },
          el("h3", { class: "presenter__title" }, row.label),
          ...figures,
          el("h4", {}, s.workshop_prompts_title),
          prompts,
        ),
      );
    }
  }
  slides.push(
    el(
      "div",
      { class: "presenter__slide", "data-slide": "closing" },
      el("p", { class: "presenter__big" }, s.workshop_closing),
    ),
  );
  ui.stage.replaceChildren(...slides);
  showSlide(0);
}

/** @param {number} index */
function showSlide(index) {
  const slides = Array.from(ui.stage.children);
  state.slide = Math.max(0, Math.min(index, slides.length - 1));
  slides.forEach((slide, i) => {
    /** @type {HTMLElement} */ (slide).hidden = i !== state.slide;
  });
  ui.stage.setAttribute("aria-label", format(s.workshop_slide_of, { n: state.slide + 1, total: slides.length }));
}

function toggleFullScreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  else ui.presenter.requestFullscreen?.().catch(() => {});
}

document.addEventListener("keydown", (event) => {
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.closest("textarea, input, select") || event.altKey || event.ctrlKey || event.metaKey) return;
  if (["ArrowRight", "PageDown"].includes(event.key)) showSlide(state.slide + 1);
  else if (["ArrowLeft", "PageUp"].includes(event.key)) showSlide(state.slide - 1);
  else if (event.key === "f" || event.key === "F") toggleFullScreen();
  else return;
  event.preventDefault();
});
$("presenter-next").addEventListener("click", () => showSlide(state.slide + 1));
$("presenter-prev").addEventListener("click", () => showSlide(state.slide - 1));
$("presenter-full").addEventListener("click", toggleFullScreen);
$("agenda-print").addEventListener("click", () => printOnly("print-agenda"));

// ---- keeping the result ------------------------------------------------------------------------

/** Print one part of the page: the CSS hides everything else while `mode` is set. @param {string} mode */
function printOnly(mode) {
  document.body.classList.add(mode);
  window.addEventListener("afterprint", () => document.body.classList.remove(mode), { once: true });
  window.print();
}

/**
 * The works council's one page, from the pooled result already on screen: counts and the rule, the
 * gap largest first (or the staff medians), who answered, blank lines for the actions agreed, the
 * next round. Printed alone (the rest of the page is hidden while printing).
 */
function printSummary() {
  const pool = state.pool;
  const counts = format(s.workshop_count, { pulse: pool.pulse.valid, leaders: pool.leaders.valid });
  const rule = format(s.workshop_rule, { minimum: pool.pulse.min_responses, exact: pool.pulse.breakdown_min });
  const fewer = format(s.workshop_fewer, { minimum: pool.pulse.min_responses });
  const roles = pool.pulse.roles.map((/** @type {any} */ r) =>
    el("li", {}, `${s["workshop_role_" + r.role]}: ${r.n ?? fewer}`),
  );
  const lines = [1, 2, 3].map(() => el("li", { class: "works-council-summary__blank" }, "\u00a0"));
  ui.summary.replaceChildren(
    el("h2", {}, s.workshop_summary_title),
    el("p", {}, format(s.workshop_summary_date, { date: today() }), " ", counts),
    el("p", {}, rule),
    .../** @type {HTMLElement[]} */ (renderGap(pool).filter(Boolean)),
    ...(pool.gap ? [] : renderStaff(pool.pulse).slice(0, 2)),
    el("h3", {}, s.workshop_roles_title),
    el("ul", {}, ...roles),
    el("h3", {}, s.workshop_summary_actions),
    el("ol", {}, ...lines),
    el("p", {}, s.workshop_summary_next),
    el("p", { class: "works-council-summary__footer" }, s.workshop_summary_footer),
  );
  ui.summary.hidden = false;
  printOnly("print-summary");
}

/** An all-day reminder three months from today, written here (RFC 5545; nothing is sent). */
function reminder() {
  const when = new Date();
  when.setMonth(when.getMonth() + 3);
  const day = (/** @type {Date} */ d) => d.toISOString().slice(0, 10).replaceAll("-", "");
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const escape = (/** @type {string} */ text) => text.replace(/[\\;,]/g, (c) => `\\${c}`);
  const pulseURL = new URL(`${config.siteRoot}${config.langRoot}pulse/`, document.baseURI).href;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//ai-adoption-playbook//staff pulse//EN",
    "BEGIN:VEVENT",
    `UID:${crypto.randomUUID()}@staff-pulse`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${day(when)}`,
    `SUMMARY:${escape(s.workshop_ics_summary)}`,
    `DESCRIPTION:${escape(format(s.workshop_ics_description, { date: today() }))}`,
    `URL:${pulseURL}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  download(`staff-pulse-next-${day(when)}.ics`, lines.join("\r\n") + "\r\n", "text/calendar");
}

/** @param {string} kind */
async function exportAs(kind) {
  try {
    if (kind === "summary") return printSummary();
    if (kind === "ics") return reminder();
    const text = await ask("workshop_report", {
      codes: state.codes,
      count_identical: ui.identical.checked,
      format: kind,
    });
    const ext = { json: "json", markdown: "md", csv: "csv" }[kind] ?? "txt";
    download(`staff-pulse-workshop-${today()}.${ext}`, text, kind === "json" ? "application/json" : "text/plain");
  } catch (error) {
    say(/** @type {Error} */ (error).message);
  }
}

async function pool() {
  try {
    say(s.workshop_pooling);
    await leadersLoaded;
    state.codes = await gatherCodes();
    state.pool = await ask("workshop_pool", { codes: state.codes, count_identical: ui.identical.checked });
  } catch (error) {
    say(/** @type {Error} */ (error).message);
    return;
  }
  say();
  renderResult(state.pool);
  buildSlides(state.pool);
  revealAndFocus($("workshop-result-title"));
}

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  pool();
});
// The count follows the codes as they are pasted or typed (after a short pause) and as files are opened.
let countTimer = 0;
ui.codes.addEventListener("input", () => {
  clearTimeout(countTimer);
  countTimer = window.setTimeout(showCount, 400);
});
ui.files.addEventListener("change", showCount);
// Files dropped on the form join the pasted codes (their text is added to the box, so it can be read).
ui.form.addEventListener("dragover", (event) => event.preventDefault());
ui.form.addEventListener("drop", async (event) => {
  event.preventDefault();
  try {
    for (const file of Array.from(event.dataTransfer?.files ?? [])) {
      if (/\.(csv|tsv|xlsx|xls)$/i.test(file.name))
        await survey.read(file); // a survey export, not a file of codes
      else ui.codes.value += `\n${await readSmallFile(file, config.strings)}`;
    }
  } catch (error) {
    say(/** @type {Error} */ (error).message);
  }
  showCount();
});
for (const button of document.querySelectorAll("[data-workshop-export]")) {
  button.addEventListener("click", () =>
    exportAs(/** @type {HTMLElement} */ (button).dataset.workshopExport ?? "json"),
  );
}

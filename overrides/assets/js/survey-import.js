// @ts-check
// Bring a survey tool's responses export (#13), on the team and workshop pages. The file's bytes go
// to the worker (`sendFile`); the engine reads the table, matches columns to questions and turns each
// row into an ordinary anonymous code (survey_read, survey_apply). This module shows the preview, lets
// the person set a column by hand, and keeps the codes of each export added in memory, listed with a
// Remove button: the page pools them with the pasted codes, so the engine's rules (five responses at
// least, identical answer sets once) apply to them unchanged. Identity columns' values never reach
// the page: the engine returns only their header.
import { acceptDroppedFile, el, format } from "./dom.js";
import { today } from "./page-session.js";
import { markAll as markScrollRegions } from "./scroll-regions.js";

/**
 * @typedef {{name: string, digest: string, count: number, codes: string[]}} Source
 * @typedef {{name: string, digest: string, table: string, overrides: Record<string, string | null>, preview: any,
 *   result: any}} Reading `result` is survey_apply's (the codes), null while they are being made
 * @typedef {{engine: {sendFile?: (file: File) => Promise<string>}, ask: (method: string, payload?: object) => Promise<any>,
 *   strings: Record<string, string>, locale: string, workshopURL?: string,
 *   before?: () => Promise<unknown>, onChange: (change: "add" | "remove") => void}} Options
 */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** SHA-256 of a file's bytes, in hex: the same export opened twice is recognised whatever its name. @param {File} file */
async function digestOf(file) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The value a column's select shows: its question, "role", or "" (not used). @param {any} column */
function columnChoice(column) {
  if (column.status === "matched") return column.question;
  return column.status === "role" ? "role" : "";
}

/**
 * Set up the block the build put in the page (macros/survey_import.py). Returns the codes of the
 * exports added, for the page's pool, and `read(file)` for files dropped elsewhere on the page.
 * @param {Options} options
 */
export function setupSurveyImport(options) {
  const root = $("survey-import");
  if (!root) return { codes: () => /** @type {string[]} */ ([]), read: async (/** @type {File} */ _) => {} };
  const s = options.strings;
  const ui = {
    file: /** @type {HTMLInputElement} */ ($("survey-file")),
    drop: $("survey-drop"),
    status: $("survey-status"),
    messages: $("survey-messages"),
    preview: $("survey-preview"),
    sources: $("survey-sources"),
  };
  const accepts = (root.dataset.accepts ?? "").split(" ");
  const maxBytes = Number(root.dataset.maxBytes);
  /** @type {Source[]} */
  const sources = [];
  /** @type {Reading | null} */
  let current = null;

  /** A message in the alert region (text, then an optional link), or nothing. @param {string} [text] @param {HTMLElement} [link] */
  const say = (text = "", link = undefined) =>
    ui.messages.replaceChildren(text ? el("p", {}, text, link ? " " : null, link ?? null) : "");
  const status = (/** @type {string} */ text = "") => (ui.status.textContent = text);
  const megabytes = (/** @type {number} */ bytes) =>
    new Intl.NumberFormat(options.locale, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(
      bytes / (1024 * 1024),
    );

  /** Refuse before reading: too large, or the same bytes as an export already read. @param {File} file @param {string} digest */
  function refuseEarly(file, digest) {
    const seen = [...sources, ...(current ? [current] : [])].find((source) => source.digest === digest);
    if (seen) throw new Error(format(s.survey_duplicate, { name: file.name, previous: seen.name }));
  }

  /** @param {File} file */
  async function read(file) {
    say();
    try {
      if (file.size > maxBytes)
        throw new Error(
          format(s.survey_too_large, { name: file.name, size: megabytes(file.size), limit: root.dataset.limit ?? "" }),
        );
      const digest = await digestOf(file);
      refuseEarly(file, digest);
      status(format(s.survey_reading, { name: file.name }));
      // A model the page adds to recognise other exports may fail to arrive (offline): read anyway.
      await Promise.all([options.before?.().catch((error) => console.warn("survey:", error)), closePreview()]);
      const sendFile = options.engine.sendFile;
      if (!sendFile) throw new Error(s.engine_error_unavailable);
      const path = await sendFile(file);
      const reply = await options.ask("survey_read", { path, name: file.name, day: today() });
      current = { name: file.name, digest, table: reply.table, overrides: {}, preview: reply.preview, result: null };
      if (!accepts.includes(reply.preview.assessment)) return refuseQuestionnaire(reply.preview);
      // The preview first, then the codes: the person reads the columns while the rows are encoded.
      renderPreview(current);
      status(s.survey_counting);
      $("survey-preview-title").focus();
      performance.mark("aiap:survey-preview"); // read by `make bench`
      await countCodes(current);
    } catch (error) {
      status();
      say(/** @type {Error} */ (error).message);
    }
  }

  /** A questionnaire this page does not pool: say where it belongs (a staff pulse: the workshop page). @param {any} preview */
  async function refuseQuestionnaire(preview) {
    const name = current?.name ?? "";
    await closePreview();
    status();
    if (preview.assessment === "pulse" && options.workshopURL)
      return say(
        format(s.survey_pulse_on_team, { name }),
        el("a", { href: options.workshopURL }, s.survey_workshop_link),
      );
    say(format(s.survey_not_here, { name }));
  }

  /** Ask the engine for the codes with the columns as set now. @param {Reading} reading */
  async function makeCodes(reading) {
    const result = await options.ask("survey_apply", {
      table: reading.table,
      overrides: reading.overrides,
      day: today(),
    });
    return current === reading ? result : null; // null: the preview was closed or replaced meanwhile
  }

  /** The codes for the preview shown: how many rows give a response, and the Add button. @param {Reading} reading */
  async function countCodes(reading) {
    const result = await makeCodes(reading);
    if (!result) return;
    reading.result = result;
    renderOutcome(reading);
    status(format(s.survey_ready, { count: result.codes.length }));
    performance.mark("aiap:survey-codes"); // read by `make bench`
  }

  /** Drop the table the engine keeps for the preview (the codes added stay). */
  async function closePreview() {
    const table = current?.table;
    current = null;
    ui.preview.hidden = true;
    ui.preview.replaceChildren();
    if (table) await options.ask("survey_forget", { table }).catch(() => {});
  }

  /** @param {Reading} reading */
  function renderPreview(reading) {
    const { preview } = reading;
    const add = el("button", {
      type: "button",
      class: "md-button md-button--primary",
      id: "survey-add",
      disabled: true,
    });
    add.textContent = s.survey_counting;
    add.addEventListener("click", () => addCurrent());
    const cancel = el("button", { type: "button", class: "md-button" }, s.survey_cancel);
    cancel.addEventListener("click", () => closePreview().then(() => ui.file.focus()));
    ui.preview.replaceChildren(
      el("h3", { id: "survey-preview-title", tabindex: "-1" }, format(s.survey_preview_title, { name: reading.name })),
      ...renderSummary(preview),
      el("div", { id: "survey-outcome" }),
      renderColumns(preview, reading.name),
      ...renderMissing(preview),
      el("p", { class: "survey-preview__actions" }, add, " ", cancel),
    );
    ui.preview.hidden = false;
    if (reading.result) renderOutcome(reading);
    markScrollRegions();
  }

  /** Rows used and left out, and the Add button, once the codes are made. @param {Reading} reading */
  function renderOutcome(reading) {
    const { codes, rows_skipped: skipped = [] } = reading.result;
    const parts = [el("p", {}, format(s.survey_used, { used: codes.length }))];
    if (codes.length === 0)
      parts.push(el("p", { class: "survey-preview__none" }, format(s.survey_none_usable, { name: reading.name })));
    if (skipped.length)
      parts.push(
        el(
          "details",
          {},
          el("summary", {}, format(s.survey_skipped, { count: skipped.length })),
          el(
            "ul",
            {},
            ...skipped
              .slice(0, 50)
              .map((/** @type {any} */ r) =>
                el("li", {}, format(s.survey_skipped_item, { row: r.row, reason: r.reason })),
              ),
          ),
        ),
      );
    $("survey-outcome").replaceChildren(...parts);
    const add = /** @type {HTMLButtonElement} */ ($("survey-add"));
    add.textContent = format(s.survey_add, { count: codes.length });
    add.disabled = codes.length === 0;
  }

  /** What was read: format, rows, questionnaire, questions found, warnings. @param {any} preview */
  function renderSummary(preview) {
    const found = preview.questions.filter((/** @type {any} */ q) => q.column !== null).length;
    const summary = format(s.survey_summary, {
      format: s[`survey_format_${preview.format}`] ?? preview.format,
      rows: preview.rows,
      questionnaire: s[`survey_questionnaire_${preview.assessment}`] ?? preview.assessment,
      matched: found,
      questions: preview.questions.length,
    });
    const parts = [el("p", {}, summary)];
    const warnings = preview.warnings ?? [];
    if (warnings.length) parts.push(el("ul", {}, ...warnings.map((/** @type {any} */ w) => el("li", {}, w.message))));
    return parts;
  }

  /** The columns, each with how it is read and a select to set it by hand. @param {any} preview @param {string} name */
  function renderColumns(preview, name) {
    // "12. How often…": the number the select shows, and the label only where the header says otherwise.
    const labels = Object.fromEntries(
      preview.questions.map((/** @type {any} */ q, /** @type {number} */ i) => [
        q.id,
        { number: i + 1, label: q.label },
      ]),
    );
    const rows = preview.columns.map((/** @type {any} */ column) =>
      el(
        "tr",
        {},
        el("th", { scope: "row", id: `survey-col-${column.position}` }, column.header),
        el("td", {}, ...describeColumn(column, labels)),
        el("td", {}, column.status === "identity" ? "—" : columnSelect(column, preview)),
        el("td", {}, column.status === "matched" || column.status === "role" ? unmatchedValues(column) : "—"),
      ),
    );
    const headers = [s.survey_col_header, s.survey_col_status, s.survey_col_set, s.survey_col_unmatched];
    const table = el(
      "table",
      {},
      el("caption", {}, format(s.survey_table_caption, { name })),
      el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...rows),
    );
    // Material's wrappers: the wide table scrolls sideways inside them, and scroll-regions.js gives
    // the wrapper a tab stop and a name when it overflows.
    return el("div", { class: "md-typeset__scrollwrap" }, el("div", { class: "md-typeset__table" }, table));
  }

  /** @param {any} column @param {Record<string, {number: number, label: string}>} labels */
  function describeColumn(column, labels) {
    if (column.status === "matched") {
      const { number, label } = labels[column.question] ?? { number: column.question, label: "" };
      const same = label.trim().toLowerCase() === String(column.header).trim().toLowerCase();
      return [
        format(s.survey_status_matched, { question: same ? String(number) : `${number}. ${label}` }),
        el("br"),
        el(
          "small",
          {},
          format(s.survey_status_cells, { matched: column.matched_cells ?? 0, empty: column.empty_cells ?? 0 }),
        ),
      ];
    }
    return [s[`survey_status_${column.status}`] ?? column.status];
  }

  /** A select named by the column's header: "not used", the role, or a question. @param {any} column @param {any} preview */
  function columnSelect(column, preview) {
    const chosen = columnChoice(column);
    const option = (/** @type {string} */ value, /** @type {string} */ text) =>
      el("option", { value, selected: value === chosen }, text);
    const select = /** @type {HTMLSelectElement} */ (
      el(
        "select",
        { id: `survey-set-${column.position}`, "aria-labelledby": `survey-col-${column.position}` },
        option("", s.survey_option_unused),
        option("role", s.survey_option_role),
        ...preview.questions.map((/** @type {any} */ q, /** @type {number} */ i) =>
          option(q.id, `${i + 1}. ${q.label}`),
        ),
      )
    );
    select.addEventListener("change", () => setColumn(column.position, select.value));
    return select;
  }

  /** The values of a read column that match no option, with how many times each occurs. @param {any} column */
  function unmatchedValues(column) {
    const values = column.unmatched ?? [];
    if (!values.length) return s.survey_unmatched_none;
    return el(
      "ul",
      { class: "survey-preview__values" },
      ...values.map((/** @type {any} */ v) => el("li", {}, `${v.value} (${v.count})`)),
    );
  }

  /** @param {any} preview */
  function renderMissing(preview) {
    const missing = preview.questions.filter((/** @type {any} */ q) => q.column === null);
    if (!missing.length) return [];
    return [
      el(
        "details",
        {},
        el("summary", {}, format(s.survey_missing_title, { count: missing.length })),
        el("ul", {}, ...missing.map((/** @type {any} */ q) => el("li", {}, q.label))),
      ),
    ];
  }

  /** Set one column by hand ("" = not used), read again, and keep the focus on that column's select. @param {number} position @param {string} value */
  async function setColumn(position, value) {
    if (!current) return;
    const reading = current;
    reading.overrides[String(position)] = value === "" ? null : value;
    try {
      const result = await makeCodes(reading);
      if (!result) return;
      Object.assign(reading, { preview: result.preview, result });
      renderPreview(reading);
      $(`survey-set-${position}`)?.focus();
      status(format(s.survey_updated, { count: result.codes.length }));
    } catch (error) {
      say(/** @type {Error} */ (error).message);
    }
  }

  async function addCurrent() {
    if (!current?.result) return;
    const { name, digest, result } = current;
    sources.push({ name, digest, count: result.codes.length, codes: result.codes });
    await closePreview();
    renderSources();
    status(format(s.survey_added, { name, count: result.codes.length }));
    options.onChange("add");
  }

  /** @param {Source} source */
  function removeSource(source) {
    sources.splice(sources.indexOf(source), 1);
    renderSources();
    status(format(s.survey_removed, { name: source.name }));
    ui.file.focus();
    options.onChange("remove");
  }

  function renderSources() {
    const items = sources.map((source) => {
      const remove = el(
        "button",
        { type: "button", class: "md-button", "aria-label": format(s.survey_remove_label, { name: source.name }) },
        s.survey_remove,
      );
      remove.addEventListener("click", () => removeSource(source));
      return el("li", {}, format(s.survey_source_item, { name: source.name, count: source.count }), " ", remove);
    });
    ui.sources.querySelector("ul")?.replaceChildren(...items);
    ui.sources.hidden = sources.length === 0;
  }

  ui.file.addEventListener("change", () => {
    const file = ui.file.files?.[0];
    ui.file.value = ""; // the same file chosen again fires "change" (and meets the duplicate message)
    if (file) read(file);
  });
  acceptDroppedFile(ui.drop, "survey-drop--over", read);
  return { codes: () => sources.flatMap((source) => source.codes), read };
}

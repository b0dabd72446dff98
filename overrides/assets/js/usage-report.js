// @ts-check
// "Fill these figures from a usage report" on the assessment page. The person opens or drops the CSV
// export of an AI usage report; its bytes go to the engine in the browser's worker (nothing is
// uploaded), which recognises the report and returns counts only. This script fills the number
// questions the engine names, marks each one in words as filled from the file, and shows a summary
// for the person to check. Nothing is saved here: the form's own saving keeps the numbers, like typed ones.
import { acceptDroppedFile, el, format, table } from "./dom.js";

/**
 * @typedef {{name: string, active_30d: number, active_7d: number}} AppLine
 * @typedef {{name: string, people: number, active_30d: number, active_7d: number, other?: boolean}} DepartmentLine
 * @typedef {{kind: string, refresh_date: string, people: number, seats: number | null, active_30d: number,
 *   active_7d: number, concealed: boolean, apps: AppLine[], departments: DepartmentLine[],
 *   fill: Record<string, number>}} UsageReport
 * @typedef {{form: HTMLFormElement, strings: Record<string, string>, locale: string,
 *   engine: {sendFile: (file: File) => Promise<string>},
 *   ask: (method: string, payload?: object) => Promise<any>,
 *   engineState: () => string}} UsageOptions
 */

const MARK_CLASS = "figure-question__source";

/** Wire the control, if the page has it. @param {UsageOptions} options */
export function wireUsageReport(options) {
  const box = document.getElementById("usage-fill");
  const input = /** @type {HTMLInputElement | null} */ (document.getElementById("usage-file"));
  if (!box || !input) return;
  const read = (/** @type {File} */ file) => readReport(file, box, options);
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file)
      read(file).finally(() => {
        input.value = "";
      });
  });
  acceptDroppedFile(box, "usage-fill--over", read);
  // A value the person changes is theirs: the "filled from the report" mark goes.
  options.form.addEventListener("input", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    if (target.dataset.usageFilled !== undefined && target.value !== target.dataset.usageFilled) unmark(target);
  });
}

/** @param {File} file @param {HTMLElement} box @param {UsageOptions} options */
async function readReport(file, box, { form, strings: s, locale, engine, ask, engineState }) {
  const status = /** @type {HTMLElement} */ (document.getElementById("usage-status"));
  const alert = /** @type {HTMLElement} */ (document.getElementById("usage-error"));
  alert.replaceChildren();
  if (file.size > Number(box.dataset.maxBytes)) {
    status.textContent = "";
    alert.replaceChildren(
      el("p", { role: "alert" }, format(s.usage_too_large, { name: file.name, limit: box.dataset.limit ?? "" })),
    );
    return;
  }
  status.textContent = format(engineState() === "ready" ? s.usage_reading : s.usage_waiting, { name: file.name });
  /** @type {UsageReport} */
  let report;
  try {
    const path = await engine.sendFile(file);
    report = await ask("usage_read", { path, name: file.name });
  } catch (error) {
    status.textContent = "";
    alert.replaceChildren(
      el("p", { role: "alert" }, format(s.usage_error, { reason: /** @type {Error} */ (error).message })),
    );
    return;
  }
  fillFigures(form, report.fill, s);
  showSummary(report, s, locale);
  status.textContent = format(s.usage_done, { name: file.name });
}

/** Put the counts in the number questions and say, next to each, where they came from.
 * @param {HTMLFormElement} form @param {Record<string, number>} fill @param {Record<string, string>} s */
function fillFigures(form, fill, s) {
  for (const input of form.querySelectorAll(`input[data-usage-filled]`))
    unmark(/** @type {HTMLInputElement} */ (input));
  for (const [question, value] of Object.entries(fill)) {
    const input = /** @type {HTMLInputElement | null} */ (
      form.querySelector(`input[type=number][name="${CSS.escape(question)}"]`)
    );
    if (!input) continue;
    input.value = String(value);
    input.dataset.usageFilled = input.value;
    const mark = el("span", { class: MARK_CLASS, id: `${input.id}-source` }, s.usage_filled);
    input.parentElement?.append(mark);
    const described = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    input.setAttribute("aria-describedby", [...described, mark.id].join(" "));
  }
}

/** Answers written by the page (a draft, a link, an import) replace the report's: drop every mark.
 * @param {HTMLFormElement} form */
export function clearUsageMarks(form) {
  for (const input of form.querySelectorAll("input[data-usage-filled]"))
    unmark(/** @type {HTMLInputElement} */ (input));
}

/** @param {HTMLInputElement} input */
function unmark(input) {
  const id = `${input.id}-source`;
  document.getElementById(id)?.remove();
  const described = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((part) => part && part !== id);
  if (described.length) input.setAttribute("aria-describedby", described.join(" "));
  else input.removeAttribute("aria-describedby");
  delete input.dataset.usageFilled;
}

/** The report's figures and notes, then the per-app and per-department tables.
 * @param {UsageReport} report @param {Record<string, string>} s @param {string} locale */
function showSummary(report, s, locale) {
  const section = /** @type {HTMLElement} */ (document.getElementById("usage-summary"));
  const body = /** @type {HTMLElement} */ (document.getElementById("usage-summary-body"));
  const number = new Intl.NumberFormat(locale);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const rows = [
    [s.usage_kind, s[`usage_kind_${report.kind}`] ?? report.kind],
    [s.usage_refresh_date, day.format(new Date(`${report.refresh_date}T00:00:00Z`))],
    [s.usage_people, number.format(report.people)],
    [s.usage_active_30d, number.format(report.active_30d)],
    [s.usage_active_7d, number.format(report.active_7d)],
  ];
  const list = el("dl", { class: "usage-summary__figures" });
  for (const [term, value] of rows) list.append(el("dt", {}, term), el("dd", {}, value));
  const notes = [report.seats === null ? s.usage_no_seats : s.usage_seats_note, s.usage_weekly_note];
  if (report.concealed) notes.push(s.usage_concealed);
  body.replaceChildren(list, ...notes.map((text) => el("p", {}, text)));
  if (report.apps.length) body.append(countTable(s.usage_apps_caption, s.usage_app, report.apps, s, number));
  if (report.departments.length) {
    const lines = report.departments.map((line) => (line.other ? { ...line, name: s.usage_other_departments } : line));
    body.append(countTable(s.usage_departments_caption, s.usage_department, lines, s, number, true));
  }
  section.hidden = false;
}

/**
 * @param {string} caption @param {string} first @param {Array<AppLine | DepartmentLine>} lines
 * @param {Record<string, string>} s @param {Intl.NumberFormat} number @param {boolean} [people]
 */
function countTable(caption, first, lines, s, number, people = false) {
  const headers = [first, ...(people ? [s.usage_people] : []), s.usage_active_30d, s.usage_active_7d];
  const rows = lines.map((line) => {
    const counts = [...(people ? [/** @type {DepartmentLine} */ (line).people] : []), line.active_30d, line.active_7d];
    return el("tr", {}, el("th", { scope: "row" }, line.name), ...counts.map((n) => el("td", {}, number.format(n))));
  });
  return table(headers, el("tbody", {}, ...rows), caption);
}

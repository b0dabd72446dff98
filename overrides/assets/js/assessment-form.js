// @ts-check
// Reading and filling the assessment form. The form is plain HTML rendered at build time from the
// model; this module only maps it to and from an answers object {questionId: optionId | number}.
import { clearUsageMarks } from "./usage-report.js";

/** @typedef {Record<string, string | number>} Answers */

/** @param {HTMLFormElement} form @returns {HTMLElement[]} */
function choiceGroups(form) {
  return Array.from(form.querySelectorAll("fieldset.question[data-question]"));
}

/** @param {HTMLFormElement} form @returns {HTMLInputElement[]} */
function numberInputs(form) {
  return Array.from(form.querySelectorAll(".figure-question input[type=number]"));
}

/**
 * The answers currently given. Numbers that are not valid numbers are kept as text so the engine
 * can name the problem; empty fields are left out (unknown).
 * @param {HTMLFormElement} form @returns {Answers}
 */
export function readAnswers(form) {
  /** @type {Answers} */
  const answers = {};
  for (const group of choiceGroups(form)) {
    const checked = /** @type {HTMLInputElement | null} */ (group.querySelector("input[type=radio]:checked"));
    if (checked) answers[group.dataset.question ?? ""] = checked.value;
  }
  for (const input of numberInputs(form)) {
    const raw = input.value.trim();
    if (raw === "" && !input.validity.badInput) continue;
    const value = Number(raw);
    answers[input.name] = raw !== "" && Number.isFinite(value) ? value : raw || "?";
  }
  return answers;
}

/**
 * Put answers into the form (unknown questions or options are skipped and returned).
 * @param {HTMLFormElement} form @param {Answers} answers @returns {string[]} ids that did not fit
 */
export function writeAnswers(form, answers) {
  clearAnswers(form);
  const skipped = [];
  for (const [id, value] of Object.entries(answers)) {
    const radio = /** @type {HTMLInputElement | null} */ (
      form.querySelector(`input[type=radio][name="${CSS.escape(id)}"][value="${CSS.escape(String(value))}"]`)
    );
    const number = /** @type {HTMLInputElement | null} */ (
      form.querySelector(`input[type=number][name="${CSS.escape(id)}"]`)
    );
    if (radio) radio.checked = true;
    else if (number && typeof value === "number") number.value = String(value);
    else skipped.push(id);
  }
  return skipped;
}

/** @param {HTMLFormElement} form */
export function clearAnswers(form) {
  for (const input of form.querySelectorAll("input[type=radio]"))
    /** @type {HTMLInputElement} */ (input).checked = false;
  for (const input of numberInputs(form)) input.value = "";
  clearUsageMarks(form);
}

/** Count answered choice questions ("don't know" counts as answered for progress). @param {HTMLFormElement} form */
export function countAnswered(form) {
  return choiceGroups(form).filter((group) => group.querySelector("input[type=radio]:checked")).length;
}

/** Update the progress bar and its text. @param {HTMLFormElement} form */
export function showProgress(form) {
  const answered = countAnswered(form);
  const total = Number(form.dataset.total);
  const bar = /** @type {HTMLProgressElement | null} */ (form.querySelector("#assessment-progress"));
  const label = /** @type {HTMLElement | null} */ (form.querySelector("#assessment-progress-text"));
  if (bar) bar.value = answered;
  if (label)
    label.textContent = (label.dataset.template ?? "")
      .replace("{answered}", String(answered))
      .replace("{total}", String(total));
}

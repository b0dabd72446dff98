// @ts-check
// Before scoring: warn when the answers are too sparse for an overall score, and offer to go to the
// first question without an answer. The rule's numbers come from the model through the form's data
// attributes (data-min-answers per dimension, data-min-dimensions); the engine stays the judge.
import { el, format } from "./dom.js";

/** @param {HTMLFormElement} form @returns {HTMLFieldSetElement[]} */
function questionGroups(form) {
  return Array.from(form.querySelectorAll("fieldset.question[data-question]"));
}

/** An answer that counts for the score: any option but "don't know". @param {HTMLFieldSetElement} group */
function isScored(group) {
  return Boolean(group.querySelector("input[type=radio]:checked:not([data-dont-know])"));
}

/** How far the answers are from an overall score. @param {HTMLFormElement} form */
export function measureAnswers(form) {
  const groups = questionGroups(form);
  const perDimension = Number(form.dataset.minAnswers ?? 0);
  const dimensions = Number(form.dataset.minDimensions ?? 0);
  const counts = new Map();
  for (const group of groups) {
    const section = group.closest("section.dimension");
    if (isScored(group)) counts.set(section, (counts.get(section) ?? 0) + 1);
  }
  const scoredDimensions = [...counts.values()].filter((n) => n >= perDimension).length;
  return {
    answered: groups.filter(isScored).length,
    total: groups.length,
    perDimension,
    dimensions,
    sparse: scoredDimensions < dimensions,
  };
}

/** The first question with nothing chosen, else the first answered "don't know". @param {HTMLFormElement} form */
export function firstUnanswered(form) {
  const groups = questionGroups(form);
  return groups.find((g) => !g.querySelector("input[type=radio]:checked")) ?? groups.find((g) => !isScored(g)) ?? null;
}

/** Focus a question's checked option (or its first one): that is where arrow keys then work. @param {HTMLFieldSetElement} group */
export function focusQuestion(group) {
  const radio = /** @type {HTMLInputElement | null} */ (
    group.querySelector("input[type=radio]:checked") ?? group.querySelector("input[type=radio]")
  );
  radio?.focus();
}

/**
 * Show the warning in `box` if the answers are sparse and it is not already shown for the same
 * answers; return true when scoring should go ahead.
 * @param {HTMLFormElement} form @param {HTMLElement} box @param {Record<string, string>} s
 * @param {() => void} scoreAnyway
 */
export function confirmSparse(form, box, s, scoreAnyway) {
  const measure = measureAnswers(form);
  if (!measure.sparse) {
    hideWarning(box);
    return true;
  }
  const target = firstUnanswered(form);
  const number = target?.querySelector(".question__number")?.textContent?.replace(/\D/g, "") ?? "";
  const text = el(
    "p",
    { id: "sparse-warning-text", tabindex: "-1" },
    format(s.ux_sparse_warning, {
      answered: measure.answered,
      total: measure.total,
      per: measure.perDimension,
      dimensions: measure.dimensions,
    }),
  );
  const jump = el(
    "button",
    { type: "button", class: "md-button md-button--primary" },
    format(s.ux_sparse_jump, { number }),
  );
  const anyway = el("button", { type: "button", class: "md-button" }, s.ux_sparse_anyway);
  jump.addEventListener("click", () => {
    hideWarning(box);
    if (target) focusQuestion(/** @type {HTMLFieldSetElement} */ (target));
  });
  anyway.addEventListener("click", () => {
    hideWarning(box);
    scoreAnyway();
  });
  box.replaceChildren(text, el("p", { class: "sparse-warning__actions" }, target ? jump : null, " ", anyway));
  box.hidden = false;
  text.focus();
  return false;
}

/** @param {HTMLElement} box */
export function hideWarning(box) {
  box.hidden = true;
  box.replaceChildren();
}

// @ts-check
// Render the engine's comparison of two results (single or team): per-dimension change with its
// direction, the level, practices resolved or new, recommendations added or dropped.
import { el, format, formatScore, table } from "./dom.js";

const showScore = formatScore;

/** @param {any} row @param {Record<string, string>} s */
function changeCell(row, s) {
  if (row.change === null || row.change === undefined) return "—";
  const sign = row.change > 0 ? "+" : "";
  return `${sign}${Math.round(row.change)} (${s[`label_${row.direction}`]})`;
}

/** @param {string} title @param {Array<{title: string}>} items @param {Record<string, string>} s @returns {HTMLElement[]} */
function list(title, items, s) {
  return [
    el("h4", {}, title),
    items.length ? el("ul", {}, ...items.map((i) => el("li", {}, i.title))) : el("p", {}, s.label_none),
  ];
}

/**
 * @param {HTMLElement} container @param {any} comparison @param {Record<string, string>} s
 */
export function renderComparison(container, comparison, s) {
  const body = el(
    "tbody",
    {},
    el(
      "tr",
      {},
      el("th", { scope: "row" }, s.compare_index),
      el("td", {}, showScore(comparison.index.before)),
      el("td", {}, showScore(comparison.index.after)),
      el("td", {}, changeCell(comparison.index, s)),
    ),
    ...comparison.dimensions.map((/** @type {any} */ d) =>
      el(
        "tr",
        { "data-direction": d.direction },
        el("th", { scope: "row" }, d.label),
        el("td", {}, showScore(d.before)),
        el("td", {}, showScore(d.after)),
        el("td", {}, changeCell(d, s)),
      ),
    ),
  );
  const parts = [
    el("h3", { id: "comparison-title" }, s.compare_result_title),
    comparison.note ? el("p", {}, comparison.note.message ?? comparison.note) : null,
    el(
      "p",
      {},
      format(s.compare_band, {
        before: comparison.band.before?.label ?? "—",
        after: comparison.band.after?.label ?? "—",
      }),
    ),
    table(
      [s.label_dimension, s.label_before, s.label_after, s.label_change],
      body,
      format(s.compare_caption, { within: comparison.same_within }),
    ),
    ...list(s.compare_resolved, comparison.antipatterns.resolved, s),
    ...list(s.compare_new, comparison.antipatterns.new, s),
  ];
  if (comparison.recommendations) {
    parts.push(
      ...list(s.label_added, comparison.recommendations.added, s),
      ...list(s.compare_dropped, comparison.recommendations.dropped, s),
    );
  }
  container.replaceChildren(.../** @type {HTMLElement[]} */ (parts.filter(Boolean)));
  container.setAttribute("aria-labelledby", "comparison-title"); // the heading exists only now
  container.hidden = false;
}

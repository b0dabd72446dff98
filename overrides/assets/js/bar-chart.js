// @ts-check
// A horizontal bar chart as HTML: the labels and values are page text (they keep the page's font
// size at any width and wrap above the bar on a phone), the bars are small SVGs scaled to 0–100.
// It is decoration for sighted readers: a table after it carries the same figures for everyone.
import { el, svg } from "./dom.js";

/**
 * @typedef {{label: string, score: number | null, shown: string, highlight?: boolean,
 *   spread?: [number, number] | null}} BarRow  scores run 0–100, higher means more resistance
 */

/** @param {BarRow} row */
function renderBar(row) {
  const bar = svg(
    "svg",
    {
      class: "chart__bars",
      viewBox: "0 0 100 10",
      preserveAspectRatio: "none",
      "aria-hidden": "true",
      focusable: "false",
    },
    svg("rect", { x: 0, y: 0, width: 100, height: 10, class: "chart__track" }),
  );
  if (row.score !== null) {
    bar.append(
      svg("rect", {
        x: 0,
        y: 0,
        width: row.score,
        height: 10,
        class: row.highlight ? "chart__bar chart__bar--barrier" : "chart__bar",
      }),
    );
  }
  if (row.spread) {
    bar.append(
      svg("line", {
        x1: row.spread[0],
        x2: row.spread[1],
        y1: 5,
        y2: 5,
        class: "chart__spread",
        "vector-effect": "non-scaling-stroke",
      }),
    );
  }
  return bar;
}

/** @param {BarRow[]} rows @returns {HTMLElement} */
export function renderBarChart(rows) {
  return el(
    "div",
    { class: "chart", "aria-hidden": "true" },
    ...rows.map((row) =>
      el(
        "div",
        { class: row.highlight ? "chart__row chart__row--barrier" : "chart__row" },
        el("span", { class: "chart__label" }, row.label),
        renderBar(row),
        el("span", { class: "chart__value" }, row.shown),
      ),
    ),
  );
}

// @ts-check
// Render the engine's result as accessible HTML: no scoring happens here, only presentation.
// Every string comes from the result (model texts in the page's language) or the UI strings.
import { el, format, formatScore, table } from "./dom.js";
import { renderBarChart } from "./bar-chart.js";
import { formatDate } from "./page-view.js";

/** @typedef {Record<string, any>} Result */
/** @typedef {Record<string, string>} Strings */
/** @typedef {Record<string, {owner?: string, due?: string}>} Actions */

const TOP_RECOMMENDATIONS = 3;

/** @param {number | null} score @param {Strings} s */
const showScore = (score, s) => formatScore(score, s.result_not_scored);

/**
 * A ratio (0–1) as a percentage, written the page language's way ("25%", "25 %").
 * @param {number} ratio @param {string} locale BCP 47 tag of the page's language (site config)
 */
export function showPercent(ratio, locale) {
  return new Intl.NumberFormat(locale, {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(ratio);
}

/** @param {Result} result @param {Strings} s @param {string} locale */
function renderOverall(result, s, locale) {
  const c = result.completeness;
  const block = el("div", { class: "result__overall", "data-band": result.band?.id ?? "none" });
  if (result.index === null) {
    block.append(el("p", { class: "result__band" }, s.result_no_index));
  } else {
    block.append(
      el(
        "p",
        { class: "result__index" },
        el("span", { class: "result__index-value" }, showScore(result.index, s)),
        el("span", { class: "result__index-scale" }, " / 100 "),
        el("span", { class: "result__index-label" }, s.result_index_label),
      ),
      el("p", { class: "result__band" }, el("strong", {}, result.band.label)),
      el("p", { class: "result__meaning" }, result.band.meaning),
    );
  }
  block.append(
    el(
      "p",
      { class: "result__completeness" },
      format(s.result_completeness, { answered: c.answered, total: c.total, percent: showPercent(c.ratio, locale) }),
    ),
  );
  return block;
}

/** The dimension chart; the table after it carries the same data for screen readers. @param {Result} result @param {Strings} s */
function renderChart(result, s) {
  const rows = result.dimensions.map((/** @type {any} */ d) => ({
    label: d.label,
    score: d.score,
    shown: showScore(d.score, s),
    highlight: result.first_barrier?.id === d.id,
  }));
  return el("figure", { class: "result__figure" }, renderBarChart(rows), el("figcaption", {}, s.result_chart_caption));
}

/** @param {Result} result @param {Strings} s */
function renderTable(result, s) {
  const body = el("tbody");
  for (const d of result.dimensions) {
    const isBarrier = result.first_barrier?.id === d.id;
    body.append(
      el(
        "tr",
        isBarrier ? { class: "is-barrier" } : {},
        el(
          "th",
          { scope: "row" },
          d.label,
          isBarrier ? el("span", { class: "tag" }, ` (${s.result_barrier_tag})`) : null,
        ),
        el("td", {}, showScore(d.score, s)),
        el("td", {}, format(s.result_answers_of, { answered: d.answered, total: d.total })),
      ),
    );
  }
  return table([s.label_dimension, s.result_col_score, s.label_answers], body, s.result_table_caption);
}

/** @param {Result} result @param {Strings} s */
function renderDiagnosis(result, s) {
  const parts = [];
  if (result.first_barrier) {
    parts.push(
      el("h3", {}, s.result_barrier_title),
      el(
        "p",
        {},
        format(s.result_barrier_text, {
          label: result.first_barrier.label,
          score: showScore(result.first_barrier.score, s),
        }),
      ),
    );
  }
  if (result.diagnosis) {
    parts.push(
      el("h3", {}, s.result_diagnosis_title),
      el("p", {}, el("strong", {}, result.diagnosis.title)),
      el("p", {}, result.diagnosis.explanation),
    );
  }
  return parts;
}

/** @param {Result} result @param {Strings} s @param {string} locale */
function renderAdoption(result, s, locale) {
  const a = result.adoption;
  if (!a) return [];
  const rows = [
    [s.result_connection_rate, a.connection_rate],
    [s.result_adoption_rate, a.adoption_rate],
    [s.result_expected_rate, a.expected_rate],
    [s.result_gap, a.gap],
  ].filter(([, value]) => value !== null && value !== undefined);
  const list = el("dl", { class: "result__adoption" });
  for (const [label, value] of rows) list.append(el("dt", {}, label), el("dd", {}, showPercent(Number(value), locale)));
  const t = a.thresholds ?? {};
  /** @param {boolean | null} met */
  const verdict = (met) => el("strong", {}, met ? s.result_rule_met : s.result_rule_not_met);
  const notes = [];
  if (a.significant_gap !== null && a.significant_gap !== undefined) {
    notes.push(
      el(
        "p",
        {},
        format(s.result_gap_rule, { threshold: showPercent(t.significant_gap, locale) }),
        " ",
        verdict(a.significant_gap),
      ),
    );
  }
  if (a.masked_resistance !== null && a.masked_resistance !== undefined) {
    notes.push(
      el(
        "p",
        {},
        format(s.result_masked_rule, {
          below: showPercent(t.masked_adoption_below, locale),
          least: showPercent(t.masked_connection_at_least, locale),
        }),
        " ",
        verdict(a.masked_resistance),
      ),
    );
  }
  return [el("h3", {}, s.result_adoption_title), list, ...notes];
}

/** @param {string} url @param {string} siteRoot */
function resolveLink(url, siteRoot) {
  return new URL(siteRoot + url, document.baseURI).href;
}

/** @param {Result} result @param {Strings} s @param {string} siteRoot */
function renderAntipatterns(result, s, siteRoot) {
  const title = el("h3", {}, s.result_antipatterns_title);
  if (!result.antipatterns.length) return [title, el("p", {}, s.result_antipatterns_none)];
  const list = el("ul", { class: "result__antipatterns" });
  for (const a of result.antipatterns) {
    list.append(
      el(
        "li",
        {},
        el("strong", {}, a.title),
        el("p", {}, el("span", { class: "label" }, `${s.result_why} `), a.why),
        el("p", {}, el("span", { class: "label" }, `${s.label_instead}${s.label_colon} `), a.instead),
        el("a", { href: resolveLink(a.url, siteRoot) }, s.result_read_more),
      ),
    );
  }
  return [title, list];
}

/**
 * One recommendation, with owner and date fields that go into the exports.
 * @param {any} rec @param {Strings} s @param {string} siteRoot @param {Actions} actions
 */
function renderRecommendation(rec, s, siteRoot, actions) {
  const action = actions[rec.id] ?? {};
  const ownerId = `owner-${rec.id}`,
    dueId = `due-${rec.id}`;
  return el(
    "li",
    { class: "recommendation", "data-recommendation": rec.id },
    el("h4", {}, rec.title),
    el("p", {}, el("span", { class: "label" }, `${s.result_why} `), rec.why),
    el("p", {}, el("span", { class: "label" }, `${s.label_first_step}${s.label_colon} `), rec.first_step),
    el(
      "p",
      { class: "recommendation__links" },
      el("a", { href: resolveLink(rec.phase.url, siteRoot) }, format(s.result_phase, { phase: rec.phase.title })),
      el("span", { class: "sep" }, " · "),
      el("a", { href: resolveLink(rec.url, siteRoot) }, s.result_read_more),
    ),
    el(
      "div",
      { class: "recommendation__action" },
      el("label", { for: ownerId }, s.label_owner),
      el("input", {
        type: "text",
        id: ownerId,
        "data-action": "owner",
        maxlength: 80,
        autocomplete: "off",
        value: action.owner ?? "",
      }),
      el("label", { for: dueId }, s.label_due),
      el("input", { type: "date", id: dueId, "data-action": "due", value: action.due ?? "" }),
    ),
  );
}

/** @param {Result} result @param {Strings} s @param {string} siteRoot @param {Actions} actions */
function renderRecommendations(result, s, siteRoot, actions) {
  const recs = result.recommendations;
  const title = el("h3", {}, s.result_recommendations_title);
  if (!recs.length) return [title, el("p", {}, s.result_recommendations_none)];
  const top = el("ol", { class: "result__recommendations" });
  recs
    .slice(0, TOP_RECOMMENDATIONS)
    .forEach((/** @type {any} */ r) => top.append(renderRecommendation(r, s, siteRoot, actions)));
  const parts = [title, top];
  if (recs.length > TOP_RECOMMENDATIONS) {
    const rest = el("ol", { class: "result__recommendations", start: TOP_RECOMMENDATIONS + 1 });
    recs
      .slice(TOP_RECOMMENDATIONS)
      .forEach((/** @type {any} */ r) => rest.append(renderRecommendation(r, s, siteRoot, actions)));
    parts.push(
      el(
        "details",
        { class: "result__more" },
        el("summary", {}, format(s.result_more_recommendations, { count: recs.length - TOP_RECOMMENDATIONS })),
        rest,
      ),
    );
  }
  return parts;
}

/**
 * Render a whole result into its container.
 * @param {HTMLElement} container @param {Result} result
 * @param {{strings: Strings, locale: string, langRoot: string, siteRoot: string, actions: Actions}} context
 */
export function renderResult(container, result, { strings: s, locale, langRoot, siteRoot, actions }) {
  container.replaceChildren(
    el("h2", { id: "result-title", tabindex: "-1" }, s.result_title),
    el(
      "p",
      { class: "result__meta" },
      format(s.result_meta, { version: result.model_version, date: formatDate(new Date(), locale) }),
    ),
    renderOverall(result, s, locale),
    el("h3", {}, s.result_dimensions_title),
    renderChart(result, s),
    renderTable(result, s),
    ...renderDiagnosis(result, s),
    ...renderAdoption(result, s, locale),
    ...renderAntipatterns(result, s, siteRoot),
    ...renderRecommendations(result, s, siteRoot, actions),
    el(
      "p",
      { class: "result__method" },
      el("a", { href: resolveLink(`${langRoot}methodology/`, siteRoot) }, s.result_methodology),
    ),
  );
  container.setAttribute("aria-labelledby", "result-title"); // the heading exists only now
  container.hidden = false;
}

/** Owner and date typed in the result, keyed by recommendation id. @param {HTMLElement} container @returns {Actions} */
export function readActions(container) {
  /** @type {Actions} */
  const actions = {};
  for (const item of container.querySelectorAll("[data-recommendation]")) {
    const owner = /** @type {HTMLInputElement} */ (item.querySelector("[data-action=owner]")).value.trim();
    const due = /** @type {HTMLInputElement} */ (item.querySelector("[data-action=due]")).value;
    if (owner || due) actions[/** @type {HTMLElement} */ (item).dataset.recommendation ?? ""] = { owner, due };
  }
  return actions;
}

// @ts-check
// Render the engine's team aggregate. The engine has already applied the anonymity rules (nothing
// below 5 responses, no role group under 5, practices reported once withheld); this only displays.
import { el, format, formatScore, table } from "./dom.js";
import { renderBarChart } from "./bar-chart.js";
import { formatDate } from "./page-view.js";
import { showPercent } from "./assessment-result.js";
import { versionNotice } from "./version-notice.js";

const ROLE_ORDER = ["leadership", "manager", "staff", "unspecified"];

const score = formatScore;

/** @param {any} team @param {Record<string, string>} s */
function renderCounts(team, s) {
  const parts = [
    el(
      "p",
      { class: "team__counts" },
      format(s.team_counts, {
        valid: team.valid,
        received: team.received,
        duplicates: team.duplicates.length,
        rejected: team.rejected.length,
      }),
    ),
  ];
  if (team.identical.length) {
    parts.push(
      el(
        "p",
        { class: "team__identical" },
        format(team.count_identical ? s.team_identical_counted : s.team_identical_once, {
          count: team.identical.length,
        }),
      ),
    );
  }
  if (team.rejected.length) {
    const shown = team.rejected.slice(0, 50);
    parts.push(
      el(
        "details",
        { class: "team__rejected" },
        el("summary", {}, `${s.team_rejected_title} (${team.rejected.length})`),
        el(
          "ul",
          {},
          ...shown.map((/** @type {any} */ r) =>
            el(
              "li",
              {},
              format(s.team_rejected_item, { position: r.position, excerpt: r.code_excerpt, message: r.error.message }),
            ),
          ),
        ),
      ),
    );
  }
  return parts;
}

/** Medians as bars, their interquartile range as a whisker; the table carries the figures. @param {any[]} dims */
function renderChart(dims) {
  return renderBarChart(
    dims.map((d) => ({
      label: d.label,
      score: d.median,
      shown: score(d.median),
      spread: d.median === null ? null : [d.q1, d.q3],
    })),
  );
}

/** @param {any} team @param {Record<string, string>} s */
function renderDimensions(team, s) {
  const rows = team.dimensions.map((/** @type {any} */ d) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, d.label),
      el("td", {}, score(d.median)),
      el("td", {}, d.median === null ? "—" : `${score(d.q1)}–${score(d.q3)}`),
      el("td", {}, String(d.n)),
    ),
  );
  return [
    el("h3", {}, s.result_dimensions_title),
    el(
      "figure",
      { class: "result__figure" },
      renderChart(team.dimensions),
      el("figcaption", {}, s.team_dimensions_caption),
    ),
    table(
      [s.label_dimension, s.label_median, s.label_quartiles, s.label_responses],
      el("tbody", {}, ...rows),
      s.result_table_caption,
    ),
  ];
}

/** @param {any} team @param {Record<string, string>} s */
function renderBands(team, s) {
  if (team.bands === null)
    return [
      el("h3", {}, s.team_bands_title),
      el("p", {}, format(s.label_bands_withheld, { breakdown: team.breakdown_min })),
    ];
  const labels = { ...team.band_labels, none: s.team_band_none };
  const rows = Object.entries(team.bands).map(([id, count]) =>
    el("tr", {}, el("th", { scope: "row" }, labels[id] ?? id), el("td", {}, String(count))),
  );
  return [el("h3", {}, s.team_bands_title), table([s.team_col_level, s.label_responses], el("tbody", {}, ...rows))];
}

/** @param {any} team @param {Record<string, string>} s @param {string} locale */
function renderAntipatterns(team, s, locale) {
  const parts = [el("h3", {}, s.team_antipatterns_title)];
  if (team.antipatterns.length) {
    parts.push(
      table(
        [s.result_antipatterns_title, s.team_col_share],
        el(
          "tbody",
          {},
          ...team.antipatterns.map((/** @type {any} */ a) =>
            el(
              "tr",
              {},
              el("th", { scope: "row" }, a.title),
              el(
                "td",
                {},
                a.share === null
                  ? format(s.team_reported_by_several, { minimum: team.min_antipattern_reports })
                  : `${showPercent(a.share, locale)} (${a.count})`,
              ),
            ),
          ),
        ),
      ),
    );
  } else {
    parts.push(el("p", {}, s.result_antipatterns_none));
  }
  if (team.antipatterns_withheld)
    parts.push(el("p", {}, format(s.team_antipatterns_withheld, { count: team.antipatterns_withheld })));
  return parts;
}

/** @param {any} team @param {Record<string, string>} s */
function renderRoles(team, s) {
  const byRole = Object.fromEntries(team.roles.map((/** @type {any} */ r) => [r.role, r]));
  const rows = ROLE_ORDER.filter((role) => byRole[role]).map((role) => {
    const group = byRole[role];
    const size = group.n === null ? format(s.label_fewer_than, { minimum: team.min_responses }) : String(group.n);
    return el(
      "tr",
      {},
      el("th", { scope: "row" }, s[`label_${role}`]),
      el("td", {}, size),
      el(
        "td",
        {},
        group.breakdown ? score(group.breakdown.index) : format(s.team_role_hidden, { minimum: team.breakdown_min }),
      ),
    );
  });
  const parts = [
    el("h3", {}, s.team_roles_title),
    table([s.label_role_group, s.label_responses, s.label_median_index], el("tbody", {}, ...rows)),
  ];
  parts.push(el("h3", {}, s.team_gap_title));
  const gap = team.perception_gap;
  if (!gap) return [...parts, el("p", {}, team.perception_gap_note?.message ?? "")];
  const signed = (/** @type {number | null} */ v) => (v === null ? "—" : `${v > 0 ? "+" : ""}${Math.round(v)}`);
  parts.push(
    table(
      [s.label_dimension, s.label_gap_column],
      el(
        "tbody",
        {},
        el("tr", {}, el("th", { scope: "row" }, s.compare_index), el("td", {}, signed(gap.index.gap))),
        ...gap.dimensions.map((/** @type {any} */ d) =>
          el("tr", {}, el("th", { scope: "row" }, d.label), el("td", {}, signed(d.gap))),
        ),
      ),
      s.team_gap_caption,
    ),
  );
  if (team.perception_gap_note?.message) parts.push(el("p", {}, team.perception_gap_note.message));
  return parts;
}

/**
 * @param {HTMLElement} container @param {any} team
 * @param {{strings: Record<string, string>, locale: string, siteRoot?: string, langRoot?: string}} context
 */
export function renderTeam(container, team, { strings: s, locale, siteRoot = "", langRoot = "" }) {
  // Codes of older or mixed questionnaire versions: what was pooled and what was left out.
  const notice = versionNotice(team.version_note, s, { siteRoot, langRoot });
  const parts = [
    el("h2", { id: "team-result-title", tabindex: "-1" }, s.team_result_title),
    ...renderCounts(team, s),
    ...(notice ? [notice] : []),
  ];
  if (team.status !== "ok") {
    parts.push(
      el("p", { class: "team__too-few" }, format(s.team_too_few, { valid: team.valid, min: team.min_responses })),
    );
  } else {
    parts.push(
      el(
        "div",
        { class: "result__overall", "data-band": team.band?.id ?? "none" },
        el(
          "p",
          { class: "result__index" },
          el("span", { class: "result__index-value" }, score(team.index)),
          el("span", { class: "result__index-scale" }, " / 100 "),
          el("span", {}, s.team_index_label),
        ),
        team.band ? el("p", { class: "result__band" }, el("strong", {}, team.band.label)) : null,
        team.band ? el("p", {}, team.band.meaning) : null,
        el(
          "p",
          { class: "result__meta" },
          format(s.team_period, {
            first: formatDate(team.period.first, locale),
            last: formatDate(team.period.last, locale),
            version: team.model_version,
          }),
        ),
        team.rounded_to >= 1
          ? el(
              "p",
              { class: "team__coarse" },
              format(s.team_coarse, { breakdown: team.breakdown_min, step: team.rounded_to }),
            )
          : null,
      ),
      ...renderDimensions(team, s),
      ...renderBands(team, s),
      ...renderAntipatterns(team, s, locale),
      ...renderRoles(team, s),
    );
  }
  container.replaceChildren(...parts.filter(Boolean));
  container.setAttribute("aria-labelledby", "team-result-title"); // the heading exists only now
  container.hidden = false;
}

// @ts-check
// The facilitator's page: codes pasted or opened are pooled by the Python engine in the module
// worker (so a thousand codes never freeze the page), then shown, exported or compared.
import { format } from "./dom.js";
import { readSiteConfig } from "./engine-client.js";
import { refuseFraming } from "./frame-guard.js";
import { renderComparison } from "./comparison.js";
import { exportAs, readSmallFile, say as sayIn, startSession, today } from "./page-session.js";
import { renderTeam } from "./team-result.js";
import { setupSurveyImport } from "./survey-import.js";
import { revealAndFocus } from "./page-view.js";

const config = readSiteConfig();
const s = config.strings;
refuseFraming(s.frame_refused); // before anything can be clicked or started (adr/0011)
const ui = {
  form: /** @type {HTMLFormElement} */ (document.getElementById("team-form")),
  codes: /** @type {HTMLTextAreaElement} */ (document.getElementById("team-codes")),
  files: /** @type {HTMLInputElement} */ (document.getElementById("team-files")),
  countIdentical: /** @type {HTMLInputElement} */ (document.getElementById("team-count-identical")),
  status: /** @type {HTMLElement} */ (document.getElementById("engine-status")),
  messages: /** @type {HTMLElement} */ (document.getElementById("assessment-messages")),
  result: /** @type {HTMLElement} */ (document.getElementById("team-result")),
  tools: /** @type {HTMLElement} */ (document.getElementById("result-tools")),
  compareFile: /** @type {HTMLInputElement} */ (document.getElementById("compare-file")),
  comparison: /** @type {HTMLElement} */ (document.getElementById("comparison")),
};
const { engine, ask } = startSession(config, config.models.resistance, { status: ui.status });
/** @type {{team: any, text: string, codes: string[], countIdentical: boolean}} */
const state = { team: null, text: "", codes: [], countIdentical: false };

/** @param {string} [text] */
const say = (text) => sayIn(ui.messages, text);

// The staff pulse joins the worker only when an export is dropped, so that a pulse export is
// recognised and sent to the workshop page by name, instead of matching nothing here.
/** @type {Promise<unknown> | null} */
let pulseAdded = null;
const addPulseModel = () =>
  (pulseAdded ??= Promise.all(
    (document.getElementById("survey-import")?.dataset.detect ?? "")
      .split(" ")
      .filter(Boolean)
      .map((name) =>
        fetch(`${config.siteRoot}assets/engine/${name}`)
          .then((response) => response.text())
          .then((model) => ask("add_model", { model })),
      ),
  ).catch((error) => {
    pulseAdded = null; // try again with the next export
    throw error;
  }));
const survey = setupSurveyImport({
  engine,
  ask,
  strings: s,
  locale: config.locale,
  workshopURL: `${config.siteRoot}${config.langRoot}workshop/`,
  before: addPulseModel,
  // An export added is pooled at once; one removed updates a result already shown.
  onChange: (change) => (change === "add" || !ui.result.hidden ? pool() : undefined),
});

/** Pasted codes plus the contents of opened files, as one text the engine splits. */
async function gatherCodes() {
  const texts = [ui.codes.value];
  for (const file of Array.from(ui.files.files ?? [])) texts.push(await readSmallFile(file, s));
  return texts.join("\n");
}

async function pool() {
  try {
    state.text = await gatherCodes();
    say(s.team_pooling);
    state.codes = [...(await ask("parse_codes", { text: state.text })), ...survey.codes()];
    state.countIdentical = ui.countIdentical.checked;
    state.team = await ask("aggregate", { codes: state.codes, count_identical: state.countIdentical });
  } catch (error) {
    say(/** @type {Error} */ (error).message);
    return;
  }
  say();
  renderTeam(ui.result, state.team, {
    strings: s,
    locale: config.locale,
    siteRoot: config.siteRoot,
    langRoot: config.langRoot,
  });
  ui.tools.hidden = state.team.status !== "ok";
  revealAndFocus(document.getElementById("team-result-title"));
}

/** The team export: the codes themselves, so a later comparison recomputes instead of trusting. */
function exportDocument() {
  return {
    kind: "team",
    assessment: state.team.assessment,
    model_version: state.team.model_version,
    exported: today(),
    codes: state.codes,
    count_identical: state.countIdentical,
    aggregate: state.team,
  };
}

/** @param {string} kind */
function exportTeam(kind) {
  return exportAs(
    kind,
    `ai-adoption-team-${today()}`,
    exportDocument,
    (format) => ask("team_report", { codes: state.codes, count_identical: state.countIdentical, format }),
    say,
  );
}

/** @param {File} file */
async function compareWith(file) {
  try {
    const comparison = await ask("compare", { before_text: await readSmallFile(file, s), after: exportDocument() });
    say();
    renderComparison(ui.comparison, comparison, s);
  } catch (error) {
    say(format(s.error_prefix_compare, { reason: /** @type {Error} */ (error).message }));
  }
}

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  pool();
});
for (const button of document.querySelectorAll("[data-export]")) {
  button.addEventListener("click", () => exportTeam(/** @type {HTMLElement} */ (button).dataset.export ?? "json"));
}
ui.compareFile.addEventListener("change", () => {
  const file = ui.compareFile.files?.[0];
  if (file)
    compareWith(file).finally(() => {
      ui.compareFile.value = "";
    });
});

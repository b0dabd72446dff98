// @ts-check
// The self-assessment page. The form is plain HTML and usable at once; the Python engine loads in a
// module worker in the background. Everything computed (score, exports, share codes, checks of
// imported files) comes from the engine; this script only moves data between the page and it.
import { download, el, format } from "./dom.js";
import { readSiteConfig } from "./engine-client.js";
import { refuseFraming } from "./frame-guard.js";
import { readAnswers, showProgress, writeAnswers } from "./assessment-form.js";
import { readActions, renderResult } from "./assessment-result.js";
import { createStore } from "./assessment-store.js";
import { renderComparison } from "./comparison.js";
import { registerOffline } from "./offline.js";
import { copyFrom, exportAs, readSmallFile, say as sayIn, startSession, today } from "./page-session.js";
import { showVersionNotice } from "./version-notice.js";
import { confirmSparse } from "./form-guidance.js";
import { carryAnswersAcrossLanguages, takeCarriedCode } from "./language-carry.js";
import { formatDate, revealAndFocus } from "./page-view.js";
import { wireUsageReport } from "./usage-report.js";

const SHARE_PREFIX = "#r=";

const config = readSiteConfig();
const s = config.strings;
refuseFraming(s.frame_refused); // before anything can be clicked or started (adr/0011)
const form = /** @type {HTMLFormElement} */ (document.getElementById("assessment-form"));
const ui = {
  status: /** @type {HTMLElement} */ (document.getElementById("engine-status")),
  messages: /** @type {HTMLElement} */ (document.getElementById("assessment-messages")),
  result: /** @type {HTMLElement} */ (document.getElementById("result")),
  tools: /** @type {HTMLElement} */ (document.getElementById("result-tools")),
  fallback: /** @type {HTMLElement} */ (document.getElementById("engine-fallback")),
  consent: /** @type {HTMLInputElement} */ (document.getElementById("storage-consent")),
  storageStatus: /** @type {HTMLElement} */ (document.getElementById("storage-status")),
  importFile: /** @type {HTMLInputElement} */ (document.getElementById("import-file")),
  shareLink: /** @type {HTMLInputElement} */ (document.getElementById("share-link")),
  shareStatus: /** @type {HTMLElement} */ (document.getElementById("share-status")),
  teamRole: /** @type {HTMLSelectElement} */ (document.getElementById("team-role")),
  teamCode: /** @type {HTMLInputElement} */ (document.getElementById("team-code")),
  teamStatus: /** @type {HTMLElement} */ (document.getElementById("team-code-status")),
  compareFile: /** @type {HTMLInputElement} */ (document.getElementById("compare-file")),
  comparison: /** @type {HTMLElement} */ (document.getElementById("comparison")),
  sparse: /** @type {HTMLElement} */ (document.getElementById("sparse-warning")),
};
const store = createStore(config.storage);
const state = {
  /** @type {Record<string, any> | null} */ result: null,
  /** @type {Record<string, any>} */ actions: {},
  // True while the form shows a share link's answers over a saved draft: nothing is saved until the
  // person chooses (their own draft is never replaced silently).
  viewingLink: false,
};

const { engine, ask } = startSession(config, config.models[form.dataset.assessment ?? "resistance"], {
  status: ui.status,
  fallback: ui.fallback,
});

/** @param {string} [text] */
const say = (text) => sayIn(ui.messages, text);

function currentDraft() {
  return {
    model_version: form.dataset.modelVersion ?? "",
    answers: readAnswers(form),
    actions: state.actions,
    saved: today(),
  };
}

function saveIfAllowed() {
  if (!ui.consent.checked || state.viewingLink) return;
  ui.storageStatus.textContent = store.saveDraft(currentDraft()) ? s.storage_saved : s.storage_unavailable;
}

async function showResult() {
  performance.mark("aiap:submit");
  say();
  if (ui.status.dataset.state !== "ready") say(s.engine_waiting);
  let result;
  try {
    result = await ask("score", { answers: readAnswers(form) });
  } catch (error) {
    say(format(s.error_prefix_answers, { reason: /** @type {Error} */ (error).message }));
    return;
  }
  state.result = result;
  say();
  renderResult(ui.result, result, {
    strings: s,
    locale: config.locale,
    langRoot: config.langRoot,
    siteRoot: config.siteRoot,
    actions: state.actions,
  });
  ui.tools.hidden = false;
  revealAndFocus(document.getElementById("result-title"));
  performance.measure("aiap:submit-to-result", "aiap:submit"); // read by `make bench`
}

/** The JSON export: answers (re-importable, scorable by the CLI), actions and the result if any. */
function exportDocument() {
  return {
    assessment: form.dataset.assessment,
    model_version: form.dataset.modelVersion,
    lang: config.lang,
    exported: today(),
    answers: readAnswers(form),
    actions: state.actions,
    result: state.result,
  };
}

/** @param {string} kind */
function exportResult(kind) {
  return exportAs(
    kind,
    `ai-adoption-${form.dataset.assessment}-${today()}`,
    exportDocument,
    (format) => ask("report", { answers: readAnswers(form), actions: state.actions, format }),
    say,
  );
}

/** Restore answers checked by the engine; on refusal keep the current answers. @param {string} prefix @param {() => Promise<any>} check */
async function restoreFrom(prefix, check) {
  let restored;
  try {
    restored = await check();
  } catch (error) {
    say(format(prefix, { reason: /** @type {Error} */ (error).message }));
    return false;
  }
  writeAnswers(form, restored.answers);
  state.actions = restored.actions ?? {};
  // model: answers of an older questionnaire version open with a notice of what changed.
  showVersionNotice(document.getElementById("version-notice"), restored.notice, s, config);
  showProgress(form);
  await showResult();
  return true;
}

/** @param {File} file */
async function importFile(file) {
  let text;
  try {
    text = await readSmallFile(file, s);
  } catch (error) {
    say(/** @type {Error} */ (error).message);
    return;
  }
  // The engine parses the text itself, as the CLI does: JSON.parse would turn 1e309 into Infinity and
  // keep the last of two "answers" keys, both of which the CLI refuses.
  const ok = await restoreFrom(s.error_prefix_import, () => ask("check_import", { text }));
  if (ok) {
    ui.storageStatus.textContent = format(s.import_done, { name: file.name });
    saveIfAllowed();
  }
}

async function createShareLink() {
  try {
    const code = await ask("encode", { answers: readAnswers(form) });
    ui.shareLink.value = `${location.href.split("#")[0]}${SHARE_PREFIX}${code}`;
    /** @type {HTMLElement} */ (ui.shareLink.parentElement).hidden = false;
    ui.shareLink.select();
  } catch (error) {
    say(/** @type {Error} */ (error).message);
  }
}

async function createTeamCode() {
  try {
    ui.teamCode.value = await ask("team_code", {
      answers: readAnswers(form),
      role: ui.teamRole.value || null,
      day: today(),
    });
    /** @type {HTMLElement} */ (ui.teamCode.parentElement).hidden = false;
    ui.teamCode.select();
  } catch (error) {
    say(/** @type {Error} */ (error).message);
  }
}

/** Compare an earlier export with the current answers (both recomputed by the engine). @param {File} file */
async function compareWith(file) {
  try {
    const comparison = await ask("compare", { before_text: await readSmallFile(file, s), after: exportDocument() });
    say();
    renderComparison(ui.comparison, comparison, s);
  } catch (error) {
    say(format(s.error_prefix_compare, { reason: /** @type {Error} */ (error).message }));
  }
}

function restoreDraft() {
  if (!store.available) return;
  ui.consent.checked = store.hasConsent();
  const { draft, dropped } = store.loadDraft();
  // Parts of the saved draft that were not readable are named first; the rest is restored.
  const notice = dropped ? format(s.storage_invalid, { count: dropped }) : "";
  const show = (/** @type {string} */ text) => {
    ui.storageStatus.textContent = [notice, text].filter(Boolean).join(" ");
  };
  show("");
  if (!draft || !ui.consent.checked) return;
  const skipped = writeAnswers(form, draft.answers);
  state.actions = draft.actions;
  showProgress(form);
  if (draft.model_version !== form.dataset.modelVersion || skipped.length) {
    // An older questionnaire: restore what still fits, say what did not, keep the saved copy as is.
    show(
      format(s.storage_migrated, {
        old: draft.model_version,
        new: form.dataset.modelVersion ?? "",
        restored: Object.keys(draft.answers).length - skipped.length,
        dropped: skipped.length,
      }),
    );
    return;
  }
  show(format(s.storage_restored, { date: formatDate(draft.saved, config.locale) }));
}

function wire() {
  form.addEventListener("change", () => {
    showProgress(form);
    saveIfAllowed();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (confirmSparse(form, ui.sparse, s, showResult)) showResult();
  });
  ui.result.addEventListener("change", () => {
    state.actions = readActions(ui.result);
    saveIfAllowed();
  });
  ui.consent.addEventListener("change", () => {
    if (ui.consent.checked) saveIfAllowed();
    else
      store.eraseAll().then(() => {
        ui.storageStatus.textContent = s.storage_erased;
      });
  });
  document.getElementById("storage-erase")?.addEventListener("click", async () => {
    ui.consent.checked = false;
    await store.eraseAll();
    ui.storageStatus.textContent = s.storage_erased;
  });
  ui.importFile.addEventListener("change", () => {
    const file = ui.importFile.files?.[0];
    if (file)
      importFile(file).finally(() => {
        ui.importFile.value = "";
      });
  });
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", () => exportResult(/** @type {HTMLElement} */ (button).dataset.export ?? "json"));
  }
  document.getElementById("share-create")?.addEventListener("click", createShareLink);
  document.getElementById("share-copy")?.addEventListener("click", () => copyFrom(ui.shareLink, ui.shareStatus, s));
  document.getElementById("team-code-create")?.addEventListener("click", createTeamCode);
  document.getElementById("team-code-copy")?.addEventListener("click", () => copyFrom(ui.teamCode, ui.teamStatus, s));
  document
    .getElementById("team-code-download")
    ?.addEventListener("click", () =>
      download(`ai-adoption-response-${today()}.txt`, `${ui.teamCode.value}\n`, "text/plain"),
    );
  ui.compareFile.addEventListener("change", () => {
    const file = ui.compareFile.files?.[0];
    if (file)
      compareWith(file).finally(() => {
        ui.compareFile.value = "";
      });
  });
  if (!store.available) ui.storageStatus.textContent = s.storage_unavailable;
  // The printed report shows every recommendation, folded or not.
  window.addEventListener("beforeprint", () => {
    for (const details of ui.result.querySelectorAll("details"))
      /** @type {HTMLDetailsElement} */ (details).open = true;
    // An empty owner or date prints as a blank line to fill in by hand, not as "mm/dd/yyyy".
    for (const input of ui.result.querySelectorAll("[data-action]")) {
      input.toggleAttribute("data-empty", !(/** @type {HTMLInputElement} */ (input).value));
    }
  });
}

wire();
wireUsageReport({
  form,
  strings: s,
  locale: config.locale,
  engine,
  ask,
  engineState: () => ui.status.dataset.state ?? "",
});
restoreDraft();
revealKeptAnswers();
// Offline copies once the engine is up (the runtime's files are then in the HTTP cache).
engine.ready.then(() => registerOffline(config.siteRoot)).catch(() => {});
showProgress(form);
/** Open the answers carried by a share link (on arrival, or when the link changes in place). */
function openShareLink() {
  if (!location.hash.startsWith(SHARE_PREFIX)) return;
  let code;
  try {
    code = decodeURIComponent(location.hash.slice(SHARE_PREFIX.length));
  } catch {
    code = ""; // a broken %-escape: let the engine name the problem like any malformed code
  }
  const { draft } = store.available && ui.consent.checked ? store.loadDraft() : { draft: null };
  const hasDraft = draft !== null && Object.keys(draft.answers).length > 0;
  if (hasDraft) state.viewingLink = true; // before the answers change: no autosave over the draft
  restoreFrom(s.error_prefix_link, () => ask("decode", { code })).then((opened) => {
    if (!opened || !hasDraft) {
      state.viewingLink = false;
      return;
    }
    askAboutDraft(draft?.saved ?? "");
  });
}

/** A share link opened over a saved draft: keep the draft, or save the link's answers and back it up. @param {string} saved */
function askAboutDraft(saved) {
  const choice =
    document.getElementById("share-draft-choice") ??
    el("div", { id: "share-draft-choice", class: "share-draft-choice" });
  const done = (/** @type {string} */ message) => {
    state.viewingLink = false;
    history.replaceState(null, "", location.pathname + location.search); // a reload must not ask again
    choice.replaceChildren(el("p", {}, message));
  };
  const keep = el("button", { type: "button", class: "md-button" }, s.share_draft_keep);
  const replace = el("button", { type: "button", class: "md-button" }, s.share_draft_replace);
  keep.addEventListener("click", () => {
    done("");
    restoreDraft();
    ui.result.hidden = true; // the result shown was the link's
    ui.tools.hidden = true;
  });
  replace.addEventListener("click", () => {
    store.backupDraft();
    done(s.share_draft_replaced);
    saveIfAllowed();
  });
  choice.replaceChildren(el("p", {}, format(s.share_draft_question, { date: saved })), el("p", {}, keep, " ", replace));
  ui.storageStatus.after(choice);
}

window.addEventListener("hashchange", openShareLink);
openShareLink();

/** Someone who keeps answers in this browser sees the box they ticked and the erase button. */
function revealKeptAnswers() {
  const tools = /** @type {HTMLDetailsElement | null} */ (document.getElementById("assessment-tools"));
  if (tools && ui.consent.checked) tools.open = true;
}

/** Answers carried from the page in the other language: put back into the form, not scored. */
async function openCarriedAnswers() {
  const code = takeCarriedCode();
  if (code === null) return;
  try {
    writeAnswers(form, (await ask("decode", { code })).answers);
  } catch (error) {
    say(format(s.error_prefix_link, { reason: /** @type {Error} */ (error).message }));
    return;
  }
  showProgress(form);
  ui.storageStatus.textContent = s.ux_answers_carried;
  saveIfAllowed();
}

carryAnswersAcrossLanguages({
  hasAnswers: () => Object.keys(readAnswers(form)).length > 0,
  encode: () => ask("encode", { answers: readAnswers(form) }),
  sharePrefix: SHARE_PREFIX,
  hasResult: () => state.result !== null && !ui.result.hidden,
  onWait: () => {
    ui.storageStatus.textContent = s.ux_language_carrying;
  },
});
openCarriedAnswers();

// @ts-check
// Keeping answers in this browser, only after the person has agreed (a visible checkbox), and
// erasing every key the site may have written. Key names come from macros/storage.yml via the
// page's config block.

/** @typedef {{model_version: string, answers: Record<string, string | number>, actions: Record<string, {owner: string, due: string}>, saved: string}} Draft */

// What is read back from storage is input like any other: another page of the same origin, an
// extension or a person may have written anything there (`{"toString": 1}` as the date made the
// page throw before share links could open). Each part is checked; what does not fit is set aside
// and counted, the rest is kept.
const MAX_TEXT = 80;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function isShortText(value) {
  return typeof value === "string" && value.length <= MAX_TEXT;
}

/** @param {unknown} value @returns {value is string | number} */
function isAnswer(value) {
  return (typeof value === "number" && Number.isFinite(value)) || isShortText(value);
}

/** @param {unknown} action @returns {action is {owner?: string, due?: string}} */
function isAction(action) {
  if (!isRecord(action) || Object.keys(action).some((key) => key !== "owner" && key !== "due")) return false;
  const due = action.due ?? "";
  return isShortText(action.owner ?? "") && typeof due === "string" && (due === "" || DAY.test(due));
}

/**
 * Keep the parts of a stored draft that have the expected form.
 * @param {unknown} value @returns {{draft: Draft | null, dropped: number}}
 */
export function checkDraft(value) {
  if (value === null) return { draft: null, dropped: 0 }; // nothing saved
  if (value === undefined) return { draft: null, dropped: 1 }; // saved, but not readable as JSON
  if (!isRecord(value) || !isRecord(value.answers)) return { draft: null, dropped: 1 };
  let dropped = 0;
  /** @type {Draft["answers"]} */
  const answers = {};
  for (const [id, answer] of Object.entries(value.answers)) {
    if (isAnswer(answer)) answers[id] = answer;
    else dropped += 1;
  }
  /** @type {Draft["actions"]} */
  const actions = {};
  const storedActions = value.actions ?? {};
  if (!isRecord(storedActions)) dropped += 1;
  for (const [id, action] of Object.entries(isRecord(storedActions) ? storedActions : {})) {
    if (isAction(action)) actions[id] = { owner: action.owner ?? "", due: action.due ?? "" };
    else dropped += 1;
  }
  const text = (/** @type {unknown} */ field) => {
    if (isShortText(field)) return /** @type {string} */ (field);
    if (field !== undefined) dropped += 1;
    return "";
  };
  return { draft: { model_version: text(value.model_version), answers, actions, saved: text(value.saved) }, dropped };
}

/** @param {Storage | null} storage @param {string} key */
function readJSON(storage, key) {
  try {
    const text = storage?.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return undefined; // unreadable JSON or disabled storage: set aside, like any unreadable part
  }
}

/** localStorage, or null where the browser forbids it (private modes, policies). */
function localStore() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** @param {{localStorage: Record<string, string>, CacheStorage: Record<string, string>}} areas */
export function createStore(areas) {
  const keys = areas.localStorage;
  const storage = localStore();
  return {
    available: storage !== null,
    hasConsent: () => readJSON(storage, keys.storage_consent) === true,
    /** The saved draft, checked part by part. @returns {{draft: Draft | null, dropped: number}} */
    loadDraft: () => checkDraft(readJSON(storage, keys.draft)),
    /** Keep the saved draft under the backup key before it is replaced by other answers. */
    backupDraft: () => {
      try {
        const text = storage?.getItem(keys.draft);
        if (text) storage?.setItem(keys.draft_previous, text);
        return true;
      } catch {
        return false;
      }
    },
    /** @param {Draft} draft */
    saveDraft: (draft) => {
      try {
        storage?.setItem(keys.storage_consent, "true");
        storage?.setItem(keys.draft, JSON.stringify(draft));
        return true;
      } catch {
        return false; // quota exceeded or storage disabled
      }
    },
    /** Remove every entry this site may write (and nothing else), local storage and caches. */
    eraseAll: async () => {
      for (const key of Object.values(keys)) storage?.removeItem(key);
      // Cache names are prefixes: the offline cache carries a version suffix.
      const prefixes = Object.values(areas.CacheStorage);
      const names = (await globalThis.caches?.keys().catch(() => [])) ?? [];
      for (const name of names) {
        if (prefixes.some((prefix) => name.startsWith(prefix))) await caches.delete(name);
      }
      // Without this the offline worker would fill its cache again on the next page; the assessment
      // page registers it anew, under the notice, when it is opened again.
      const registrations = (await navigator.serviceWorker?.getRegistrations().catch(() => [])) ?? [];
      for (const registration of registrations) await registration.unregister();
    },
  };
}

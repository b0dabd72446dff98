// Keeping answers in this browser, only after the person has agreed (a visible checkbox), and
// erasing every key the site may have written. Key names come from macros/storage.yml via the
// page's config block.

/** @typedef {{model_version: string, answers: Record<string, string | number>, actions: Record<string, any>, saved: string}} Draft */

/** @param {Storage | null} storage @param {string} key */
function readJSON(storage, key) {
  try {
    const text = storage?.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // unreadable or disabled storage: behave as if nothing was saved
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
    /** @returns {Draft | null} */
    loadDraft: () => {
      const draft = readJSON(storage, keys.draft);
      return draft && typeof draft === "object" && draft.answers && typeof draft.answers === "object" ? draft : null;
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

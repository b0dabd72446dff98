// @ts-check
// Material for MkDocs' bootstrap helpers, verbatim in behaviour (but for the colour scheme, below), loaded from a file instead of an
// inline <script> so that the Content-Security-Policy can forbid inline scripts.
/* eslint-disable no-var */
var __md_scope = new URL(document.currentScript?.dataset.scope ?? ".", location.href);
var __md_hash = (/** @type {string} */ text) =>
  [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
var __md_get = (/** @type {string} */ key, storage = localStorage, scope = __md_scope) =>
  JSON.parse(storage.getItem(scope.pathname + "." + key) ?? "null");
var __md_set = (
  /** @type {string} */ key,
  /** @type {unknown} */ value,
  storage = localStorage,
  scope = __md_scope,
) => {
  try {
    // Material saves the colour scheme at every page load; keep nothing while it is the default
    // ("follow the system", the first palette entry), so the site writes to local storage only
    // after a reader picks light or dark colours themselves (listed on the Privacy page).
    if (key === "__palette" && /** @type {{index?: number} | null} */ (value)?.index === 0)
      return storage.removeItem(scope.pathname + "." + key);
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or disabled: Material treats its preferences as optional.
  }
};

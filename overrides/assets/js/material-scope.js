// @ts-check
// Material for MkDocs' bootstrap helpers, verbatim in behaviour, loaded from a file instead of an
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
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or disabled: Material treats its preferences as optional.
  }
};

// Material for MkDocs' bootstrap helpers, verbatim in behaviour, loaded from a file instead of an
// inline <script> so that the Content-Security-Policy can forbid inline scripts.
/* eslint-disable no-var */
var __md_scope = new URL(document.currentScript.dataset.scope, location);
var __md_hash = (text) => [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
var __md_get = (key, storage = localStorage, scope = __md_scope) =>
  JSON.parse(storage.getItem(scope.pathname + "." + key));
var __md_set = (key, value, storage = localStorage, scope = __md_scope) => {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or disabled: Material treats its preferences as optional.
  }
};

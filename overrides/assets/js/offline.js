// @ts-check
// Registers the service worker that lets the assessment work offline after a first visit.
// Only the assessment page calls this: reading the guide never installs anything.

/** @param {string} siteRoot page-relative path of the site root, from the config block */
export function registerOffline(siteRoot) {
  if (!("serviceWorker" in navigator)) return Promise.resolve(null);
  const scope = new URL(siteRoot, document.baseURI);
  return navigator.serviceWorker.register(new URL("sw.js", scope), { scope: scope.pathname }).catch(() => null);
}

// @ts-check
// Material for MkDocs' inline content script, moved to a file for the CSP: when the URL hash names
// a content tab, open that tab.
{
  const target = /** @type {HTMLInputElement | null} */ (document.getElementById(location.hash.slice(1)));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
}

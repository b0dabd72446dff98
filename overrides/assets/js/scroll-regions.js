// @ts-check
// A table wider than the screen scrolls sideways inside Material's wrapper; a keyboard user can
// only scroll it if the wrapper takes focus (WCAG 2.1.1). Only wrappers that actually overflow get
// a tab stop, named after their table's caption, so narrow tables add no empty stops.
import { readSiteConfig } from "./engine-client.js";

const strings = readSiteConfig().strings;

/** @param {HTMLElement} wrap */
function markScrollable(wrap) {
  const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
  if (!scrolls) {
    if (wrap.dataset.scrollRegion)
      ["tabindex", "role", "aria-label", "data-scroll-region"].forEach((a) => wrap.removeAttribute(a));
    return;
  }
  const caption = wrap.querySelector("caption")?.textContent?.trim();
  wrap.setAttribute("tabindex", "0");
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", caption ? `${caption} — ${strings.ux_scroll_region}` : strings.ux_scroll_region);
  wrap.dataset.scrollRegion = "true";
}

/** Mark every wide table's wrapper; pages call it again after drawing a table. */
export function markAll() {
  document
    .querySelectorAll(".md-typeset__scrollwrap")
    .forEach((wrap) => markScrollable(/** @type {HTMLElement} */ (wrap)));
}

markAll();
window.addEventListener("load", markAll);
let pending = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(markAll);
});

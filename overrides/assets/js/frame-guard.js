// @ts-check
// A page shown inside another site's frame can be overlaid with decoys so that a click meant for
// something else erases, shares or imports answers (clickjacking). The header that forbids framing
// (CSP frame-ancestors) cannot be set from a <meta> tag and GitHub Pages sends no custom headers,
// so the interactive pages check for themselves: when framed, their tools are replaced by a link
// that opens the page in its own tab. See adr/0011.
import { el } from "./dom.js";

/**
 * Replace the page's content with a link to itself when it is shown in a frame.
 * @param {string} message the page's explanation (from the catalogue) @returns {boolean} true when framed
 */
export function refuseFraming(message) {
  let framed;
  try {
    framed = window.top !== window.self;
  } catch {
    framed = true; // a cross-origin parent may even refuse to be compared
  }
  if (!framed) return false;
  // Hidden and inert rather than removed: the page script still finds its elements and runs quietly.
  const content = /** @type {HTMLElement} */ (document.querySelector("article") ?? document.body.firstElementChild);
  const link = el(
    "a",
    { href: location.href.split("#")[0], target: "_blank", rel: "noopener noreferrer" },
    document.title,
  );
  content.inert = true;
  content.hidden = true;
  content.before(el("p", { class: "frame-refused", role: "alert" }, message, " ", link));
  return true;
}

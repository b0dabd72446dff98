// @ts-check
// Switching language mid-form keeps the answers: the link to the other language gets the answers
// as the engine's share code in its fragment (nothing is stored, nothing leaves the device), and
// the page in the other language puts them back into its form.
export const CARRY_PREFIX = "#a=";

/** The header's links to the same page in another language. @returns {HTMLAnchorElement[]} */
function languageLinks() {
  return Array.from(document.querySelectorAll("a.md-select__link[hreflang]"));
}

/**
 * On a click on another language, encode the answers (engine) and follow the link with them.
 * @param {{hasAnswers: () => boolean, encode: () => Promise<string>, sharePrefix: string, hasResult: () => boolean,
 *   onWait: () => void}} options the share prefix opens the result directly when one is shown
 */
export function carryAnswersAcrossLanguages({ hasAnswers, encode, sharePrefix, hasResult, onWait }) {
  for (const link of languageLinks()) {
    if (link.getAttribute("aria-current") === "true") continue;
    link.addEventListener("click", async (event) => {
      if (!hasAnswers()) return;
      event.preventDefault();
      onWait();
      let code = "";
      try {
        code = await encode();
      } catch {
        code = ""; // the engine failed: go anyway, without answers, rather than stay stuck
      }
      const prefix = hasResult() ? sharePrefix : CARRY_PREFIX;
      location.assign(code ? `${link.href.split("#")[0]}${prefix}${encodeURIComponent(code)}` : link.href);
    });
  }
}

/** The carried code in this page's fragment, or null; the fragment is then cleared. */
export function takeCarriedCode() {
  if (!location.hash.startsWith(CARRY_PREFIX)) return null;
  let code;
  try {
    code = decodeURIComponent(location.hash.slice(CARRY_PREFIX.length));
  } catch {
    code = "";
  }
  history.replaceState(null, "", location.pathname + location.search);
  return code;
}

// @ts-check
// model: the notice shown when answers, a share link or team codes of an older questionnaire version
// are opened. The engine writes the message and the list of changes (from the model's `changes`
// list, in the page's language); this module only lays them out, as text.
import { el, format } from "./dom.js";

/**
 * @typedef {{version: string, date: string, summary: string[]}} Change
 * @typedef {{code: string, message: string, changes: Change[]}} VersionNotice
 */

/**
 * The notice element, or null when there is nothing to say.
 * @param {VersionNotice | null | undefined} notice @param {Record<string, string>} s
 * @param {{siteRoot: string, langRoot: string}} where
 * @returns {HTMLElement | null}
 */
export function versionNotice(notice, s, { siteRoot, langRoot }) {
  if (!notice?.message) return null;
  const changes = (notice.changes ?? []).flatMap((change) => [
    el(
      "p",
      { class: "version-notice__heading" },
      format(s.version_notice_changes, { version: change.version, date: change.date }),
    ),
    el("ul", {}, ...change.summary.map((line) => el("li", {}, line))),
  ]);
  const more = el(
    "a",
    { href: new URL(`${siteRoot}${langRoot}methodology/#changes`, document.baseURI).href },
    s.version_notice_more,
  );
  return el(
    "div",
    { class: "version-notice", "data-notice": notice.code },
    el("p", {}, el("strong", {}, s.version_notice_title), " ", notice.message),
    ...changes,
    el("p", {}, more),
  );
}

/**
 * Show the notice in `region` (emptied and hidden when there is none).
 * @param {HTMLElement | null} region @param {VersionNotice | null | undefined} notice
 * @param {Record<string, string>} s @param {{siteRoot: string, langRoot: string}} where
 */
export function showVersionNotice(region, notice, s, where) {
  if (!region) return;
  const element = versionNotice(notice, s, where);
  region.replaceChildren(...(element ? [element] : []));
  region.hidden = !element;
}

// @ts-check
// Where things appear and how dates read: shared by the assessment, team and comparison views.

/**
 * Move focus to a heading and bring it to the top of the viewport, below the sticky header
 * (`scroll-padding-top` in site.css), instead of leaving it at the bottom edge where plain focus()
 * scrolls it. @param {HTMLElement | null} element
 */
export function revealAndFocus(element) {
  if (!element) return;
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: "start", behavior: "instant" });
}

/**
 * A day (Date or "YYYY-MM-DD") written the one way of the page's language, e.g. "1 December 2026"
 * or "1 décembre 2026". Anything that is not a day is shown as it is.
 * @param {Date | string | null | undefined} value @param {string} locale BCP 47 tag from the UI strings
 */
export function formatDate(value, locale) {
  if (value === null || value === undefined || value === "") return "";
  const day = typeof value === "string" ? parseDay(value) : value;
  if (!day || Number.isNaN(day.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(day);
}

/** "YYYY-MM-DD" as a local date (not UTC midnight, which is the day before west of Greenwich). @param {string} text */
function parseDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

// @ts-check
// Tiny DOM helpers. Text always goes through textContent: nothing from answers, files, links or the
// engine's result is ever parsed as HTML.

/**
 * Create an element with attributes and children (strings become text nodes).
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Node | string | number | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/**
 * A data table: an optional caption, one header row (each cell `scope="col"`), then its body.
 * @param {string[]} headers @param {HTMLElement} body a `tbody` @param {string} [caption]
 * @returns {HTMLElement}
 */
export function table(headers, body, caption) {
  const head = el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h))));
  return el("table", {}, caption ? el("caption", {}, caption) : null, head, body);
}

/**
 * Append children, turning strings and numbers into text nodes.
 * @param {Node} parent @param {Array<Node | string | number | null | undefined | false>} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/**
 * Create an SVG element (same rules as el).
 * @param {string} tag @param {Record<string, string | number>} attrs
 * @param {...(Node | string | number | null | undefined | false)} children
 */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  append(node, children);
  return node;
}

/**
 * Fill `{name}` placeholders of an interface string.
 * @param {string} template @param {Record<string, string | number>} [values]
 */
export function format(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A 0–100 score rounded for display; null (not enough answers) shows `missing`. @param {number | null | undefined} value @param {string} [missing] */
export function formatScore(value, missing = "—") {
  return value === null || value === undefined ? missing : String(Math.round(value));
}

/** Offer text as a file download (a Blob URL: nothing leaves the device). @param {string} name @param {string} text @param {string} type */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Let a box take a dropped file: `overClass` marks it while a file is held over it, `onFile` gets the
 * first file dropped. The drop stops there, so a form around the box does not read it as well.
 * @param {HTMLElement} box @param {string} overClass @param {(file: File) => void} onFile
 */
export function acceptDroppedFile(box, overClass, onFile) {
  box.addEventListener("dragover", (event) => {
    event.preventDefault(); // lets the box take the drop
    box.classList.add(overClass);
  });
  box.addEventListener("dragleave", () => box.classList.remove(overClass));
  box.addEventListener("drop", (event) => {
    event.preventDefault();
    event.stopPropagation();
    box.classList.remove(overClass);
    const file = event.dataTransfer?.files?.[0];
    if (file) onFile(file);
  });
}

// @ts-check
// Toolkit page: "Print this template" prints one template alone. The buttons are rendered hidden at
// build time and shown here, so that a page without scripts offers none that would do nothing; the
// browser's own print command still prints the whole page, one template per sheet (toolkit.css).

const PRINTING = "toolkit-printing";
const TARGET = "data-print-target";

/** Mark one template for the print stylesheet, print, then restore the page. @param {HTMLElement} section */
function printAlone(section) {
  const root = document.documentElement;
  const restore = () => {
    root.classList.remove(PRINTING);
    section.removeAttribute(TARGET);
  };
  section.setAttribute(TARGET, "");
  root.classList.add(PRINTING);
  window.addEventListener("afterprint", restore, { once: true });
  window.print();
}

for (const button of document.querySelectorAll("button[data-print-template]")) {
  if (!(button instanceof HTMLButtonElement)) continue;
  const section = document.getElementById(`template-${button.dataset.printTemplate}`);
  if (!section) continue;
  button.hidden = false;
  button.addEventListener("click", () => printAlone(section));
}

// @ts-check
// Material for MkDocs' colour-scheme bootstrap, verbatim in behaviour, loaded from a file instead of
// an inline <script> so that the Content-Security-Policy can forbid inline scripts. It runs in the
// header, before the page paints: the saved choice (if the reader used the toggle) wins over the
// default, which follows the system ("(prefers-color-scheme)").
/* eslint-disable no-var */
var palette = __md_get("__palette");
if (palette && palette.color) {
  if (palette.color.media === "(prefers-color-scheme)") {
    var media = matchMedia("(prefers-color-scheme: light)");
    var input = document.querySelector(
      media.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']",
    );
    if (input) {
      palette.color.media = input.getAttribute("data-md-color-media");
      palette.color.scheme = input.getAttribute("data-md-color-scheme");
      palette.color.primary = input.getAttribute("data-md-color-primary");
      palette.color.accent = input.getAttribute("data-md-color-accent");
    }
  }
  for (var [key, value] of Object.entries(palette.color)) document.body.setAttribute("data-md-color-" + key, value);
}

// @ts-check
// Firefox ESR smoke test, driven over WebDriver BiDi by the pinned puppeteer-core (Playwright's
// Firefox is a patched build and cannot drive Debian's firefox-esr). Run by tests/browser/test_firefox.py,
// which serves the site, passes the plan as JSON on the command line and reads one JSON line per step.
// One browser session: the assessment in every language, team pooling, then the assessment offline.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const plan = JSON.parse(process.argv[2]);
const report = (/** @type {object} */ step) => console.log(JSON.stringify(step));
const input = createInterface({ input: process.stdin });
const lines = input[Symbol.asyncIterator]();

/** Answer by clicking each option, type the figures, submit, return the band shown. @param {import("puppeteer-core").Page} page @param {any} run */
async function completeAssessment(page, run) {
  await page.goto(run.url, { waitUntil: "load" });
  for (const [name, value] of Object.entries(run.answers)) {
    if (typeof value === "string") await page.click(`input[type=radio][name="${name}"][value="${value}"]`);
    else await page.type(`input[type=number][name="${name}"]`, String(value));
  }
  await page.click("#assessment-submit");
  await page.waitForSelector("#result .result__band", { visible: true, timeout: 90_000 });
  return page.$eval("#result .result__band", (e) => e.textContent?.trim());
}

async function main() {
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: plan.firefox, headless: true,
    protocol: "webDriverBiDi", extraPrefsFirefox: { "browser.shell.checkDefaultBrowser": false } });
  const page = await browser.newPage();
  /** @type {string[]} */ const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    report({ step: "version", value: await browser.version() });
    for (const run of plan.assessments) report({ step: "assessment", lang: run.lang, band: await completeAssessment(page, run) });
    await page.goto(plan.team.url, { waitUntil: "load" });
    await page.type("#team-codes", plan.team.codes.join("\n"));
    await page.click("#team-submit");
    await page.waitForSelector("#team-result .result__index-value", { visible: true, timeout: 90_000 });
    report({ step: "team", index: await page.$eval("#team-result .result__index-value", (e) => e.textContent?.trim()) });
    // Offline: the service worker controls the page once the engine has started; then the server goes.
    await page.goto(plan.offline.url, { waitUntil: "load" });
    await page.waitForFunction(() => document.querySelector("#engine-status")?.getAttribute("data-state") === "ready", { timeout: 90_000 });
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller, { timeout: 90_000 });
    report({ step: "ready-for-offline" });
    await lines.next(); // the test stops the server, then says so
    report({ step: "offline", band: await completeAssessment(page, plan.offline) });
    report({ step: "errors", value: errors });
  } finally {
    await browser.close();
    input.close(); // stdin would otherwise keep node running
  }
}

main().catch((error) => { report({ step: "failed", error: String(error?.stack ?? error) }); process.exitCode = 1; });

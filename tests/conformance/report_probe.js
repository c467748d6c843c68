#!/usr/bin/env node
// Open qbank's grading report (and one candidate page) in headless Chromium (Debian's chromium,
// driven by npm playwright-core), offline, at a phone's width (390 px) and a laptop's (1280 px).
// Fails on: a console error or uncaught exception (CSP violations included), any request that is
// not file:/data:, a page wider than the window (horizontal scroll), and, on report.html, a
// ranking table that its header buttons do not sort from the keyboard (Tab focus + Enter).
// usage: node report_probe.js REPORT.html [CANDIDATE.html] [--shot OUT.png]
//   --shot: also save a 1280 px screenshot of the report's first screen (for the docs)
// Prints one JSON line; exit 0 ok, 1 problems, 3 could not run.
const path = require('path');
const { playwright, launchOffline } = require('./_chromium');
const pw = playwright();
const args = process.argv.slice(2);
let shot = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--shot') shot = args[++i]; else files.push(args[i]);
}
if (files.length < 1) { console.error('usage: node report_probe.js REPORT.html [CANDIDATE.html] [--shot OUT.png]'); process.exit(2); }
const LOCAL = /^(file|data):/i;

async function visit(browser, file, width, report, problems) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, serviceWorkers: 'block' });
  await context.route('**/*', route => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    problems.push(`${width}px ${path.basename(file)}: tried to load ${url}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', m => { if (m.type() === 'error') problems.push(`${width}px ${path.basename(file)}: console error: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`${width}px ${path.basename(file)}: uncaught: ${e}`));
  await page.goto('file://' + path.resolve(file), { waitUntil: 'load', timeout: 60000 });
  const dims = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  if (dims.scroll > dims.inner) problems.push(`${width}px ${path.basename(file)}: page is ${dims.scroll}px wide in a ${dims.inner}px window (horizontal scroll)`);
  const result = { file: path.basename(file), width, scroll_width: dims.scroll };
  if (report) {
    // The ranking table: sort by the candidate column with the keyboard, then again (reversed).
    const names = () => page.$$eval('#ranked tbody tr', rows => rows.map(r => r.cells[1].textContent));
    const before = await names();
    const button = page.locator('#ranked thead button', { hasText: 'candidate' });
    // The button must be reachable by Tab: walk from the start of the freshly loaded page.
    let reached = false;
    for (let i = 0; i < 400 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await button.evaluate(b => b === document.activeElement);
    }
    if (!reached) {
      problems.push(`${width}px: the candidate column's sort button is not reachable with Tab`);
      await button.focus();
    }
    await page.keyboard.press('Enter');
    const asc = await names();
    const sortedAsc = [...before].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    if (JSON.stringify(asc) !== JSON.stringify(sortedAsc)) problems.push(`${width}px: Enter on "candidate" did not sort by name: ${JSON.stringify(asc)}`);
    const aria = await button.evaluate(b => b.parentElement.getAttribute('aria-sort'));
    if (aria !== 'ascending') problems.push(`${width}px: aria-sort is ${aria} after sorting`);
    await page.keyboard.press('Enter');
    const desc = await names();
    if (JSON.stringify(desc) !== JSON.stringify([...sortedAsc].reverse())) problems.push(`${width}px: a second Enter did not reverse the order`);
    // Back to rank order with the rank column (Space works on buttons too).
    await page.locator('#ranked thead button', { hasText: 'rank' }).focus();
    await page.keyboard.press('Space');
    const ranked = await names();
    if (JSON.stringify(ranked) !== JSON.stringify(before)) problems.push(`${width}px: sorting by rank did not restore the rank order`);
    result.rows = before.length;
    if (shot && width === 1280) {
      await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
      await page.screenshot({ path: shot, fullPage: false });
      result.screenshot = shot;
    }
  }
  await context.close();
  return result;
}

(async () => {
  const problems = [];
  const pages = [];
  let browser;
  try {
    browser = await launchOffline(pw);
    for (const width of [390, 1280]) {
      pages.push(await visit(browser, files[0], width, true, problems));
      for (const f of files.slice(1)) pages.push(await visit(browser, f, width, false, problems));
    }
    await browser.close();
  } catch (e) {
    console.log(JSON.stringify({ ok: false, fatal: String(e && e.message || e).split('\n')[0], problems }));
    if (browser) await browser.close().catch(() => {});
    process.exit(3);
  }
  for (const p of problems) console.error('FAIL: ' + p);
  console.log(JSON.stringify({ validator: 'report_probe', ok: problems.length === 0, pages, problems }));
  process.exit(problems.length === 0 ? 0 : 1);
})();

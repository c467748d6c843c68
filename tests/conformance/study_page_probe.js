#!/usr/bin/env node
// The study page (`qbank export --to html`) as a reader meets it, in headless Chromium (Debian's
// /usr/bin/chromium driven by npm playwright-core), offline, at 390 px (a phone) and 1280 px:
//   - questions are numbered 1, 2, 3, … in the order the page shows them;
//   - an answer's toggle reads "Show answer" when closed and "Hide answer" when open;
//   - every link in the references is http(s) with rel="noopener noreferrer", and a reference
//     URL of another scheme is not a link;
//   - a revealed choice answer ("correct: Raft") sits on one line;
//   - every `multiple` question says "select all that apply";
//   - the search box's placeholder fits inside it, and the page has no horizontal scroll.
// usage: node study_page_probe.js FILE.html   -> prints one JSON object as its last line
// Exit: 0 ok; 1 problems found (FAIL: lines on stderr); 2 usage; 3 could not run.
const path = require('path');
const { playwright, launchOffline } = require('./_chromium');
const file = process.argv[2];
if (!file || process.argv.length > 3) { console.error('usage: node study_page_probe.js FILE.html'); process.exit(2); }
const pw = playwright({ validator: 'study_page' });

// Runs in the page: every check that does not need a click.
function inspect() {
  const problems = [];
  const numbers = Array.from(document.querySelectorAll('article.question h3 > a')).map(a => a.textContent.trim());
  numbers.forEach((n, i) => { if (n !== `${i + 1}.`) problems.push(`question ${i + 1} on the page is numbered ${n}`); });
  document.querySelectorAll('.references a').forEach(a => {
    const href = a.getAttribute('href') || '';
    const rel = (a.getAttribute('rel') || '').split(/\s+/);
    if (!/^https?:\/\//i.test(href)) problems.push(`reference link to a non-web URL: ${href || '(no href)'}`);
    if (!rel.includes('noopener') || !rel.includes('noreferrer')) problems.push(`reference link without rel="noopener noreferrer": ${href}`);
  });
  document.querySelectorAll('.references li').forEach(li => {
    const linked = Array.from(li.querySelectorAll('a')).map(a => a.getAttribute('href'));
    for (const url of li.textContent.match(/\bhttps?:\/\/\S+/gi) || []) {
      if (!linked.some(h => url.startsWith(h))) problems.push(`reference URL is not a link: ${url}`);
    }
  });
  let multiple = 0;
  document.querySelectorAll('article.question').forEach(q => {
    const type = Array.from(q.querySelectorAll('.chip')).map(c => c.textContent.trim());
    if (type.includes('multiple')) {
      multiple += 1;
      const hint = q.querySelector('.hint');
      if (!hint || !/select all that apply/i.test(hint.textContent)) problems.push(`multiple question ${q.id} does not say "select all that apply"`);
    }
  });
  const search = document.getElementById('search');
  const style = getComputedStyle(search);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const needed = ctx.measureText(search.placeholder).width;
  const room = search.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (needed > room) problems.push(`search placeholder needs ${needed.toFixed(0)} px, the box has ${room.toFixed(0)} px`);
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow} px`);
  return { problems, questions: numbers.length, references: document.querySelectorAll('.references a').length, multiple };
}

// Runs in the page after every answer is opened: the toggles' text and one-line choice answers.
function inspectOpen() {
  const problems = [];
  document.querySelectorAll('details.answer > summary').forEach((s, i) => {
    if (s.innerText.trim() !== 'Hide answer') problems.push(`open answer ${i + 1} reads "${s.innerText.trim()}"`);
  });
  let choices = 0;
  document.querySelectorAll('.options.revealed li').forEach(li => {
    const verdict = li.querySelector('.verdict');
    const text = verdict && verdict.nextElementSibling;
    if (!text) return;
    choices += 1;
    const a = verdict.getBoundingClientRect();
    const b = text.getClientRects()[0];
    if (!b || b.top >= a.bottom || a.top >= b.bottom) problems.push(`choice answer "${li.textContent.trim().slice(0, 40)}" breaks after its verdict`);
  });
  return { problems, choices };
}

(async () => {
  const res = { validator: 'study_page', file, widths: {}, errors: [] };
  let browser;
  try {
    browser = await launchOffline(pw);
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, serviceWorkers: 'block' });
      await context.route('**/*', route => (/^(file|data|blob|about):/i.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
      const page = await context.newPage();
      await page.goto('file://' + path.resolve(file), { waitUntil: 'load', timeout: 30000 });
      const closed = await page.evaluate(inspect);
      const toggles = await page.$$eval('details.answer > summary', ss => ss.map(s => s.innerText.trim()));
      const notShow = toggles.filter(t => t !== 'Show answer');
      if (notShow.length) closed.problems.push(`a closed answer reads "${notShow[0]}"`);
      // Open one answer the way a reader does, then the rest with the page's own button.
      if (toggles.length) await page.click('details.answer > summary');
      await page.click('#reveal');
      const open = await page.evaluate(inspectOpen);
      res.widths[width] = { questions: closed.questions, references: closed.references, multiple: closed.multiple, choices: open.choices };
      for (const p of [...closed.problems, ...open.problems]) res.errors.push(`${width}px: ${p}`);
      await context.close();
    }
    res.browser = `chromium ${browser.version()}`;
    await browser.close();
  } catch (e) {
    res.fatal = String(e && e.message || e).split('\n')[0];
    if (browser) await browser.close().catch(() => {});
    console.log(JSON.stringify({ ...res, ok: false }));
    process.exit(3);
  }
  for (const e of res.errors) console.error('FAIL: ' + e);
  res.ok = res.errors.length === 0;
  console.log(JSON.stringify(res));
  process.exit(res.ok ? 0 : 1);
})();

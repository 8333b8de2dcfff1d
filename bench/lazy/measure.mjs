// Issue 17's `#[lazy]` prototype against the shipped app, in one run: the same release site
// served twice (the shipped app; the app split by route), each opened fresh 5 times at 1× and
// 4× CPU (medians, ms): the mouse reaches a post's link → the app has started on the list;
// then the click → the post is fully on screen.
// usage: node bench/lazy/measure.mjs SHIPPED_DIR SPLIT_DIR [NAME NAME]
import { chromium } from 'playwright';
import { END_OF_POST, SEED, median, serve } from '../common.mjs';

// Two built sites, and what to call them (by default the shipped app and the split one).
const [shipped, split, first = 'shipped (one module)', second = 'split by route (#[lazy])'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const servers = [await serve(shipped, 4410), await serve(split, 4411)];
const rows = [];
for (const throttle of [1, 4]) {
  for (const [name, port] of [[first, 4410], [second, 4411]]) {
    const start = [], open = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const cdp = await context.newCDPSession(page);
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      const link = page.locator(`a[href$="/posts/${SEED}"], a[href$="/posts/${SEED}/"]`).first();
      await link.waitFor();
      let t = Date.now();
      await link.hover();
      await page.waitForFunction(() => performance.getEntriesByName('app-mounted').length > 0, null, { timeout: 60_000 });
      start.push(Date.now() - t);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200);
      t = Date.now();
      await link.evaluate((a) => a.click());
      await page.waitForFunction((text) => document.body?.innerText.includes(text), END_OF_POST, { polling: 'raf', timeout: 20_000 });
      open.push(Date.now() - t);
      if (errors.length) throw new Error(`${name}: ${errors.join('; ')}`);
      await context.close();
    }
    rows.push([`${throttle}×`, name, median(start), median(open)]);
  }
}
servers.forEach((s) => s.kill());
await browser.close();
console.log('| CPU | app | pointer on a link → app started (ms) | click → post on screen (ms) |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

// The author card embedded on pages of another origin: one script tag, the custom element
// (twice, themed, compact), an unknown author, the iframe, a hostile stylesheet, a policy
// that forbids WebAssembly, and JavaScript turned off.
import { test, expect } from '@playwright/test';
import { hostPort, staticPort } from './playwright.config.mjs';

const host = `http://127.0.0.1:${hostPort}`;
const blog = `http://127.0.0.1:${staticPort}/blog/`;

let errors;
let warnings;

test.beforeEach(async ({ page }) => {
  errors = [];
  warnings = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'warning' && warnings.push(msg.text()));
});

test.afterEach(() => expect(errors).toEqual([]));

test('on a hostile page every card renders as designed and styles stay on their side', async ({ page }) => {
  await page.goto(`${host}/hostile.html`);
  // The one-line form renders right where the script tag stands.
  const fromScript = page.locator('#script-slot author-card');
  await expect(fromScript.locator('.author-name')).toHaveText('Alvison Hunter');
  expect(await page.locator('#script-slot script + author-card').count()).toBe(1);

  const element = page.locator('#element-card');
  await expect(element.locator('.author-name')).toHaveText('Alvison Hunter');
  await expect(element.locator('.author-bio')).toContainText('Full-Stack Software Engineer');
  const links = element.locator('.author-links a');
  await expect(links).toHaveCount(7);
  await expect(element.getByRole('link', { name: 'Alvison Hunter on Medium (opens in a new tab)' })).toHaveAttribute(
    'href',
    'https://medium.com/@alvisonhunter',
  );
  for (const rel of await links.evaluateAll((els) => els.map((a) => a.rel))) expect(rel).toContain('noopener');

  // The page's CSS (font-size 40px red serif, display:none on .author-card, html 10px) does
  // not reach inside the card.
  const style = await element.locator('.author-name').evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, size: s.fontSize, weight: s.fontWeight, display: getComputedStyle(el.closest('.author-card')).display };
  });
  expect(style).toEqual({ color: 'rgb(31, 35, 40)', size: '18.4px', weight: '700', display: 'flex' });

  // Dark theme and compact layout.
  const compact = page.locator('#compact-card');
  await expect(compact.locator('.author-name')).toHaveText('Rustblog Maintainers');
  await expect(compact.locator('.author-bio')).toHaveCount(0);
  expect(await compact.locator('.frame').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(27, 30, 35)');

  // The card's CSS does not reach the page.
  const hostText = await page.locator('#after').evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, size: s.fontSize };
  });
  expect(hostText).toEqual({ color: 'rgb(1, 2, 3)', size: '21px' });

  // An unknown author keeps its fallback link and says why, once.
  const unknown = page.locator('#unknown-card');
  await expect(unknown.locator('a.fallback')).toBeVisible();
  await expect.poll(() => warnings.filter((w) => w.includes('there is no author "no-such-author"')).length).toBe(1);

  // The iframe form.
  await expect(page.frameLocator('#iframe-card').locator('.author-name')).toHaveText('Alvison Hunter');
});

test('the card reserves its space: nothing on an ordinary page jumps', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${host}/plain.html`);
  await expect(page.locator('author-card .author-name')).toHaveText('Alvison Hunter');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.05);
  // At most one global name: the custom element; the script defines no variables.
  expect(await page.evaluate(() => Object.keys(window).filter((k) => /author|card|wasm/i.test(k)))).toEqual([]);
});

test('a page whose policy forbids WebAssembly keeps the fallback link, without errors', async ({ page }) => {
  await page.goto(`${host}/csp.html`);
  const card = page.locator('#csp-card');
  await expect.poll(() => warnings.filter((w) => w.startsWith('<author-card>:')).length).toBe(1);
  expect(warnings.find((w) => w.startsWith('<author-card>:'))).toContain("does not allow WebAssembly (it needs 'wasm-unsafe-eval'");
  await expect(card.locator('a.fallback')).toBeVisible();
  await expect(card.locator('.author-name')).toHaveCount(0);
});

test('without JavaScript the iframe shows the card and the elements their links', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${host}/hostile.html`);
  await expect(page.frameLocator('#iframe-card').locator('.author-name')).toHaveText('Alvison Hunter');
  await expect(page.frameLocator('#iframe-card').locator('.author-links a')).toHaveCount(7);
  await expect(page.locator('#element-card a')).toHaveAttribute('href', `${blog}authors/alvison-hunter/`);
  await context.close();
});

test('the author page offers copy-ready snippets for its card', async ({ page }) => {
  await page.goto(`${blog}authors/alvison-hunter/`);
  await expect(page.locator('.embed-script')).toHaveText(
    `<script src="https://rustblog.example/blog/embed/author-card.js" data-author="alvison-hunter" async></script>`,
  );
  await expect(page.locator('.embed-iframe')).toContainText('https://rustblog.example/blog/embed/authors/alvison-hunter/');
});

test('when the blog cannot be reached the cards keep their links and say why once', async ({ page }) => {
  await page.route('**/blog/embed/authors.json', (route) => route.abort('connectionrefused'));
  await page.goto(`${host}/hostile.html`);
  await expect.poll(() => warnings.filter((w) => w.startsWith('<author-card>:')).length).toBe(1);
  await expect(page.locator('#element-card a[href$="/authors/alvison-hunter/"]')).toBeVisible();
  await expect(page.locator('#element-card .author-name')).toHaveCount(0);
});

// An XSS corpus (OWASP filter-evasion cheat sheet and our own) placed in post bodies, links,
// images, front matter fields and slugs, rendered by the WASM app in Chromium: nothing runs,
// nothing leaves the site.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { watchForProblems } from './helpers.mjs';

const vectors = readFileSync(fileURLToPath(new URL('fixtures/xss-vectors.txt', import.meta.url)), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

const URL_VECTORS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'jav&#x09;ascript:alert(1)',
  '&#106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  '\u0001javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
  'livescript:alert(1)',
  'file:///etc/passwd',
];

/** A post that puts every vector everywhere a post can hold text or a URL. */
function hostilePost() {
  const yaml = (s) => JSON.stringify(s);
  const body = [];
  vectors.forEach((v, i) => {
    body.push(`Vector ${i}: ${v}`, '');
    body.push(`- item ${i} ${v}`, '');
  });
  URL_VECTORS.forEach((u, i) => {
    body.push(`[link ${i}](<${u}>) ![image ${i}](<${u}>) <${u}> [ref ${i}][r${i}]`, '', `[r${i}]: <${u}>`, '');
  });
  body.push('| a | b |', '|---|---|', `| ${vectors[0].replaceAll('|', '\\|')} | ${vectors[8].replaceAll('|', '\\|')} |`, '');
  body.push(`Footnote[^x"><script>alert(1)</script>].`, '', `[^x"><script>alert(1)</script>]: ${vectors[10]}`, '');
  body.push(`## ${vectors[12]} {#wasmBindings}`, '', '## location', '');
  return [
    '---',
    `title: ${yaml(vectors[0] + vectors[15])}`,
    'date: 2025-01-01',
    `description: ${yaml(vectors[40])}`,
    `author: [${yaml(vectors[1])}, ${yaml('javascript:alert(1)')}, ${yaml(vectors[8])}]`,
    `tags: [${yaml(vectors[5])}, ${yaml('"><svg onload=alert(1)>')}]`,
    'image: "javascript:alert(1)"',
    '---',
    '',
    ...body,
  ].join('\n');
}

let problems = [];
let dialogs = [];
let foreign = [];

test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
  dialogs = [];
  foreign = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) foreign.push(r.url());
  });
});

test.afterEach(() => {
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

/** Everything in the page that could run script. */
async function dangerousMarkup(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('body *')) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        if (/^\s*(javascript|vbscript|livescript):/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
        if (/^\s*data:text/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
        if (attr.name === 'style' && /url\(/i.test(attr.value)) found.push(`${el.tagName} style`);
      }
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'STYLE', 'BASE', 'META', 'LINK'].includes(el.tagName)) {
        found.push(`element ${el.tagName}`);
      }
    }
    return found;
  });
}

test(`${vectors.length} vectors in a post's body, links, images and front matter run nothing`, async ({ page }) => {
  expect(vectors.length).toBeGreaterThanOrEqual(100);
  await page.route('**/posts/hostile-post.md', (route) =>
    route.fulfill({ contentType: 'text/markdown', body: hostilePost() }),
  );
  await page.goto('/posts/hostile-post');
  await expect(page.locator('article.post .post-body')).toContainText('Vector 0:');
  await expect(page.locator('article.post .post-body')).toContainText(`Vector ${vectors.length - 1}:`);
  // The title is shown as text, as written (its straight quotes made curly, like every
  // title's), with no element inside it.
  await expect(page.locator('article.post h1')).toHaveText(
    (vectors[0] + vectors[15]).replace(/"([^"]*)"/g, '“$1”'),
  );
  await expect(page.locator('article.post h1 *')).toHaveCount(0);
  // Fire the events handlers listen for on every element, giving any survivor its chance.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('article *')) {
      for (const type of ['mouseover', 'mouseenter', 'pointerover', 'focus', 'toggle', 'load', 'error']) {
        el.dispatchEvent(new Event(type, { bubbles: false }));
      }
    }
  });
  await page.waitForTimeout(300);
  expect(await dangerousMarkup(page)).toEqual([]);
  // The rest of the site still works afterwards.
  await page.getByRole('link', { name: 'Rustblog', exact: true }).click();
  await expect(page.locator('.post-card').first()).toBeVisible();
});

test('vectors as slugs give the not-found view and fetch nothing', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => r.url().includes('.md') && requests.push(r.url()));
  for (const v of [...vectors.slice(0, 30), ...URL_VECTORS]) {
    await page.goto(`/posts/${encodeURIComponent(v)}`);
    await expect(page.locator('.not-found h1')).toHaveText('Page not found');
  }
  expect(requests).toEqual([]);
  expect(await dangerousMarkup(page)).toEqual([]);
});

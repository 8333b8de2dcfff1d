// Search: results as you type from an index loaded on first use, keyboard, accents, CJK,
// shared URLs and the back button, on the root build and on the /blog/ static host.
import { test, expect } from '@playwright/test';
import { open, watchForProblems } from './helpers.mjs';
import { staticPort } from './playwright.config.mjs';

let problems;
test.beforeEach(({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => {
  expect(problems).toEqual([]);
});

const results = (page) => page.locator('.search-result');
const titles = (page) => page.locator('.search-result-title');
const marks = (page) => page.locator('.search-result mark');

test('the index loads only when search opens, and / opens it from any page', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await open(page, '/posts/writing-a-post');
  expect(fetched.filter((p) => p.includes('/posts/search/'))).toEqual([]);

  await page.keyboard.press('/');
  await expect(page).toHaveURL('/search');
  await expect(page.locator('#search-input')).toBeFocused();
  await expect(page.locator('#search-status')).toHaveText(/Type to search/);
  await expect.poll(() => fetched.filter((p) => p.endsWith('/posts/search/meta.json')).length).toBe(1);

  await page.keyboard.type('webassem');
  await expect(page).toHaveURL('/search?q=webassem');
  await expect(titles(page).first()).toHaveText(/^How This Blog Works/);
  await expect(page.locator('#search-status')).toHaveText(/posts? match/);
  // The word being typed matches as a prefix, and is marked as written.
  await expect(marks(page).first()).toHaveText(/^WebAssem/i);
  // Only a shard of the index was fetched, never the post index.
  expect(fetched.some((p) => p.endsWith('/posts/index.json'))).toBe(false);
  expect(fetched.filter((p) => /\/posts\/search\/t[0-9a-f]+\.txt$/.test(p)).length).toBeGreaterThan(0);
});

test('title matches rank first; every word must match; no match says so', async ({ page }) => {
  await open(page, '/search?q=static+host');
  await expect(titles(page).first()).toHaveText('Deploying the Blog to Any Static Host');
  await page.locator('#search-input').fill('static zzzqqq');
  await expect(page.locator('#search-status')).toHaveText('No posts match “static zzzqqq”. Try fewer or shorter words.');
  await expect(results(page)).toHaveCount(0);
  // A query of punctuation alone is not an error.
  await page.locator('#search-input').fill('?!');
  await expect(page.locator('#search-status')).toHaveText(/punctuation alone/);
});

test('accents and capitals fold: resume finds and marks résumé', async ({ page }) => {
  await open(page, '/search?q=resume');
  await expect(titles(page)).toHaveText(['Searching This Blog, in Any Language']);
  await expect(page.locator('.search-result-snippet mark')).toContainText(['résumé']);
  await page.locator('#search-input').fill('STRASSE');
  await expect.poll(() => page.locator('.search-result-snippet mark').allTextContents()).toContain('Straße');
  await page.locator('#search-input').fill('crème brûlée');
  await expect(titles(page)).toHaveText(['Searching This Blog, in Any Language']);
});

test('Chinese, Japanese and Korean are found without spaces between words', async ({ page }) => {
  await open(page, '/search');
  const input = page.locator('#search-input');
  for (const [query, marked] of [
    ['図書館', '図書館'],
    ['検索', '検索'],
    ['北京', '北京'],
    ['블로그', '블로그'],
  ]) {
    await input.fill(query);
    await expect(titles(page), query).toHaveText(['Searching This Blog, in Any Language']);
    await expect(page.locator('.search-result-snippet mark').first(), query).toHaveText(marked);
  }
  await input.fill('大阪');
  await expect(results(page)).toHaveCount(0);
});

test('keyboard: arrows walk the results, Enter opens one, back returns to them, Escape closes', async ({ page }) => {
  await open(page, '/tags/guide');
  await page.getByRole('link', { name: /^Search/ }).click();
  await expect(page.locator('#search-input')).toBeFocused();
  await page.keyboard.type('post');
  await expect(results(page).nth(1)).toBeVisible();
  // The results of the whole word, settled: results of `pos` re-rendered under the arrow
  // keys would take the focus with them.
  await expect(page).toHaveURL(/q=post$/);
  await expect(page.locator('.search-result[data-passage=pending]')).toHaveCount(0);
  const links = page.locator('a.search-result-link');
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('#search-input')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = await links.nth(1).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(second);
  await expect(page.locator('article.post h1')).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL('/search?q=post');
  await expect(page.locator('#search-input')).toHaveValue('post');
  await expect(results(page).nth(1)).toBeVisible();

  // Enter in the box opens the best result.
  const best = await links.nth(0).getAttribute('href');
  await page.locator('#search-input').press('Enter');
  await expect(page).toHaveURL(best);
  await page.goBack();
  await expect(page.locator('#search-input')).toHaveValue('post');

  // Escape closes search, back to the page it was opened from.
  await page.locator('#search-input').press('Escape');
  await expect(page).toHaveURL(/\/tags\/guide\/?$/);
});

test('/ typed into a text field is just a character', async ({ page }) => {
  await open(page, '/search?q=rust');
  await page.locator('#search-input').press('End');
  await page.keyboard.type('/x');
  await expect(page.locator('#search-input')).toHaveValue('rust/x');
  await expect(page).toHaveURL('/search?q=rust%2Fx');
});

test('a shared search URL opens with its results, also on a static host under /blog/', async ({ page }) => {
  await open(page, '/search?q=r%C3%A9sum%C3%A9');
  await expect(page.locator('#search-input')).toHaveValue('résumé');
  await expect(titles(page)).toHaveText(['Searching This Blog, in Any Language']);
  await expect(page).toHaveTitle('Search: résumé · Rustblog');

  await open(page, `http://127.0.0.1:${staticPort}/blog/search/?q=%E6%9D%B1%E4%BA%AC`);
  await expect(titles(page)).toHaveText(['Searching This Blog, in Any Language']);
  await expect(titles(page).locator('a')).toHaveAttribute('href', '/blog/posts/searching-in-any-language');
  // Escape on a page opened directly goes to the home page of the site.
  await page.locator('#search-input').press('Escape');
  await expect(page).toHaveURL(`http://127.0.0.1:${staticPort}/blog/`);
});

test('a search index that cannot load says so, and Try again recovers', async ({ page }) => {
  await page.route('**/posts/search/meta.json', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await open(page, '/search?q=rust');
  await expect(page.locator('.search-error')).toContainText('Search is not available: Could not load the search index: the server answered HTTP 503.');
  await expect(page.locator('header .site-title')).toBeVisible();
  await page.unroute('**/posts/search/meta.json');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(titles(page).first()).toBeVisible();

  // A damaged shard (a host answering with an HTML page) is named as such.
  await page.route(/\/posts\/search\/t[0-9a-f]+\.txt$/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html><body>nope</body></html>' }),
  );
  // (A new visit: this one has the shard already.)
  await open(page, '/search?q=deploy');
  await expect(page.locator('.search-error')).toContainText(/The search index \(posts\/search\/[^)]*\.txt\) is damaged/);
});

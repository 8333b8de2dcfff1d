// Network faults injected while reading: each ends in a specific message with a way forward,
// never an endless spinner or a blank page, and the rest of the site keeps working.
import { test, expect } from '@playwright/test';
import { open, watchForProblems } from './helpers.mjs';

const POST = 'deploying-to-a-static-host';
const TITLE = 'Deploying the Blog to Any Static Host';

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

/** Opens the list, then the post client-side (so the post is fetched, not embedded). */
async function openPostFromList(page) {
  await open(page, '/');
  await page.locator(`.post-card[data-slug="${POST}"] h2 a`).click();
}

test('a 404 for the post shows the not-found view, and the site still works', async ({ page }) => {
  await page.route(`**/posts/${POST}.md`, (route) => route.fulfill({ status: 404, body: 'Not Found' }));
  await openPostFromList(page);
  await expect(page.locator('.not-found')).toContainText(`There is no post called “${POST}”.`);
  await page.getByRole('link', { name: 'Rustblog', exact: true }).click();
  await expect(page.locator('.post-card').first()).toBeVisible();
});

test('a request that never answers times out with a message, and retry recovers', async ({ page }) => {
  test.setTimeout(40_000);
  let hang = true;
  await page.route(`**/posts/${POST}.md`, (route) => (hang ? undefined : route.continue()));
  await openPostFromList(page);
  await expect(page.locator('.loading')).toBeVisible();
  const error = page.locator('.error-view');
  await expect(error).toContainText('the server did not answer within 10 seconds', { timeout: 15_000 });
  await expect(page.locator('.loading')).toHaveCount(0);
  hang = false;
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('article.post h1')).toHaveText(TITLE);
});

test('going offline while reading says so, and coming back online loads the post by itself', async ({ page, context }) => {
  await open(page, '/');
  await expect(page.locator('.post-card').first()).toBeVisible();
  await context.setOffline(true);
  await page.locator(`.post-card[data-slug="${POST}"] h2 a`).click();
  const error = page.locator('.error-view');
  await expect(error).toContainText('You are offline');
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  await context.setOffline(false);
  await expect(page.locator('article.post h1')).toHaveText(TITLE);
  // The rest of the site keeps working.
  await page.getByRole('link', { name: 'Rustblog', exact: true }).click();
  await expect(page.locator('.post-card').first()).toBeVisible();
});

test('a damaged data file is named in the message, and the rest of the site works', async ({ page }) => {
  // A tag page opened in the app needs the whole index; the host sends a broken one.
  await page.route('**/posts/index.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"posts": 5}' }),
  );
  await open(page, `/posts/${POST}`);
  await page.locator('.post-header .tag').first().click();
  const error = page.locator('.error-view');
  await expect(error).toContainText('Could not read the list of posts: posts/index.json is damaged');
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
  await page.getByRole('link', { name: 'Rustblog', exact: true }).click();
  await expect(page.locator('.post-card').first()).toBeVisible();
});

test('a post reader that fails to load says so, and retry loads it', async ({ page }) => {
  let fail = true;
  await page.route('**/parser/blog-parser.js*', (route) => (fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
  await openPostFromList(page);
  const error = page.locator('.error-view');
  await expect(error).toContainText('Could not load the post reader');
  fail = false;
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('article.post h1')).toHaveText(TITLE);
  // The rest of the site kept working throughout.
  await page.getByRole('link', { name: 'Rustblog', exact: true }).click();
  await expect(page.locator('.post-card').first()).toBeVisible();
});

// What a tab opened before a deploy meets: the host now serves a reader whose answers have
// another form (another post format, or an earlier reader, which only answered JSON text
// from `parse_post`).
for (const [form, exports] of [
  ['another post format', 'export function read_post() { return { format: 999, error: "x" }; }'],
  ['an earlier reader', 'export function parse_post() { return JSON.stringify({ format: 1, error: "x" }); }'],
]) {
  test(`a post reader from another deploy (${form}) is noticed: the reader is asked to reload`, async ({ page }) => {
    await page.route('**/parser/blog-parser.js*', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `export default async function init() {}\n${exports}\n`,
      }),
    );
    await openPostFromList(page);
    const error = page.locator('.error-view');
    await expect(error).toContainText('The site was updated while this page was open. Reload the page to read on.');
    await page.getByRole('link', { name: 'Rustblog', exact: true }).click();
    await expect(page.locator('.post-card').first()).toBeVisible();
  });
}

test('the post reader still answers apps of earlier deploys (JSON text from parse_post)', async ({ page }) => {
  // A tab left open across a deploy runs the old app, which gets this reader.
  await page.goto('/');
  const answer = await page.evaluate(async () => {
    const reader = await import('/parser/blog-parser.js');
    await reader.default({ module_or_path: '/parser/blog-parser_bg.wasm' });
    return JSON.parse(reader.parse_post('hi.md', '---\ntitle: Hi\ndate: 2025-01-01\n---\nSome *text*.\n', '/'));
  });
  expect(answer.format).toBe(1);
  expect(answer.post.meta.slug).toBe('hi');
  expect(answer.post.html).toContain('<em>text</em>');
});

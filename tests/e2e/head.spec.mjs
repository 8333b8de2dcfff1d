// A page reached in the app describes itself as its prerendered page does: canonical URL,
// feeds, Open Graph and Twitter tags, JSON-LD, title and description, so a link copied or
// shared after in-app navigation previews the page it names, not the first one loaded.
import { test, expect } from '@playwright/test';
import { follow, open, watchForProblems } from './helpers.mjs';

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

/** The head's description of the page, in a stable order. */
async function head(page) {
  const tags = await page.evaluate(() =>
    [
      ...document.head.querySelectorAll(
        'link[rel=canonical], link[rel=alternate], meta[property^="og:"], meta[property^="article:"], meta[name^="twitter:"], meta[name=robots], meta[name=description], script[type="application/ld+json"]',
      ),
    ].map((el) => el.outerHTML),
  );
  return { title: await page.title(), tags: tags.sort() };
}

const PAGES = ['/posts/writing-a-post', '/about/', '/tags/guide', '/authors/maintainers', '/posts/how-this-blog-works', '/'];

test('every page reached in the app has the head of its prerendered page', async ({ browser, page }) => {
  const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await open(page, '/search');
  for (const path of PAGES) {
    await plain.goto(path);
    const prerendered = await head(plain);
    expect(prerendered.tags.some((t) => t.includes('rel="canonical"'))).toBe(true);
    await follow(page, path);
    await test.step(path, async () => {
      await expect.poll(async () => (await head(page)).title).toBe(prerendered.title);
      expect(await head(page)).toEqual(prerendered);
    });
  }
  await plain.close();
});

test('a term page names its own feed first, after the site’s', async ({ page }) => {
  await page.goto('/tags/guide');
  const feeds = page.locator('head link[rel=alternate]');
  await expect(feeds.first()).toHaveAttribute('href', 'https://rustblog.example/tags/guide/feed.xml');
  await expect(page.locator('head link[type="application/feed+json"]')).toHaveAttribute('href', 'https://rustblog.example/feed.json');
  const feed = await (await page.request.get('/tags/guide/feed.xml')).text();
  expect(feed).toContain('<title>Rustblog · Posts tagged #guide</title>');
  const json = await (await page.request.get('/feed.json')).json();
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.items.length).toBeGreaterThan(0);
});

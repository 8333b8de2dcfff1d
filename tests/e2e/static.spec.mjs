// The production build as a plain static host serves it, under a sub-path, with no SPA
// fallback: every route is a real page, for browsers with and without JavaScript, crawlers,
// link-preview bots and feed readers.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import { open, startApp, watchForProblems } from './helpers.mjs';
import { staticPort } from './playwright.config.mjs';

const site = `http://127.0.0.1:${staticPort}`;
const blog = `${site}/blog/`;
const dist = fileURLToPath(new URL('../../target/dist-blog/', import.meta.url));
const index = JSON.parse(readFileSync(`${dist}posts/index.json`, 'utf8'));
// This build has a small page size (BLOG_PAGE_SIZE in scripts/test.sh), so the list has pages.
const firstPage = JSON.parse(readFileSync(`${dist}posts/pages/1.json`, 'utf8'));
// The blog's pages (pages/about.md), which the settings every page embeds list.
const sitePages = JSON.parse(readFileSync(`${dist}posts/site.json`, 'utf8')).pages ?? [];
const SEED = 'node-vs-python-backend';
const SEED_TITLE = 'Node.js vs. Python—Choosing the Right Backend for Scalable Web Development';

/** Every page the sitemap lists, as local URLs. */
function sitemapPages() {
  const xml = readFileSync(`${dist}sitemap.xml`, 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

test('every route answers 200 by direct load, and unknown paths get the 404 page', async ({ request }) => {
  const pages = sitemapPages();
  expect(pages).toContain('/blog/');
  expect(pages).toContain(`/blog/posts/${SEED}`);
  expect(firstPage.pages).toBeGreaterThan(1);
  expect(pages).toContain('/blog/page/2');
  expect(pages).toContain('/blog/about/');
  expect(pages.length).toBe(
    firstPage.pages + index.posts.length + new Set(index.posts.flatMap((p) => p.tags)).size + 2 + sitePages.length,
  );
  for (const path of pages) {
    const response = await request.get(`${site}${path}`);
    expect(response.status(), path).toBe(200);
    expect(await response.text(), path).toContain('<main id="main"');
  }
  const missing = await request.get(`${blog}posts/no-such-post`);
  expect(missing.status()).toBe(404);
  const html = await missing.text();
  expect(html).toContain('Page not found');
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).not.toContain('rel="canonical"');
});

test('with JavaScript disabled every page shows its content', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(blog);
  await expect(page.locator('.post-card')).toHaveCount(firstPage.index.posts.length);
  await page.locator(`.post-card[data-slug="${SEED}"] h2 a`).click();
  await expect(page).toHaveURL(`${blog}posts/${SEED}/`);
  await expect(page.locator('article.post h1')).toHaveText(SEED_TITLE);
  await expect(page.locator('.post-body')).toContainText('it’s preferred for chat applications');
  await expect(page.locator('.author-card .author-name')).toHaveText('Alvison Hunter');
  await page.goto(`${blog}tags/guide/`);
  await expect(page.locator('h1')).toHaveText('Posts tagged #guide');
  await page.goto(`${blog}authors/alvison-hunter/`);
  await expect(page.locator('.author-card .author-bio')).toContainText('Full-Stack Software Engineer');
  await page.goto(`${blog}no/such/page`);
  await expect(page.locator('.not-found h1')).toHaveText('Page not found');
  await context.close();
});

test('with JavaScript the app takes over without a loading state or layout shift, then navigates client-side', async ({ page }) => {
  await page.addInitScript(() => {
    window.__sawLoading = false;
    window.__shift = 0;
    new MutationObserver(() => {
      if (document.querySelector('.loading')) window.__sawLoading = true;
    }).observe(document, { subtree: true, childList: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    addEventListener('TrunkApplicationStarted', () => (window.__started = true));
  });
  await page.goto(`${blog}posts/${SEED}`);
  await expect(page).toHaveURL(`${blog}posts/${SEED}/`);
  await startApp(page);
  await expect(page.locator('article.post h1')).toHaveText(SEED_TITLE);
  expect(await page.evaluate(() => window.__sawLoading)).toBe(false);
  expect(await page.evaluate(() => window.__shift)).toBeLessThan(0.01);

  // Client-side from here on: no new documents, posts fetched as Markdown under /blog/.
  const documents = [];
  page.on('request', (r) => r.resourceType() === 'document' && documents.push(r.url()));
  const markdown = page.waitForResponse(`${blog}posts/writing-a-post.md`);
  await page.getByRole('link', { name: 'Rustblog', exact: true }).click();
  await expect(page).toHaveURL(blog);
  await page.locator('.post-card[data-slug="writing-a-post"] h2 a').click();
  expect((await markdown).status()).toBe(200);
  await expect(page).toHaveURL(`${blog}posts/writing-a-post`);
  await expect(page.locator('article.post h1')).toHaveText('Writing a Post: Front Matter and the Markdown You Can Use');
  await page.locator('.post-header').getByRole('link', { name: 'Rustblog Maintainers' }).click();
  await expect(page).toHaveURL(`${blog}authors/maintainers`);
  await expect(page.locator('.post-card')).toHaveCount(4);
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(blog);
  expect(documents).toEqual([]);
});

test('a crawler following every internal link from the home page finds no broken one', async ({ request }) => {
  const seen = new Set();
  const queue = [new URL(blog).pathname];
  const broken = [];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await request.get(`${site}${path}`);
    if (response.status() !== 200) {
      broken.push(`${path}: ${response.status()}`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    const html = await response.text();
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"]+)"/g)) {
      const url = new URL(href.replaceAll('&amp;', '&'), `${site}${path}`);
      if (url.origin !== site) continue;
      url.hash = '';
      queue.push(url.pathname);
    }
  }
  expect(broken).toEqual([]);
  expect(seen.size).toBeGreaterThan(index.posts.length + 5);
});

test('the raw HTML of a post has its text, Open Graph tags and valid JSON-LD', async ({ request }) => {
  const html = await (await request.get(`${blog}posts/${SEED}/`)).text();
  expect(html).toContain(`<title>${SEED_TITLE} · Rustblog</title>`);
  expect(html).toContain('This is why it’s preferred for chat applications');
  expect(html).toContain('<meta property="og:type" content="article">');
  expect(html).toContain(`<meta property="og:title" content="${SEED_TITLE}">`);
  expect(html).toContain('<meta property="og:image" content="https://rustblog.example/blog/images/node-python-thumb.png">');
  expect(html).toContain('<meta property="article:published_time" content="2025-03-15T00:00:00Z">');
  expect(html).toContain(`<link rel="canonical" href="https://rustblog.example/blog/posts/${SEED}">`);
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-", "object-src 'none'", "base-uri 'none'"]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain('unsafe-inline');
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)[1]);
  expect(ld['@type']).toBe('BlogPosting');
  expect(ld.headline).toBe(SEED_TITLE);
  expect(ld.author[0].name).toBe('Alvison Hunter');
  expect(ld.datePublished).toBe('2025-03-15T00:00:00Z');
});

test('the feeds parse and list the newest posts (feed_limit) with full content', async ({ request }) => {
  const parser = new Parser();
  for (const name of ['feed.xml', 'rss.xml']) {
    const feed = await parser.parseString(await (await request.get(`${blog}${name}`)).text());
    // This build's settings ask for four (tests/e2e/fixtures/site-blog.yaml); five are published.
    expect(index.posts.length).toBeGreaterThan(4);
    expect(feed.items.map((i) => i.title), name).toEqual(index.posts.slice(0, 4).map((p) => p.title));
    const seed = feed.items.find((i) => i.link.endsWith(`/posts/${SEED}`));
    expect(seed.link).toBe(`https://rustblog.example/blog/posts/${SEED}`);
    expect(seed['content:encoded'] ?? seed.content).toContain('preferred for chat applications');
  }
  const robots = await (await request.get(`${blog}robots.txt`)).text();
  expect(robots).toContain('Sitemap: https://rustblog.example/blog/sitemap.xml');
});

test('text assets are served precompressed', async ({ request }) => {
  const response = await request.get(blog, { headers: { 'accept-encoding': 'br' } });
  expect(response.headers()['content-encoding']).toBe('br');
});

test('the list comes in pages, each a real page, linked both ways, with and without the app', async ({ page }) => {
  const last = index.posts.at(-1);
  await open(page, blog);
  await expect(page.locator('.pagination .page-number')).toHaveText(`Page 1 of ${firstPage.pages}`);
  await expect(page.locator('.pagination a[rel="prev"]')).toHaveCount(0);
  await page.getByRole('link', { name: 'Older posts →' }).click();
  await expect(page).toHaveURL(`${blog}page/2`);
  await expect(page.locator(`.post-card[data-slug="${last.slug}"]`)).toBeVisible();
  await expect(page).toHaveTitle(`Page 2 of ${firstPage.pages} · Rustblog`);
  await page.getByRole('link', { name: '← Newer posts' }).click();
  await expect(page).toHaveURL(blog);
  await expect(page.locator('.post-card')).toHaveCount(firstPage.index.posts.length);

  // Deep links: prerendered, so they work as plain pages too.
  const response = await page.request.get(`${blog}page/2/`);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain(`data-slug="${last.slug}"`);
  const missing = await page.request.get(`${blog}page/${firstPage.pages + 1}/`);
  expect(missing.status()).toBe(404);
});

test('theme colours and social links from the site settings reach the pages, with and without the app', async ({ browser, page }) => {
  // This build's settings: tests/e2e/fixtures/site-blog.yaml (BLOG_SITE_CONFIG in scripts/test.sh).
  const linkColour = (p) => p.locator('.site-footer a').first().evaluate((a) => getComputedStyle(a).color);
  const check = async (p) => {
    const social = p.locator('.site-footer').getByRole('link', { name: 'Mastodon' });
    await expect(social).toHaveAttribute('href', 'https://mastodon.example/@rustblog');
    await expect(social).toHaveAttribute('rel', 'me');
    await p.emulateMedia({ colorScheme: 'light' });
    expect(await linkColour(p)).toBe('rgb(29, 78, 216)');
    await p.emulateMedia({ colorScheme: 'dark' });
    expect(await linkColour(p)).toBe('rgb(147, 197, 253)');
  };
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(`${blog}posts/${SEED}/`);
  await check(plain);
  await noScript.close();

  await open(page, blog);
  await check(page);
});

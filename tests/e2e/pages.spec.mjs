// The blog's pages (pages/about.md → /about/) and the header's menu: a page reads the same
// prerendered and after client-side navigation, is never among the posts, and the menu
// marks the page shown, folding into a disclosure on narrow screens without any script.
import { test, expect } from '@playwright/test';
import { follow, open, startApp, watchForProblems } from './helpers.mjs';
import { migrationPort, staticPort } from './playwright.config.mjs';

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

const menu = (page) => page.locator('.site-menu .menu-wide');

/** What a reader sees of a page's article, and of the head that describes it. */
async function shown(page) {
  return {
    // The route announcer makes the new page's heading focusable after a navigation.
    article: (await page.locator('article.page').evaluate((a) => a.outerHTML))
      .replaceAll('<!---->', '')
      .replace('<h1 tabindex="-1">', '<h1>'),
    title: await page.title(),
    description: await page.locator('meta[name=description]').getAttribute('content'),
    current: await menu(page).locator('[aria-current=page]').allTextContents(),
  };
}

test('a page prerendered: its own address, no date, byline or post list, its menu entry marked', async ({ page }) => {
  await page.goto('/about/');
  const article = page.locator('article.page');
  await expect(article.locator('h1')).toHaveText('About');
  await expect(article.locator('.post-body')).toContainText('pages/about.md');
  await expect(article.locator('time, .author-card, .post-nav, .related')).toHaveCount(0);
  await expect(page).toHaveTitle('About · Rustblog');
  await expect(menu(page).locator('a')).toHaveText(['About', 'Feeds']);
  await expect(menu(page).locator('[aria-current=page]')).toHaveText('About');
  // Never among the posts.
  await page.goto('/');
  await expect(page.locator('.post-card h2', { hasText: /^About$/ })).toHaveCount(0);
  await expect(menu(page).locator('[aria-current=page]')).toHaveCount(0);
});

test('a page reached in the app is the page prerendered, and leads on to posts and back', async ({ page }) => {
  await page.goto('/about/');
  const prerendered = await shown(page);
  await open(page, '/');
  await menu(page).getByRole('link', { name: 'About' }).click();
  await expect(page).toHaveURL(/\/about\/$/);
  await expect(page.locator('article.page h1')).toHaveText('About');
  expect(await shown(page)).toEqual(prerendered);
  // Its links are the app's too: to a post, and back to the page.
  await page.locator('article.page').getByRole('link', { name: 'writing a post' }).click();
  await expect(page.locator('article.post h1')).toHaveText(/^Writing a Post/);
  await expect(menu(page).locator('[aria-current=page]')).toHaveCount(0);
  await page.goBack();
  await expect(page.locator('article.page h1')).toHaveText('About');
  expect(await shown(page)).toEqual(prerendered);
});

test('a prerendered page is taken over as it is when the app starts', async ({ page }) => {
  await page.goto('/about/');
  await page.evaluate(() => (window.__prerendered = document.querySelector('article.page')));
  await startApp(page);
  expect(
    await page.evaluate(() => window.__prerendered.isConnected && window.__prerendered === document.querySelector('article.page')),
  ).toBe(true);
  await follow(page, '/posts/writing-a-post');
  await expect(page.locator('article.post h1')).toHaveText(/^Writing a Post/);
  await page.goBack();
  await expect(page.locator('article.page h1')).toHaveText('About');
});

test('a page is found by search, without a date, and opens from its result', async ({ page }) => {
  await open(page, '/search?q=maintainers+engine');
  const result = page.locator('.search-result', { has: page.locator('a[href="/about/"]') });
  await expect(result.locator('.search-result-title')).toHaveText('About');
  await expect(result.locator('time')).toHaveCount(0);
  await expect(result).toHaveAttribute('data-passage', 'body');
  await expect(result.locator('.search-result-snippet mark').first()).toBeVisible();
  await result.getByRole('link', { name: 'About' }).click();
  await expect(page.locator('article.page h1')).toHaveText('About');
});

test('under a sub-path, the menu and the page carry the base path', async ({ page }) => {
  const blog = `http://127.0.0.1:${staticPort}/blog`;
  await open(page, `${blog}/about/`);
  await expect(page.locator('article.page h1')).toHaveText('About');
  await expect(menu(page).getByRole('link', { name: 'About' })).toHaveAttribute('href', '/blog/about/');
  await expect(menu(page).locator('a')).toHaveText(['Source', 'About', 'Feeds']);
  await expect(menu(page).getByRole('link', { name: 'Feeds' })).toHaveAttribute('href', '/blog/feed.xml');
  await expect(menu(page).getByRole('link', { name: 'Source' })).toHaveAttribute('href', 'https://code.example/rustblog');
  await follow(page, '/blog/');
  await menu(page).getByRole('link', { name: 'About' }).click();
  await expect(page.locator('article.page h1')).toHaveText('About');
});

test('under a sub-path, the logo, favicon and footer line are the blog’s, prerendered and in the app', async ({ page }) => {
  const blog = `http://127.0.0.1:${staticPort}/blog`;
  const check = async () => {
    await expect(page.locator('.site-title img.site-logo')).toHaveAttribute('src', '/blog/images/logo.svg');
    await expect(page.locator('.site-title img.site-logo')).toHaveAttribute('alt', '');
    await expect(page.locator('head link[rel=icon]')).toHaveAttribute('href', '/blog/images/logo.svg');
    const footer = page.locator('.site-footer .footer-note');
    await expect(footer).toContainText('© 2026 The maintainers');
    await expect(footer.getByRole('link', { name: 'About this blog' })).toHaveAttribute('href', '/blog/about/');
    await expect(footer.locator('em')).toHaveText('thanks for reading');
    await expect(footer.locator('script')).toHaveCount(0);
  };
  await page.goto(`${blog}/posts/writing-a-post`);
  await check();
  await open(page, `${blog}/posts/writing-a-post`);
  await check();
  await page.locator('.site-footer').getByRole('link', { name: 'About this blog' }).click();
  await expect(page.locator('article.page h1')).toHaveText('About');
  await check();
  expect(await (await page.request.get(`${blog}/images/logo.svg`)).text()).toContain('<svg');
});

test('the blog’s own stylesheet follows the engine’s, on its pages and the author card’s', async ({ page }) => {
  const blog = `http://127.0.0.1:${migrationPort}/blog`;
  const font = () => page.evaluate(() => getComputedStyle(document.body).fontFamily);
  await open(page, `${blog}/`);
  expect(await font()).toContain('Georgia');
  await follow(page, '/blog/posts/how-this-blog-works');
  await expect(page.locator('article.post h1')).toBeVisible();
  expect(await font()).toContain('Georgia');
  await page.goto(`${blog}/embed/authors/maintainers/`);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--radius').trim())).toBe('3px');
});

test.describe('on a narrow screen, without script', () => {
  test.use({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });

  test('the menu folds into a disclosure that opens', async ({ page }) => {
    await page.goto('/posts/writing-a-post');
    await expect(menu(page)).toBeHidden();
    const narrow = page.locator('.site-menu .menu-narrow');
    await expect(narrow.getByRole('link', { name: 'About' })).toBeHidden();
    await narrow.locator('summary').click();
    await narrow.getByRole('link', { name: 'About' }).click();
    await expect(page.locator('article.page h1')).toHaveText('About');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});

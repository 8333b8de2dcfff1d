// Same-route navigation: a link from a page to another page of the same route (tag → tag,
// author → author, list page → list page, post → post, search → search) must show the new
// page, whether the first one was prerendered or itself reached in the app. The router
// keeps the view and only changes its parameters, so every page must read them reactively.
import { test, expect } from '@playwright/test';
import { follow, open, watchForProblems } from './helpers.mjs';
import { migrationPort } from './playwright.config.mjs';

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

/** Opens `first` prerendered (the app taking it over), or reaches it in the app from `home`. */
async function start(page, how, first, home = '/') {
  if (how === 'prerendered') {
    await open(page, first);
  } else {
    await open(page, home);
    await follow(page, first);
  }
  // Static hosts add a slash to page paths (`/search/?q=…`); the address is the same page.
  const want = new URL(first, page.url());
  const same = (u) => u.pathname.replace(/\/$/, '') + u.search;
  await expect.poll(() => same(new URL(page.url()))).toBe(same(want));
}

for (const how of ['prerendered', 'client-side']) {
  test(`tag → tag, from a ${how} page`, async ({ page }) => {
    await start(page, how, '/tags/guide');
    await expect(page.locator('h1')).toHaveText('Posts tagged #guide');
    await follow(page, '/tags/markdown');
    await expect(page.locator('h1')).toHaveText('Posts tagged #markdown');
    await expect(page.locator('.post-card')).toHaveCount(1);
    await expect(page).toHaveTitle(/Posts tagged #markdown/);
    await page.goBack();
    await expect(page.locator('h1')).toHaveText('Posts tagged #guide');
  });

  test(`author → author, from a ${how} page`, async ({ page }) => {
    await start(page, how, '/authors/maintainers');
    await expect(page.locator('h1')).toHaveText('Rustblog Maintainers');
    await follow(page, '/authors/alvison-hunter');
    await expect(page.locator('h1')).toHaveText('Alvison Hunter');
    await expect(page.locator('.author-card .author-name')).toHaveText('Alvison Hunter');
  });

  test(`post → post, from a ${how} page`, async ({ page }) => {
    await start(page, how, '/posts/writing-a-post');
    const next = page.getByRole('navigation', { name: 'More posts' }).locator('a[rel=next]');
    const title = (await next.textContent()).replace('Next →', '').trim();
    await next.click();
    await expect(page.locator('article.post h1')).toHaveText(title);
    const related = page.locator('.related a').first();
    const relatedTitle = await related.textContent();
    await related.click();
    await expect(page.locator('article.post h1')).toHaveText(relatedTitle);
  });

  test(`search → search, from a ${how} page`, async ({ page }) => {
    await start(page, how, '/search?q=python');
    await expect(page.locator('.search-result-title').first()).toContainText(/Python/);
    await follow(page, '/search?q=deploying');
    await expect(page.locator('.search-result-title').first()).toContainText(/Deploying/);
    await expect(page.locator('#search-input')).toHaveValue('deploying');
  });

  test(`list page → list page, from a ${how} page`, async ({ page }) => {
    const blog = `http://127.0.0.1:${migrationPort}/blog`;
    await start(page, how, `${blog}/page/2`, `${blog}/`);
    const number = page.locator('.pagination .page-number');
    await expect(number).toHaveText(/^Page 2 of/);
    const second = await page.locator('.post-card h2').allTextContents();
    await follow(page, '/blog/page/3');
    await expect(number).toHaveText(/^Page 3 of/);
    const third = await page.locator('.post-card h2').allTextContents();
    expect(third.some((t) => second.includes(t))).toBe(false);
    await expect(page).toHaveTitle(/Page 3 of/);
  });
}

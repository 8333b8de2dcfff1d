// How the blog looks on a phone and a desktop, in light and dark: screenshots go into the
// test report (playwright-report/, and test-results/ beside each test) to be looked at, and
// what a reader would notice is asserted: nothing wider than the screen, a readable
// measure, the print view of a post.
import { test, expect } from '@playwright/test';
import { open, watchForProblems } from './helpers.mjs';

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

const PAGES = [
  ['list', '/'],
  ['post', '/posts/writing-a-post'],
  ['search', '/search?q=search+language', '.search-result[data-passage=body] mark'],
];

for (const width of [375, 1280]) {
  for (const scheme of ['light', 'dark']) {
    test(`list, post and search at ${width} px in ${scheme}: screenshots, nothing overflows`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, path, ready] of PAGES) {
        await open(page, path);
        if (ready) await expect(page.locator(ready).first()).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} is wider than the ${width} px screen`).toBeLessThanOrEqual(0);
        const file = testInfo.outputPath(`${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await testInfo.attach(`${name} ${width}px ${scheme}`, { path: file, contentType: 'image/png' });
      }
    });
  }
}

test('on the narrowest phones (320 px) code scrolls inside its block, not the page', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await open(page, '/search?q=%E6%A4%9C%E7%B4%A2');
  await expect(page.locator('.search-result mark').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'search results').toBeLessThanOrEqual(320);
  await open(page, '/posts/writing-a-post');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  const pre = page.locator('.post-body pre').first();
  expect(await pre.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test('on a desktop the text keeps a readable measure', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await open(page, '/posts/writing-a-post');
  const chars = await page.locator('.post-body > p').first().evaluate((p) => {
    const probe = document.createElement('span');
    probe.textContent = 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz';
    p.append(probe);
    const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
    probe.remove();
    return p.getBoundingClientRect().width / perChar;
  });
  expect(chars).toBeGreaterThan(55);
  expect(chars).toBeLessThan(85);
});

test('printing a post shows the article, not the site around it', async ({ page }) => {
  await open(page, '/posts/writing-a-post');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('article.post h1')).toBeVisible();
  await expect(page.locator('.post-body')).toBeVisible();
  for (const hidden of ['.theme-toggle', '.site-footer', '.toc', '.post-nav', '.copy-code']) {
    await expect(page.locator(hidden).first(), hidden).toBeHidden();
  }
});

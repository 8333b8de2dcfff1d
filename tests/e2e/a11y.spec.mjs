// Accessibility: axe-core finds no violations on the pages a reader visits, in light and dark.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { open } from './helpers.mjs';

const PAGES = [
  ['the list', '/'],
  ['a post with a table, task list, code and footnotes', '/posts/writing-a-post'],
  ['the seed post', '/posts/node-vs-python-backend'],
  ['a tag page', '/tags/guide'],
  ['an author page with embed snippets', '/authors/alvison-hunter'],
  ['the not-found page', '/no/such/page'],
  ['search with highlighted results', '/search?q=rust', '.search-result mark'],
];

for (const scheme of ['light', 'dark']) {
  for (const [name, path, ready] of PAGES) {
    test(`${name} has no axe violations (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, path);
      await expect(page.locator(ready ?? 'main h1, main .post-card').first()).toBeAttached();
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}

test('after a client-side page change focus moves to the new heading and the title is announced', async ({ page }) => {
  await open(page, '/');
  await page.locator('.post-card[data-slug="how-this-blog-works"] h2 a').click();
  await expect(page.locator('article.post h1')).toBeVisible();
  await expect(page.locator('[aria-live="polite"]')).toHaveText(/How This Blog Works/);
  await expect(page.locator('article.post h1')).toBeFocused();
  await page.locator('.post-header').getByRole('link', { name: '#rust' }).click();
  await expect(page.locator('main h1')).toHaveText('Posts tagged #rust');
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.locator('[aria-live="polite"]')).toHaveText('Posts tagged #rust · Rustblog');
});

test('in-page links do not move focus back to the heading', async ({ page }) => {
  await open(page, '/posts/writing-a-post');
  await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'When something is wrong' }).click();
  await page.waitForTimeout(500);
  await expect(page.locator('article.post h1')).not.toBeFocused();
  await expect(page.locator('#when-something-is-wrong')).toBeInViewport();
});

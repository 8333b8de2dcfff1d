// Accessibility: axe-core finds no violations on the pages a reader visits, in light and dark.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const PAGES = [
  ['the list', '/'],
  ['a post with a table, task list, code and footnotes', '/posts/writing-a-post'],
  ['the seed post', '/posts/node-vs-python-backend'],
  ['a tag page', '/tags/guide'],
  ['an author page with embed snippets', '/authors/alvison-hunter'],
  ['the not-found page', '/no/such/page'],
];

for (const scheme of ['light', 'dark']) {
  for (const [name, path] of PAGES) {
    test(`${name} has no axe violations (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expect(page.locator('main h1, main .post-card').first()).toBeAttached();
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
}

// Dark mode: follows the system, a toggle that is remembered, and no flash of the wrong theme.
import { test, expect } from '@playwright/test';
import { watchForProblems } from './helpers.mjs';

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT = 'rgb(251, 250, 248)';
const DARK = 'rgb(20, 22, 26)';

test('follows the system, and the toggle switches and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  expect(await background(page)).toBe(DARK);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await background(page)).toBe(LIGHT);
  await page.goto('/posts/writing-a-post');
  expect(await background(page)).toBe(LIGHT);
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false');
});

test('a remembered choice applies before the app loads: no flash of the wrong theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(() => localStorage.setItem('theme', 'dark'));
  // Without the app at all, the prerendered page is already dark.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/posts/node-vs-python-backend', { waitUntil: 'domcontentloaded' });
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await background(page)).toBe(DARK);
  // The blocked app load is this test's doing, not a problem of the page.
  problems.splice(0, problems.length, ...problems.filter((p) => !/WebAssembly|wasm|fetch/i.test(p)));
});

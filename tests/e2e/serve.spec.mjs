// The author's loop under the serve command: add a Markdown file, reload, see the post --
// even a draft dated in the future, which a release build would leave out.
// Runs `trunk serve` (debug build, its own dist folder) on a separate port.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const port = 8091;
const origin = `http://127.0.0.1:${port}`;
const added = `${repo}posts/zz-e2e-added-post.md`;

let trunk;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  // Left over by an interrupted run, either would be served before the first build finishes.
  rmSync(added, { force: true });
  rmSync(`${repo}target/e2e-serve-dist`, { recursive: true, force: true });
  trunk = spawn('trunk', ['serve', '--port', String(port), '--dist', 'target/e2e-serve-dist'], {
    cwd: repo,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 540_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/posts/index.json`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('trunk serve did not come up');
    await new Promise((r) => setTimeout(r, 1000));
  }
});

test.afterAll(() => {
  rmSync(added, { force: true });
  if (trunk) process.kill(-trunk.pid, 'SIGTERM');
});

test('a new Markdown file shows up in the open page by itself, and opens', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`${origin}/`);
  await expect(page.locator('.post-card').first()).toBeVisible();
  await expect(page.locator('.post-card[data-slug="zz-e2e-added-post"]')).toHaveCount(0);

  writeFileSync(
    added,
    '---\ntitle: Added While Serving\ndate: 2031-01-01\nauthor: Alvison Hunter\ndraft: true\n---\n\nFresh words, no index to edit.\n',
  );
  // No manual reload: `trunk serve` rebuilds, re-indexes and reloads the open page itself.
  const card = page.locator('.post-card[data-slug="zz-e2e-added-post"]');
  await expect(card).toBeVisible({ timeout: 200_000 });
  // Newest first: dated in the future, it leads the list.
  await expect(page.locator('.post-card').first()).toHaveAttribute('data-slug', 'zz-e2e-added-post');
  await card.locator('h2 a').click();
  await expect(page.locator('article.post h1')).toHaveText('Added While Serving');
  await expect(page.locator('.post-body')).toContainText('Fresh words, no index to edit.');
});

test('a post URL opened directly works under serve (deep link)', async ({ page }) => {
  await page.goto(`${origin}/posts/how-this-blog-works`);
  await expect(page.locator('article.post h1')).toHaveText(
    'How This Blog Works: Rust, WebAssembly and One Parsing Core',
  );
});

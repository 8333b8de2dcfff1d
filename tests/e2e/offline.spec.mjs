// Offline reading: the service worker keeps the app and every page and post the reader
// opened; with the network gone those open again, an unread post says the reader is offline,
// and a new deploy is picked up on the next visit.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { open, watchForProblems } from './helpers.mjs';

test.use({ serviceWorkers: 'allow' });

const root = resolve(new URL('../..', import.meta.url).pathname);
const PORT = Number(process.env.E2E_OFFLINE_PORT ?? 4176);
const site = `http://127.0.0.1:${PORT}`;

/// A copy of dist/ on its own server, which a test can stop (the network is gone) or change
/// (a new deploy).
async function startSite() {
  const dir = mkdtempSync(join(tmpdir(), 'rustblog-offline-'));
  cpSync(join(root, 'dist'), dir, { recursive: true });
  const server = spawn('node', [join(root, 'tests/e2e/server.mjs'), dir, String(PORT)], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`${site}/`)).ok) break;
    } catch {
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  return {
    dir,
    stop: () => server.kill(),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/// Waits until the service worker controls the page and has kept `path`.
async function kept(page, path) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect
    .poll(() => page.evaluate(async (path) => {
      const cache = await caches.open('read-v1');
      return (await cache.keys()).some((r) => new URL(r.url).pathname === path);
    }, path), { message: `${path} is kept for offline reading` })
    .toBe(true);
}

/// Waits until the service worker has kept the app's code (it does once the app has run).
async function appKept(page) {
  await expect
    .poll(() => page.evaluate(async () => {
      const keys = await caches.keys();
      const app = keys.find((k) => k.startsWith('app-'));
      return app ? (await (await caches.open(app)).keys()).some((r) => r.url.endsWith('_bg.wasm')) : false;
    }), { message: 'the app is kept for offline reading' })
    .toBe(true);
}

/// Rewrites a file of the deployed site (and drops its precompressed copies).
function edit(dir, file, change) {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  rmSync(`${path}.br`, { force: true });
  rmSync(`${path}.gz`, { force: true });
}

test('posts read before open offline; an unread one says the reader is offline', async ({ context, page }) => {
  const problems = watchForProblems(page);
  const server = await startSite();
  try {
    await open(page, `${site}/posts/writing-a-post`);
    await kept(page, '/posts/writing-a-post/');
    await appKept(page);
    // A second post, read through the app: only its Markdown is fetched.
    await page.getByRole('navigation', { name: 'More posts' }).locator('a[rel=next]').click();
    await expect(page.locator('article.post h1')).toHaveText('Deploying the Blog to Any Static Host');
    await kept(page, '/posts/deploying-to-a-static-host.md');

    // The signal is lost: the host is unreachable and the browser knows it.
    server.stop();
    await context.setOffline(true);

    await page.goto(`${site}/posts/writing-a-post`);
    await expect(page.locator('article.post h1')).toHaveText(/^Writing a Post/);
    await expect(page.locator('.post-body table')).toBeVisible();

    await open(page, `${site}/posts/deploying-to-a-static-host`);
    await expect(page.locator('article.post h1')).toHaveText('Deploying the Blog to Any Static Host');
    await expect(page.locator('.post-body')).toContainText('404.html');

    await open(page, `${site}/posts/how-this-blog-works`);
    await expect(page.locator('main [role=alert]')).toContainText(
      'You are offline, so the post “how-this-blog-works” could not be loaded. It will load when you are back online.',
    );
    await expect(page.locator('header .site-title')).toBeVisible();
    expect(problems.filter((p) => !p.includes('net::'))).toEqual([]);
  } finally {
    server.stop();
    server.remove();
  }
});

test('a post read without ever starting the app (a phone reader who only scrolls) opens offline too, and the app was never downloaded', async ({ context, page }) => {
  const problems = watchForProblems(page);
  const server = await startSite();
  try {
    await page.goto(`${site}/posts/writing-a-post`);
    await kept(page, '/posts/writing-a-post/');
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-app'))).toBe(false);
    server.stop();
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('article.post h1')).toHaveText(/^Writing a Post/);
    await expect(page.locator('.post-body table')).toBeVisible();
    // Nothing of the app was downloaded for it, not even in the background: a mouse moving
    // now cannot start it, and the page stays as it is.
    const code = await page.evaluate(async () => {
      const names = [];
      for (const key of await caches.keys()) {
        for (const r of await (await caches.open(key)).keys()) names.push(new URL(r.url).pathname);
      }
      return names.filter((n) => /\.(js|wasm)$/.test(n));
    });
    expect(code).toEqual([]);
    await page.mouse.move(1, 1);
    await page.mouse.move(2, 3);
    await page.waitForTimeout(500);
    await expect(page.locator('article.post h1')).toHaveText(/^Writing a Post/);
    // A page not read before says so, and where to go.
    await page.goto(`${site}/posts/how-this-blog-works`);
    await expect(page.locator('main h1')).toHaveText('You are offline');
    await page.getByRole('link', { name: 'All posts' }).click();
    await expect(page.locator('main h1')).toHaveText('You are offline');
    expect(problems.filter((p) => !p.includes('net::'))).toEqual([]);
  } finally {
    server.stop();
    server.remove();
  }
});

test('a new deploy shows on the next visit, and the old app is dropped', async ({ page }) => {
  const server = await startSite();
  try {
    await open(page, `${site}/posts/writing-a-post`);
    await kept(page, '/posts/writing-a-post/');
    const before = await page.evaluate(() => caches.keys());
    expect(before.filter((k) => k.startsWith('app-'))).toHaveLength(1);

    // Deploy: the post changed, and so did the app (a new worker with a new build id).
    edit(server.dir, 'posts/writing-a-post/index.html', (t) => t.replaceAll('Writing a Post: Front Matter', 'Writing a Post, Revised: Front Matter'));
    edit(server.dir, 'sw.js', (t) => t.replace(/const BUILD = '(\w+)'/, "const BUILD = '$1next'"));

    await page.reload();
    await expect(page.locator('article.post h1')).toHaveText(/^Writing a Post, Revised/);
    await expect
      .poll(() => page.evaluate(() => caches.keys()))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^app-\w+next$/)]));
    await expect.poll(async () => (await page.evaluate(() => caches.keys())).filter((k) => k.startsWith('app-')).length).toBe(1);
  } finally {
    server.stop();
    server.remove();
  }
});

test('pages that name no worker (as under trunk serve) register none', async ({ page }) => {
  const server = await startSite();
  try {
    edit(server.dir, 'index.html', (t) => t.replace(/<meta name="service-worker"[^>]*>/, ''));
    await open(page, `${site}/`);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
  } finally {
    server.stop();
    server.remove();
  }
});

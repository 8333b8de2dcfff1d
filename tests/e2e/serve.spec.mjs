// blogtool as an author uses it, with only blogtool on the machine: `init` in an empty
// folder, a post written, `build` with no cargo, trunk, wasm-bindgen, wasm-opt or node on
// PATH, the site served by a plain static host and read in Chromium; and `serve`, whose open
// page changes by itself when a post is saved, and shows a broken post's `file:line` message
// while the list keeps working.
// BLOGTOOL names the binary scripts/install.sh installed (scripts/test.sh sets it).
import { test, expect } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { follow, open, startServer, stopServer, watchForProblems } from './helpers.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const blogtool = process.env.BLOGTOOL ?? join(repo, 'target/tool/blogtool');
const staticPort = 8093;
const servePort = 8094;

let problems;
test.beforeEach(({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => {
  expect(problems).toEqual([]);
});

/** Runs blogtool in `cwd` with `env`; fails the test with its output when it fails. */
function run(args, cwd, env = process.env) {
  const result = spawnSync(blogtool, args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`blogtool ${args.join(' ')}: ${result.status}\n${result.stderr}`);
  return result;
}

/** Starts a child process in its own group, its errors shown, and waits until `url` answers. */
const start = (command, args, cwd, url) => startServer(command, args, url, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
const stop = stopServer;

const POST = `---
title: Tide Tables for Beginners
date: 2026-02-03
tags: [sea, notes]
---

Reading a tide table starts with **the datum**, the zero the heights count from.

## Springs and neaps

Twice a month the range is widest.
`;

test.describe('a new blog, from init to a built site, with only blogtool', () => {
  let dir;
  let server;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'blogtool-e2e-init-'));
    const blog = join(dir, 'field-notes');
    run(['init', blog], dir, { ...process.env, BLOG_NOW: '2026-06-01T12:00' });
    writeFileSync(join(blog, 'posts/tide-tables.md'), POST);
    writeFileSync(join(blog, 'posts/flow.md'), '---\ntitle: Flow\ndate: 2025-01-01\n---\n\n```mermaid\ngraph LR\n  A --> B\n```\n');
    // A PATH with blogtool alone: no cargo, trunk, wasm-bindgen, wasm-opt or node (this
    // machine has node in /usr/bin, so not even the system's folders).
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(blogtool, join(bin, 'blogtool'));
    const env = { HOME: dir, PATH: bin, BLOG_NOW: '2026-06-01T12:00' };
    for (const tool of ['cargo', 'trunk', 'wasm-bindgen', 'wasm-opt', 'node']) {
      expect(spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { env }).status, `${tool} on the clean PATH`).not.toBe(0);
    }
    const built = run(['build', '--url', 'https://notes.example'], blog, env);
    expect(built.stderr).toMatch(/built .*dist/);
    // Drawing diagrams needs a Chromium: without one the build still succeeds, and names
    // the post whose diagram stays code.
    expect(built.stderr).toContain('/posts/flow: warning: its diagrams are shown as code');
    expect(existsSync(join(blog, 'dist/posts/tide-tables/index.html'))).toBe(true);
    // With a Chromium on the PATH (and still no Node), the Mermaid inside blogtool draws it.
    const browser = join(dir, 'browser');
    mkdirSync(browser);
    symlinkSync(existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : (process.env.CHROMIUM ?? '/usr/bin/chromium'), join(browser, 'chromium'));
    const drawn = run(['build', '--url', 'https://notes.example'], blog, { ...env, PATH: `${bin}:${browser}` });
    expect(drawn.stderr).not.toContain('shown as code');
    const pictures = readdirSync(join(blog, 'dist/posts/flow')).filter((f) => f.endsWith('.svg'));
    expect(pictures).toHaveLength(2);
    expect(readFileSync(join(blog, 'dist/posts/flow', pictures[0]), 'utf8')).toMatch(/^<svg[^>]* width="[\d.]+" height="[\d.]+"/);
    server = await start(
      process.execPath,
      [join(repo, 'tests/e2e/server.mjs'), join(blog, 'dist'), String(staticPort), '--no-fallback'],
      repo,
      `http://127.0.0.1:${staticPort}/`,
    );
  });

  test.afterAll(() => {
    stop(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const site = `http://127.0.0.1:${staticPort}`;

  test('init writes the blog folder and nothing of the engine', () => {
    const blog = join(dir, 'field-notes');
    for (const file of ['site.yaml', 'posts/hello-world.md', 'posts/authors.yaml', 'README.md', '.github/workflows/pages.yml']) {
      expect(existsSync(join(blog, file)), file).toBe(true);
    }
    expect(readFileSync(join(blog, 'site.yaml'), 'utf8')).toContain('title: Field Notes');
    for (const engine of ['Cargo.toml', 'src', 'index.html', 'Trunk.toml']) {
      expect(existsSync(join(blog, engine)), engine).toBe(false);
    }
    // A folder with files in it is refused, and says why.
    const again = spawnSync(blogtool, ['init', blog], { encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('is not empty');
  });

  test('the list, a post, client-side navigation, search, the author card and feeds work', async ({ page, request }) => {
    await open(page, `${site}/`);
    await expect(page.locator('header')).toContainText('Field Notes');
    const titles = page.locator('.post-card h2');
    // Newest first: init's post is dated the day it ran.
    await expect(titles).toHaveText(['Hello, world', 'Tide Tables for Beginners', 'Flow']);

    // Into a post and on to another, in the app.
    await titles.nth(1).locator('a').click();
    await expect(page).toHaveURL(`${site}/posts/tide-tables`);
    await expect(page.locator('article.post h1')).toHaveText('Tide Tables for Beginners');
    await expect(page.locator('.post-body strong')).toHaveText('the datum');
    await expect(page.locator('article.post .author-card .author-name')).toHaveText('Field Notes author');
    await follow(page, '/posts/hello-world');
    await expect(page.locator('article.post h1')).toHaveText('Hello, world');
    await page.goto(`${site}/posts/flow`);
    await expect(page.locator('.post-body pre code')).toContainText('A --> B');

    // Search.
    await page.goto(`${site}/search?q=springs`);
    await expect(page.locator('.search-result-title')).toHaveText(['Tide Tables for Beginners']);

    // The embeddable card and the feeds.
    const authors = await (await request.get(`${site}/embed/authors.json`)).json();
    expect(authors.map((a) => a.id)).toContain('me');
    const feed = await (await request.get(`${site}/feed.xml`)).text();
    expect(feed).toContain('<title>Tide Tables for Beginners</title>');
    expect(feed).toContain('https://notes.example/posts/tide-tables<');
    expect(await (await request.get(`${site}/rss.xml`)).text()).toContain('<rss');
  });
});

test.describe('blogtool serve', () => {
  let dir;
  let serve;
  const origin = `http://127.0.0.1:${servePort}`;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'blogtool-e2e-serve-'));
    run(['init', dir, '--force'], repo);
    writeFileSync(join(dir, 'posts/tide-tables.md'), POST);
    // Comments are shown while writing; visits are not counted.
    const settings = readFileSync(join(dir, 'site.yaml'), 'utf8');
    writeFileSync(join(dir, 'site.yaml'), `${settings}\ncomments:\n  provider: utterances\n  repo: you/blog\nanalytics:\n  provider: plausible\n  domain: example.com\n`);
    serve = await start(blogtool, ['serve', dir, '--port', String(servePort)], repo, `${origin}/`);
  });

  test.afterAll(() => {
    stop(serve);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a preview counts no visits and shows the comments facade', async ({ page }) => {
    const away = [];
    page.on('request', (r) => { if (!r.url().startsWith(origin)) away.push(r.url()); });
    await page.goto(`${origin}/posts/tide-tables/`);
    await expect(page.locator('section.comments .show-comments')).toBeVisible();
    await expect(page.locator('script[src*="plausible"]')).toHaveCount(0);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).not.toContain('plausible');
    // (The live reload's event stream never lets the network go idle.)
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    expect(away).toEqual([]);
  });

  test('a saved post changes the open page by itself; a broken one says where, and the rest keeps working', async ({ page }) => {
    await page.goto(`${origin}/posts/tide-tables/`);
    await expect(page.locator('article.post h1')).toHaveText('Tide Tables for Beginners');
    // Previews register no service worker: nothing is cached while writing.
    expect(await page.locator('meta[name="service-worker"]').count()).toBe(0);

    writeFileSync(join(dir, 'posts/tide-tables.md'), POST.replace('Tide Tables for Beginners', 'Tide Tables, Revised'));
    // No reload by the test: the page reloads itself once the post is built again.
    await expect(page.locator('article.post h1')).toHaveText('Tide Tables, Revised', { timeout: 15_000 });

    // A draft dated in the future is served too, and a new post reaches the open list by
    // itself (written once the list is open: a navigation the test started would race the
    // page's own reload).
    await page.goto(`${origin}/`);
    await expect(page.locator('.post-card h2')).toContainText(['Hello, world', 'Tide Tables, Revised']);
    writeFileSync(join(dir, 'posts/later.md'), '---\ntitle: Not Yet\ndate: 2099-01-01\ndraft: true\n---\nSoon.\n');
    await expect(page.locator('.post-card h2').first()).toHaveText('Not Yet', { timeout: 15_000 });
    // Marked, so the author sees what readers cannot yet.
    await expect(page.locator('.post-card').first().locator('.status-badge')).toHaveText(['Draft', 'Scheduled']);
    await expect(page.locator('.post-card').nth(1).locator('.status-badge')).toHaveCount(0);

    // Broken front matter: the message names the file and line, over the page, and the
    // list keeps the other posts.
    writeFileSync(join(dir, 'posts/tide-tables.md'), '---\ntitle: [unclosed\ndate: 2026-02-03\n---\nText.\n');
    const message = page.locator('#blogtool-problems');
    await expect(message).toContainText('tide-tables.md:2', { timeout: 15_000 });
    await expect(page.locator('.post-card h2')).toContainText(['Not Yet', 'Hello, world']);

    // Fixed again: the message goes.
    writeFileSync(join(dir, 'posts/tide-tables.md'), POST);
    await expect(message).toHaveCount(0, { timeout: 15_000 });
    await expect(page.locator('.post-card h2')).toContainText(['Tide Tables for Beginners']);

    // What `blogtool check` would say comes from the same build, folded away on the page.
    writeFileSync(join(dir, 'posts/later.md'), '---\ntitle: Not Yet\ndate: 2099-01-01\ndraft: true\n---\nSee [the old notes](old-notes.md).\n');
    const warnings = page.locator('#blogtool-warnings');
    await expect(warnings).toContainText('posts/later.md:6: warning: link to "old-notes.md" points to no post', { timeout: 15_000 });
    await expect(page.locator('#blogtool-problems')).toHaveCount(0);
  });

  test('a taken port is said and the next one used', async () => {
    const second = spawn(blogtool, ['serve', dir, '--port', String(servePort)], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    second.stderr.on('data', (d) => (said += d));
    try {
      await expect.poll(() => said, { timeout: 20_000 }).toContain(`port ${servePort} is taken; trying ${servePort + 1}`);
      await expect.poll(() => said, { timeout: 20_000 }).toContain(`http://127.0.0.1:${servePort + 1}/`);
    } finally {
      stop(second);
    }
  });
});

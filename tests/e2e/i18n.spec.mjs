// The interface in the site's language (`language:` in site.yaml), in Chromium: the example
// blog built by blogtool in the pseudo-language (every interface text `⟦key⟧`) and in
// French, Japanese and Persian.
//
// - Pseudo: on every kind of page, prerendered and after client-side navigation, no text,
//   aria-label, alt or title outside the posts' own content (titles, bodies, names, tags,
//   the site's own settings) is anything but a `⟦…⟧` string: nothing is written in a
//   component.
// - Languages: the texts and dates a reader sees are the table's, loaded or reached in the
//   app. Which text is which key is read from the pseudo build's site.json (the same
//   position holds the same key in every language's).
// BLOGTOOL names the binary scripts/install.sh installed (scripts/test.sh sets it).
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { follow, startApp, startServer, stopServer, watchForProblems } from './helpers.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const blogtool = process.env.BLOGTOOL ?? join(repo, 'target/tool/blogtool');
const exampleSettings = readFileSync(join(repo, 'site.yaml'), 'utf8');

/** The example blog built with `language: <language>`, in a new folder. */
function build(language) {
  const dir = mkdtempSync(join(tmpdir(), `blogtool-e2e-i18n-${language}-`));
  for (const folder of ['posts', 'pages', 'public']) cpSync(join(repo, folder), join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), exampleSettings.replace(/^language:.*$/m, `language: ${language}`));
  const built = spawnSync(blogtool, ['build', '--out', 'dist'], { cwd: dir, encoding: 'utf8', env: { ...process.env, BLOG_NOW: '2026-06-01T12:00' } });
  if (built.status !== 0) throw new Error(`blogtool build (${language}): ${built.status}\n${built.stderr}`);
  return dir;
}

/** Serves `dir`'s dist on `port` for the tests of one describe block. */
function serve(language, port) {
  const state = { origin: `http://127.0.0.1:${port}` };
  test.beforeAll(async () => {
    state.dir = build(language);
    state.site = JSON.parse(readFileSync(join(state.dir, 'dist/posts/site.json'), 'utf8'));
    state.server = await startServer('node', [join(repo, 'tests/e2e/server.mjs'), join(state.dir, 'dist'), String(port)], `${state.origin}/`);
  });
  test.afterAll(() => {
    stopServer(state.server);
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}

let problems;
test.beforeEach(({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => {
  expect(problems).toEqual([]);
});

// The posts' own content and the site's own settings: not interface text.
const CONTENT = [
  '.post-body', '.post-header h1', '.post-description', '.post-card h2', '.post-card p.excerpt',
  '.post-title', '.excerpt', '.post-card-description', '.toc ol', '.site-title', '.site-tagline', '.site-menu li', '.footer-note',
  '.social-links li:not(:last-child)', 'a.tag', 'a.byline', '.author-name', '.author-bio',
  '.author-links', '.page-title', '.search-result-title', '.search-result-meta',
  '.search-result p', 'pre', 'code', 'kbd', '.series ol', '.related ul', '.post-nav a',
  '.translations', 'noscript', 'script', 'style', '.visually-hidden[aria-live]', '.initials',
  '.author-initials', '.problems code', '#go',
].join(',');

/** Interface text of the page that is not a pseudo string: text nodes, and the
 * aria-label, alt and title attributes, outside `CONTENT`. */
async function unmarked(page) {
  return page.evaluate((content) => {
    const found = [];
    // A whole text may hold several marked strings and the marks' punctuation.
    // A text wrapped around an element (`⟦byline` … `⟧`) comes in two pieces.
    const bare = (text) => text.replace(/⟦[^⟧]*⟧/g, '').replace(/⟦[a-z_]+/g, '').replace(/⟧/g, '')
      .replace(/[\s·/↓↑◐←→✓:,.()#“”"'-]/g, '');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.parentElement;
      if (!at || at.closest(content) || at.closest('[hidden]')) continue;
      if (bare(node.textContent)) found.push(`text: ${node.textContent.trim()} (in ${at.tagName.toLowerCase()}.${at.className})`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [alt], [title]')) {
      if (el.closest(content)) continue;
      for (const name of ['aria-label', 'alt', 'title']) {
        const value = el.getAttribute(name);
        if (value && bare(value)) found.push(`${name}: ${value} (on ${el.tagName.toLowerCase()}.${el.className})`);
      }
    }
    // The document title: the page's own title (its heading, content) and the site's name.
    const heading = document.querySelector('main h1')?.textContent ?? '';
    if (bare(document.title.replace(heading, '').replace('Rustblog', ''))) found.push(`document title: ${document.title}`);
    return found;
  }, CONTENT);
}

test.describe('in the pseudo-language', () => {
  const site = serve('x-pseudo', 4181);

  test('every interface text comes from the table, prerendered and in the app', async ({ page }) => {
    await page.goto(`${site.origin}/posts/how-this-blog-works/`);
    const tag = await page.locator('a.tag').first().getAttribute('href');
    const author = await page.locator('a.byline').first().getAttribute('href');
    const paths = ['/', '/posts/how-this-blog-works/', '/about/', tag, author, '/search/?q=rust', '/page/2/', '/no/such/page/'];
    for (const path of paths) {
      await page.goto(`${site.origin}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await unmarked(page), `loaded ${path}`).toEqual([]);
    }
    await page.goto(`${site.origin}/`);
    await startApp(page);
    for (const path of [...paths.slice(1), '/']) {
      await follow(page, path);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.loading')).toHaveCount(0);
      expect(await unmarked(page), `in the app: ${path}`).toEqual([]);
    }
    // Dates too: the pseudo-language writes them `⟦date …⟧`.
    await expect(page.locator('time').first()).toHaveText(/^⟦date \d{4}-\d{1,2}-\d{1,2}⟧$/);
  });
});

const MONTHS = /January|February|March|April|May|June|July|August|September|October|November|December/;

for (const [language, port, digits] of [['fr', 4182, /[0-9]/], ['ja', 4183, /[0-9]/], ['fa', 4184, /[۰-۹]/]]) {
  test.describe(`in ${language}`, () => {
    const site = serve(language, port);
    const pseudo = serve('x-pseudo', port + 10);
    /** The text of interface key `key` in this build. */
    const text = (key) => {
      const at = pseudo.site.strings.texts.findIndex((t) => t === `⟦${key}⟧` || t.startsWith(`⟦${key} `));
      expect(at, key).toBeGreaterThanOrEqual(0);
      return site.site.strings.texts[at];
    };

    test('the list, a post, search and "not found" speak it, loaded and in the app', async ({ page }) => {
      const check = async (path) => {
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expect(page.locator('.skip-link')).toHaveText(text('skip_to_content'));
        await expect(page.locator('.site-header .search-link, .site-header a[href$="search"], .site-header a[href$="search/"]').first()).toContainText(text('search'));
        if (path === '/' || path.startsWith('/posts/')) {
          const time = page.locator('main time').first();
          await expect(time).not.toHaveText(MONTHS);
          await expect(time).toHaveText(digits);
          await expect(page.locator('.reading-time').first()).not.toContainText('min read');
        }
        if (path.startsWith('/search')) await expect(page.locator('label[for=search-input]')).toHaveText(text('search_posts'));
        if (path.startsWith('/no/')) await expect(page.locator('.not-found h1')).toHaveText(text('page_not_found'));
      };
      const paths = ['/', '/posts/how-this-blog-works/', '/search/', '/no/such/page/'];
      for (const path of paths) {
        await page.goto(`${site.origin}${path}`);
        await check(path);
      }
      await page.goto(`${site.origin}/`);
      await startApp(page);
      for (const path of [...paths.slice(1), '/']) {
        await follow(page, path);
        await expect(page.locator('.loading')).toHaveCount(0);
        await check(path);
      }
    });
  });
}

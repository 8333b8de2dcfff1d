// Finding and navigating content: tags, author pages, bylines, tables of contents, permalinks.
import { test, expect } from '@playwright/test';
import { open, watchForProblems, withoutEmbeddedData } from './helpers.mjs';

const SEED = 'node-vs-python-backend';

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

test('tags are shown on entries and posts, and lead to the tag page', async ({ page }) => {
  await open(page, '/');
  const card = page.locator('.post-card[data-slug="writing-a-post"]');
  await expect(card.locator('.tags a')).toHaveText(['#guide', '#markdown']);
  await card.getByRole('link', { name: '#guide' }).click();
  await expect(page).toHaveURL('/tags/guide');
  await expect(page.locator('h1')).toHaveText('Posts tagged #guide');
  await expect(page).toHaveTitle('Posts tagged #guide · Rustblog');
  const slugs = await page.locator('.post-card').evaluateAll((els) => els.map((e) => e.dataset.slug));
  expect(slugs).toEqual(['deploying-to-a-static-host', 'writing-a-post']);

  await open(page, '/posts/how-this-blog-works');
  await expect(page.locator('.post-header .tags a')).toHaveText(['#architecture', '#rust', '#webassembly']);
});

test('bylines link to the author page with the full card and their posts', async ({ page }) => {
  await open(page, `/posts/${SEED}`);
  await page.locator('.post-header').getByRole('link', { name: 'Alvison Hunter' }).click();
  await expect(page).toHaveURL('/authors/alvison-hunter');
  await expect(page.locator('h1')).toHaveText('Alvison Hunter');
  await expect(page).toHaveTitle('Alvison Hunter · Rustblog');
  const card = page.locator('.author-card');
  await expect(card.locator('.author-bio')).toContainText('Full-Stack Software Engineer');
  await expect(card.locator('.author-links a')).toHaveCount(7);
  const slugs = await page.locator('.post-card').evaluateAll((els) => els.map((e) => e.dataset.slug));
  expect(slugs).toEqual([SEED]);

  await open(page, '/authors/maintainers');
  await expect(page.locator('.post-card')).toHaveCount(4);
});

test('unknown tags and authors show the not-found view', async ({ page }) => {
  await open(page, '/tags/no-such-tag');
  await expect(page.locator('.not-found')).toContainText('No post is tagged “no-such-tag”.');
  await open(page, '/authors/nobody');
  await expect(page.locator('.not-found')).toContainText('There is no author “nobody”.');
});

test('a post with several authors shows every card', async ({ page }) => {
  await withoutEmbeddedData(page);
  await page.route('**/posts/how-this-blog-works.md', async (route) => {
    const text = await (await route.fetch()).text();
    await route.fulfill({ body: text.replace('author: ["maintainers"]', 'author: ["maintainers", "Alvison Hunter"]') });
  });
  await open(page, '/posts/how-this-blog-works');
  await expect(page.locator('.author-card .author-name')).toHaveText(['Rustblog Maintainers', 'Alvison Hunter']);
  await expect(page.locator('.post-header .authors')).toHaveText('by Rustblog Maintainers and Alvison Hunter');
});

test('long posts get a table of contents; headings and footnotes link within the page', async ({ page }) => {
  await open(page, '/posts/writing-a-post');
  const toc = page.getByRole('navigation', { name: 'Contents' });
  await expect(toc.locator('a')).toHaveText([
    'The front matter',
    'Markdown that works',
    'Authors',
    'When something is wrong',
  ]);
  await toc.getByRole('link', { name: 'When something is wrong' }).click();
  await expect(page).toHaveURL('/posts/writing-a-post#when-something-is-wrong');
  await expect(page.locator('#when-something-is-wrong')).toBeInViewport();
  await expect(page.locator('article.post h1')).toBeVisible();

  const anchor = page.locator('#authors .heading-anchor');
  await expect(anchor).toHaveAttribute('href', '/posts/writing-a-post#authors');
  await expect(anchor).toHaveAttribute('aria-label', 'Link to the section Authors');

  await page.locator('.footnote-reference a').click();
  await expect(page).toHaveURL('/posts/writing-a-post#fn-asides');
  await expect(page.locator('#fn-asides')).toBeInViewport();

});

test('short posts do without a table of contents', async ({ page }) => {
  await withoutEmbeddedData(page);
  await page.route('**/posts/deploying-to-a-static-host.md', (route) =>
    route.fulfill({ body: '---\ntitle: Short\ndate: 2025-05-10\n---\n## One\n\nText.\n\n## Two\n\nMore.\n' }),
  );
  await open(page, '/posts/deploying-to-a-static-host');
  await expect(page.locator('article.post h1')).toHaveText('Short');
  await expect(page.locator('#two')).toBeVisible();
  await expect(page.locator('nav.toc')).toHaveCount(0);
});

test('a deep link to a section scrolls to it once the post has loaded', async ({ page }) => {
  await open(page, '/posts/writing-a-post#authors');
  await expect(page.locator('#authors')).toBeInViewport();
});

test('external links in posts open safely', async ({ page }) => {
  await open(page, '/posts/how-this-blog-works');
  await expect(page.locator('.post-body a[href="https://leptos.dev/"]')).toHaveAttribute('rel', 'noopener noreferrer');
});

test('each post links to the previous and next post and to related ones', async ({ page }) => {
  await open(page, '/posts/writing-a-post');
  const nav = page.getByRole('navigation', { name: 'More posts' });
  await expect(nav.locator('a[rel=prev]')).toContainText('Node.js vs. Python—Choosing');
  await expect(nav.locator('a[rel=next]')).toContainText('Deploying the Blog to Any Static Host');
  const related = page.locator('.related a');
  await expect(related.first()).toHaveText('Deploying the Blog to Any Static Host');
  await nav.locator('a[rel=next]').click();
  await expect(page).toHaveURL('/posts/deploying-to-a-static-host');
  await expect(page.locator('article.post h1')).toHaveText('Deploying the Blog to Any Static Host');
  // The newest post has no next one.
  await expect(page.getByRole('navigation', { name: 'More posts' }).locator('a[rel=next]')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'More posts' }).locator('a[rel=prev]')).toContainText('Writing a Post');
});

test('code blocks are coloured by language, plain when unknown, and copy with a confirmation', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '/posts/writing-a-post');
  const rust = page.locator('.post-body pre code.language-rust');
  await expect(rust.locator('.hl-k').first()).toHaveText('fn');
  await expect(rust.locator('.hl-n').first()).toHaveText('200');
  const yaml = page.locator('.post-body pre code.language-yaml').first();
  await expect(yaml.locator('.hl-p').first()).toHaveText('title');
  await expect(page.locator('.post-body pre code.language-text span')).toHaveCount(0);
  const keyword = await rust.locator('.hl-k').first().evaluate((e) => getComputedStyle(e).color);
  expect(keyword).not.toBe(await rust.evaluate((e) => getComputedStyle(e).color));

  // Found by class: its accessible name changes while it confirms.
  const button = page.locator('.code-block', { has: page.locator('code.language-rust') }).locator('button.copy-code');
  await expect(button).toHaveAccessibleName('Copy');
  // The button never covers code: no line of any block on the page, at a phone's width
  // or a desktop's, is under it.
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const overlaps = await page.locator('.code-block').evaluateAll((blocks) =>
      blocks.flatMap((block) => {
        const b = block.querySelector('.copy-code').getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(block.querySelector('code'));
        return [...range.getClientRects()]
          .filter((r) => r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top)
          .map((r) => `${block.textContent.slice(0, 30)} at ${r.top}`);
      }));
    expect(overlaps, `width ${width}`).toEqual([]);
  }
  await button.click();
  await expect(button).toHaveText('Copied ✓');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await rust.textContent());
  await expect(button).toHaveText('Copy', { timeout: 5_000 });
});

test('without script, code is still coloured and no dead copy button shows', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/posts/writing-a-post');
  await expect(page.locator('.post-body pre code.language-rust .hl-k').first()).toHaveText('fn');
  await expect(page.locator('.copy-code').first()).toBeHidden();
  // Nor a theme switch or search key that would do nothing.
  await expect(page.locator('.theme-toggle')).toBeHidden();
  await expect(page.locator('.search-key')).toBeHidden();
  await context.close();
});

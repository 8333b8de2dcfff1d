// Posts written for Jekyll, Hugo, Zola, Astro, Next.js and docsify (tests/fixtures/migration)
// and posts that reproduce faults users reported (tests/fixtures/bugs), dropped into posts/
// as they are and built for /blog/ (scripts/test.sh): what a reader sees on each
// prerendered page, and the same page after client-side navigation.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { follow, open, watchForProblems } from './helpers.mjs';
import { migrationPort } from './playwright.config.mjs';

const site = `http://127.0.0.1:${migrationPort}`;
const blog = `${site}/blog/`;
const dist = fileURLToPath(new URL('../../target/dist-migration/', import.meta.url));
const index = JSON.parse(readFileSync(`${dist}posts/index.json`, 'utf8'));

/**
 * What a reader must see on each post's page (the fixtures' README): title, the date in
 * `<time datetime>`, text that must show, text that must not show anywhere in the article,
 * and a check of its own where a fixture needs one.
 */
const POSTS = [
  { slug: '01-markdown-extension', title: 'Notes on sourdough', date: '2018-04-02' },
  {
    slug: '02-mdx-component',
    title: 'A chart of oven temperatures',
    text: ['The oven loses heat fast when the door opens.', 'After three minutes it is back to 228 °C.'],
    absent: ['import', 'OvenChart', 'temps='],
  },
  {
    slug: '03-bundle-post',
    title: 'Notes on a new bread tin',
    image: { alt: 'The tin from above', src: '/blog/posts/03-bundle-post/photo.png' },
  },
  { slug: '04-nested-notes', title: 'Notes from March', date: '2023-03-30' },
  { slug: 'my-title', title: 'First notes on bread', date: '2021-05-04' },
  {
    slug: '06-docsify-heading-title',
    title: 'Keeping a starter alive',
    text: ['Feeding'],
    check: async (article) => {
      await expect(article.getByText('Keeping a starter alive', { exact: true })).toHaveCount(1);
      await expect(article.locator('.byline')).toHaveText(['Rustblog Maintainers']); // site.yaml's default_author
    },
  },
  { slug: '07-release-notes-v2', title: 'Release notes for a small tool, version 2' },
  {
    slug: '08-windows-1252',
    title: 'Café notes — a baker’s week',
    text: ['Monday: the café opened late — the baker’s oven was still cold.', 'Tuesday: crème brûlée for the first time.'],
    absent: ['�', 'Ã'],
  },
  {
    slug: '09-toml-hugo',
    title: 'Release notes for a small tool, version 1.4',
    date: '2023-03-14',
    updated: '2023-03-20',
    description: 'What changed in version 1.4 of a small command-line tool.',
    tags: ['#release', '#cli'],
    categories: ['tools'],
    absent: ['+++', 'title ='],
  },
  { slug: '10-toml-zola', title: 'Notes on a rye starter', date: '2022-11-05', updated: '2022-11-12', tags: ['#baking', '#rye'] },
  {
    slug: '11-json-front-matter',
    title: 'Tuning a bicycle chain',
    date: '2021-08-09',
    description: 'Checking chain wear with a ruler, and when to replace the chain.',
    tags: ['#bikes', '#repair'],
    absent: ['"title"', '{'],
  },
  {
    slug: '12-astro-pubdate',
    title: 'Notes on window boxes',
    date: '2022-07-01',
    updated: '2022-07-15',
    leadImage: { src: '/blog/images/hero.png' },
  },
  { slug: '14-astropaper', title: 'Release notes for a small tool, version 3', date: '2022-09-23', updated: '2023-12-21' },
  {
    slug: '13-astro-publishdate-img',
    title: 'A tidy workbench',
    date: '2019-12-01',
    leadImage: { src: '/blog/images/workbench.png', alt: 'Hand tools hung on a pegboard above a bench' },
    tags: ['#Workshop', '#Tools'],
  },
  {
    slug: '15-nextjs-author-object',
    title: 'Learning to sharpen a chisel',
    date: '2020-03-16',
    description: 'A week of practice on a cheap stone, and what finally worked.',
    leadImage: { src: '/blog/images/cover.png' },
    absent: ['[object'],
    check: async (article) => {
      await expect(article.locator('.byline')).toHaveText(['Juno Fairbairn']);
      await expect(article.locator('.author-card img')).toHaveAttribute('src', '/blog/images/avatar.png');
    },
  },
  {
    slug: '16-astro-image-object',
    title: 'Baking a rye loaf',
    leadImage: { src: '/blog/images/loaf.png', alt: 'A dark rye loaf cooling on a wire rack' },
  },
  {
    slug: '17-papermod-cover',
    title: 'Notes on a balcony herb garden',
    description: 'Which herbs survived a windy balcony, and which did not.',
    leadImage: { src: '/blog/images/papermod-cover.png', alt: 'Pots of basil and thyme on a railing' },
    check: async (article) => {
      await expect(article.locator('.post-figure figcaption')).toHaveText('The railing in late August');
      await expect(article.locator('.toc a')).toHaveText(['Thyme', 'Basil']);
    },
  },
  {
    slug: '18-jekyll-categories-permalink',
    title: 'Feeding a starter on a schedule',
    tags: ['#bread', '#starter'],
    categories: ['notes', 'baking'],
  },
  {
    slug: '19-hugo-aliases-series',
    title: 'Building a shelf, part 2: the brackets',
    date: '2019-10-03',
    updated: '2020-02-01',
    categories: ['Woodwork'],
    check: async (article) => {
      const series = article.locator('.series');
      await expect(series.locator('h2')).toHaveText('Part 1 of 1 in the series “Building a shelf”');
      await expect(series.locator('h2 a')).toHaveAttribute('href', '/blog/series/building-a-shelf');
    },
  },
  { slug: '21-date-unpadded', title: 'New year, new notebook', date: '2020-01-01' },
  { slug: '22-date-offset', title: 'Late-night proofing', date: '2024-11-30' },
  { slug: '23-tags-comma-string', tags: ['#static sites', '#rust'] },
  {
    slug: '24-author-unregistered',
    title: 'A guest post on baking stones',
    check: async (article) => {
      await expect(article.locator('.byline')).toHaveText(['Orla Fennimore']);
      await expect(article.locator('.author-card .author-initials')).toHaveText('OF');
    },
  },
  {
    slug: '25-more-separator',
    text: ['Discard crackers use', 'They keep for a week in a tin.', 'Method'],
    absent: ['<!--more-->', 'more--'],
  },
  {
    slug: '26-hugo-youtube',
    link: { name: /YouTube/, href: 'https://www.youtube.com/watch?v=a1B2c3D4e5F' },
    absent: ['{{<', 'youtube a1B2'],
  },
  { slug: '27-hugo-vimeo', link: { name: /Vimeo/, href: 'https://vimeo.com/987654321' }, absent: ['{{<'] },
  {
    slug: '28-hugo-figure',
    image: { alt: 'A proofing basket dusted with flour', src: '/blog/images/x.png' },
    text: ['Rice flour stops the dough from sticking.'],
    absent: ['{{<', 'caption='],
  },
  {
    slug: '29-hugo-highlight',
    check: async (article) => {
      const code = article.locator('pre code');
      await expect(code).toHaveCount(1);
      expect(await code.textContent()).toBe('func proofSeconds(hours int) int {\n\ttotal := hours * 60 * 60\n\treturn total\n}\n');
    },
    absent: ['highlight'],
  },
  { slug: '30-hugo-ref', link: { name: 'the first one', href: '/blog/posts/21-date-unpadded' }, absent: ['ref '] },
  {
    slug: '31-hugo-x-post',
    link: { name: /examplebakery/, href: 'https://x.com/examplebakery/status/1234567890123456789' },
    absent: ['{{<'],
  },
  { slug: '32-hugo-notice', text: ['Measuring cups vary by'], absent: ['{{%', 'notice'] },
  {
    slug: '33-liquid-highlight',
    check: async (article) => await expect(article.locator('pre code')).toHaveCount(1),
    absent: ['{%', 'endhighlight'],
  },
  {
    slug: '34-liquid-raw',
    check: async (article) => {
      await expect(article.locator('p code')).toHaveText('{{ page.title }}');
      await expect(article.locator('pre code')).toHaveText('{% for post in site.posts %}{{ post.title }}{% endfor %}');
    },
    absent: ['{% raw %}', 'endraw'],
  },
  { slug: '35-liquid-post-url', link: { name: 'the first ones', href: '/blog/posts/my-title' }, absent: ['post_url'] },
  {
    slug: '36-liquid-baseurl',
    image: { alt: 'A kitchen scale', src: '/blog/images/x.png' },
    absent: ['site.baseurl'],
  },
  { slug: '37-liquid-include', text: ['Mix the flour', 'Leave it covered overnight'], absent: ['include', '{%'] },
  {
    slug: '45-http-image',
    image: { alt: 'A dented bread tin', src: 'https://images.example.org/old-tin.png' },
  },
  {
    slug: '46-missing-image',
    // The site has no /images/not-here.png: the build leaves the image out (and says so),
    // so no page shows a broken picture or its alt text, with or without JavaScript.
    check: async (article) => {
      await expect(article.locator('.post-body')).toContainText('The crumb was open and glossy.');
      await expect(article.locator('.post-body')).toContainText('Next time: a longer cold proof.');
      await expect(article.locator('.post-body img')).toHaveCount(0);
      await expect(article.locator('.post-body .image-missing')).toHaveCount(0);
      await expect(article.locator('.post-body')).not.toContainText('Crumb of the second loaf');
    },
  },
  {
    slug: '47-first-paragraph-once',
    check: async (article) => {
      await expect(article.getByText(/^A cup of flour can weigh/)).toHaveCount(1);
    },
  },
  {
    slug: '38-math',
    check: async (article) => {
      await expect(article.locator('.post-body math')).toHaveCount(3);
      await expect(article.locator('.post-body math[display="block"]')).toHaveCount(1);
      await expect(article.locator('.post-body msup').first()).toHaveText('x2');
      // Typeset, not printed: a formula has a real size on the page.
      const box = await article.locator('.post-body math[display="block"]').boundingBox();
      expect(box.height).toBeGreaterThan(20);
    },
    text: ['costs $4 and a large one costs $7.'],
    absent: ['$x^2$', '\\(a+b\\)', '\\begin{aligned}'],
  },
  { slug: '39-emoji-shortcodes', text: ['The first loaf rose 🎉 and the second was fine too 👍'], check: async (a) => await expect(a.locator('.post-body code')).toHaveText(':tada:') },
  {
    slug: '40-github-alerts',
    check: async (article) => {
      await expect(article.locator('.callout .callout-title')).toHaveText(['Note', 'Warning']);
      await expect(article.locator('.callout-note')).toContainText('Feed the starter before you leave for the weekend.');
    },
    absent: ['[!NOTE]', '[!WARNING]'],
  },
  {
    slug: '41-docsify-callouts',
    check: async (article) => {
      await expect(article.locator('.callout-warning')).toContainText('Do not open the oven door');
      await expect(article.locator('.callout-tip')).toContainText('A damp finger');
    },
    absent: ['!>', '?>'],
  },
  {
    slug: '42-html-figure-multiline',
    image: { alt: 'Two jars of starter side by side', src: '/blog/images/y.png' },
    text: ['Day three: both jars have doubled.'],
    absent: ['src=', '/>', 'loading='],
  },
  {
    slug: '43-iframe-youtube-nocookie',
    link: { name: /YouTube/, href: 'https://www.youtube.com/watch?v=a1B2c3D4e5F' },
    absent: ['width=', 'allowfullscreen', 'iframe'],
  },
  {
    slug: '44-video-audio',
    check: async (article) => {
      await expect(article.locator('video[controls]')).toHaveAttribute('src', 'https://media.example.com/clips/cooling-loaf.mp4');
      await expect(article.locator('audio[controls]')).toHaveAttribute('src', 'https://media.example.com/clips/crackling.mp3');
    },
  },
  {
    slug: '48-toc-numbering',
    check: async (article) => {
      const toc = article.locator('.toc');
      await expect(toc.locator(':scope > ol > li > a')).toHaveText(['Flour', 'Water', 'Salt']);
      await expect(toc.locator(':scope > ol > li').first().locator('ol > li > a')).toHaveText(['Rye']);
      await expect(toc.locator('.toc-number')).toHaveText(['1', '1.1', '2', '3']);
    },
  },
  {
    slug: '49-footnote-mid-article',
    check: async (article) => {
      const text = await article.locator('.post-body').innerText();
      expect(text.indexOf('So a rye dough needs a shorter proof')).toBeLessThan(text.indexOf('Its enzymes break starch'));
      await expect(article.locator('.footnotes .footnote-back')).toHaveCount(1);
    },
  },
  {
    slug: '50-task-list-mixed',
    check: async (article) => {
      const items = article.locator('.post-body li');
      await expect(items).toHaveText(['Buy rye flour', 'Clean the jar', 'Label the lid']);
      const markers = await items.evaluateAll((lis) => lis.map((li) => getComputedStyle(li).listStyleType));
      expect(markers[1]).not.toBe('none');
      expect(markers[0]).toBe('none');
      await expect(items.nth(0).locator('input[type=checkbox]')).not.toBeChecked();
      await expect(items.nth(1).locator('input')).toHaveCount(0);
      await expect(items.nth(2).locator('input[type=checkbox]')).toBeChecked();
    },
    absent: ['[ ]', '[x]'],
  },
  {
    slug: '51-mermaid',
    check: async (article, scripted) => {
      const light = article.locator('.diagram img.diagram-light');
      await expect(light).toBeVisible();
      await expect.poll(() => light.evaluate((i) => i.complete && i.naturalWidth > 100)).toBe(true);
      await expect(article.locator('.diagram img.diagram-dark')).toBeHidden();
      // The source stays readable, folded under the picture.
      await expect(article.locator('details.diagram-source code')).toContainText('Mix --> Rest');
      if (scripted) {
        // The theme switch shows the dark picture.
        await article.page().evaluate(() => (document.documentElement.dataset.theme = 'dark'));
        await expect(article.locator('.diagram img.diagram-dark')).toBeVisible();
        await expect(light).toBeHidden();
        await article.page().evaluate(() => delete document.documentElement.dataset.theme);
      }
    },
  },
  {
    slug: '52-cjk-bold',
    check: async (article) => await expect(article.locator('.post-body strong')).toHaveText(['温度很重要……', '「ゆっくり」']),
    absent: ['**'],
  },
  { slug: '53-html-entities', text: ['Café hours — weekdays only.', '© 2023 The Corner Bakery'], absent: ['&eacute;', '&mdash;', '&copy;', '&amp;'] },
  {
    slug: '54-custom-heading-ids',
    check: async (article) => {
      await expect(article.locator('h2#Feeding_Schedule')).toHaveCount(1);
      await expect(article.locator('h2#Storage-Notes')).toHaveCount(1);
      await expect(article.locator('.post-body p a[href$="#Feeding_Schedule"]')).toHaveCount(1);
    },
    absent: ['{#'],
  },
  {
    slug: '55-raw-html-site-paths',
    check: async (article) => {
      await expect(article.locator('.post-body a', { hasText: 'basics' })).toHaveAttribute('href', '/blog/posts/sourdough-basics');
      await expect(article.locator('.post-body a', { hasText: 'basics' })).not.toHaveAttribute('rel', /noopener/);
    },
    image: { alt: 'A jar of starter on a windowsill', src: '/blog/images/y.png' },
  },
  { slug: '56-inline-script-excerpt', text: ['Preheat the oven to 230 °C. Then let the dough rest.'], absent: ['console.log'] },
  { slug: 'sourdough-basics', title: 'Sourdough basics', check: async (a) => await expect(a.locator('h2#salt')).toHaveCount(1) },
  {
    slug: '58-link-md-to-slug',
    link: { name: 'the part about salt', href: '/blog/posts/sourdough-basics#salt' },
  },
  { slug: '59-link-trailing-slash', link: { name: 'the basics', href: '/blog/posts/sourdough-basics/' } },
];

/** The reported faults of tests/fixtures/bugs (LOG.md there), built beside the shipped posts. */
const BUGS = [
  { slug: '01-bom-before-front-matter', title: 'Saved by Notepad with a byte-order mark' },
  { slug: '02-crlf-line-endings', title: 'Written on Windows: CRLF everywhere' },
  { slug: '03-unquoted-colon-in-title', title: 'Rust lifetimes: a gentle first look' },
  { slug: '05-tags-as-comma-string', tags: ['#static sites', '#rust', '#web performance'] },
  { slug: '06-date-with-negative-offset', date: '2024-11-30' },
  {
    slug: '07-cjk-and-duplicate-headings',
    check: async (article) => {
      const ids = await article.locator('.post-body h2').evaluateAll((hs) => hs.map((h) => h.id));
      expect(ids.every((id) => id.length > 0)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    },
  },
  {
    slug: '08-explicit-heading-id-case',
    check: async (article) => {
      await expect(article.locator('h2#Setup_Guide')).toHaveCount(1);
      await expect(article.locator('h2#FAQ')).toHaveCount(1);
      await expect(article.locator('.post-body p a[href$="#Setup_Guide"]')).toHaveCount(1);
    },
  },
  {
    slug: '09-footnote-after-tight-list',
    check: async (article) => {
      await expect(article.locator('.post-body li p')).toHaveCount(0);
      await expect(article.locator('.post-body > :last-child')).toHaveClass('footnotes');
    },
  },
  {
    slug: '10-relative-urls-in-feed',
    // Its chart is tests/fixtures/migration/images/chart.png, in the site's images.
    check: async (article) => {
      await expect(article.locator('.post-body img[alt="Chart again"]')).toHaveAttribute('src', '/blog/images/chart.png');
      await expect(article.locator('.post-body img[alt="Chart"]')).toHaveAttribute('src', '/blog/images/chart.png');
      await expect(article.locator('.post-body .image-missing')).toHaveCount(0);
      const guide = article.locator('.post-body a', { hasText: 'the writing guide' });
      await expect(guide).toHaveAttribute('href', '/blog/posts/writing-a-post');
      await expect(guide).not.toHaveAttribute('rel', /noopener/);
    },
  },
  {
    slug: '11-windows-1252-file',
    title: 'Café notes — déjà vu',
    text: ['It’s a file in the Windows code page, not UTF-8: naïve, crème brûlée.'],
    absent: ['�'],
  },
  { slug: '14-ni-hao-shi-jie', text: ['A post whose file name is Chinese'] },
  {
    slug: '15-links-with-trailing-slash',
    check: async (article) => {
      const links = article.locator('.post-body a');
      await expect(links).toHaveCount(3);
      for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        expect(href).toMatch(/^\/blog\/posts\/writing-a-post\/?(#front-matter)?$/);
      }
    },
  },
  { slug: '17-excerpt-with-inline-script', absent: ['startCounter'] },
  { slug: '18-folded-multiline-description', description: 'The first line of a long summary carries on here, and this is a second paragraph of it.' },
  { slug: '19-fence-with-trailing-space', title: 'Fences with a trailing space' },
  {
    slug: '20-code-fence-attributes',
    check: async (article) => {
      for (const lang of ['python', 'rust', 'js']) {
        await expect(article.locator(`pre code.language-${lang} span`).first()).toBeVisible();
      }
    },
  },
  { slug: '21-emoji-shortcodes', text: ['Release day 🎉 and everyone is happy 😄.'] },
  { slug: '22-consecutive-reference-links', check: async (a) => await expect(a.locator('.post-body a')).toHaveCount(4) },
  { slug: '23-empty-front-matter-values', title: 'Every optional field left empty' },
  { slug: '26-correct-text-taken-for-mojibake', title: 'Spaß—ohne Ende', text: ['see you at the CAFÉ…'] },
];

/**
 * The folder per engine people come from (tests/fixtures/engines/<engine>/posts, built as
 * posts/<engine>/): each post as its old engine showed it, and nothing of that engine's
 * syntax.
 */
const ENGINE_SYNTAX = ['{:', ':::', '!!!', '[[', ']]', '{{', '{%', '%%', '$$', '\\(', '\\eqref', '[!NOTE]', '[!warning]', 'highlight-next-line', '[!code', '===', '++', '^^', '*[', '<Tabs', 'TabItem', 'import ', '<!--', ':material', ':tada:', '[TOC]', '{filename}', '{static}', '<Badge', '<YouTube'];
const ENGINES = [
  {
    slug: 'kiln-firing-log',
    title: 'Kiln Firing Log',
    date: '2021-03-09',
    text: ['Leave the lid cracked', 'Shelves stacked for the bisque.'],
    check: async (article) => {
      await expect(article.locator('.callout-tip, .markdown-alert-tip')).toHaveCount(1);
      await expect(article.locator('.post-body table td', { hasText: 'Bisque' })).toHaveCount(1);
      await expect(article.locator('nav.toc, .toc')).not.toHaveCount(0);
    },
  },
  {
    slug: 'glaze-recipes',
    title: 'Three glaze recipes worth keeping',
    text: ['Wear a mask while weighing dry copper carbonate.', 'Add 10 parts red iron oxide to the base.'],
    check: async (article) => {
      await expect(article.locator('.post-body strong', { hasText: 'Tenmoku' })).toHaveCount(1);
      const numbers = article.locator('.math-display mtd.eqno');
      await expect(numbers).toHaveText(['(1)', '(2)']);
      const reference = article.locator('.post-body p a', { hasText: '(2)' });
      await expect(reference).toHaveAttribute('href', /#eq:eq:colour$/);
      await expect(article.locator('details summary')).toContainText(['Why the order of weighing matters']);
      await expect(article.locator('.diagram img, pre code.language-mermaid').first()).toBeAttached();
      await expect(article.locator('.post-body a', { hasText: 'Open the calculator' })).toHaveAttribute('href', 'https://example.org/glaze-calculator');
    },
  },
  {
    slug: 'shelf-notes',
    title: 'Notes on a drying shelf',
    image: { alt: 'The slatted drying shelf', src: '/blog/images/workbench.png' },
    link: { name: 'full-size photo', href: '/blog/images/workbench.png' },
  },
  {
    slug: 'first-pots',
    title: 'The first pots off the wheel',
    leadImage: { src: '/blog/posts/first-pots/cover.png' },
    text: ['Centre the clay before opening it, every time.', 'const kept = 2;'],
    check: async (article) => {
      await expect(article.locator('.code-title')).toHaveText('throw-log.js');
      await expect(article.locator('.post-body a[href="https://www.youtube.com/watch?v=a1B2c3D4e5F"]')).toHaveCount(1);
      await expect(article.locator('.post-body math')).toHaveCount(1);
    },
  },
  {
    slug: 'glaze-chemistry',
    title: 'Glaze chemistry without the fear',
    date: '2023-05-14',
    text: ['Test every new recipe on a tile', 'Melts at about 1220 °C.', 'Melts at about 1300 °C.'],
    absent: ['unity formula section'],
    check: async (article) => {
      await expect(article.locator('.callout-title')).toHaveText(['Start small']);
      await expect(article.locator('.post-body strong')).toContainText(['Cone 6', 'Cone 10']);
      await expect(article.locator('.post-body pre')).toHaveCount(1);
      await expect(article.locator('.byline')).toContainText('Mira Tanaka');
    },
  },
  {
    slug: 'clay-types',
    title: 'Stoneware, porcelain and earthenware',
    text: ['Buy the clay you can reclaim.', 'const shrinkage'],
    image: { alt: 'The wheel, ready for stoneware', src: '/blog/posts/clay-types/wheel.png' },
    link: { name: 'the kiln notes', href: '/blog/posts/kiln-firing-log' },
  },
  {
    slug: 'trimming-a-foot-ring',
    title: 'Trimming a foot ring',
    date: '2018-11-20',
    updated: '2018-12-01',
    link: { name: 'glaze notes', href: '/blog/posts/glaze-recipes' },
    image: { alt: 'Trimming tools', src: '/blog/images/x.png' },
    absent: [':::python'],
    check: async (article) => await expect(article.locator('pre code.language-python')).toContainText('from math import'),
  },
  {
    slug: 'kiln-upgrade',
    title: 'A new controller for the community kiln',
    date: '2024-02-10',
    updated: '2024-03-01',
    text: ['The new one keeps the program through an outage', 'Four segments, slow to 600 °C.'],
    check: async (article) => {
      await expect(article.locator('details.callout summary')).toHaveText(['Reset it']);
      await expect(article.locator('kbd')).toHaveText(['Ctrl', 'R']);
      await expect(article.locator('abbr[title="Proportional-integral-derivative"]')).toHaveText('PID');
      await expect(article.locator('ins')).toHaveText('two degrees');
      await expect(article.locator('.byline')).toContainText('Jonas Berg');
    },
  },
  {
    slug: 'glaze-tests',
    title: 'Glaze tests',
    absent: ['Photos still to add'],
    link: { name: 'cooling notes', href: '/blog/posts/firing-schedule#cooling' },
    check: async (article) => {
      await expect(article.locator('mark')).toHaveText('runny ones');
      await expect(article.locator('details.callout summary')).toHaveText(['Lead-free only']);
      await expect(article.locator('.post-body a', { hasText: 'Firing schedule' })).toHaveAttribute('href', '/blog/posts/firing-schedule');
    },
  },
  {
    slug: 'pottery-tools',
    title: 'Tools for a home pottery',
    text: ['A banding wheel is the cheapest tool', 'It needs a permanent spot'],
    check: async (article) => {
      await expect(article.locator('.code-title')).toHaveText(['order.sh', 'cancel.sh']);
      await expect(article.locator('pre code.language-diff')).toHaveCount(1);
      await expect(article.locator('.post-body mark')).toHaveText('new');
      await expect(article.locator('nav.toc, .toc')).not.toHaveCount(0);
    },
  },
].map((post) => {
  const own = post.check;
  return {
    ...post,
    check: async (article, scripted) => {
      const html = await article.locator('.post-body').innerHTML();
      // What readers read as prose: code blocks show code as written.
      const visible = await article.evaluate((a) => {
        const copy = a.cloneNode(true);
        copy.querySelectorAll('pre').forEach((pre) => pre.remove());
        document.body.append(copy);
        const text = copy.innerText;
        copy.remove();
        return text;
      });
      for (const syntax of ENGINE_SYNTAX) {
        expect(visible, `${post.slug} shows ${syntax}`).not.toContain(syntax);
      }
      expect(html).not.toMatch(/\{:|:::|\[\[|\{%|\{\{/);
      if (own) await own(article, scripted);
    },
  };
});

let problems = [];
test.beforeEach(async ({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => expect(problems).toEqual([]));

/** Answers the one external image a fixture uses (45), as its host would. */
async function serveExternalImage(target) {
  const png = readFileSync(`${dist}images/x.png`);
  await target.route('https://images.example.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', body: png }),
  );
}

/** HTML without the markers Leptos leaves for its own bookkeeping, which readers never see. */
const normalise = (html) => html.replaceAll('<!---->', '').trim();

/** Checks one post's article as a reader would; `scripted` when JavaScript runs. */
async function checkPost(article, post, scripted) {
  if (post.title) await expect(article.locator('h1')).toHaveText(post.title);
  if (post.date) await expect(article.locator('.post-facts > time')).toHaveAttribute('datetime', post.date);
  // An update after publication is shown beside the date; none is shown otherwise.
  const updated = article.locator('.post-facts .updated time');
  if (post.updated) await expect(updated).toHaveAttribute('datetime', post.updated);
  else await expect(updated).toHaveCount(0);
  if (post.description) await expect(article.locator('.post-description')).toHaveText(post.description);
  if (post.tags) await expect(article.locator('.post-header .tag:not(.category)')).toHaveText(post.tags);
  if (post.categories) {
    const links = article.locator('.post-header .category');
    await expect(links).toHaveText(post.categories);
    for (const [i, name] of post.categories.entries()) {
      await expect(links.nth(i)).toHaveAttribute('href', `/blog/categories/${name.toLowerCase()}`);
    }
  }
  for (const text of post.text ?? []) await expect(article).toContainText(text);
  const visible = await article.innerText();
  for (const text of post.absent ?? []) expect(visible, `${post.slug} shows ${text}`).not.toContain(text);
  if (post.leadImage) {
    const image = article.locator('.post-header img.post-image');
    await expect(image).toHaveAttribute('src', post.leadImage.src);
    if (post.leadImage.alt) await expect(image).toHaveAttribute('alt', post.leadImage.alt);
  }
  if (post.image) {
    const image = article.locator(`.post-body img[alt="${post.image.alt}"]`);
    await expect(image).toHaveAttribute('src', post.image.src);
    await expect.poll(() => image.evaluate((i) => i.complete && i.naturalWidth > 0)).toBe(true);
  }
  if (post.link) {
    await expect(article.locator('.post-body').getByRole('link', { name: post.link.name })).toHaveAttribute('href', post.link.href);
  }
  if (post.check) await post.check(article, scripted);
}

test('every fixture post is published at its address and listed', async ({ request }) => {
  const slugs = index.posts.map((p) => p.slug);
  for (const post of [...POSTS, ...BUGS, ...ENGINES]) expect(slugs, post.slug).toContain(post.slug);
  expect(index.problems).toEqual([]);
  // Hugo's expiryDate: gone from the list, the feeds and the post files.
  expect(slugs).not.toContain('20-hugo-expired');
  expect((await request.get(`${blog}posts/20-hugo-expired.md`)).status()).toBe(404);
  expect(await (await request.get(`${blog}feed.xml`)).text()).not.toContain('Spring workshop');
});

// The two walks below visit every fixture (about ninety pages each): more than one page's
// time, and slower still on a busy two-core machine.
test('each post reads as its author meant on the prerendered page', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await serveExternalImage(context);
  const page = await context.newPage();
  for (const post of [...POSTS, ...BUGS, ...ENGINES]) {
    await page.goto(`${blog}posts/${post.slug}/`);
    await test.step(post.slug, () => checkPost(page.locator('article.post'), post, false));
  }
  await context.close();
});

test('each post reads the same after client-side navigation as prerendered', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const plain = await browser.newContext({ javaScriptEnabled: false });
  await serveExternalImage(plain);
  await serveExternalImage(page);
  const prerendered = await plain.newPage();
  await open(page, blog);
  for (const post of [...POSTS, ...BUGS, ...ENGINES]) {
    await prerendered.goto(`${blog}posts/${post.slug}/`);
    const expected = normalise(await prerendered.locator('article.post .post-body').innerHTML());
    await follow(page, `/blog/posts/${post.slug}`);
    await expect(page).toHaveURL(`${blog}posts/${post.slug}`);
    await test.step(post.slug, async () => {
      const article = page.locator('article.post');
      await expect(article).toBeVisible();
      await checkPost(article, post, true);
      if (!post.differs) expect(normalise(await article.locator('.post-body').innerHTML())).toBe(expected);
    });
  }
  await plain.close();
});

test('old addresses followed inside the app reach the post a page load would', async ({ page, browser }) => {
  const lookups = [];
  page.on('request', (r) => r.url().endsWith('/posts/redirects.json') && lookups.push(r.url()));
  await open(page, blog);
  for (const [old, slug] of [
    ['/blog/notes/starter/', '18-jekyll-categories-permalink'],
    ['/blog/2019/10/shelf-brackets/', '19-hugo-aliases-series'],
    ['/blog/pottery/kiln-log/', 'kiln-firing-log'],
    ['/blog/posts/09-toml-hugo/index.html', '09-toml-hugo'],
  ]) {
    await follow(page, old);
    await expect(page).toHaveURL(`${blog}posts/${slug}`);
    await expect(page.locator('article.post h1')).toBeVisible();
  }
  // The old addresses were fetched once, for the three that needed them.
  expect(lookups).toHaveLength(1);
  await follow(page, '/blog/no/such/page/');
  await expect(page.locator('.not-found h1')).toHaveText('Page not found');
  // Nothing is fetched for an address no post could have had.
  const hostile = await browser.newPage();
  const fetched = [];
  hostile.on('request', (r) => r.url().endsWith('/posts/redirects.json') && fetched.push(r.url()));
  await open(hostile, blog);
  await follow(hostile, '/blog/posts/<img src=x onerror=alert(1)>/x');
  await expect(hostile.locator('.not-found h1')).toHaveText('Page not found');
  expect(fetched).toEqual([]);
  await hostile.close();
});

test('categories and series have pages listing their posts, like tags', async ({ page }) => {
  await page.goto(`${blog}categories/woodwork/`);
  await expect(page.locator('h1')).toHaveText('Posts in Woodwork');
  await expect(page.locator('.post-card')).toHaveCount(1);
  await page.goto(`${blog}series/building-a-shelf/`);
  await expect(page.locator('h1')).toHaveText('The series “Building a shelf”');
  await expect(page.locator('.post-card h2')).toHaveText(['Building a shelf, part 2: the brackets']);
  await page.goto(`${blog}tags/static-sites/`);
  // Newest first: the Ghost export (bugs/05) is from 2024.
  await expect(page.locator('.post-card h2')).toHaveText([
    'Tags written the Ghost way',
    'Moving a blog to a static site generator',
  ]);
});

test('links within and between posts work when clicked, in the app', async ({ page }) => {
  await open(page, `${blog}posts/54-custom-heading-ids`);
  await page.locator('.post-body a', { hasText: 'storage' }).click();
  await expect(page).toHaveURL(`${blog}posts/54-custom-heading-ids#Storage-Notes`);
  await expect(page.locator('#Storage-Notes')).toBeInViewport();
  await open(page, `${blog}posts/59-link-trailing-slash/`);
  await page.locator('.post-body a', { hasText: 'the basics' }).click();
  await expect(page.locator('article.post h1')).toHaveText('Sourdough basics');
});

test('descriptions and feeds carry no template syntax, script or raw entities', async ({ request }) => {
  const feed = await (await request.get(`${blog}feed.xml`)).text();
  const rss = await (await request.get(`${blog}rss.xml`)).text();
  // The fixtures' entries (the shipped guide beside them shows such syntax in code, on purpose).
  const fixture = (entry) =>
    POSTS.some((p) => entry.includes(`/blog/posts/${p.slug}"`) || entry.includes(`/blog/posts/${p.slug}<`));
  for (const text of [feed, rss]) {
    const entries = text.split(/<entry>|<item>/).filter(fixture);
    expect(entries.length).toBeGreaterThan(40);
    for (const entry of entries) {
      for (const raw of ['{{&lt; youtube', 'console.log', '&amp;eacute;', '&amp;mdash;', '[!NOTE]']) {
        expect(entry).not.toContain(raw);
      }
    }
  }
  expect(feed).toContain('https://rustblog.example/blog/posts/sourdough-basics');
  expect(feed).toContain('https://rustblog.example/blog/images/y.png');
  const page56 = await (await request.get(`${blog}posts/56-inline-script-excerpt/`)).text();
  expect(page56).toContain('<meta name="description" content="Preheat the oven to 230 °C. Then let the dough rest.">');
});

test('a translation has its own address and language, and the two link to each other', async ({ page }) => {
  await open(page, `${blog}posts/river-walk/`);
  await expect(page.locator('article.post')).not.toHaveAttribute('lang', /./);
  const other = page.locator('nav.translations a');
  await expect(other).toHaveText('中文');
  await expect(other).toHaveAttribute('hreflang', 'zh');
  await other.click();
  await expect(page).toHaveURL(`${blog}posts/river-walk-zh`);
  await expect(page.locator('article.post h1')).toHaveText('沿河散步');
  await expect(page.locator('article.post')).toHaveAttribute('lang', 'zh');
  await expect(page.locator('nav.translations a')).toHaveAttribute('href', '/blog/posts/river-walk');
  // And prerendered, without the app.
  const html = await (await page.request.get(`${blog}posts/river-walk-zh/`)).text();
  expect(html).toMatch(/<article[^>]* lang="zh"/);
});

test('featured posts, link previews, feed dates and old addresses', async ({ page, request }) => {
  // AstroPaper's `featured: true`: the home page shows the post in a Featured section above
  // the list, whatever its date, and its card keeps the badge where its date puts it.
  await page.goto(blog);
  const featured = page.getByRole('region', { name: 'Featured' });
  await expect(featured.locator('.post-card h2')).toHaveText(['Release notes for a small tool, version 3']);
  await expect(featured.locator('.featured-badge')).toHaveText('★ Featured');
  const index1 = JSON.parse(readFileSync(`${dist}posts/pages/1.json`, 'utf8'));
  const page14 = index.posts.findIndex((p) => p.slug === '14-astropaper');
  const listPage = Math.floor(page14 / index1.index.posts.length) + 1;
  await page.goto(listPage === 1 ? blog : `${blog}page/${listPage}/`);
  await expect(page.locator('main > .post-list .post-card[data-slug="14-astropaper"] .featured-badge')).toHaveText('★ Featured');
  // A post updated after it was published says so, on its page and in the list.
  await page.goto(`${blog}posts/09-toml-hugo/`);
  await expect(page.locator('article.post .post-facts .updated')).toHaveText('Updated March 20, 2023');
  await expect(page.locator('article.post .post-facts .updated time')).toHaveAttribute('datetime', '2023-03-20');
  // Link previews use ogImage, absolute.
  const html = await (await request.get(`${blog}posts/14-astropaper/`)).text();
  expect(html).toContain('<meta property="og:image" content="https://rustblog.example/blog/images/og-card.png">');
  expect(html).toContain('<meta name="twitter:image" content="https://rustblog.example/blog/images/og-card.png">');
  const og = await (await request.get(`${blog}posts/15-nextjs-author-object/`)).text();
  expect(og).toContain('<meta property="og:image" content="https://rustblog.example/blog/images/cover-og.png">');
  // The offset is kept: the feed gives the author's own time and offset.
  const feed = await (await request.get(`${blog}feed.xml`)).text();
  expect(feed).toContain('<published>2024-11-30T23:30:00-05:00</published>');
  // Old addresses lead to the post.
  for (const [old, slug] of [
    ['baking/starter-schedule/', '18-jekyll-categories-permalink'],
    ['notes/starter/', '18-jekyll-categories-permalink'],
    ['2019/10/shelf-brackets/', '19-hugo-aliases-series'],
  ]) {
    await page.goto(`${blog}${old}`);
    await expect(page).toHaveURL(`${blog}posts/${slug}/`);
    await expect(page.locator('article.post h1')).toBeVisible();
  }
});

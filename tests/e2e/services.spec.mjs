// Comments and analytics (`comments:`, `analytics:` in site.yaml), in Chromium, with every
// provider stood in for by request interception (no network here): the stand-ins behave
// as each provider documents its script (Plausible and Umami count history.pushState
// themselves; GoatCounter counts the load, then `goatcounter.count()` calls; giscus and
// utterances put a frame from their origin where their script is; Mastodon answers
// `/api/v1/statuses/:id/context`).
//
// - Off (the example blog): no request leaves the origin, on any page, loaded or reached
//   in the app.
// - On: nothing of the comments' provider is requested before "Show comments" is clicked;
//   then exactly its files; one page view per page loaded and per page the app shows;
//   and no page's policy reports a violation.
// BLOGTOOL names the binary scripts/install.sh installed (scripts/test.sh sets it).
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { follow, startApp, startServer, stopServer, watchForProblems } from './helpers.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const blogtool = process.env.BLOGTOOL ?? join(repo, 'target/tool/blogtool');

let problems;
test.beforeEach(({ page }) => {
  problems = watchForProblems(page);
});
test.afterEach(() => {
  expect(problems).toEqual([]);
});

/** Every request of `page` to another origin than `origin`, as URLs, from now on. */
function away(page, origin) {
  const seen = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) seen.push(url);
  });
  return seen;
}

test.describe('with comments and analytics off', () => {
  test('no request leaves the site on any page, loaded or reached in the app', async ({ page, baseURL }) => {
    const left = away(page, baseURL);
    const paths = ['/', '/posts/how-this-blog-works/', '/about/', '/tags/', '/search/?q=rust', '/page/2/', '/no/such/page/'];
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    await page.goto('/');
    await startApp(page);
    for (const path of ['/posts/writing-a-post/', '/about/', '/tags/', '/']) {
      await follow(page, path);
      await page.waitForLoadState('networkidle');
    }
    await expect(page.locator('.comments')).toHaveCount(0);
    expect(left).toEqual([]);
  });
});

/** A blog folder: the example blog's posts, pages and pictures, with `siteYaml`, and
 * `extraPosts` (file name → text). */
function blog(siteYaml, extraPosts = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'blogtool-e2e-services-'));
  for (const folder of ['posts', 'pages', 'public']) cpSync(join(repo, folder), join(dir, folder), { recursive: true });
  writeFileSync(join(dir, 'site.yaml'), siteYaml);
  for (const [name, text] of Object.entries(extraPosts)) writeFileSync(join(dir, 'posts', name), text);
  const built = spawnSync(blogtool, ['build', '--out', 'dist'], { cwd: dir, encoding: 'utf8', env: { ...process.env, BLOG_NOW: '2026-06-01T12:00' } });
  if (built.status !== 0) throw new Error(`blogtool build: ${built.status}\n${built.stderr}`);
  return dir;
}

/** The analytics stand-ins: each counts a page view as its provider's script does. */
const ANALYTICS = {
  plausible: {
    script: 'https://plausible.io/js/script.js',
    endpoint: 'https://plausible.io/api/event',
    // Plausible: a view on load, and on every history.pushState.
    code: `(function(){var last;function send(){if(last===location.pathname)return;last=location.pathname;
      fetch('https://plausible.io/api/event',{method:'POST',body:JSON.stringify({n:'pageview',u:location.href})});}
      var push=history.pushState;history.pushState=function(){push.apply(this,arguments);send();};
      addEventListener('popstate',send);send();})();`,
  },
  goatcounter: {
    script: 'https://gc.zgo.at/count.js',
    endpoint: 'https://ada.goatcounter.com/count',
    // GoatCounter: a view on load; count() for every other.
    code: `(function(){var s=document.querySelector('script[data-goatcounter]');var end=s.dataset.goatcounter;
      function count(v){navigator.sendBeacon(end+'?p='+encodeURIComponent((v&&v.path)||location.pathname)+'&q='+encodeURIComponent(location.search));}
      window.goatcounter=window.goatcounter||{};window.goatcounter.count=count;count();})();`,
  },
  umami: {
    script: 'https://stats.example/script.js',
    endpoint: 'https://stats.example/api/send',
    // Umami: a view on load, and when pushState or replaceState changes the address.
    // data-exclude-search and data-exclude-hash leave the query and fragment out.
    code: `(function(){var s=document.currentScript;var bare=function(){var u=new URL(location.href);
      if(s.getAttribute('data-exclude-search')==='true')u.search='';if(s.getAttribute('data-exclude-hash')==='true')u.hash='';return u.href;};
      var url=bare();function send(){fetch('https://stats.example/api/send',{method:'POST',body:JSON.stringify({type:'event',payload:{url:location.href}})});}
      function hook(name){var f=history[name];history[name]=function(){f.apply(this,arguments);if(bare()!==url){url=bare();setTimeout(send,0);}};}
      hook('pushState');hook('replaceState');send();})();`,
  },
};

/** Routes the analytics provider's files to its stand-in; returns the page views sent. */
async function standInAnalytics(page, which) {
  const { script, endpoint, code } = ANALYTICS[which];
  const views = [];
  await page.route(script, (route) => route.fulfill({ contentType: 'text/javascript', body: code }));
  await page.route(`${endpoint}**`, (route) => {
    views.push(`${route.request().url()} ${route.request().postData() ?? ''}`);
    route.fulfill({ status: 202, body: 'ok', headers: { 'access-control-allow-origin': '*' } });
  });
  return views;
}

/** Routes the comments' widget provider to a stand-in that puts its frame where its
 * script is, as giscus and utterances do. */
async function standInComments(page) {
  // giscus names the thread by data-term with mapping "specific", else by the path;
  // utterances by issue-term, "pathname" meaning the path.
  const frame = (origin) => `(function(){var s=document.currentScript;var f=document.createElement('iframe');
    var term=s.getAttribute('data-mapping')==='specific'?s.getAttribute('data-term'):(s.getAttribute('issue-term')||'pathname');
    if(term==='pathname')term=location.pathname.slice(1);
    f.src='${origin}/widget?repo='+encodeURIComponent(s.getAttribute('data-repo')||s.getAttribute('repo'))+'&term='+encodeURIComponent(term);
    f.title='Comments';f.className='widget-frame';f.style.height='200px';
    if('${origin}'==='https://giscus.app'){var l=document.createElement('link');l.rel='stylesheet';l.href='https://giscus.app/default.css';document.head.prepend(l);}
    s.parentElement.appendChild(f);})();`;
  for (const origin of ['https://giscus.app', 'https://utteranc.es']) {
    await page.route(`${origin}/client.js`, (route) => route.fulfill({ contentType: 'text/javascript', body: frame(origin) }));
    await page.route(`${origin}/widget**`, (route) => route.fulfill({ contentType: 'text/html', body: '<p>the widget</p>' }));
    await page.route(`${origin}/default.css`, (route) => route.fulfill({ contentType: 'text/css', body: '.gsc-x{}' }));
  }
}

const SITES = [
  {
    name: 'giscus and Plausible',
    analytics: 'plausible',
    yaml: 'title: Services\nurl: https://notes.example\ncomments:\n  provider: giscus\n  repo: ada/notes\n  repo-id: R_kgDO1\n  category: Announcements\n  category-id: DIC_kwDO2\nanalytics:\n  provider: plausible\n  domain: notes.example\n',
    widget: 'https://giscus.app',
  },
  {
    name: 'utterances and GoatCounter',
    analytics: 'goatcounter',
    yaml: 'title: Services\nurl: https://notes.example\ncomments:\n  provider: utterances\n  repo: ada/notes\nanalytics:\n  provider: goatcounter\n  code: ada\n',
    widget: 'https://utteranc.es',
  },
  {
    name: 'Mastodon and Umami',
    analytics: 'umami',
    yaml: 'title: Services\nurl: https://notes.example\ncomments:\n  provider: mastodon\nanalytics:\n  provider: umami\n  website-id: 94db1cb1\n  src: https://stats.example/script.js\n',
    mastodon: true,
  },
];

// A post announced on Mastodon, for the Mastodon site (the others show it like any post).
const ANNOUNCED = '---\ntitle: Replies Welcome\ndate: 2026-05-01\nmastodon: https://social.example/@ada/1100\n---\n\nTell me what you think.\n';

// Replies as Mastodon's API answers them, one of them hostile.
const CONTEXT = {
  ancestors: [],
  descendants: [
    {
      id: '1101',
      created_at: '2026-05-02T10:00:00.000Z',
      url: 'https://social.example/@bo/1101',
      content: '<p><span class="h-card"><a href="https://social.example/@ada" class="u-url mention">@<span>ada</span></a></span> Lovely tide tables!</p>',
      account: { acct: 'bo', display_name: 'Bo', url: 'https://social.example/@bo', avatar: 'https://social.example/a/bo.png' },
    },
    {
      id: '1102',
      spoiler_text: 'spoilers: the ending',
      created_at: '2026-05-03T10:00:00.000Z',
      url: 'https://social.example/@eve/1102',
      content: '<p>Hi<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script></p><a href="javascript:window.__pwned=3">x</a>',
      account: { acct: 'eve', display_name: '<b>Eve</b>', url: 'https://social.example/@eve', avatar: 'javascript:1' },
    },
  ],
};

for (const site of SITES) {
  test.describe(`with ${site.name}`, () => {
    let dir;
    let server;
    const port = 8095 + SITES.indexOf(site);
    const origin = `http://127.0.0.1:${port}`;

    test.beforeAll(async () => {
      dir = blog(site.yaml, { 'replies-welcome.md': ANNOUNCED });
      server = await startServer('node', [join(repo, 'tests/e2e/server.mjs'), join(dir, 'dist'), String(port)], `${origin}/`);
    });
    test.afterAll(() => {
      stopServer(server);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('one page view per page loaded and per page the app shows, and nothing else leaves', async ({ page }) => {
      const views = await standInAnalytics(page, site.analytics);
      const left = away(page, origin);
      await page.goto(`${origin}/`);
      await expect.poll(() => views.length).toBe(1);
      await page.goto(`${origin}/posts/how-this-blog-works/`);
      await expect.poll(() => views.length).toBe(2);
      await startApp(page);
      await follow(page, '/posts/writing-a-post/');
      await expect(page.locator('h1')).toHaveText(/^Writing a Post/);
      await expect.poll(() => views.length).toBe(3);
      await follow(page, '/tags/');
      await expect.poll(() => views.length).toBe(4);
      // A search typed in the app is the same page: no view per keystroke.
      // As the header's search link names it.
      await follow(page, '/search');
      await expect.poll(() => views.length).toBe(5);
      await page.locator('#search-input').pressSequentially('tide', { delay: 50 });
      await expect(page).toHaveURL(/q=tide/);
      await page.waitForTimeout(500);
      expect(views.length).toBe(5);
      const { script, endpoint } = ANALYTICS[site.analytics];
      expect(left.filter((url) => !url.startsWith(script) && !url.startsWith(endpoint))).toEqual([]);
      expect(left.filter((url) => url.startsWith(script))).toHaveLength(2);
    });

    test('comments load only when asked, from their provider alone, with or without the app', async ({ page }) => {
      await standInAnalytics(page, site.analytics);
      await standInComments(page);
      await page.route('https://social.example/api/v1/statuses/1100/context', (route) =>
        route.fulfill({ contentType: 'application/json', body: JSON.stringify(CONTEXT), headers: { 'access-control-allow-origin': '*' } }));
      const { script, endpoint } = ANALYTICS[site.analytics];
      const left = away(page, origin);
      const comments = () => left.filter((url) => !url.startsWith(script) && !url.startsWith(endpoint));
      const post = site.mastodon ? '/posts/replies-welcome/' : '/posts/how-this-blog-works/';
      await page.goto(`${origin}${post}`);
      await page.waitForLoadState('networkidle');
      const section = page.locator('section.comments');
      await expect(section.getByRole('heading', { name: 'Comments' })).toBeVisible();
      expect(comments()).toEqual([]);
      await section.getByRole('link', { name: 'Show comments' }).click();
      if (site.mastodon) {
        await expect(section.locator('.comment')).toHaveCount(2);
        await expect(section.locator('.comment').first()).toContainText('Lovely tide tables!');
        await expect(section.locator('.comment-author').nth(1)).toHaveText('<b>Eve</b>');
        await expect(section.locator('.comments-status')).toHaveText('2 replies');
        // A reply behind a content warning stays behind it until opened.
        await expect(section.locator('.comment').nth(1).locator('details > summary')).toHaveText('spoilers: the ending');
        await expect(section.locator('.comment').nth(1).locator('details .comment-body')).toBeHidden();
        await expect(section.locator('.comment-body a').first()).toHaveAttribute('rel', 'ugc nofollow noopener');
        expect(await section.locator('script, [onerror], a[href^="javascript"]').count()).toBe(0);
        expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
        expect(comments().every((url) => url.startsWith('https://social.example/'))).toBe(true);
      } else {
        await expect(section.locator(`iframe[src^="${site.widget}/widget"]`)).toBeVisible();
        expect(comments().every((url) => url.startsWith(`${site.widget}/`))).toBe(true);
        expect(comments().some((url) => url === `${site.widget}/client.js`)).toBe(true);
        const term = new URL(await section.locator('iframe').getAttribute('src')).searchParams.get('term');
        expect(term).toBe(post.slice(1));
      }
      // The list and pages have none.
      await page.goto(`${origin}/about/`);
      await expect(page.locator('section.comments')).toHaveCount(0);

      // Reached in the app from a page whose policy allows no provider: the link opens
      // the post's own page, which shows them, its address the post's.
      await page.goto(`${origin}/`);
      await startApp(page);
      // As the app's own links name it: without the last slash.
      await follow(page, post.replace(/\/$/, ''));
      await expect(page.locator('section.comments .show-comments')).toBeVisible();
      await page.locator('section.comments .show-comments').click();
      if (site.mastodon) await expect(page.locator('.comment')).toHaveCount(2);
      else {
        const frame = page.locator(`section.comments iframe[src^="${site.widget}/widget"]`);
        await expect(frame).toBeVisible();
        // The same thread as the page loaded at its address.
        expect(new URL(await frame.getAttribute('src')).searchParams.get('term')).toBe(post.slice(1));
      }
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(post);
    });

    if (!site.mastodon) {
      test('back from signing in, the comments open and the session is kept, never reported', async ({ page }) => {
        const views = await standInAnalytics(page, site.analytics);
        await standInComments(page);
        const key = site.widget === 'https://giscus.app' ? 'giscus' : 'utterances';
        await page.goto(`${origin}/posts/how-this-blog-works/?${key}=s3cr3t-session`);
        await expect(page.locator(`section.comments iframe[src^="${site.widget}/widget"]`)).toBeVisible();
        expect(new URL(page.url()).search).toBe('');
        const kept = await page.evaluate((k) => localStorage.getItem(`${k}-session`), key);
        expect(kept).toBe(key === 'giscus' ? '"s3cr3t-session"' : 's3cr3t-session');
        await expect.poll(() => views.length).toBe(1);
        expect(views.join(' ')).not.toContain('s3cr3t');
      });
    }
  });
}

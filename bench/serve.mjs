// The author's loop, side by side with `hugo server` on the same posts: a saved post until
// the open page shows it, a new post until the open list shows it (both reload by
// themselves), on the example blog and on generated corpora; and a second blog on a machine
// that has blogtool, from `init` to a served page.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hugoSource } from './sites.mjs';
import { SEED, median } from './common.mjs';
import { startServer, stopServer } from '../tests/e2e/helpers.mjs';

const EDITS = Number(process.env.BENCH_EDITS ?? 5);

/** Starts a server and waits until `url` answers (a large blog's first build takes a while). */
const start = (command, argv, url) => startServer(command, argv, url, { timeout: 300_000 });
const stop = stopServer;

/** Seconds from each of `EDITS` saves of `file` (its title changed) until `page`, open at
 * `url`, shows the new title in `selector` by itself. */
async function savedPost(page, url, file, selector) {
  const original = readFileSync(file, 'utf8');
  await page.goto(url);
  await page.waitForSelector(selector);
  const times = [];
  try {
    for (let i = 1; i <= EDITS; i++) {
      const marker = `Edited ${i} ${Date.now()}`;
      const edited = original.replace(/^title: .*$/m, `title: "${marker}"`);
      // Both pages must have connected to their server (Hugo's by WebSocket) before a save.
      await new Promise((r) => setTimeout(r, 1000));
      const began = performance.now();
      writeFileSync(file, edited);
      await page.waitForFunction(([s, m]) => document.querySelector(s)?.textContent.includes(m), [selector, marker], { timeout: 60_000, polling: 10 });
      times.push((performance.now() - began) / 1000);
    }
  } finally {
    writeFileSync(file, original);
  }
  return median(times);
}

/** Seconds from writing a new post into `dir` until the list open at `url` shows its title. */
async function newPost(page, url, dir) {
  await page.goto(url);
  const times = [];
  for (let i = 1; i <= EDITS; i++) {
    const title = `Fresh post ${i} ${Date.now()}`;
    await new Promise((r) => setTimeout(r, 1000));
    const began = performance.now();
    writeFileSync(join(dir, `bench-new-${i}.md`), `---\ntitle: "${title}"\ndate: 2031-01-0${i}\n---\n\nNew words.\n`);
    await page.waitForFunction((t) => document.body.textContent.includes(t), title, { timeout: 60_000, polling: 10 });
    times.push((performance.now() - began) / 1000);
  }
  for (let i = 1; i <= EDITS; i++) rmSync(join(dir, `bench-new-${i}.md`), { force: true });
  return median(times);
}

/** A saved post and a new post timed (`savedPost`, `newPost`) on the server `begin` starts
 * on `port`, whose posts are in `posts` and whose post pages show their title in `selector`. */
async function loop(page, port, begin, posts, slug, selector) {
  const origin = `http://127.0.0.1:${port}`;
  const server = await begin(`${origin}/`);
  try {
    const saved = await savedPost(page, `${origin}/posts/${slug}/`, join(posts, `${slug}.md`), selector);
    return [saved, await newPost(page, `${origin}/`, posts)];
  } finally {
    stop(server);
  }
}

/** A blog folder for blogtool with `posts` (and the example blog's settings and images). */
function oursBlog(root, posts, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(posts, join(dir, 'posts'), { recursive: true });
  cpSync(join(root, 'site.yaml'), join(dir, 'site.yaml'));
  cpSync(join(root, 'public/images'), join(dir, 'public/images'), { recursive: true });
  return dir;
}

export async function serveLoop(browser, { root, work, blogtool, say, table, corpora }) {
  say('## The author\'s loop: `blogtool serve` against `hugo server`');
  say();
  say(`A post saved (its title changed) until the open page shows it, and a new post written until the open list shows it, median of ${EDITS}; both servers reload the page by themselves. Same posts, same disk (${work}).`);
  say();
  const rows = [];
  let port = 4410;
  const sets = [['example blog', join(root, 'posts'), SEED], ...corpora.map(([count, dir]) => [`${count} posts`, dir, readdirSync(dir).find((f) => f.endsWith('.md')).replace(/\.md$/, '')])];
  for (const [name, posts, slug] of sets) {
    const page = await browser.newPage();
    try {
      const blog = oursBlog(root, posts, join(work, `serve-ours-${rows.length}`));
      const [oursSave, oursNew] = await loop(page, ++port, (url) => start(blogtool, ['serve', blog, '--port', String(port)], url), join(blog, 'posts'), slug, 'article.post h1');
      const src = hugoSource(posts, join(root, 'public/images'), join(work, `serve-hugo-${rows.length}`));
      const hugoArgs = ['server', '-s', src, '--bind', '127.0.0.1', '--port', String(++port), '--baseURL', `http://127.0.0.1:${port}/`, '--buildFuture', '--buildDrafts'];
      const [hugoSave, hugoNew] = await loop(page, port, (url) => start('hugo', hugoArgs, url), join(src, 'content/posts'), slug, 'article h1');
      rows.push([name, oursSave.toFixed(2), hugoSave.toFixed(2), (oursSave / hugoSave).toFixed(2), oursNew.toFixed(2), hugoNew.toFixed(2), (oursNew / hugoNew).toFixed(2)]);
    } finally {
      await page.close();
    }
  }
  table(['posts', 'saved post: ours (s)', 'hugo server (s)', 'ours / hugo', 'new post: ours (s)', 'hugo server (s)', 'ours / hugo'], rows);

  // A second blog on a machine that has blogtool: nothing to compile or install.
  const dir = join(work, 'serve-init');
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    rmSync(dir, { recursive: true, force: true });
    const began = performance.now();
    spawnSync(blogtool, ['init', dir], { stdio: 'ignore' });
    const served = await start(blogtool, ['serve', dir, '--port', String(++port)], `http://127.0.0.1:${port}/`);
    times.push((performance.now() - began) / 1000);
    stop(served);
  }
  say(`\`blogtool init\` to a served home page, a machine with only blogtool: ${median(times).toFixed(2)} s (median of ${EDITS}).`);
  say();
}

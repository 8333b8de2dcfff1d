// The side-by-side benchmark (run it with `scripts/bench.sh`): our release build, docsify and
// Hugo made from the same posts, served by one CDN-like server, measured in Debian's
// Chromium. Prints every table and writes them into BENCHMARKS.md between the markers.
// Figures only: nothing here passes or fails.
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import os from 'node:os';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { buildDocsify, buildHugo, generateCorpus, hugoSource } from './sites.mjs';
import { END_OF_POST, SEED, median, serve } from './common.mjs';
import { serveLoop } from './serve.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const work = join(root, 'target/bench');
const chromePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const chromeFlags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-quic', '--disable-sync',
];
const args = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SCALES = (process.env.BENCH_SCALES ?? '1000,10000').split(',').filter(Boolean).map(Number);
const only = (section) => args.length === 0 || args.includes(section);

const report = [];
const say = (line = '') => {
  console.log(line);
  report.push(line);
};
const table = (head, rows) => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  say(line(head));
  say('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  rows.forEach((r) => say(line(r)));
  say();
};
const kb = (n) => (n / 1024).toFixed(1);

function version(cmd, argv) {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return `${cmd}: not found`;
  }
}

function machine() {
  const pkg = (name) => JSON.parse(readFileSync(join(root, 'bench/node_modules', name, 'package.json'), 'utf8')).version;
  say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`);
  say(`Versions: ${version('rustc', ['--version'])}; ${version(chromePath, ['--version'])}; ${version('hugo', ['version'])}; ` +
    `docsify ${pkg('docsify')}; marked ${pkg('marked')}; markdown-it ${pkg('markdown-it')}; lighthouse ${pkg('lighthouse')}; node ${process.version}`);
  say(`Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${RUNS} Lighthouse runs per page, interleaved`);
  say();
}

// ---------------------------------------------------------------- page load (Lighthouse)

async function pageLoad(sites) {
  say('## Page load: Lighthouse 12 mobile preset (median of ' + RUNS + ' interleaved runs)');
  say();
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
  const results = {};
  try {
    for (let round = 0; round < RUNS; round++) {
      for (const page of ['list', 'post']) {
        for (const site of sites) {
          const url = site.urls[page];
          const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
          const key = `${site.name}|${page}`;
          (results[key] ??= []).push(summarise(lhr));
          process.stderr.write(`  lighthouse ${round + 1}/${RUNS} ${page} ${site.name}\n`);
        }
      }
    }
  } finally {
    await chrome.kill();
  }
  const rows = [];
  for (const page of ['list', 'post']) {
    for (const site of sites) {
      const runs = results[`${site.name}|${page}`];
      const m = (k) => median(runs.map((r) => r[k]));
      rows.push([
        page, site.name,
        `${m('performance')}/${m('accessibility')}/${m('best-practices')}/${m('seo')}`,
        Math.round(m('fcp')), Math.round(m('lcp')), Math.round(m('tbt')), m('cls').toFixed(3),
        kb(m('bytes')),
      ]);
    }
  }
  table(['page', 'site', 'perf/a11y/bp/seo', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'transfer KB'], rows);
  say('FCP/LCP/TBT are Lighthouse\'s simulated figures (slow 4G, 4× CPU slowdown, Moto G-sized screen).');
  say();
  return results;
}

function summarise(lhr) {
  const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const num = (a) => lhr.audits[a]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    seo: score('seo'),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    bytes: num('total-byte-weight'),
  };
}

// ---------------------------------------------------------------- first paint

/// Loads each page over an emulated slow-4G link with a 4× slower CPU and adds up the bytes
/// that had arrived by the first contentful paint: what a reader waits for.
async function firstPaint(browser, sites) {
  say('## First paint over slow 4G (150 ms RTT, 1.6 Mbit/s, 4× CPU; median of ' + RUNS + ')');
  say();
  const rows = [];
  for (const page of ['list', 'post']) {
    for (const site of sites) {
      const samples = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
        const tab = await context.newPage();
        const cdp = await context.newCDPSession(tab);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await tab.addInitScript(() => {
          window.__lcp = 0;
          new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__lcp = e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
        });
        await tab.goto(site.urls[page], { waitUntil: 'load', timeout: 120_000 });
        await tab.waitForTimeout(1500);
        samples.push(await tab.evaluate(() => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          const nav = performance.getEntriesByType('navigation')[0];
          const before = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= fcp);
          return {
            fcp,
            lcp: window.__lcp,
            bytes: nav.transferSize + before.reduce((n, r) => n + r.transferSize, 0),
            blocking: performance.getEntriesByType('resource').filter((r) => r.renderBlockingStatus === 'blocking').length,
          };
        }));
        await context.close();
      }
      const m = (k) => median(samples.map((s) => s[k]));
      rows.push([page, site.name, Math.round(m('fcp')), Math.round(m('lcp')), kb(m('bytes')), m('blocking')]);
    }
  }
  table(['page', 'site', 'FCP ms', 'LCP ms', 'KB before first paint', 'render-blocking files'], rows);
  say('"KB before first paint" is the transfer size of the page and of every file that had fully arrived');
  say('when the first text or image was painted (the target is at most 14 KB: one round trip).');
  say();
}

// ---------------------------------------------------------------- Markdown throughput

async function throughput(browser, port) {
  say('## Markdown rendering in the browser (same page, same corpus, MB/s of Markdown in)');
  say();
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const { bytes, results } = await page.evaluate(() => window.measure(1.5));
  await page.close();
  const by = (name) => results.find((r) => r.name === name).mbps;
  table(
    ['renderer', 'MB/s', '× marked', '× markdown-it'],
    results.map((r) => [r.name, r.mbps.toFixed(1), (r.mbps / by('marked')).toFixed(2), (r.mbps / by('markdown-it')).toFixed(2)]),
  );
  say(`Corpus: the shipped posts plus 200 generated ones, ${kb(bytes)} KB; 3 warm-up passes, then whole passes for 1.5 s each.`);
  say('The pipeline also repairs encoding, parses front matter and sanitizes; marked and markdown-it only render.');
  say();
}

// ---------------------------------------------------------------- post reader: module or worker

async function readerDesigns(browser, port) {
  say('## The post reader: a module on the main thread or a Web Worker (median of 5, ms)');
  say();
  const posts = readdirSync(join(root, 'posts')).filter((f) => f.endsWith('.md')).sort((a, b) => (a.startsWith(SEED) ? -1 : b.startsWith(SEED) ? 1 : a.localeCompare(b)))
    .map((file) => ({ file, text: readFileSync(join(root, 'posts', file), 'utf8') }));
  const rows = [];
  for (const throttle of [1, 4]) {
    for (const mode of ['module', 'worker']) {
      const samples = [];
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        samples.push(await page.evaluate(([mode, posts]) => window.measureReader(mode, posts), [mode, posts]));
        await context.close();
      }
      const m = (k) => median(samples.map((s) => s[k])).toFixed(1);
      rows.push([`${throttle}×`, mode, m('cold'), m('parse'), m('busy'), m('maxBusy')]);
    }
  }
  table(['CPU', 'reader', 'cold: load + first post', 'one more post', 'main thread busy per post', 'longest busy'], rows);
  say(`Posts: the ${posts.length} shipped posts (the seed post first), each parsed five times after the first.`);
  say('The reader is the same wasm both ways; the worker adds a message each way, the module holds');
  say('the main thread while it parses.');
  say();
}

// ---------------------------------------------------------------- navigation

async function navigation(browser, sites) {
  say('## Navigation: click in the list → post fully on screen (median of 5, ms)');
  say();
  const rows = [];
  for (const throttle of [1, 4]) {
    for (const site of sites) {
      const times = [];
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await page.goto(site.urls.list, { waitUntil: 'networkidle' });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        const link = page.locator(site.postLink).first();
        await link.waitFor();
        // A reader's pointer reaches the link before the click (this blog's app starts at
        // the first movement of the mouse).
        await link.hover();
        if (site.name === 'rustblog') await page.waitForFunction(() => performance.getEntriesByName('app-mounted').length > 0, null, { timeout: 60_000 });
        await page.waitForTimeout(200);
        const start = Date.now();
        await link.evaluate((a) => a.click());
        for (;;) {
          try {
            await page.waitForFunction((text) => document.body?.innerText.includes(text), END_OF_POST, { polling: 'raf', timeout: 20_000 });
            break;
          } catch (e) {
            if (!/context was destroyed|navigat/i.test(String(e))) throw e;
          }
        }
        times.push(Date.now() - start);
        await context.close();
      }
      rows.push([`${throttle}×`, site.name, median(times), Math.min(...times), Math.max(...times)]);
    }
  }
  table(['CPU', 'site', 'median', 'min', 'max'], rows);
  say('Each run starts from a freshly loaded list in a new browser context (empty cache); the mouse moves');
  say('onto the link (which starts this blog\'s app), then the click comes 200 ms after the app is running.');
  say('Hugo loads a whole new page; docsify and this blog render the post client-side.');
  say();
}

// ---------------------------------------------------------------- sizes

function sizes(dirs) {
  say('## Size of what ships (bytes)');
  say();
  const rows = [];
  const walk = (dir, base = dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return walk(p, base);
      return /\.(br|gz)$/.test(e.name) ? [] : [p.slice(base.length + 1)];
    });
  for (const [name, dir, pattern] of dirs) {
    let totals = [0, 0, 0];
    for (const file of walk(dir).filter((f) => pattern.test(f)).sort()) {
      const data = readFileSync(join(dir, file));
      const sized = [data.length, gzipSync(data, { level: 9 }).length, brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length];
      totals = totals.map((t, i) => t + sized[i]);
      rows.push([name, file, ...sized]);
    }
    rows.push([name, '**all of the above**', ...totals]);
  }
  table(['site', 'file', 'raw', 'gzip', 'brotli'], rows);
}

// ---------------------------------------------------------------- scale

/// Runs a build step; returns its wall time and peak resident memory (GNU time's %M).
function run(cmd, argv) {
  const start = process.hrtime.bigint();
  const res = spawnSync('/usr/bin/time', ['-f', 'PEAK %M', cmd, ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (res.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${res.stderr}`);
  const peak = /PEAK (\d+)/.exec(res.stderr)?.[1];
  return { seconds, peakMb: Number(peak ?? 0) / 1024 };
}

/// The generated corpus of `count` posts published into a copy of the app shell
/// (`target/bench/<name>`), and how long `blogtool publish` took.
function publishCorpus(count, name) {
  const corpus = generateCorpus(count, join(work, `corpus-${count}`));
  const ours = join(work, name);
  rmSync(ours, { recursive: true, force: true });
  cpSync(join(work, 'shell'), ours, { recursive: true });
  const publish = run(join(root, 'target/bench/prefix/bin/blogtool'), ['publish', '--posts', corpus, '--out', join(ours, 'posts')]);
  return { corpus, ours, publish };
}

/// Where the scale builds write, ours and Hugo's alike: the disk, as users build (both on the
/// same one). BENCH_RAMDISK=1 builds on /dev/shm instead, when it has room for both
/// 10,000-post sites (about 0.7 GB): this machine's disk (ext4 without a journal) slows file
/// creation soon after many deletes, run after run, which a RAM disk does not.
const buildRoot = (() => {
  if (process.env.BENCH_RAMDISK !== '1' || !existsSync('/dev/shm')) return work;
  const { bavail, bsize } = statfsSync('/dev/shm');
  return bavail * bsize >= 2 * 2 ** 30 ? '/dev/shm/rustblog-bench' : work;
})();

async function scale(browser) {
  say('## Scale: generated corpora');
  say();
  const tools = join(root, 'target/bench/prefix/bin');
  const build = [];
  const pages = [];
  let port = 4320;
  for (const count of SCALES) {
    process.stderr.write(`  building ${count} posts: ours\n`);
    // `blogtool build`: the app, then publishing and every page in one process.
    const corpus = generateCorpus(count, join(work, `corpus-${count}`));
    const ours = join(buildRoot, `ours-${count}`);
    const ourBuild = run(join(tools, 'blogtool'), ['build', '--posts', corpus, '--out', ours, '--base', '/', '--url', 'https://rustblog.example']);
    process.stderr.write(`  building ${count} posts: hugo\n`);
    const src = hugoSource(corpus, null, join(work, `hugo-src-${count}`));
    const hugoOut = join(buildRoot, `hugo-${count}`);
    rmSync(hugoOut, { recursive: true, force: true });
    const hugo = run('hugo', ['--quiet', '-s', src, '-d', hugoOut]);
    const oursSeconds = ourBuild.seconds;
    const oursPeak = ourBuild.peakMb;
    build.push([count, oursSeconds.toFixed(1), hugo.seconds.toFixed(1), (oursSeconds / hugo.seconds).toFixed(2),
      oursPeak.toFixed(0), hugo.peakMb.toFixed(0), (oursPeak / hugo.peakMb).toFixed(2)]);

    const oursPort = ++port;
    const hugoPort = ++port;
    const servers = [await serve(ours, oursPort), await serve(hugoOut, hugoPort)];
    for (const [name, p] of [['rustblog', oursPort], ['Hugo', hugoPort]]) {
      const samples = [];
      for (let i = 0; i < 3; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        await page.goto(`http://127.0.0.1:${p}/`, { waitUntil: 'load' });
        // The app starts at the reader's first intent: here the mouse moving.
        if (name === 'rustblog') await page.mouse.move(2, 3);
        if (name === 'rustblog') await page.waitForFunction(() => performance.getEntriesByName('app-mounted').length > 0, null, { timeout: 60_000 });
        const t = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          const mounted = performance.getEntriesByName('app-mounted')[0]?.startTime ?? NaN;
          return { fcp, mounted, dataArrived: nav.responseEnd, htmlBytes: nav.encodedBodySize };
        });
        const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
        samples.push({ ...t, heap: metrics.JSHeapUsedSize / 2 ** 20 });
        await context.close();
      }
      const m = (k) => median(samples.map((s) => s[k]));
      pages.push([count, name, kb(m('htmlBytes')), Math.round(m('fcp')),
        Number.isNaN(m('mounted')) ? '—' : Math.round(m('mounted') - m('dataArrived')), m('heap').toFixed(1)]);
    }
    servers.forEach((s) => s.kill());
    // Both builds in memory are over half a gigabyte at 10,000 posts.
    if (buildRoot !== work) [ours, hugoOut].forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  }
  say('Full site build from the Markdown files (ours: `prerender`, which publishes and prerenders in one');
  say('process as a release build does; the app itself is compiled once and does not grow with posts),');
  say(`both writing to ${buildRoot === work ? 'the disk' : 'a RAM disk (/dev/shm): on this machine\'s disk, file creation after the previous run\'s deletions grows slower run after run'}:`);
  say();
  table(['posts', 'ours s', 'Hugo s', 'ratio', 'ours peak MB', 'Hugo peak MB', 'ratio'], build);
  say('The home page of each build, loaded in Chromium (median of 3):');
  say();
  table(['posts', 'site', 'first screen KB (brotli)', 'FCP ms', 'data → list usable ms', 'JS heap MB'], pages);
}

// ---------------------------------------------------------------- search

/// Total size of the files under `dir` (matching `keep`), as stored and brotli-compressed.
function folderBytes(dir, keep = () => true) {
  let raw = 0;
  let br = 0;
  let files = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (keep(path) && !/\.(br|gz)$/.test(entry.name)) {
        const bytes = readFileSync(path);
        raw += bytes.length;
        br += brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
        files += 1;
      }
    }
  };
  walk(dir);
  return { raw, br, files };
}

/// Writes a `.br` beside every file under `dir`, as the release build does for the whole site
/// (the test server would otherwise compress each file on its first request).
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) precompress(path);
    else if (!/\.(br|gz)$/.test(entry.name)) {
      writeFileSync(`${path}.br`, brotliCompressSync(readFileSync(path), { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }));
    }
  }
}

// Queries a reader might type into a blog of the generated corpus: a word in every post, an
// accented word, a prefix being typed, two words, Japanese, and a rare word.
const QUERIES = ['rust', 'résumé', 'perf', 'cache memory', '検索', 'dorbar'];

/// Runs `q` in our search page (already open) and times it: until the results are listed
/// (titles and dates) and until every listed result shows its passage.
function oursQuery(page, q) {
  return page.evaluate(async (q) => {
    const until = (done) => new Promise((ok) => {
      if (done()) return ok();
      const watch = new MutationObserver(() => done() && (watch.disconnect(), ok()));
      watch.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const input = document.querySelector('#search-input');
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => /Type to search/.test(document.querySelector('#search-status').textContent));
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await until(() => {
      const status = document.querySelector('#search-status').textContent;
      return status.includes(`“${q}”`) && /match/.test(status);
    });
    const listed = performance.now() - t0;
    await until(() => !document.querySelector('.search-result[data-passage=pending]'));
    const shown = performance.now() - t0;
    return { listed, shown, hits: document.querySelectorAll('.search-result').length };
  }, q);
}

/// The same with Pagefind's JS API: search, then the data (title, excerpt) of the top ten.
function pagefindQuery(page, q) {
  return page.evaluate(async (q) => {
    const t0 = performance.now();
    const search = await window.pagefind.search(q);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    const shown = performance.now() - t0;
    return { listed: shown, shown, hits: Math.min(10, search.results.length) };
  }, q);
}

async function searchSection(browser) {
  say('## Search: our index against Pagefind, same posts');
  say();
  const pagefindBin = join(root, 'bench/node_modules/.bin/pagefind');
  const sizesRows = [];
  const queryRows = [];
  let port = 4360;
  for (const count of SCALES) {
    process.stderr.write(`  search index of ${count} posts: ours\n`);
    const { corpus, ours, publish } = publishCorpus(count, `search-ours-${count}`);
    precompress(join(ours, 'posts'));
    const hugoOut = join(work, `search-hugo-${count}`);
    buildHugo(hugoSource(corpus, null, join(work, `hugo-src-${count}`)), hugoOut);
    process.stderr.write(`  search index of ${count} posts: Pagefind\n`);
    const pf = run(pagefindBin, ['--site', hugoOut, '--glob', 'posts/**/*.html', '--quiet']);
    writeFileSync(join(hugoOut, 'pagefind-bench.html'),
      '<!doctype html><meta charset="utf-8"><title>Pagefind</title><script type="module">' +
      'window.pagefind = await import("/pagefind/pagefind.js"); await window.pagefind.init(); window.ready = true;</script>');

    const ourIndex = folderBytes(join(ours, 'posts/search'));
    const pfIndex = folderBytes(join(hugoOut, 'pagefind'), (p) => /\.pf_(index|meta)$/.test(p));
    const pfFragments = folderBytes(join(hugoOut, 'pagefind'), (p) => /\.pf_fragment$/.test(p));
    const per1000 = (n) => kb((n * 1000) / count);
    sizesRows.push([count, 'rustblog', ourIndex.files, per1000(ourIndex.br), '— (reads the posts themselves)', publish.seconds.toFixed(1)]);
    sizesRows.push([count, 'Pagefind 1.6', pfIndex.files + pfFragments.files, per1000(pfIndex.br), per1000(pfFragments.br), pf.seconds.toFixed(1)]);

    const oursPort = ++port;
    const pfPort = ++port;
    const servers = [await serve(ours, oursPort), await serve(hugoOut, pfPort)];
    for (const name of ['rustblog', 'Pagefind']) {
      const samples = Object.fromEntries(QUERIES.map((q) => [q, { cold: [], warm: [], bytes: [], hits: 0 }]));
      for (let round = 0; round < RUNS; round++) {
        for (const q of QUERIES) {
          // A new visit per query: nothing of the index is cached but what opening search loads.
          const context = await browser.newContext();
          const page = await context.newPage();
          let measure;
          if (name === 'rustblog') {
            await page.goto(`http://127.0.0.1:${oursPort}/search`, { waitUntil: 'load' });
            await page.waitForFunction(() => /Type to search/.test(document.querySelector('#search-status')?.textContent ?? ''), null, { timeout: 60_000 });
            await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/posts/search/meta.json')));
            measure = oursQuery;
          } else {
            await page.goto(`http://127.0.0.1:${pfPort}/pagefind-bench.html`, { waitUntil: 'load' });
            await page.waitForFunction(() => window.ready === true, null, { timeout: 60_000 });
            measure = pagefindQuery;
          }
          // Bytes as the browser received them, its workers' requests included (Pagefind
          // searches in a worker, whose fetches the page's resource timing does not list).
          let bytes = 0;
          const pending = [];
          const count = (request) => pending.push(request.sizes().then((s) => (bytes += s.responseBodySize + s.responseHeadersSize), () => {}));
          context.on('requestfinished', count);
          const cold = await measure(page, q);
          await page.waitForTimeout(50);
          context.off('requestfinished', count);
          await Promise.all(pending);
          cold.bytes = bytes;
          const warm = await measure(page, q);
          const s = samples[q];
          s.cold.push(cold.shown);
          s.warm.push(warm.shown);
          s.listed = (s.listed ?? []).concat(cold.listed);
          s.bytes.push(cold.bytes);
          s.hits = cold.hits;
          await context.close();
        }
      }
      for (const q of QUERIES) {
        const s = samples[q];
        queryRows.push([count, name, q, s.hits, Math.round(median(s.listed)), Math.round(median(s.cold)),
          median(s.warm).toFixed(1), kb(median(s.bytes))]);
      }
    }
    servers.forEach((s) => s.kill());
  }
  say('Index size per 1,000 posts (brotli, quality 11) and the time to write it. Pagefind also writes');
  say('a fragment per page for its excerpts; our results read their passage from the post file itself,');
  say('which the reader fetches anyway to read it:');
  say();
  table(['posts', 'engine', 'files', 'index KB / 1,000 posts', 'fragments KB / 1,000 posts', 'build s'], sizesRows);
  say(`Query time in Chromium (median of ${RUNS}), each query in a new visit with search opened: "listed" is`);
  say('until the top ten are on screen with titles, "shown" until each shows its passage (Pagefind: search');
  say('plus data() of the top ten, its excerpts included); "again" is the same query typed again; KB are');
  say('what the cold query fetched, headers included, as compressed on the wire (workers\' requests too):');
  say();
  table(['posts', 'engine', 'query', 'hits shown', 'listed ms', 'shown ms', 'again ms', 'KB fetched'], queryRows);
}

// ---------------------------------------------------------------- main

async function main() {
  mkdirSync(work, { recursive: true });
  machine();
  const dist = join(root, 'dist');
  const docsify = buildDocsify(join(root, 'posts'), join(root, 'public/images'), join(work, 'docsify'));
  const hugo = buildHugo(hugoSource(join(root, 'posts'), join(root, 'public/images'), join(work, 'hugo-src')), join(work, 'hugo'));

  // Markdown throughput: the shipped posts plus generated ones, on a page of its own.
  const tp = join(work, 'throughput');
  if (only('markdown')) {
    rmSync(tp, { recursive: true, force: true });
    cpSync(join(root, 'bench/throughput'), tp, { recursive: true });
    cpSync(join(root, 'bench/node_modules/marked/lib/marked.umd.js'), join(tp, 'marked.umd.js'));
    cpSync(join(root, 'bench/node_modules/markdown-it/dist/markdown-it.min.js'), join(tp, 'markdown-it.min.js'));
    for (const f of ['bench_wasm.js', 'bench_wasm_bg.wasm']) cpSync(join(work, 'bench-wasm', f), join(tp, f));
    const generated = generateCorpus(200, join(work, 'corpus-200'));
    const corpus = [join(root, 'posts'), generated].flatMap((dir) =>
      readdirSync(dir).filter((f) => f.endsWith('.md')).map((file) => ({ file, source: readFileSync(join(dir, file), 'utf8') })));
    writeFileSync(join(tp, 'corpus.json'), JSON.stringify(corpus));
  }

  // The post reader both ways (issue 17's prototypes), from the release build's reader.
  const rd = join(work, 'reader');
  if (only('reader')) {
    rmSync(rd, { recursive: true, force: true });
    cpSync(join(root, 'bench/reader'), rd, { recursive: true });
    for (const f of readdirSync(join(dist, 'parser')).filter((f) => !/\.(br|gz)$/.test(f))) cpSync(join(dist, 'parser', f), join(rd, f));
  }

  const servers = [
    await serve(dist, 4301),
    await serve(docsify, 4302),
    await serve(hugo, 4303),
    await serve(tp, 4304),
    await serve(rd, 4305),
  ];
  const sites = [
    { name: 'rustblog', urls: { list: 'http://127.0.0.1:4301/', post: `http://127.0.0.1:4301/posts/${SEED}/` }, postLink: `a[href$="/posts/${SEED}"], a[href$="/posts/${SEED}/"]` },
    { name: 'Hugo', urls: { list: 'http://127.0.0.1:4303/', post: `http://127.0.0.1:4303/posts/${SEED}/` }, postLink: `a[href$="/posts/${SEED}/"]` },
    { name: 'docsify', urls: { list: 'http://127.0.0.1:4302/', post: `http://127.0.0.1:4302/#/posts/${SEED}` }, postLink: `a[href="#/posts/${SEED}"]` },
  ];
  const browser = await chromium.launch({ executablePath: chromePath, args: chromeFlags });
  try {
    if (only('load')) await pageLoad(sites);
    if (only('paint')) await firstPaint(browser, sites);
    if (only('markdown')) await throughput(browser, 4304);
    if (only('reader')) await readerDesigns(browser, 4305);
    if (only('navigation')) await navigation(browser, sites);
    if (only('size')) {
      sizes([
        ['rustblog', dist, /^(index\.html|[^/]+\.(js|wasm|css)|posts\/index\.json|embed\/[^/]+\.(js|wasm|css|json))$/],
        ['docsify', docsify, /^(index\.html|[^/]+\.(js|css)|README\.md)$/],
        ['Hugo', hugo, /^index\.html$/],
      ]);
    }
    if (only('scale')) await scale(browser);
    if (only('search')) await searchSection(browser);
    if (only('serve')) {
      const corpora = SCALES.map((count) => [count, generateCorpus(count, join(work, `corpus-${count}`))]);
      await serveLoop(browser, { root, work, blogtool: join(work, 'prefix/bin/blogtool'), say, table, corpora });
    }
  } finally {
    await browser.close();
    servers.forEach((s) => s.kill());
    // The scale section's builds, should it have stopped half way: they hold memory.
    if (buildRoot !== work) rmSync(buildRoot, { recursive: true, force: true });
  }
  const text = report.join('\n');
  writeFileSync(join(work, 'report.md'), text + '\n');
  if (args.length === 0) {
    const file = join(root, 'BENCHMARKS.md');
    const old = readFileSync(file, 'utf8');
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const [before, rest] = old.includes(begin) ? old.split(begin) : [old + '\n', end];
    const after = rest.split(end)[1] ?? '';
    writeFileSync(file, `${before}${begin}\n${text}\n${end}${after}`);
    console.error('BENCHMARKS.md updated');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

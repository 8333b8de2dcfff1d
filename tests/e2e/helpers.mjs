// Shared helpers for the end-to-end tests.
import { spawn } from 'node:child_process';

/**
 * Serves every page without the data prerendered pages embed, as a host serving only the
 * app shell would: the app then fetches the post index and posts itself, which is the path
 * the network-fault tests exercise.
 */
export async function withoutEmbeddedData(page) {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script id="blog-data"[\s\S]*?<\/script>/, '');
    await route.fulfill({ response, body });
  });
}

/**
 * Collects what must never happen in a page: uncaught errors (a panic in WASM surfaces as
 * one) and Content Security Policy violations. Call in beforeEach; assert in afterEach that
 * the returned list is empty.
 */
export function watchForProblems(page) {
  const problems = [];
  page.on('pageerror', (err) => problems.push(`uncaught error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
      problems.push(`CSP violation: ${msg.text()}`);
    }
  });
  return problems;
}

/**
 * Opens a page as a reader with a mouse would, and waits until the app has taken over the
 * prerendered HTML (it starts at the reader's first sign of intent, here the mouse moving,
 * once the page has painted), so what follows exercises the app rather than plain links.
 */
export async function open(page, url) {
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => (window.__started = true)));
  await page.goto(url);
  await startApp(page);
}

/** Moves the mouse over the page, which starts the app, and waits until it has started. */
export async function startApp(page) {
  await page.mouse.move(1, 1);
  await page.mouse.move(2, 3);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-app'));
}

/** Holds back every response for a `.wasm` file until the returned function is called: the
 * app (and the post reader) are then still downloading. */
export async function holdWasm(page) {
  let release;
  const held = new Promise((go) => (release = go));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * Follows a link to `href` as a reader's click on it would: the app's router takes it, so
 * the page changes without a reload.
 */
export async function follow(page, href) {
  await page.evaluate((href) => {
    document.getElementById('go')?.remove();
    const a = document.createElement('a');
    a.href = href;
    a.id = 'go';
    a.textContent = 'go';
    document.querySelector('main').append(a);
  }, href);
  await page.click('#go');
}

/**
 * Starts `command` in a process group of its own (so `stopServer` ends it and its children)
 * and resolves to it once `url` answers; rejects after `timeout` ms. Shared with the
 * benchmark (bench/serve.mjs), which times servers started this way.
 */
export async function startServer(command, args, url, { cwd, stdio = 'ignore', timeout = 60_000 } = {}) {
  const child = spawn(command, args, { cwd, detached: true, stdio });
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return child;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${command} did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ends a server `startServer` started (nothing when there is none, or it has ended). */
export function stopServer(child) {
  try {
    if (child) process.kill(-child.pid, 'SIGTERM');
  } catch {}
}

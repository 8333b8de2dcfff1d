// Unit tests of js/loader.js (when the app starts), filled in as `blogtool build` fills it
// in, in a small stand-in for the page: the app's download begins only at a desktop reader's
// first intent, at once where the page needs it, and a failure leaves the page usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

// The dynamic import of the app's glue goes through a hook the test provides.
const source = readFileSync(new URL('../loader.js', import.meta.url), 'utf8')
  .replace("import('__APP_JS__')", "__importApp('/rustblog-1.js')")
  .replace("'__APP_WASM__'", "'/rustblog-1_bg.wasm'")
  // The site's words, as blogtool writes them in (JSON string literals).
  .replace("'__APP_UNAVAILABLE__'", JSON.stringify('Cette page a besoin de l’application, qui n’a pas pu être chargée.'))
  .replace("'__TRY_AGAIN__'", JSON.stringify('Réessayer'));

/** Runs the loader on a page at `path` whose app element is described by `app`. */
function load({
  path = '/posts/tides/',
  app = { path: '/posts/tides/', children: true },
  data = true,
  worker = '/sw.js',
  saveData = false,
  appLoads = true,
} = {}) {
  const listeners = {};
  const log = [];
  const appElement = {
    hidden: false,
    dataset: {},
    firstElementChild: app.children ? {} : null,
    prepend: (node) => log.push(['notice', node.textContent, node.children.map((c) => c.textContent)]),
    querySelector: () => null,
  };
  if (app.path !== undefined) appElement.dataset.path = app.path;
  if (app.start !== undefined) appElement.dataset.start = app.start;
  const element = () => {
    const node = {
      children: [],
      textContent: '',
      setAttribute: () => {},
      addEventListener: (type, fn) => (node.onclick = fn),
      append: (child) => node.children.push(child),
    };
    return node;
  };
  const context = {
    location: { pathname: path, search: '', hash: '', reload: () => log.push(['reload']) },
    history: { state: null, replaceState: (_s, _t, url) => log.push(['replaceState', url]) },
    document: {
      readyState: 'complete',
      images: [],
      head: { append: () => log.push(['preloads']) },
      getElementById: (id) => ({ app: appElement, 'blog-data': data ? {} : null, 'app-preloads': { content: 'the glue\'s preloads' } })[id] ?? null,
      querySelector: (s) => (s === 'meta[name=service-worker]' && worker ? { content: worker } : null),
      createElement: element,
    },
    navigator: {
      connection: { saveData },
      serviceWorker: {
        register: (url) => {
          log.push(['register', url]);
          return Promise.resolve();
        },
        ready: Promise.resolve({ active: { postMessage: (m) => log.push(['message', m]) } }),
      },
    },
    // Time passes at once: the page counts as painted as soon as it asks.
    setTimeout: (fn) => Promise.resolve().then(fn),
    clearTimeout: () => {},
    PerformanceObserver: class {
      observe() {}
    },
    fetch: async (url) => {
      log.push(['fetch', url]);
      if (!appLoads) throw new TypeError('offline');
      return { ok: true, clone: () => ({}) };
    },
    WebAssembly: { compileStreaming: async () => 'module', compile: async () => 'module' },
    __importApp: async (url) => {
      log.push(['import', url]);
      if (!appLoads) throw new TypeError('offline');
      return { default: async () => 'wasm' };
    },
    addEventListener: (type, fn) => (listeners[type] ??= []).push(fn),
    removeEventListener: (type, fn) => (listeners[type] = (listeners[type] ?? []).filter((f) => f !== fn)),
    dispatchEvent: (event) => log.push(['event', event.key ?? event.type]),
    CustomEvent: class {
      constructor(type) {
        this.type = type;
      }
    },
    KeyboardEvent: class {
      constructor(type, init) {
        this.type = type;
        this.key = init.key;
      }
    },
  };
  context.window = context;
  vm.runInNewContext(source, context);
  const fire = (type, event) => (listeners[type] ?? []).slice().forEach((fn) => fn({ isTrusted: true, ...event }));
  const started = () => log.some(([what]) => what === 'import');
  return { log, fire, started, appElement };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

test('a whole prerendered page downloads nothing of the app until a mouse moves', async () => {
  const page = load();
  await settle();
  assert.equal(page.started(), false);
  // A finger scrolling is reading, not a sign.
  page.fire('pointermove', { pointerType: 'touch' });
  page.fire('pointermove', { pointerType: 'mouse', isTrusted: false });
  await settle();
  assert.equal(page.started(), false);
  page.fire('pointermove', { pointerType: 'mouse' });
  await settle();
  assert.deepEqual(
    page.log.filter(([w]) => ['preloads', 'import', 'fetch', 'event'].includes(w)),
    [['preloads'], ['import', '/rustblog-1.js'], ['fetch', '/rustblog-1_bg.wasm'], ['event', 'TrunkApplicationStarted']],
  );
  // Once: more movement starts nothing again.
  page.fire('pointermove', { pointerType: 'mouse' });
  await settle();
  assert.equal(page.log.filter(([w]) => w === 'import').length, 1);
});

test('the service worker is registered once the page has painted, or after the app for readers saving data', async () => {
  const page = load();
  await settle();
  assert.deepEqual(page.log.filter(([w]) => w === 'register'), [['register', '/sw.js']]);
  const saving = load({ saveData: true });
  await settle();
  assert.equal(saving.log.some(([w]) => w === 'register'), false);
  saving.fire('pointermove', { pointerType: 'pen' });
  await settle();
  assert.deepEqual(saving.log.filter(([w]) => w === 'register'), [['register', '/sw.js']]);
  // Pages that name no worker (`blogtool serve`) register none.
  const preview = load({ worker: null });
  await settle();
  assert.equal(preview.log.some(([w]) => w === 'register'), false);
});

test('the search key starts the app and is handed to it; in a text field it is typed', async () => {
  const page = load();
  await settle();
  let prevented = false;
  const typed = { key: '/', target: { closest: () => ({}) }, preventDefault: () => (prevented = true) };
  page.fire('keydown', typed);
  await settle();
  assert.equal(page.started(), false);
  assert.equal(prevented, false);
  page.fire('keydown', { key: '/', target: { closest: () => null }, preventDefault: () => (prevented = true) });
  await settle();
  assert.equal(prevented, true);
  assert.equal(page.started(), true);
  assert.deepEqual(page.log.at(-1), ['event', '/']);
});

test('pages that need the app start it at once: not found, search results, another page at this address', async () => {
  for (const app of [{ start: 'load', children: true }, { start: 'needed', children: true }, { path: '/posts/other/', children: true }, { path: '/posts/tides/', children: false }]) {
    const page = load({ app });
    await settle();
    assert.equal(page.started(), true, JSON.stringify(app));
  }
  // A page without its embedded data (a host answering with another file) too.
  const bare = load({ data: false });
  await settle();
  assert.equal(bare.started(), true);
});

test('another page served at this address stays hidden until the app shows the right one', async () => {
  const page = load({ app: { path: '/posts/other/', children: true } });
  assert.equal(page.appElement.hidden, true);
  await settle();
  assert.equal(page.appElement.hidden, false);
});

test('a failed download leaves a whole page as it is; a page that needs the app says so in the site\'s words, with Try again', async () => {
  const whole = load({ appLoads: false });
  await settle();
  whole.fire('pointermove', { pointerType: 'mouse' });
  await settle();
  assert.equal(whole.log.some(([w]) => w === 'notice'), false);
  const needed = load({ appLoads: false, app: { start: 'needed', children: true } });
  await settle();
  const notice = needed.log.find(([w]) => w === 'notice');
  assert.match(notice[1], /n’a pas pu être chargée/);
  assert.deepEqual(notice[2], ['Réessayer']);
});

test("a page's file in its address is the folder's address to the router", async () => {
  const page = load({ path: '/posts/tides/index.html' });
  assert.deepEqual(page.log[0], ['replaceState', '/posts/tides/']);
});

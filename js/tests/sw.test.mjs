// Unit tests of js/sw.js (offline reading), filled in as `blogtool build` fills it in, with
// a stand-in for the worker's world (caches, fetch, clients): what it keeps, and what it
// answers with when the network is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const ORIGIN = 'https://blog.example';
const APP_FILES = ['/blog/shell.html', '/blog/style-0a1b2c3d4e5f6a7b.css', '/blog/rustblog-0a1b2c3d4e5f6a7b.js', '/blog/rustblog-0a1b2c3d4e5f6a7b_bg.wasm'];
const source = readFileSync(new URL('../sw.js', import.meta.url), 'utf8')
  .replace('__BUILD__', 'b2')
  .replace('__BASE__', '/blog/')
  .replace('__APP_FILES__', JSON.stringify(APP_FILES))
  .replace('__POSTS__', '/blog/posts/')
  .replace('__IMAGES__', '/blog/images/')
  .replace('__READER__', '/blog/parser/')
  .replace('__SHELL__', '/blog/shell.html');

const key = (request) => (typeof request === 'string' ? new URL(request, ORIGIN).href : request.url);

/** A response as fetch gives it. */
const response = (body, { ok = true, redirected = false } = {}) => ({
  body,
  ok,
  redirected,
  type: 'basic',
  clone() {
    return response(body, { ok, redirected });
  },
});

/** The worker, with caches already holding `cached` (`{ name: { url: body } }`) and a
 * network answering `network` (`{ url: body }`; anything else fails, as offline). */
function worker({ cached = {}, network = {}, online = true } = {}) {
  const listeners = {};
  const stores = new Map(Object.entries(cached).map(([name, entries]) => [name, new Map(Object.entries(entries).map(([u, b]) => [key(u), response(b)]))]));
  const fetched = [];
  const open = async (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name);
    return {
      put: async (request, value) => store.set(key(request), value),
      match: async (request) => store.get(key(request)),
      addAll: async (urls) => urls.forEach((u) => store.set(key(u), response(`fetched ${u}`))),
    };
  };
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type, fn) => (listeners[type] = fn),
    skipWaiting: async () => {},
    clients: { claim: async () => {}, matchAll: async () => [] },
  };
  const context = {
    self,
    URL,
    caches: {
      open,
      keys: async () => [...stores.keys()],
      delete: async (name) => stores.delete(name),
      match: async (request) => {
        for (const store of stores.values()) if (store.has(key(request))) return store.get(key(request));
        return undefined;
      },
    },
    fetch: async (request) => {
      const url = key(request);
      fetched.push(url);
      if (!online || !(url in network)) throw new TypeError('Failed to fetch');
      return response(network[url]);
    },
  };
  vm.runInNewContext(source, context);
  /** Dispatches an event; resolves to what the worker answered with (undefined: it let
   * the browser handle it). */
  const dispatch = async (type, init = {}) => {
    let answer;
    let waited;
    const event = {
      ...init,
      respondWith: (p) => (answer = p),
      waitUntil: (p) => (waited = p),
    };
    listeners[type](event);
    await waited;
    return answer === undefined ? undefined : await answer;
  };
  const request = (path, mode = 'no-cors', method = 'GET') => ({ url: new URL(path, ORIGIN).href, mode, method });
  const stored = (name) => [...(stores.get(name)?.keys() ?? [])].map((u) => u.slice(ORIGIN.length)).sort();
  return { dispatch, request, stored, fetched, stores };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('installing keeps the shell and the styles, never the app before it has run', async () => {
  const sw = worker();
  await sw.dispatch('install');
  assert.deepEqual(sw.stored('app-b2'), ['/blog/shell.html', '/blog/style-0a1b2c3d4e5f6a7b.css']);
  await sw.dispatch('message', { data: 'app-started' });
  assert.deepEqual(sw.stored('app-b2'), [...APP_FILES].sort());
});

test("activating drops older builds' app files, and keeps what was read", async () => {
  const sw = worker({ cached: { 'app-b1': { '/blog/rustblog-0000000000000001.js': 'old' }, 'read-v1': { '/blog/posts/a/': 'a' } } });
  await sw.dispatch('activate');
  assert.deepEqual([...sw.stores.keys()].sort(), ['read-v1']);
  assert.deepEqual(sw.stored('read-v1'), ['/blog/posts/a/']);
});

test('a page comes from the network and is kept under one key, with or without its slash', async () => {
  const sw = worker({ network: { [`${ORIGIN}/blog/posts/tides?ref=feed`]: 'tides page' } });
  const answer = await sw.dispatch('fetch', { request: sw.request('/blog/posts/tides?ref=feed', 'navigate') });
  assert.equal(answer.body, 'tides page');
  await settle();
  assert.deepEqual(sw.stored('read-v1'), ['/blog/posts/tides/']);
});

test('offline, a page read before opens; one never read gets the shell; without either, an error', async () => {
  const cached = { 'read-v1': { '/blog/posts/tides/': 'kept tides' }, 'app-b2': { '/blog/shell.html': 'shell' } };
  const sw = worker({ cached, online: false });
  assert.equal((await sw.dispatch('fetch', { request: sw.request('/blog/posts/tides', 'navigate') })).body, 'kept tides');
  assert.equal((await sw.dispatch('fetch', { request: sw.request('/blog/posts/unread/', 'navigate') })).body, 'shell');
  const bare = worker({ online: false });
  await assert.rejects(bare.dispatch('fetch', { request: bare.request('/blog/posts/unread/', 'navigate') }));
});

test('posts and images are read from the network first, kept, and answered from the cache offline', async () => {
  const url = `${ORIGIN}/blog/posts/tides.md`;
  const online = worker({ network: { [url]: 'fresh' }, cached: { 'read-v1': { [url]: 'stale' } } });
  assert.equal((await online.dispatch('fetch', { request: online.request('/blog/posts/tides.md') })).body, 'fresh');
  await settle();
  assert.equal(online.stores.get('read-v1').get(url).body, 'fresh');
  const offline = worker({ online: false, cached: { 'read-v1': { [url]: 'kept' } } });
  assert.equal((await offline.dispatch('fetch', { request: offline.request('/blog/posts/tides.md') })).body, 'kept');
});

test("the app's hashed files and the post reader come from the cache first", async () => {
  const js = `${ORIGIN}/blog/rustblog-0a1b2c3d4e5f6a7b.js`;
  const sw = worker({ cached: { 'app-b2': { [js]: 'cached app' } }, network: { [`${ORIGIN}/blog/parser/blog-parser.js`]: 'reader' } });
  assert.equal((await sw.dispatch('fetch', { request: sw.request('/blog/rustblog-0a1b2c3d4e5f6a7b.js') })).body, 'cached app');
  assert.deepEqual(sw.fetched, []);
  assert.equal((await sw.dispatch('fetch', { request: sw.request('/blog/parser/blog-parser.js') })).body, 'reader');
  await settle();
  assert.ok(sw.stored('app-b2').includes('/blog/parser/blog-parser.js'));
});

test('other origins, other sites on the host, and anything but GET are left to the browser', async () => {
  const sw = worker();
  assert.equal(await sw.dispatch('fetch', { request: { url: 'https://cdn.example/x.js', mode: 'no-cors', method: 'GET' } }), undefined);
  assert.equal(await sw.dispatch('fetch', { request: sw.request('/other/posts/x/', 'navigate') }), undefined);
  assert.equal(await sw.dispatch('fetch', { request: sw.request('/blog/posts/x.md', 'cors', 'POST') }), undefined);
  assert.deepEqual(sw.fetched, []);
});

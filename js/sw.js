// The blog's service worker, written into the site by `blogtool build` (which fills in the
// build id and the app's files). Keeps the blog readable without a network:
// - the offline page shell and the site's styles are cached when the worker installs; the app
//   (its .js and .wasm) and the post reader once they have run, never before: a reader who
//   never starts the app (a phone, a keyboard) never downloads it;
// - every page and post the reader opens is kept when it is fetched;
// - pages, posts and indexes always come from the network first, so a new deploy shows on
//   the next visit; the cache answers only when the network cannot.
const BUILD = '__BUILD__';
const BASE = '__BASE__';
const APP_FILES = __APP_FILES__;
// Where posts, images and the post reader are, and the offline page (from the routes).
const POSTS = '__POSTS__';
const IMAGES = '__IMAGES__';
const READER = '__READER__';
const SHELL = '__SHELL__';
const APP = `app-${BUILD}`;
// What the reader has read: kept across deploys, so a post read last week still opens.
const READ = 'read-v1';
// Trunk's content-hashed files never change: the cache answers first. The hash is a 64-bit
// number in hex without leading zeros, so it is not always 16 digits long.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css|svg)$/;

// The app's code, kept once it has run.
const APP_CODE = APP_FILES.filter((f) => /\.(js|wasm)$/.test(f));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(APP)
      .then((cache) => cache.addAll(APP_FILES.filter((f) => !APP_CODE.includes(f))))
      .then(() => self.skipWaiting()),
  );
});

// The page's loader says so once the app has started: its files, fetched before this worker
// could keep them, come from the browser's HTTP cache into this one.
self.addEventListener('message', (event) => {
  if (event.data === 'app-started') event.waitUntil(caches.open(APP).then((cache) => cache.addAll(APP_CODE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('app-') && key !== APP) await caches.delete(key);
      }
      await self.clients.claim();
      // The page that installed the worker was loaded before the worker could keep it.
      const read = await caches.open(READ);
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        const key = keyOf(new URL(client.url));
        if (!(await read.match(key))) {
          try {
            const response = await fetch(key);
            if (response.ok) await read.put(key, response);
          } catch {
            // Offline already: nothing to keep.
          }
        }
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request, url));
  } else if (url.pathname.startsWith(POSTS) || url.pathname.startsWith(IMAGES)) {
    // Posts and what they show (images, diagrams): kept once read, across deploys.
    event.respondWith(networkFirst(request));
  } else if (HASHED.test(url.pathname) || APP_FILES.includes(url.pathname) || url.pathname.startsWith(READER)) {
    // The app's files, and the post reader it loads when it first opens a post itself
    // (kept once used, with the app's files of this build).
    event.respondWith(cacheFirst(request));
  }
});

/// From the network, kept for later; from the cache when the network fails. Without either,
/// a network error, which the app reports as "you are offline".
async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') {
      const copy = response.clone();
      caches.open(READ).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(APP).then((cache) => cache.put(request, copy));
  }
  return response;
}

/// A page: the network's copy, else the one kept when it was read (`/posts/x` and
/// `/posts/x/` are the same page), else the app's empty shell, which routes by itself and
/// says which post cannot be loaded offline.
async function page(request, url) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && !response.redirected) {
      const copy = response.clone();
      caches.open(READ).then((cache) => cache.put(keyOf(url), copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(keyOf(url), { ignoreVary: true });
    if (cached) return cached;
    const shell = await caches.match(SHELL);
    if (shell) return shell;
    throw error;
  }
}

/// One cache key per page: no query, no hash, always with the trailing slash of a folder.
function keyOf(url) {
  const key = new URL(url.href);
  key.search = '';
  key.hash = '';
  if (!key.pathname.endsWith('/') && !/\.[a-z0-9]+$/i.test(key.pathname)) key.pathname += '/';
  return key.href;
}

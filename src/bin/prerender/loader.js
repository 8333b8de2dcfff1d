// Trunk's loader, as the prerender tool puts it into every page (it fills in __APP_JS__ and
// __APP_WASM__, the app's hashed files). A prerendered page is complete without the app:
// links are links, and the theme switch and copy buttons work from index.html's own script.
// So the app (the largest download, and the page's only long task) starts when the reader
// first shows they may want it, not on every visit: a reader who only reads a post never
// downloads or runs it. Pages the prerender could not finish (search results, the "not
// found" page served at any address, the offline shell) start it as soon as they are painted.
const app = document.getElementById('app');
const now = !app?.firstElementChild || app.dataset.start === 'load' || !document.getElementById('blog-data');

// Until the page's own images are decoded and its largest paint has settled (no new one for
// 200 ms, at most a second), so everything the reader sees is painted before the app competes.
const painted = (async () => {
  if (document.readyState !== 'complete') await new Promise((go) => addEventListener('load', go, { once: true }));
  await Promise.all([...document.images].filter((i) => i.loading !== 'lazy').map((i) => i.decode().catch(() => {})));
  await new Promise((go) => {
    let quiet = setTimeout(go, 200);
    setTimeout(go, 1000);
    try {
      new PerformanceObserver(() => { clearTimeout(quiet); quiet = setTimeout(go, 200); }).observe({ type: 'largest-contentful-paint', buffered: true });
    } catch {}
  });
})();

// Offline reading does not wait for the app: the service worker keeps every page read (and
// fetches the app's files for later, off the main thread). Pages without the meta (builds for
// `trunk serve`) have none.
painted.then(() => {
  const worker = document.querySelector('meta[name=service-worker]')?.content;
  if (worker && 'serviceWorker' in navigator) navigator.serviceWorker.register(worker, { updateViaCache: 'none' }).catch(() => {});
});

let started = null;
const start = () => (started ??= (async () => {
  await painted;
  // The glue's module preloads, held back until now so nothing of the app competes with the
  // page's first paint.
  const preloads = document.getElementById('app-preloads');
  if (preloads) document.head.append(preloads.content);
  const bindings = await import('__APP_JS__');
  const wasm = await bindings.default({ module_or_path: '__APP_WASM__' });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
})().catch(() => {
  // Offline with the app never fetched, or a failed download: the page stays as it is, whole,
  // and the next sign of intent tries again.
  started = null;
  if (!now) listen();
}));

// Signs of intent: a mouse or pen moving (a desktop reader, about to point at something), a
// finger or key on a link or control, focus moving (keyboard readers), the search key `/`.
// A finger on the text is scrolling, which is reading: it starts nothing.
const CONTROL = 'a[href], button, input, select, textarea, summary, label';
const INTENTS = ['pointermove', 'pointerdown', 'focusin', 'keydown'];
const onIntent = (event) => {
  if (event.type.startsWith('pointer') && event.pointerType === 'touch' && !event.target.closest?.(CONTROL)) return;
  if (event.type === 'keydown' && event.key === '/' && !event.target.closest?.('input, textarea, select, [contenteditable]')) {
    // The key is meant for the app's search shortcut: it opens search once the app is there.
    event.preventDefault();
    start()?.then(() => setTimeout(() => dispatchEvent(new KeyboardEvent('keydown', { key: '/' }))));
  } else if (event.type === 'keydown') {
    return;
  }
  for (const type of INTENTS) removeEventListener(type, onIntent, true);
  start();
};
function listen() {
  for (const type of INTENTS) addEventListener(type, onIntent, true);
}
if (now) start(); else listen();

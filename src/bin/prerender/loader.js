// Trunk's loader, as the prerender tool puts it into every page (it fills in __APP_JS__ and
// __APP_WASM__, the app's hashed files). A prerendered page is complete without the app:
// links are links, and the theme switch and copy buttons work from index.html's own script.
// So the app (the largest download, and the page's only long task) starts when a reader with
// a mouse first moves it, or at the search key `/`, not on every visit: a reader who only
// reads, on a phone or with a keyboard, follows links to prerendered pages and never runs it.
// It starts as soon as the page is painted where the page is not all there is at this
// address: search results, the "not found" page, the offline shell, a host that answers an
// unknown address with another page (the app then shows what the address names).
const app = document.getElementById('app');
const path = (p) => {
  try { p = decodeURI(p); } catch {}
  return p.replace(/\/(index\.html)?$/, '');
};
const now = !app?.firstElementChild || app.dataset.start === 'load' || !document.getElementById('blog-data')
  || path(app.dataset.path ?? location.pathname) !== path(location.pathname);

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
// the app's files once it has run); readers who asked to save data get it once the app has
// started. Pages without the meta (`trunk serve`) have none.
const worker = document.querySelector('meta[name=service-worker]')?.content;
const registerWorker = () => {
  if (worker && 'serviceWorker' in navigator) navigator.serviceWorker.register(worker, { updateViaCache: 'none' }).catch(() => {});
};
if (!navigator.connection?.saveData) painted.then(registerWorker);

let started = false;
let slash = false;
const start = async () => {
  if (started) return;
  started = true;
  removeEventListener('pointermove', onPointer, true);
  removeEventListener('pointerdown', onPointer, true);
  await painted;
  try {
    // The glue's module preloads, held back until now so nothing of the app competes with
    // the page's first paint.
    const preloads = document.getElementById('app-preloads');
    if (preloads) document.head.append(preloads.content);
    const bindings = await import('__APP_JS__');
    const wasm = await bindings.default({ module_or_path: '__APP_WASM__' });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch {
    // Offline with the app never fetched, or a failed download: the page stays as it is,
    // whole, and its links open the next page, which tries again. The `/` key keeps its
    // usual meaning.
    removeEventListener('keydown', onKey, true);
    return;
  }
  removeEventListener('keydown', onKey, true);
  if (navigator.connection?.saveData) registerWorker();
  if (worker && 'serviceWorker' in navigator) navigator.serviceWorker.ready.then((r) => r.active?.postMessage('app-started'));
  // The `/` pressed before the app ran opens search now, as it would have.
  if (slash) setTimeout(() => dispatchEvent(new KeyboardEvent('keydown', { key: '/' })));
};

// A mouse or pen moving: a desktop reader, about to point at something. A finger is not a
// sign (it scrolls, which is reading, and a tap on a link opens the prerendered page faster
// than the app could start); nor is the keyboard (Tab and Enter work on the page as it is).
function onPointer(event) {
  if (event.isTrusted && event.pointerType !== 'touch') start();
}
// The search key outside text fields (the app's shortcut), until the app has started.
function onKey(event) {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || !event.isTrusted || event.defaultPrevented) return;
  if (event.target.closest?.('input, textarea, select, [contenteditable]')) return;
  event.preventDefault();
  slash = true;
  start();
}
addEventListener('keydown', onKey, true);
if (now) start();
else {
  addEventListener('pointermove', onPointer, true);
  addEventListener('pointerdown', onPointer, true);
}

// Trunk's loader, as `blogtool build` puts it into every page (it fills in __APP_JS__ and
// __APP_WASM__, the app's hashed files). A prerendered page is complete without the app:
// links are links, and the theme switch and copy buttons work from index.html's own script.
// So the app (the largest download, and the page's only long task) starts when a reader with
// a mouse first moves it, or at the search key `/`, not on every visit: a reader who only
// reads, on a phone or with a keyboard, follows links to prerendered pages and never runs it.
// It starts at once where the page is not all there is at this address: search results, the
// "not found" page, the offline shell, a host that answers an unknown address with another
// page (the app then shows what the address names).

// A page's file named in its address (`/posts/x/index.html`) is the page's own address to
// the app's router: the folder's.
if (location.pathname.endsWith('/index.html')) {
  history.replaceState(history.state, '', location.pathname.slice(0, -'index.html'.length) + location.search + location.hash);
}
const app = document.getElementById('app');
const path = (p) => {
  try { p = decodeURI(p); } catch {}
  return p.replace(/\/$/, '');
};
// Another page's HTML at this address: hidden until the app shows the right one.
const elsewhere = app?.dataset.path !== undefined && path(app.dataset.path) !== path(location.pathname);
if (elsewhere) app.hidden = true;
const now = elsewhere || !app?.firstElementChild || app.dataset.start !== undefined || !document.getElementById('blog-data');

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
const workers = worker && 'serviceWorker' in navigator ? navigator.serviceWorker : null;
const registerWorker = () => workers?.register(worker, { updateViaCache: 'none' }).catch(() => {});
if (!navigator.connection?.saveData) painted.then(registerWorker);

// The app replaces the page's elements as it starts: a press on a link then would lose its
// click, so it starts between presses.
let pressed = false;
const released = [];
addEventListener('pointerdown', () => (pressed = true), true);
for (const type of ['pointerup', 'pointercancel']) {
  addEventListener(type, () => setTimeout(() => {
    pressed = false;
    released.splice(0).forEach((go) => go());
  }), true);
}
const unpressed = () => (pressed ? new Promise((go) => released.push(go)) : undefined);

// Loads, compiles and starts the app; rejects if any of it fails.
async function run() {
  // The glue's module preloads, held back until now so nothing of the app competes with the
  // page's first paint.
  const preloads = document.getElementById('app-preloads');
  if (preloads) document.head.append(preloads.content);
  const bindings = await import('__APP_JS__');
  // Compiled now, started between presses; a host sending the wrong type still works.
  const response = await fetch('__APP_WASM__');
  if (!response.ok) throw new Error(`${response.status}`);
  const module = await WebAssembly.compileStreaming(response.clone())
    .catch(async () => WebAssembly.compile(await response.arrayBuffer()));
  await unpressed();
  const wasm = await bindings.default({ module_or_path: module });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}

let started = false;
let slash = false;
const start = async () => {
  if (started) return;
  started = true;
  removeEventListener('pointermove', onPointer, true);
  removeEventListener('pointerdown', onPointer, true);
  // A page that is all there is waits until it is painted; one that needs the app does not.
  if (!now) await painted;
  const ran = await run().then(() => true, () => false);
  removeEventListener('keydown', onKey, true);
  app.hidden = false;
  if (!ran) {
    // Offline with the app never fetched, or a failed download: a page that is whole stays as
    // it is, and its links open the next page, which tries again; one that needs the app says
    // so. The `/` key keeps its usual meaning.
    if (app.dataset.start === 'needed') {
      const notice = document.createElement('p');
      notice.className = 'notice';
      notice.setAttribute('role', 'alert');
      // The words are the site's (blogtool writes them in as JavaScript strings).
      notice.textContent = '__APP_UNAVAILABLE__' + ' ';
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = '__TRY_AGAIN__';
      retry.addEventListener('click', () => location.reload());
      notice.append(retry);
      (app.querySelector('main') ?? app).prepend(notice);
    }
    return;
  }
  if (navigator.connection?.saveData) registerWorker();
  workers?.ready.then((r) => r.active?.postMessage('app-started'));
  // The `/` pressed before the app ran opens search now, as it would have.
  if (slash) setTimeout(() => dispatchEvent(new KeyboardEvent('keydown', { key: '/' })));
};

// A mouse or pen moving: a desktop reader, about to point at something. A finger is not a
// sign (it scrolls, which is reading, and a tap on a link opens the prerendered page faster
// than the app could start); nor is the keyboard (Tab and Enter work on the page as it is).
function onPointer(event) {
  if (event.isTrusted && event.pointerType !== 'touch') start();
}
// The search key outside text fields (the app's shortcut), until the app has started; any
// other key, a press or a scroll before then means the reader moved on.
function onKey(event) {
  if (!event.isTrusted || event.defaultPrevented) return;
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) {
    slash = false;
    return;
  }
  if (event.target.closest?.('input, textarea, select, [contenteditable]')) return;
  event.preventDefault();
  slash = true;
  start();
}
const moveOn = () => (slash = false);
addEventListener('keydown', onKey, true);
addEventListener('pointerdown', moveOn, true);
addEventListener('wheel', moveOn, { capture: true, passive: true });
addEventListener('touchmove', moveOn, { capture: true, passive: true });
if (now) start();
else {
  addEventListener('pointermove', onPointer, true);
  addEventListener('pointerdown', onPointer, true);
}

// Trunk's loader, as the prerender tool puts it into every page (it fills in __APP_JS__ and
// __APP_WASM__, the app's hashed files). A prerendered page is complete without the app, so
// the WebAssembly (the largest download) starts only after the page's own text, styles and
// lead image are painted.
const start = async () => {
  // The page's own images first (a lead image is usually its largest paint), then until the
  // largest paint has settled (no new one for 200 ms, at most a second), so everything the
  // reader sees is painted before the download starts.
  await Promise.all([...document.images].filter((i) => i.loading !== 'lazy').map((i) => i.decode().catch(() => {})));
  await new Promise((go) => {
    let quiet = setTimeout(go, 200);
    setTimeout(go, 1000);
    try {
      new PerformanceObserver(() => { clearTimeout(quiet); quiet = setTimeout(go, 200); }).observe({ type: 'largest-contentful-paint', buffered: true });
    } catch {}
  });
  // The glue's module preloads, held back until now so nothing of the app competes with the
  // page's first paint.
  const preloads = document.getElementById('app-preloads');
  if (preloads) document.head.append(preloads.content);
  const bindings = await import('__APP_JS__');
  const wasm = await bindings.default({ module_or_path: '__APP_WASM__' });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
};
if (document.readyState === 'complete') start(); else addEventListener('load', start, { once: true });

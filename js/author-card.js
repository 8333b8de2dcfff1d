// <author-card>: the blog's author card on any website.
//
//   <script src="https://BLOG/embed/author-card.js" data-author="ID" async></script>
//     renders the card where the tag stands;
//   <author-card author="ID" theme="light|dark|auto" compact></author-card>
//     renders it anywhere, any number of times, once the script has loaded.
//
// Sizes are in em of the card's own 16px, never rem, so the page's root font size cannot
// change the card. The card is the blog's own Leptos AuthorCard, compiled to a small WebAssembly module that
// loads once per page. It lives in a Shadow DOM, so the page's CSS cannot reach it and its
// CSS cannot reach the page; theme it with the --author-card-* custom properties. Whatever
// fails (unknown author, network, a policy that forbids WebAssembly), the element keeps its
// fallback link to the author's page and one console message says why. Defines no globals.
(() => {
  'use strict';
  if (!window.customElements || customElements.get('author-card')) return;
  const script = document.currentScript;
  const here = new URL('.', script ? script.src : location.href); // https://BLOG/embed/
  const blog = new URL('..', here); // https://BLOG/
  let engine;
  let registry;
  const load = () => {
    engine ??= import(new URL('author-card-wasm.js', here).href).then(async (m) => {
      await m.default({ module_or_path: new URL('author-card-wasm_bg.wasm', here) });
      return m;
    });
    registry ??= fetch(new URL('authors.json', here)).then((r) => {
      if (!r.ok) throw new Error(`the author list answered HTTP ${r.status}`);
      return r.json();
    });
    return Promise.all([engine, registry]);
  };
  const reported = new Set();
  const report = (message) => {
    if (reported.has(message)) return;
    reported.add(message);
    console.warn(`<author-card>: ${message}; showing a link to the author's page instead.`);
  };

  const CSS = `
body { margin: 0; }
:host { display: block; contain: content; min-height: var(--author-card-min-height, 14em); font-size: 16px; }
:host([compact]) { --author-card-min-height: 6em; }
.frame {
  all: initial; display: block; box-sizing: border-box;
  font: 400 16px/1.6 var(--author-card-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--author-card-text, #1f2328); background: var(--author-card-bg, #fff);
  border: 1px solid var(--author-card-border, #e3e0da); border-radius: var(--author-card-radius, 12px);
  padding: 1.25em; min-height: inherit;
}
:host([theme=dark]) .frame { --author-card-text: #e6e3de; --author-card-bg: #1b1e23; --author-card-border: #2e333b; --author-card-accent: #f08a5d; }
@media (prefers-color-scheme: dark) {
  :host([theme=auto]) .frame { --author-card-text: #e6e3de; --author-card-bg: #1b1e23; --author-card-border: #2e333b; --author-card-accent: #f08a5d; }
}
* { box-sizing: border-box; }
.author-card { display: flex; gap: 1em; align-items: flex-start; }
.author-avatar { flex: none; width: 4em; height: 4em; border-radius: 50%; object-fit: cover; }
.compact .author-avatar { width: 2.75em; height: 2.75em; }
.author-initials { display: flex; align-items: center; justify-content: center; background: var(--author-card-accent, #b7410e); color: var(--author-card-bg, #fff); font-weight: 700; font-size: 1.25em; }
.compact .author-initials { font-size: 1em; }
.author-text { min-width: 0; }
p { margin: 0; }
.author-label { text-transform: uppercase; letter-spacing: .08em; font-size: .75em; opacity: .75; }
.author-name { font-size: 1.15em; font-weight: 700; }
.author-bio { margin: .4em 0; }
a { color: var(--author-card-accent, #9a360b); text-underline-offset: .18em; }
a:focus-visible { outline: 3px solid var(--author-card-accent, #b7410e); outline-offset: 2px; border-radius: 3px; }
.author-links { list-style: none; margin: .4em 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .35em .9em; font-size: .9em; }
`;

  class AuthorCardElement extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const id = (this.getAttribute('author') || '').trim();
      const root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = CSS;
      const frame = document.createElement('div');
      frame.className = 'frame';
      // Until the card is ready (or if it never is), the element's own content shows.
      frame.append(document.createElement('slot'));
      root.append(style, frame);
      if (!this.querySelector('a')) {
        const link = document.createElement('a');
        link.href = new URL(`authors/${encodeURIComponent(id)}/`, blog).href;
        link.rel = 'noopener';
        link.textContent = id ? `About ${id}` : 'About the author';
        this.append(link);
      }
      load()
        .then(([wasm, authors]) => {
          const author = authors.find((a) => a.id === id);
          if (!author) throw new Error(`there is no author "${id}" on ${blog.href}`);
          const mount = document.createElement('div');
          wasm.mount_author_card(mount, author, blog.href, this.hasAttribute('compact'));
          frame.replaceChildren(mount);
          for (const a of mount.querySelectorAll('a')) a.rel = 'noopener noreferrer';
        })
        .catch((err) => {
          const message = err && err.message ? err.message : String(err);
          report(
            /WebAssembly|wasm/i.test(message) && /Refused|Content Security Policy|CSP/i.test(message)
              ? "this page's Content Security Policy does not allow WebAssembly (it needs 'wasm-unsafe-eval' in script-src)"
              : message,
          );
        });
    }
  }
  customElements.define('author-card', AuthorCardElement);

  // The one-line form: the script tag itself says which author to show.
  if (script && script.dataset.author) {
    const card = document.createElement('author-card');
    card.setAttribute('author', script.dataset.author);
    if (script.dataset.theme) card.setAttribute('theme', script.dataset.theme);
    if ('compact' in script.dataset) card.setAttribute('compact', '');
    script.after(card);
  }
})();

// Unit tests of js/author-card.js (the <author-card> element other websites embed), run in a
// small stand-in for a page: the one-line form and the element, the fallback link, the card
// mounted from the blog's author list, and one clear console message for each failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

// The dynamic import of the card's wasm glue goes through a hook the test provides.
const source = readFileSync(new URL('../author-card.js', import.meta.url), 'utf8').replace(
  'import(new URL',
  '__importCard(new URL',
);
const SCRIPT_SRC = 'https://blog.example/sub/embed/author-card.js';

/** A DOM element, as much of one as the card uses. */
function element(tag) {
  const node = {
    tagName: tag.toUpperCase(),
    attributes: {},
    children: [],
    dataset: {},
    textContent: '',
    shadowRoot: null,
    getAttribute: (name) => (name in node.attributes ? node.attributes[name] : null),
    setAttribute: (name, value) => (node.attributes[name] = String(value)),
    hasAttribute: (name) => name in node.attributes,
    append: (...kids) => node.children.push(...kids),
    replaceChildren: (...kids) => (node.children = kids),
    querySelector: (selector) => node.querySelectorAll(selector)[0] ?? null,
    querySelectorAll: (selector) => {
      const found = [];
      const walk = (n) => {
        for (const kid of n.children) {
          if (kid.tagName === selector.toUpperCase()) found.push(kid);
          walk(kid);
        }
      };
      walk(node);
      return found;
    },
    attachShadow: () => (node.shadowRoot = element('#shadow-root')),
  };
  return node;
}

/**
 * Runs the script in a new page. `authors` is what authors.json holds (or an HTTP status),
 * `wasm` how the card's module loads ('ok', or an error message it fails with).
 */
function page({ authors = [{ id: 'ada', name: 'Ada' }], wasm = 'ok', dataset = null } = {}) {
  const log = { warnings: [], fetched: [], imported: [], mounted: [], inserted: [] };
  const defined = new Map();
  const script = element('script');
  script.src = SCRIPT_SRC;
  if (dataset) Object.assign(script.dataset, dataset);
  script.after = (node) => log.inserted.push(node);
  class HTMLElement {
    constructor() {
      Object.assign(this, element('author-card'));
      this.attachShadow = () => (this.shadowRoot = element('#shadow-root'));
    }
  }
  const context = {
    URL,
    Promise,
    Error,
    String,
    Set,
    HTMLElement,
    location: { href: 'https://elsewhere.example/about' },
    console: { warn: (message) => log.warnings.push(message) },
    customElements: {
      get: (name) => defined.get(name),
      define: (name, constructor) => defined.set(name, constructor),
    },
    document: {
      currentScript: script,
      createElement: (tag) => {
        const Card = defined.get(tag);
        return Card ? new Card() : element(tag);
      },
    },
    fetch: async (url) => {
      log.fetched.push(String(url));
      if (typeof authors === 'number') return { ok: false, status: authors };
      return { ok: true, status: 200, json: async () => authors };
    },
    __importCard: async (url) => {
      log.imported.push(url);
      return {
        default: async (options) => {
          if (wasm !== 'ok') throw new Error(wasm);
          log.init = String(options.module_or_path);
        },
        mount_author_card: (mount, author, blog, compact) => {
          log.mounted.push({ author, blog, compact });
          const link = element('a');
          link.href = `${blog}authors/${author.id}/`;
          mount.append(link);
        },
      };
    },
  };
  context.window = context;
  vm.runInNewContext(source, context);
  /** A new <author-card> put into the page with these attributes. */
  const card = (attributes = {}, children = []) => {
    const Card = defined.get('author-card');
    const node = new Card();
    Object.assign(node.attributes, attributes);
    node.children.push(...children);
    node.connectedCallback();
    return node;
  };
  return { log, card, defined, context };
}

/** Lets the card's promises settle. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

test('the one-line form puts a card after its script tag, with its theme and size', () => {
  const { log } = page({ dataset: { author: 'ada', theme: 'dark', compact: '' } });
  assert.equal(log.inserted.length, 1);
  const [card] = log.inserted;
  assert.deepEqual(card.attributes, { author: 'ada', theme: 'dark', compact: '' });
  assert.equal(page().log.inserted.length, 0, 'without data-author, only the element is defined');
});

test('a card shows a link to the author\'s page until it is ready, and the blog\'s card then', async () => {
  const { log, card } = page();
  const node = card({ author: ' ada ' });
  const [fallback] = node.children;
  assert.equal(fallback.href, 'https://blog.example/sub/authors/ada/');
  assert.equal(fallback.textContent, 'About ada');
  assert.equal(fallback.rel, 'noopener');
  // The shadow root holds the card's styles and a frame showing the element's own content.
  const [style, frame] = node.shadowRoot.children;
  assert.match(style.textContent, /:host \{ display: block/);
  assert.equal(frame.children[0].tagName, 'SLOT');
  await settled();
  assert.deepEqual(log.fetched, ['https://blog.example/sub/embed/authors.json']);
  assert.equal(log.imported[0], 'https://blog.example/sub/embed/author-card-wasm.js');
  assert.equal(log.init, 'https://blog.example/sub/embed/author-card-wasm_bg.wasm');
  assert.deepEqual(log.mounted, [
    { author: { id: 'ada', name: 'Ada' }, blog: 'https://blog.example/sub/', compact: false },
  ]);
  const links = frame.querySelectorAll('a');
  assert.equal(links.length, 1, 'the frame shows the mounted card instead of the fallback');
  assert.equal(links[0].rel, 'noopener noreferrer');
  assert.deepEqual(log.warnings, []);
});

test('an author link the page wrote itself is kept, and compact reaches the card', async () => {
  const { log, card } = page();
  const own = element('a');
  own.href = 'https://blog.example/sub/authors/ada/';
  const node = card({ author: 'ada', compact: '' }, [own]);
  assert.deepEqual(node.children, [own]);
  await settled();
  assert.equal(log.mounted[0].compact, true);
});

test('the list and the module load once however many cards a page has', async () => {
  const { log, card } = page({ authors: [{ id: 'ada' }, { id: 'lin' }] });
  card({ author: 'ada' });
  card({ author: 'lin' });
  card({ author: 'ada' });
  await settled();
  assert.equal(log.fetched.length, 1);
  assert.equal(log.imported.length, 1);
  assert.deepEqual(
    log.mounted.map((m) => m.author.id),
    ['ada', 'lin', 'ada'],
  );
});

test('each failure keeps the link and says why once in the console', async (t) => {
  const cases = [
    {
      name: 'an unknown author',
      setup: {},
      author: 'bob',
      says: 'there is no author "bob" on https://blog.example/sub/',
    },
    {
      name: 'the author list missing',
      setup: { authors: 404 },
      author: 'ada',
      says: 'the author list answered HTTP 404',
    },
    {
      name: 'a policy without WebAssembly',
      setup: { wasm: "WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive" },
      author: 'ada',
      says: "this page's Content Security Policy does not allow WebAssembly (it needs 'wasm-unsafe-eval' in script-src)",
    },
    {
      name: 'the module failing otherwise',
      setup: { wasm: 'network error' },
      author: 'ada',
      says: 'network error',
    },
  ];
  for (const { name, setup, author, says } of cases) {
    await t.test(name, async () => {
      const { log, card } = page(setup);
      const first = card({ author });
      card({ author });
      await settled();
      assert.deepEqual(log.warnings, [
        `<author-card>: ${says}; showing a link to the author's page instead.`,
      ]);
      assert.equal(log.mounted.length, 0);
      const [, frame] = first.shadowRoot.children;
      assert.equal(frame.children[0].tagName, 'SLOT', 'the fallback link still shows');
    });
  }
});

test('a second copy of the script, or an old browser, changes nothing', () => {
  const { context, defined } = page();
  const before = defined.get('author-card');
  vm.runInNewContext(source, context);
  assert.equal(defined.get('author-card'), before);
  const keys = Object.keys(context).sort();
  vm.runInNewContext(source, { ...context, customElements: undefined, window: {} });
  assert.deepEqual(Object.keys(context).sort(), keys, 'no globals are defined');
});

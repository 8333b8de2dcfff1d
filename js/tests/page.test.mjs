// Unit tests of js/page.js (every page's own script: the theme switch, code blocks' copy
// buttons, missing images), in a small stand-in for the page: what a reader would see change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = readFileSync(new URL('../page.js', import.meta.url), 'utf8');

/** An element with what page.js uses: classes, attributes, text, closest() by class. */
function element(classes = [], parent = null) {
  const el = {
    classes,
    parent,
    attributes: {},
    textContent: '',
    classList: { contains: (c) => el.classes.includes(c) },
    setAttribute(name, value) {
      el.attributes[name] = String(value);
    },
    removeAttribute(name) {
      delete el.attributes[name];
    },
    getAttribute(name) {
      return name in el.attributes ? el.attributes[name] : null;
    },
    closest(selector) {
      const wanted = selector.split(',').map((s) => s.trim().replace(/^\./, ''));
      for (let at = el; at; at = at.parent) if (wanted.some((c) => at.classes.includes(c))) return at;
      return null;
    },
  };
  return el;
}

/** Runs page.js on a page with `toggles` theme switches, a stored choice, the system's
 * preference and a clipboard (or none). */
function run({ stored = null, systemDark = false, clipboard = 'works', storage = 'works' } = {}) {
  const listeners = {};
  const timers = [];
  const toggles = [element(['theme-toggle']), element(['theme-toggle'])];
  const store = new Map(stored ? [['theme', stored]] : []);
  const copied = [];
  const context = {
    document: {
      documentElement: { dataset: {} },
      querySelectorAll: (s) => (s === '.theme-toggle' ? toggles : []),
      createElement: () => element(),
    },
    localStorage: {
      getItem: (k) => {
        if (storage === 'refuses') throw new Error('SecurityError');
        return store.get(k) ?? null;
      },
      setItem: (k, v) => {
        if (storage === 'refuses') throw new Error('QuotaExceededError');
        store.set(k, v);
      },
    },
    matchMedia: () => ({ matches: systemDark }),
    navigator: {
      clipboard:
        clipboard === 'none'
          ? undefined
          : {
              writeText: (text) => {
                copied.push(text);
                return clipboard === 'works' ? Promise.resolve() : Promise.reject(new Error('denied'));
              },
            },
    },
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    addEventListener: (type, fn) => (listeners[type] ??= []).push(fn),
  };
  vm.runInNewContext(source, context);
  const fire = (type, event = {}) => (listeners[type] ?? []).forEach((fn) => fn(event));
  const root = context.document.documentElement;
  return { root, toggles, store, copied, timers, fire };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the page says scripts run, and a stored theme applies before the first paint', () => {
  const page = run({ stored: 'dark' });
  assert.equal(page.root.dataset.js, '');
  assert.equal(page.root.dataset.theme, 'dark');
  // Anything else stored is ignored: the system's preference decides.
  assert.equal(run({ stored: 'purple' }).root.dataset.theme, undefined);
  // Private browsing refusing storage is no error.
  assert.equal(run({ storage: 'refuses' }).root.dataset.theme, undefined);
});

test('the theme switches say whether dark is showing, once the page is parsed', () => {
  for (const [stored, systemDark, pressed] of [[null, false, 'false'], [null, true, 'true'], ['light', true, 'false'], ['dark', false, 'true']]) {
    const page = run({ stored, systemDark });
    page.fire('DOMContentLoaded');
    assert.deepEqual(page.toggles.map((t) => t.attributes['aria-pressed']), [pressed, pressed], `${stored} ${systemDark}`);
  }
});

test('a click on a switch flips the theme from what shows, remembers it and presses every switch', () => {
  const page = run({ systemDark: true });
  page.fire('click', { target: page.toggles[1] });
  assert.equal(page.root.dataset.theme, 'light');
  assert.equal(page.store.get('theme'), 'light');
  assert.deepEqual(page.toggles.map((t) => t.attributes['aria-pressed']), ['false', 'false']);
  page.fire('click', { target: page.toggles[0] });
  assert.equal(page.root.dataset.theme, 'dark');
  // Storage refused: the choice still applies to this page.
  const refusing = run({ storage: 'refuses' });
  refusing.fire('click', { target: refusing.toggles[0] });
  assert.equal(refusing.root.dataset.theme, 'dark');
});

test('a choice made in another tab, or before Back, is followed', () => {
  const page = run();
  page.store.set('theme', 'dark');
  page.fire('storage', { key: 'other' });
  assert.equal(page.root.dataset.theme, undefined);
  page.fire('storage', { key: 'theme' });
  assert.equal(page.root.dataset.theme, 'dark');
  page.store.set('theme', 'light');
  page.fire('pageshow', { persisted: false });
  assert.equal(page.root.dataset.theme, 'dark');
  page.fire('pageshow', { persisted: true });
  assert.equal(page.root.dataset.theme, 'light');
});

test('a copy button copies the code after it and says so, in the site\'s words, for two seconds', async () => {
  const page = run();
  const block = element(['code-block']);
  const button = element(['copy-code'], block);
  // As the page writes it (Strings::localize_body), in French.
  button.textContent = 'Copier';
  button.setAttribute('data-copied-text', 'Copié ✓');
  button.setAttribute('data-failed-text', 'La copie a échoué');
  button.nextElementSibling = { textContent: 'cargo build --release\n' };
  // A click on the button's own text lands on a child of it.
  page.fire('click', { target: element([], button) });
  await settle();
  assert.deepEqual(page.copied, ['cargo build --release\n']);
  assert.equal(button.textContent, 'Copié ✓');
  assert.equal(button.attributes['data-copied'], '');
  assert.equal(page.timers[0].ms, 2000);
  page.timers[0].fn();
  assert.equal(button.textContent, 'Copier');
  assert.equal(button.attributes['data-copied'], undefined);
});

test('where the clipboard is refused or missing, the button says the copy failed', async () => {
  for (const clipboard of ['refuses', 'none']) {
    const page = run({ clipboard });
    const button = element(['copy-code']);
    button.textContent = 'Copy';
    button.setAttribute('data-failed-text', 'Copy failed');
    button.nextElementSibling = { textContent: 'x' };
    page.fire('click', { target: button });
    await settle();
    assert.equal(button.textContent, 'Copy failed', clipboard);
  }
});

test('a click elsewhere does nothing', () => {
  const page = run();
  page.fire('click', { target: element(['post-body']) });
  page.fire('click', { target: {} });
  assert.equal(page.root.dataset.theme, undefined);
  assert.deepEqual(page.copied, []);
});

test('a post image that cannot load shows its alt text; other images are left alone', () => {
  const page = run();
  const body = element(['post-body']);
  const replaced = [];
  const image = Object.assign(element([], body), { tagName: 'IMG', alt: 'A loaf, cut open', replaceWith: (s) => replaced.push(s) });
  page.fire('error', { target: image });
  assert.equal(replaced.length, 1);
  assert.equal(replaced[0].className, 'image-missing');
  assert.equal(replaced[0].textContent, 'A loaf, cut open');
  const logo = Object.assign(element(['site-header']), { tagName: 'IMG', alt: 'logo', replaceWith: () => replaced.push('logo') });
  page.fire('error', { target: logo });
  const script = Object.assign(element([], body), { tagName: 'SCRIPT', replaceWith: () => replaced.push('script') });
  page.fire('error', { target: script });
  assert.equal(replaced.length, 1);
});

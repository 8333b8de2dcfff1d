// What `blogtool build` writes, against the manifest recorded for it: every file of the site
// that is not the app itself (pages, data files, feeds, the search index, images), as
// "sha256  path" lines. The app's own files are checked by its inputs hash instead
// (scripts/app-inputs.sh), and what the site says of them (their hashed names, the policy's
// script hashes, the service worker's build id) is written as a placeholder, so a change to
// the app alone does not change the manifest, while any change to what a reader gets does.
//
//   node scripts/site-manifest.mjs check NAME DIR    fails, listing the files that differ
//   node scripts/site-manifest.mjs update NAME DIR   records DIR as NAME's manifest
//
// Manifests live in tests/fixtures/manifests/NAME.sha256. A difference made on purpose is
// recorded with `update` (or UPDATE_MANIFESTS=1 bash scripts/test.sh) and named in the commit.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../', import.meta.url));

/** The app's files, which every blog gets the same: left out of the manifest. */
const APP = [/^rustblog-[0-9a-f]+/, /^style-[0-9a-f]+\.css/, /^favicon-[0-9a-f]+\.svg/, /^snippets\//, /^parser\//, /^embed\/author-card/];

/** What a site's text says of the app's build, written as placeholders. */
// Trunk's hashes are 64-bit numbers in hex without leading zeros: usually 16 digits, one
// build in sixteen 15.
const BUILD_SPECIFIC = [
  [/rustblog-[0-9a-f]{12,16}(?=[._/])/g, 'rustblog-APP'],
  [/style-[0-9a-f]{12,16}(?=\.)/g, 'style-APP'],
  [/favicon-[0-9a-f]{12,16}(?=\.)/g, 'favicon-APP'],
  [/'sha(256|384)-[A-Za-z0-9+/=]+'/g, "'sha$1-APP'"],
  [/"sha(256|384)-[A-Za-z0-9+/=]+"/g, '"sha$1-APP"'],
  [/const BUILD = '[0-9a-f]+'/g, "const BUILD = 'APP'"],
];

const TEXT = /\.(html|js|json|xml|txt|css|md|svg)$|(^|\/)_headers$/;

function files(dir) {
  const out = [];
  const walk = (at) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The manifest of the site in `dir`: "sha256  path" lines, sorted by path. */
export function manifest(dir) {
  const lines = [];
  for (const path of files(dir)) {
    // Precompressed copies follow their file; the app's own files are the app's.
    if (/\.(br|gz)$/.test(path) || APP.some((re) => re.test(path))) continue;
    let bytes = readFileSync(join(dir, path));
    // Diagrams are drawn by Mermaid in the machine's Chromium, with the machine's fonts:
    // their presence is recorded, not their bytes.
    if (/(^|\/)diagram-[0-9a-f]+(-dark)?\.svg$/.test(path)) bytes = Buffer.from('drawn diagram');
    else if (TEXT.test(path)) {
      let text = bytes.toString('utf8');
      for (const [re, to] of BUILD_SPECIFIC) text = text.replace(re, to);
      bytes = Buffer.from(text, 'utf8');
    }
    lines.push(`${createHash('sha256').update(bytes).digest('hex')}  ${path}`);
  }
  return lines.join('\n') + '\n';
}

function main() {
  const [command, name, dir] = process.argv.slice(2);
  if (!['check', 'update'].includes(command) || !name || !dir) {
    console.error('usage: node scripts/site-manifest.mjs check|update NAME DIR');
    process.exit(2);
  }
  const file = join(repo, 'tests/fixtures/manifests', `${name}.sha256`);
  const now = manifest(dir);
  if (command === 'update') {
    writeFileSync(file, now);
    console.error(`recorded ${file}`);
    return;
  }
  let recorded = '';
  try {
    recorded = readFileSync(file, 'utf8');
  } catch {
    console.error(`${file} is missing: record it with node scripts/site-manifest.mjs update ${name} ${dir}`);
    process.exit(1);
  }
  const parse = (text) => new Map(text.trim().split('\n').filter(Boolean).map((l) => [l.slice(66), l.slice(0, 64)]));
  const [was, is] = [parse(recorded), parse(now)];
  const changed = [];
  for (const [path, hash] of is) if (was.get(path) !== hash) changed.push(`${was.has(path) ? 'changed' : 'new'}: ${path}`);
  for (const path of was.keys()) if (!is.has(path)) changed.push(`gone: ${path}`);
  if (changed.length) {
    console.error(`${name}: blogtool build writes other files than recorded in ${relative(repo, file)}:\n  ${changed.join('\n  ')}`);
    console.error(`If every one is on purpose: UPDATE_MANIFESTS=1 bash scripts/test.sh (or node scripts/site-manifest.mjs update ${name} DIR), and name them in the commit.`);
    process.exit(1);
  }
  console.error(`${name}: ${is.size} files as recorded`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

// Builds the peers from the blog's own posts, and generates large corpora: everything the
// benchmark compares is made from the same Markdown files.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const here = new URL('.', import.meta.url).pathname;
const modules = join(here, 'node_modules');

/// Markdown posts in `dir` (the author registry and other files are not posts).
export function postFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
}

/// The front matter fields the peers need to list a post: title, date and description.
export function frontMatter(text) {
  const block = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  const field = (name) => {
    const m = new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(block);
    return m ? m[1].trim().replace(/^"(.*)"$/, '$1') : '';
  };
  return { title: field('title'), date: field('date'), description: field('description') };
}

/// docsify as its guide sets it up: an index page loading docsify from its npm package, a
/// README.md listing the posts (newest first), and the posts as they are.
export function buildDocsify(posts, images, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'posts'), { recursive: true });
  cpSync(join(here, 'docsify/index.html'), join(out, 'index.html'));
  cpSync(join(modules, 'docsify/lib/docsify.min.js'), join(out, 'docsify.min.js'));
  cpSync(join(modules, 'docsify/lib/plugins/front-matter.min.js'), join(out, 'front-matter.min.js'));
  // The theme imports Google Fonts; this machine (and a fair comparison) has no such host.
  const css = readFileSync(join(modules, 'docsify/lib/themes/vue.css'), 'utf8').replace(/@import url\([^)]*\);/, '');
  writeFileSync(join(out, 'vue.css'), css);
  const entries = postFiles(posts).map((file) => {
    const text = readFileSync(join(posts, file), 'utf8');
    writeFileSync(join(out, 'posts', file), text);
    return { file, ...frontMatter(text) };
  });
  entries.sort((a, b) => b.date.localeCompare(a.date));
  const list = entries
    .map((e) => `- [${e.title}](posts/${e.file.replace(/\.md$/, '')})  \n  ${e.date} · ${e.description}`)
    .join('\n');
  writeFileSync(join(out, 'README.md'), `# All posts\n\n${list}\n`);
  if (images) cpSync(images, join(out, 'images'), { recursive: true });
  return out;
}

/// Hugo with the minimal layout in bench/hugo; returns the output folder. The build itself
/// is timed by the caller.
export function hugoSource(posts, images, src) {
  rmSync(src, { recursive: true, force: true });
  mkdirSync(join(src, 'content/posts'), { recursive: true });
  cpSync(join(here, 'hugo'), src, { recursive: true });
  for (const file of postFiles(posts)) cpSync(join(posts, file), join(src, 'content/posts', file));
  if (images) cpSync(images, join(src, 'static/images'), { recursive: true });
  return src;
}

export function buildHugo(src, out) {
  rmSync(out, { recursive: true, force: true });
  execFileSync('hugo', ['--quiet', '-s', src, '-d', out], { stdio: 'inherit' });
  return out;
}

// A small deterministic generator: the same corpus on every run and every machine.
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = (
  'rust wasm browser server static render parse cache index memory thread async future ' +
  'markdown layout style network latency bundle compile module router signal effect ' +
  'résumé café naïve façade über crème coördinate el niño ' +
  'performance budget measure profile benchmark release deploy host cdn edge worker'
).split(' ');
// Real prose has a long tail of rare words, which is what makes a search index large: a made-up
// vocabulary of 6,000 words drawn with Zipf's law supplies it.
const SYLLABLES = 'ka lo mi ren tus bar vel dor qui zan pe sho ath in ul nor fi gra te mon'.split(' ');
const RARE = Array.from({ length: 6000 }, (_, i) => {
  let n = i + 7;
  let word = '';
  do {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return word;
});
const CUMULATIVE = [];
RARE.reduce((sum, _, i) => (CUMULATIVE[i] = sum + 1 / (i + 1)), 0);
function zipf(rnd) {
  const target = rnd() * CUMULATIVE[CUMULATIVE.length - 1];
  let [lo, hi] = [0, CUMULATIVE.length - 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUMULATIVE[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return RARE[lo];
}

const TAGS = ['rust', 'webassembly', 'web', 'performance', 'css', 'tooling', 'testing', 'design', 'data', 'security'];

/// `count` posts of about 3 KB each, with headings, lists, code, links and tags, written as
/// `post-00001.md`…; a CJK paragraph in every tenth so search and layout meet other scripts.
export function generateCorpus(count, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rnd = random(count);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const sentence = (n) => {
    const words = Array.from({ length: n }, () => (rnd() < 0.3 ? zipf(rnd) : pick(WORDS)));
    return words[0][0].toUpperCase() + words.join(' ').slice(1) + '.';
  };
  const paragraph = () => Array.from({ length: 4 + Math.floor(rnd() * 4) }, () => sentence(8 + Math.floor(rnd() * 10))).join(' ');
  const start = Date.UTC(2015, 0, 1);
  for (let i = 1; i <= count; i++) {
    const date = new Date(start + i * 6 * 3600 * 1000).toISOString().slice(0, 10);
    const tags = [...new Set([pick(TAGS), pick(TAGS)])];
    const body = [
      paragraph(),
      `## ${sentence(4).slice(0, -1)}`,
      paragraph(),
      `- ${sentence(5)}\n- ${sentence(6)}\n- [a link](https://example.com/${i})`,
      '```rust\nfn main() {\n    println!("post ' + i + '");\n}\n```',
      `### ${sentence(3).slice(0, -1)}`,
      paragraph(),
      i % 10 === 0 ? '静态网站生成器把文章渲染成网页。ブログの記事を検索できます。' : paragraph(),
    ].join('\n\n');
    const text = `---\ntitle: "Post ${i}: ${sentence(5).slice(0, -1)}"\ndate: ${date}\ndescription: ${sentence(12)}\ntags: [${tags.join(', ')}]\n---\n\n${body}\n`;
    writeFileSync(join(dir, `post-${String(i).padStart(5, '0')}.md`), text);
  }
  return dir;
}

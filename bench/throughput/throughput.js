// Times each Markdown renderer on the same corpus in the same page: warm-up first, then whole
// passes over the corpus until at least `seconds` have passed. Reports MB/s of Markdown in.
import init, { render_post, render_bare } from './bench_wasm.js';

const ready = (async () => {
  await init();
  return (await fetch('corpus.json')).json();
})();

const md = window.markdownit({ html: false, linkify: false });
const renderers = {
  // The blog's whole in-browser pipeline: encoding repair, front matter, Markdown, sanitizing.
  'rustblog pipeline (wasm)': (p) => render_post(p.file, p.source),
  'pulldown-cmark alone (wasm)': (p) => render_bare(p.source),
  marked: (p) => window.marked.parse(p.source),
  'markdown-it': (p) => md.render(p.source),
};

window.measure = async (seconds = 1) => {
  const corpus = await ready;
  const bytes = corpus.reduce((n, p) => n + new TextEncoder().encode(p.source).length, 0);
  const results = [];
  for (const [name, render] of Object.entries(renderers)) {
    let sink = 0;
    for (let i = 0; i < 3; i++) for (const p of corpus) sink += render(p).length;
    let passes = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < seconds * 1000) {
      for (const p of corpus) sink += render(p).length;
      passes++;
      elapsed = performance.now() - start;
    }
    results.push({ name, mbps: (bytes * passes) / 1e6 / (elapsed / 1000), passes, sink });
  }
  return { bytes, results };
};

// Times the post reader loaded the two ways issue 17 asked to compare, in the same page:
// as a module imported on the main thread (what the app does) and as a module Web Worker.
// `cold` is from asking to the first post parsed (download, compile, start, parse);
// `parse` is one more post once started; `main thread` is how long the page's own thread is
// busy per parse (the parse itself for the module; sending and receiving for the worker).

async function moduleReader() {
  const module = await import('./blog-parser.js');
  await module.default({ module_or_path: new URL('./blog-parser_bg.wasm', import.meta.url) });
  return (file, text) => {
    const start = performance.now();
    const answer = module.parse_post(file, text, '/');
    return Promise.resolve({ answer, busy: performance.now() - start });
  };
}

async function workerReader() {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const waiting = new Map();
  let next = 0;
  let busy = 0;
  worker.onmessage = ({ data: { id, answer } }) => {
    const start = performance.now();
    const done = waiting.get(id);
    waiting.delete(id);
    done({ answer, busy: busy + performance.now() - start });
  };
  return (file, text) =>
    new Promise((done) => {
      const start = performance.now();
      const id = next++;
      waiting.set(id, done);
      worker.postMessage({ id, file, text, base: '/' });
      busy = performance.now() - start;
    });
}

window.measureReader = async (mode, posts) => {
  const start = performance.now();
  const parse = await (mode === 'worker' ? workerReader() : moduleReader());
  const first = await parse(posts[0].file, posts[0].text);
  if (!first.answer.includes('"post"')) throw new Error(`the ${mode} reader failed: ${first.answer.slice(0, 200)}`);
  const cold = performance.now() - start;
  const latencies = [];
  const busy = [];
  for (let round = 0; round < 5; round++) {
    for (const p of posts) {
      const t = performance.now();
      const r = await parse(p.file, p.text);
      latencies.push(performance.now() - t);
      busy.push(r.busy);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cold, parse: median(latencies), busy: median(busy), maxBusy: Math.max(...busy) };
};

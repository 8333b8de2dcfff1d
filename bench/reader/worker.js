// The post reader run in a Web Worker (a module worker): the second of the two designs issue
// 17 asked to compare. The same wasm as the app's reader; posts come in and go out as messages.
import init, { parse_post } from './blog-parser.js';

const ready = init({ module_or_path: new URL('./blog-parser_bg.wasm', import.meta.url) });

onmessage = async ({ data: { id, file, text, base } }) => {
  await ready;
  postMessage({ id, answer: parse_post(file, text, base) });
};

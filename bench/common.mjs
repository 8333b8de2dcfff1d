// What the benchmark's scripts share: the post they open, how they know it is on screen, the
// local server they serve sites with, and the median they report.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

/// The seed post, which every navigation opens.
export const SEED = 'node-vs-python-backend';
/// A heading near the end of the seed post: the post is fully rendered once it is on screen.
export const END_OF_POST = 'clean UI design';

/// The median of a list of numbers.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/// Serves `dir` on `port` with the end-to-end tests' server (brotli like a CDN,
/// `application/wasm`, an SPA fallback); resolves to the child process once it listens.
export function serve(dir, port, extra = []) {
  const child = spawn('node', [join(root, 'tests/e2e/server.mjs'), dir, String(port), ...extra], { stdio: 'ignore' });
  return new Promise((ok) => setTimeout(() => ok(child), 400));
}

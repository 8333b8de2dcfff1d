// A static file server for end-to-end tests, behaving like the hosts the blog deploys to.
//
// usage: node server.mjs <dir> <port> [--prefix /blog/] [--no-fallback]
//
// - Files are served under the prefix (default `/`) with correct types, incl. application/wasm,
//   and a precompressed `.br`/`.gz` sibling when the browser accepts it, as a CDN would.
//   Text without such a sibling is brotli-compressed on the fly (and kept), as a CDN does for
//   sites that ship no precompressed files (the benchmark's peers).
// - A folder requested without its trailing slash is redirected to it (GitHub Pages, S3 and
//   most servers do this); a folder's index.html answers for it.
// - Unknown paths get index.html with status 200 (an SPA fallback, like Netlify's
//   `/* /index.html 200`), or with --no-fallback the site's 404.html with status 404, like a
//   plain static host.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const args = process.argv.slice(2);
const root = resolve(args[0] ?? 'dist');
const port = Number(args[1] ?? 4173);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const prefix = option('--prefix', '/');
const fallback = !flag('--no-fallback');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

async function kind(path) {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

async function send(req, res, status, path) {
  const headers = {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
  };
  // As public/_headers says: other sites may load the embeddable card.
  if (new URL(req.url, 'http://x').pathname.includes('/embed/')) {
    headers['access-control-allow-origin'] = '*';
  }
  const accepts = req.headers['accept-encoding'] ?? '';
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepts.includes(encoding) && (await kind(path + suffix)) === 'file') {
      headers['content-encoding'] = encoding;
      res.writeHead(status, headers);
      return res.end(await readFile(path + suffix));
    }
  }
  const body = await readFile(path);
  if (accepts.includes('br') && COMPRESSIBLE.has(extname(path))) {
    const key = `${path}:${body.length}`;
    if (!compressed.has(key)) {
      compressed.set(key, brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    }
    headers['content-encoding'] = 'br';
    res.writeHead(status, headers);
    return res.end(compressed.get(key));
  }
  res.writeHead(status, headers);
  res.end(body);
}

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.json', '.md', '.xml', '.yaml', '.svg', '.txt']);
const compressed = new Map();

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('outside the site');
    }
    const relative = decodeURIComponent(url.pathname.slice(prefix.length));
    const path = normalize(join(root, relative));
    if (!path.startsWith(root)) {
      res.writeHead(400);
      return res.end();
    }
    const found = await kind(path);
    if (found === 'file') return await send(req, res, 200, path);
    if (found === 'dir') {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        return res.end();
      }
      if ((await kind(join(path, 'index.html'))) === 'file') return await send(req, res, 200, join(path, 'index.html'));
    }
    if (fallback) return await send(req, res, 200, join(root, 'index.html'));
    if ((await kind(join(root, '404.html'))) === 'file') return await send(req, res, 404, join(root, '404.html'));
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(err));
  }
}).listen(port, '127.0.0.1', () =>
  console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}${fallback ? ' with SPA fallback' : ''}`),
);

// @ts-check
/**
 * Serves the built app (dist/) as plain static files under a sub-path, on 127.0.0.1, the way a patient's
 * host would: used by the browser tests and the bench, and by `npm run preview`. It sends the headers the
 * build wrote into `_headers` (the file Netlify and Cloudflare Pages read), and compresses text with brotli
 * or gzip as a real host does, so the tests and the bench run as deployed.
 *   node tests/serve.mjs [port] [base]      (defaults: 4173, /hs-diary/)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
});

export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * The rules of a `_headers` file: a path (`/*` and `/assets/*` end in a wildcard) and its headers.
 * @param {string} text
 * @returns {{ path: string, headers: [string, string][] }[]}
 */
export function parseHeadersFile(text) {
  /** @type {{ path: string, headers: [string, string][] }[]} */
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    const rule = rules.at(-1);
    if (colon === -1 || !rule) throw new Error(`_headers: cannot read "${line}"`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/**
 * @param {{ path: string, headers: [string, string][] }[]} rules
 * @param {string} path the request's path within the app's folder, starting with "/"
 * @returns {Record<string, string>}
 */
function headersFor(rules, path) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const rule of rules) {
    const matches = rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
    if (matches) for (const [name, value] of rule.headers) headers[name] = value;
  }
  return headers;
}

/** Without a `_headers` file (a build of something else, such as the bench's floor page): sensible caching. */
const DEFAULT_RULES = parseHeadersFile(
  [
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  Cache-Control: no-cache',
    '/assets/*',
    '  Cache-Control: public, max-age=31536000, immutable',
  ].join('\n'),
);

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.webmanifest', '.json', '.txt']);

/** Compressed bodies by file, modification time and encoding: each file is compressed once, as hosts do. */
/** @type {Map<string, Buffer>} */
const compressed = new Map();

/**
 * The body of `file` for a request that accepts `acceptEncoding`, compressed when the type is text.
 * @param {string} file
 * @param {string} acceptEncoding
 * @returns {{ body: Buffer, encoding: 'br' | 'gzip' | null }}
 */
function bodyFor(file, acceptEncoding) {
  const encoding = !COMPRESSIBLE.has(extname(file))
    ? null
    : /\bbr\b/.test(acceptEncoding)
      ? 'br'
      : /\bgzip\b/.test(acceptEncoding)
        ? 'gzip'
        : null;
  if (encoding === null) return { body: readFileSync(file), encoding };
  const key = `${file}:${statSync(file).mtimeMs}:${encoding}`;
  let body = compressed.get(key);
  if (!body) {
    const raw = readFileSync(file);
    body =
      encoding === 'br'
        ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(raw, { level: 9 });
    compressed.set(key, body);
  }
  return { body, encoding };
}

/**
 * @param {{ root?: string, base?: string, port?: number }} [options]
 * @returns {Promise<{ url: string, origin: string, close: () => Promise<void> }>}
 */
export function startServer({ root = DIST, base = '/hs-diary/', port = 0 } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No build in ${root}: run "npm run build" first.`);
  }
  const headersPath = join(root, '_headers');
  const rules = existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, 'utf8')) : DEFAULT_RULES;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === base.slice(0, -1) || url.pathname === '/') {
      response.writeHead(302, { Location: base });
      response.end();
      return;
    }
    if (!url.pathname.startsWith(base)) {
      response.writeHead(404).end('not found');
      return;
    }
    const relative = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
    const file = resolve(root, normalize(relative));
    if (!file.startsWith(resolve(root)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    const { body, encoding } = bodyFor(file, String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      Vary: 'Accept-Encoding',
      ...(encoding && { 'Content-Encoding': encoding }),
      ...headersFor(rules, `/${url.pathname.slice(base.length)}`),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolvePromise) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const origin = `http://127.0.0.1:${actualPort}`;
      resolvePromise({
        origin,
        url: `${origin}${base}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 4173);
  const base = process.argv[3] ?? '/hs-diary/';
  const { url } = await startServer({ port, base });
  console.log(`HS Diary served at ${url}`);
}

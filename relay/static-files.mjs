// @ts-check
/**
 * Static files served as a real host serves them: the headers the build wrote to `_headers` (the file
 * Netlify and Cloudflare Pages read), the right content types, and text compressed with brotli or gzip.
 * One copy for the two servers of the built app: the relay (one process deploying the app beside the API)
 * and the tests' and bench's host (tests/serve.mjs), so the tests run the app as the relay deploys it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** @type {Readonly<Record<string, string>>} */
const CONTENT_TYPES = {
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
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff2': 'font/woff2',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.webmanifest', '.json', '.txt', '.ttf', '.otf']);

/** @typedef {{ path: string, headers: [string, string][] }} HeaderRule */

/**
 * The rules of a `_headers` file: a path (`/*` and `/assets/*` end in a wildcard), then its headers indented.
 * @param {string} text
 * @returns {HeaderRule[]}
 */
export function parseHeadersFile(text) {
  /** @type {HeaderRule[]} */
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
 * The `_headers` rules of the build in `root`, or `fallback` when it wrote none (a build of something else).
 * @param {string} root
 * @param {HeaderRule[]} [fallback]
 * @returns {HeaderRule[]}
 */
export function readHeaderRules(root, fallback = []) {
  const file = resolve(root, '_headers');
  return existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : fallback;
}

/**
 * @param {HeaderRule[]} rules
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

/** Compressed bodies by file, modification time and encoding: each file is compressed once, as hosts do. */
/** @type {Map<string, Promise<Buffer>>} */
const compressed = new Map();

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/**
 * Above this size a file is compressed at brotli 5 / gzip 6, as a host compressing on the fly does: at
 * the top levels the 2.3 MB Chinese font subset took 7 s of CPU, and done synchronously that stalled every
 * other request of the server (the relay's API included) for as long.
 */
const LARGE_FILE_BYTES = 512 * 1024;

/**
 * The body of `file` for a request that accepts `acceptEncoding`, compressed when the type is text.
 * @param {string} file
 * @param {string} acceptEncoding
 * @returns {Promise<{ body: Buffer, encoding: 'br' | 'gzip' | null }>}
 */
async function bodyFor(file, acceptEncoding) {
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
    const isLarge = raw.length > LARGE_FILE_BYTES;
    // In the thread pool (async), so that one large file never holds up the requests behind it.
    body =
      encoding === 'br'
        ? brotliCompressAsync(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: isLarge ? 5 : 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          })
        : gzipAsync(raw, { level: isLarge ? 6 : 9 });
    compressed.set(key, body);
    body.catch(() => compressed.delete(key));
  }
  return { body: await body, encoding };
}

/**
 * Answers `request` with the file at `path` (within `root`, starting with "/"; a folder means its
 * index.html), or 404 for anything missing or outside `root`.
 * @param {{ root: string, rules: HeaderRule[], path: string }} where
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
export function sendStaticFile(where, request, response) {
  answerWithFile(where, request, response).catch(() => {
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end();
  });
}

/**
 * @param {{ root: string, rules: HeaderRule[], path: string }} where
 * @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response
 */
async function answerWithFile({ root, rules, path }, request, response) {
  const wanted = path.endsWith('/') ? `${path}index.html` : path;
  const file = resolve(root, normalize(`.${wanted}`));
  if (!file.startsWith(resolve(root) + sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const { body, encoding } = await bodyFor(file, String(request.headers['accept-encoding'] ?? ''));
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': body.length,
    Vary: 'Accept-Encoding',
    ...(encoding && { 'Content-Encoding': encoding }),
    ...headersFor(rules, path),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

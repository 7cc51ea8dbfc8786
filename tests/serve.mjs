// @ts-check
/**
 * Serves the built app (dist/) as plain static files under a sub-path, on 127.0.0.1, the way a patient's
 * host would: used by the browser tests and the bench, and by `npm run preview`. The files go out as the
 * relay serves them (relay/static-files.mjs: the build's `_headers`, content types, brotli or gzip), so the
 * tests and the bench run the app as deployed.
 *   node tests/serve.mjs [port] [base]      (defaults: 4173, /hs-diary/)
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHeadersFile, readHeaderRules, sendStaticFile } from '../relay/static-files.mjs';

export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

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

/**
 * @param {{ root?: string, base?: string, port?: number }} [options]
 * @returns {Promise<{ url: string, origin: string, close: () => Promise<void> }>}
 */
export function startServer({ root = DIST, base = '/hs-diary/', port = 0 } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No build in ${root}: run "npm run build" first.`);
  }
  const rules = readHeaderRules(root, DEFAULT_RULES);
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
    const path = `/${decodeURIComponent(url.pathname.slice(base.length))}`;
    sendStaticFile({ root, rules, path }, request, response);
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

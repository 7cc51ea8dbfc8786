/**
 * Serves the built app (dist/) beside the API, so one process deploys both on one origin and the app's
 * policy (`connect-src 'self'`) already covers the relay. The headers are those the build wrote to
 * `_headers` for static hosts (vite.config.ts), so the app is served as it would be anywhere else.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

interface HeaderRule {
  path: string;
  headers: [string, string][];
}

/** The rules of a `_headers` file (Netlify and Cloudflare Pages format): a path line, then indented headers. */
export function readHeaderRules(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const rule = rules.at(-1);
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: [] });
    else if (rule && line.includes(':'))
      rule.headers.push([line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]);
  }
  return rules;
}

export function staticApp(root: string): (request: IncomingMessage, response: ServerResponse) => void {
  const headersFile = join(root, '_headers');
  const rules = existsSync(headersFile) ? readHeaderRules(readFileSync(headersFile, 'utf8')) : [];
  return (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://relay').pathname);
    const wanted = path.endsWith('/') ? `${path}index.html` : path;
    const file = normalize(join(root, wanted));
    if (!file.startsWith(normalize(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end('Not found');
      return;
    }
    for (const rule of rules) {
      const matches = rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
      if (matches) for (const [name, value] of rule.headers) response.setHeader(name, value);
    }
    response.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    response.end(request.method === 'HEAD' ? undefined : readFileSync(file));
  };
}

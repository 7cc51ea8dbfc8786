/**
 * Serves the built app (dist/) beside the API, so one process deploys both on one origin and the app's
 * policy (`connect-src 'self'`) already covers the relay. It serves the app as any static host would
 * (static-files.mjs: the build's `_headers`, content types, compression).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readHeaderRules, sendStaticFile } from './static-files.mjs';

export function staticApp(root: string): (request: IncomingMessage, response: ServerResponse) => void {
  const rules = readHeaderRules(root);
  return (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://relay').pathname);
    sendStaticFile({ root, rules, path }, request, response);
  };
}

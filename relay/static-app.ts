/**
 * Serves the built app (dist/) beside the API, so one process deploys both on one origin and the app's
 * policy (`connect-src 'self'`) already covers the relay. It serves the app as any static host would
 * (static-files.mjs: the build's `_headers`, content types, compression).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readHeaderRules, sendStaticFile } from './static-files.mjs';

/** `path`: the request's path within the relay's base path, from "/", still URL-encoded. */
export function staticApp(root: string): (request: IncomingMessage, response: ServerResponse, path: string) => void {
  const rules = readHeaderRules(root);
  return (request, response, path) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      response.statusCode = 400;
      response.end();
      return;
    }
    sendStaticFile({ root, rules, path: decoded }, request, response);
  };
}

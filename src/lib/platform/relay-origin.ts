/**
 * The one build-time exception to "no request leaves the app's own origin": `VITE_RELAY_ORIGIN`, the
 * origin of a reminder relay hosted apart from the app. The build adds exactly that origin to the
 * policy's `connect-src` (vite.config.ts) and Settings offers it as the relay's address. Without it the
 * app reaches only a relay on its own origin (`./relay/`), which `'self'` already allows.
 */

/** The setting as an origin (`https://relay.example.org`), `undefined` when unset; anything else is refused. */
export function relayOriginSetting(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`VITE_RELAY_ORIGIN must be an origin such as https://relay.example.org, not "${trimmed}"`);
  }
  const isLocal = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocal))
    throw new Error(`VITE_RELAY_ORIGIN must use https (http only for localhost), not "${trimmed}"`);
  if (url.origin !== trimmed.replace(/\/$/, ''))
    throw new Error(`VITE_RELAY_ORIGIN must be an origin alone (no path, query or credentials), not "${trimmed}"`);
  return url.origin;
}

/** The policy's `connect-src`: the app's own origin, and the relay's when the build names one. */
export function connectSources(relayOrigin: string | undefined): string {
  return relayOrigin ? `connect-src 'self' ${relayOrigin}` : "connect-src 'self'";
}

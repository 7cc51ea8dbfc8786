/**
 * One relay: its store, VAPID keys, API, scheduler and (optionally) the built app, on one HTTP server.
 * `main.ts` starts one from the environment; tests and the bench start them with their own options.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api';
import { RateLimiter } from './rate-limit';
import { makeVapidKeys, webPushSender, type PushSender } from './push-sender';
import { Scheduler, type SchedulerOptions } from './scheduler';
import { staticApp } from './static-app';
import type { RelayStore } from './store/types';

/** Push services browsers subscribe with (Chrome/Edge via FCM, Firefox, Edge/Windows, Safari). */
export const KNOWN_PUSH_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'push.services.mozilla.com',
  'notify.windows.com',
  'push.apple.com',
];

/** An https endpoint on one of `hosts` or a subdomain of one. */
export function pushHostRule(hosts: readonly string[]): (url: URL) => boolean {
  return (url) =>
    url.protocol === 'https:' && hosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}

/**
 * A base path as the relay serves it, `/` or `/hs-diary/`: a leading and a trailing slash, segments of
 * URL-safe characters. Anything else is refused at start, with the setting's name.
 */
export function basePathOf(value: string | undefined): string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '' || trimmed === '/') return '/';
  const path = `/${trimmed.replace(/^\/+|\/+$/g, '')}/`;
  if (!/^(\/[A-Za-z0-9._~-]+)+\/$/.test(path) || path.split('/').some((part) => part === '.' || part === '..'))
    throw new Error(`RELAY_BASE_PATH must be a path such as /hs-diary/, not "${trimmed}"`);
  return path;
}

export interface RelayOptions {
  store: RelayStore;
  /**
   * Where the relay answers: the app at `basePath`, the API at `${basePath}relay/` (`/` by default; the
   * app served under `/hs-diary/` looks for its relay at `/hs-diary/relay/`).
   */
  basePath?: string;
  host?: string;
  port?: number;
  appOrigins?: readonly string[];
  appDir?: string | undefined;
  vapidSubject?: string;
  isPushEndpoint?: (url: URL) => boolean;
  rateLimit?: { requests: number; windowMs: number };
  trustProxy?: boolean;
  clock?: () => number;
  scheduler?: SchedulerOptions;
  /** Replaces the web-push sender (tests of the scheduler alone). */
  sender?: PushSender;
  log?: (message: string) => void;
}

export interface Relay {
  server: Server;
  scheduler: Scheduler;
  url: string;
  vapidPublicKey: string;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const clock = options.clock ?? Date.now;
  const vapid = await options.store.vapidKeys(makeVapidKeys);
  const sender =
    options.sender ?? webPushSender({ vapid, subject: options.vapidSubject ?? 'mailto:relay@example.invalid' });
  const scheduler = new Scheduler(options.store, sender, { clock, log: options.log, ...options.scheduler });
  const rateLimiter = new RateLimiter({ ...(options.rateLimit ?? { requests: 60, windowMs: 60_000 }), clock });
  const app = options.appDir ? staticApp(options.appDir) : undefined;
  const apiOptions = {
    store: options.store,
    vapidPublicKey: vapid.publicKey,
    rateLimiter,
    appOrigins: options.appOrigins ?? [],
    isPushEndpoint: options.isPushEndpoint ?? pushHostRule(KNOWN_PUSH_HOSTS),
    clock,
    trustProxy: options.trustProxy ?? false,
  };
  const basePath = basePathOf(options.basePath);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://relay');
    // The base without its slash is the app's address too: send the browser to the one its links work from.
    if (basePath !== '/' && url.pathname === basePath.slice(0, -1)) {
      response.statusCode = 308;
      response.setHeader('Location', `${basePath}${url.search}`);
      response.end();
      return;
    }
    // The path within the base, from "/": what the API and the app's files are found by.
    const path = url.pathname.startsWith(basePath) ? `/${url.pathname.slice(basePath.length)}` : undefined;
    if (path !== undefined && (path === '/relay' || path.startsWith('/relay/'))) {
      handleApi(request, response, apiOptions, path).catch((error: unknown) =>
        options.log?.(`request failed: ${String(error)}`),
      );
    } else if (path !== undefined && app && (request.method === 'GET' || request.method === 'HEAD'))
      app(request, response, path);
    else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    scheduler,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    vapidPublicKey: vapid.publicKey,
    async close() {
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/**
 * `npm run relay`: a reminder relay from the environment (see the README's "Reminder relay" section).
 *   RELAY_HOST, RELAY_PORT      where to listen (127.0.0.1:8787)
 *   RELAY_DATA_DIR              the SQLite file and nothing else (./relay-data); unused with DATABASE_URL
 *   DATABASE_URL                PostgreSQL, shared by several relays
 *   RELAY_BASE_PATH             serve the app at this path and the API at <path>relay/ (/; e.g. /hs-diary/)
 *   RELAY_APP_DIR               serve the built app from here too (dist/ when it exists)
 *   RELAY_APP_ORIGINS           other origins whose pages may call the API, comma-separated
 *   RELAY_VAPID_SUBJECT         a mailto: or https: contact for push services
 *   RELAY_PUSH_HOSTS            push service hosts to send to, comma-separated (the browsers' own by default)
 *   RELAY_TRUST_PROXY=1         behind one reverse proxy: rate-limit the address it appends to X-Forwarded-For
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { basePathOf, KNOWN_PUSH_HOSTS, pushHostRule, startRelay } from './relay';
import { openStore } from './store/open-store';

const env = process.env;
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.RELAY_DATA_DIR ?? 'relay-data') });
const defaultApp = resolve('dist');
const relay = await startRelay({
  store,
  host: env.RELAY_HOST ?? '127.0.0.1',
  port: Number(env.RELAY_PORT ?? 8787),
  basePath: env.RELAY_BASE_PATH,
  appDir: env.RELAY_APP_DIR ?? (existsSync(defaultApp) ? defaultApp : undefined),
  appOrigins: list(env.RELAY_APP_ORIGINS),
  vapidSubject: env.RELAY_VAPID_SUBJECT ?? 'mailto:relay@example.invalid',
  isPushEndpoint: pushHostRule(env.RELAY_PUSH_HOSTS ? list(env.RELAY_PUSH_HOSTS) : KNOWN_PUSH_HOSTS),
  trustProxy: env.RELAY_TRUST_PROXY === '1',
  log: (message) => console.log(`[relay] ${message}`),
});
relay.scheduler.start(1000);
console.log(`[relay] listening on ${relay.url}${basePathOf(env.RELAY_BASE_PATH)} (${store.kind} store)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void relay
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });

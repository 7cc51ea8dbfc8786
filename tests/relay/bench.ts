/**
 * The relay bench (`npm run bench:relay`, and section 7 of `npm run bench`): 10,000 reminders due in the
 * same minute, pushed by one relay through web-push (aes128gcm encryption each, VAPID-signed) to the fake
 * push service on 127.0.0.1, on the embedded store (SQLite) and on PostgreSQL. Prints the lag
 * from the due time to the last push the service received and the pushes per second.
 *
 * The relay runs as `npm run relay` runs it (a tick a second, default batch and concurrency); only its clock
 * is moved, so the due minute starts when the bench does. The reminders are written into the store
 * directly (the API's own path, without 10,000 HTTP requests). The fake service checks and decrypts one
 * push in 100, so its work takes little from the relay it measures; PostgreSQL keeps its durable defaults.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSecret } from '../../relay/api';
import { firstDueMs } from '../../relay/policy';
import { startRelay } from '../../relay/relay';
import { openStore } from '../../relay/store/open-store';
import type { RelayStore } from '../../relay/store/types';
import { startPostgres } from './ensure-postgres.mjs';
import { FakePushService } from './fake-push-service';
import { everyDay, newReminderId } from './harness';

const REMINDERS = Number(process.env.RELAY_BENCH_REMINDERS ?? 10_000);
const DUE_MS = Date.parse('2026-01-12T08:00:00Z');
const TIMEOUT_MS = 10 * 60_000;

interface Figures {
  store: string;
  fillMs: number;
  firstMs: number;
  medianMs: number;
  lastMs: number;
  perSecond: number;
  refusals: number;
}

async function fill(store: RelayStore, push: FakePushService): Promise<void> {
  const schedule = everyDay(['08:00'], 'Europe/London');
  const createdAt = DUE_MS - 3600_000;
  let next = 0;
  const writer = async () => {
    while (next < REMINDERS) {
      next++;
      const id = newReminderId();
      const subscription = push.subscribe();
      await store.putReminder(
        {
          id,
          secretHash: hashSecret(id),
          subscription: { endpoint: subscription.endpoint, ...subscription.keys },
          schedule,
        },
        () => true,
        (sentThroughMs) => firstDueMs(schedule, sentThroughMs, createdAt),
      );
    }
  };
  await Promise.all(Array.from({ length: store.kind === 'postgres' ? 8 : 1 }, writer));
}

async function measure(name: string, store: RelayStore): Promise<Figures> {
  const push = await FakePushService.start();
  push.verifyEvery = 100;
  try {
    const fillStart = performance.now();
    await fill(store, push);
    const fillMs = performance.now() - fillStart;
    // From here the relay's clock reads the due minute's first instant onwards.
    const startedAt = Date.now();
    const offsetMs = DUE_MS - startedAt;
    const relay = await startRelay({
      store,
      clock: () => Date.now() + offsetMs,
      isPushEndpoint: (url) => url.origin === push.url,
      vapidSubject: 'mailto:relay-bench@example.invalid',
    });
    push.vapidPublicKey = relay.vapidPublicKey;
    relay.scheduler.start(1000);
    try {
      while (push.deliveries.length < REMINDERS) {
        if (Date.now() - startedAt > TIMEOUT_MS)
          throw new Error(`only ${push.deliveries.length} of ${REMINDERS} pushes after ${TIMEOUT_MS / 1000} s`);
        if (push.refusals.length > 0) throw new Error(`the push service refused: ${push.refusals[0]}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await relay.close();
    }
    const times = push.deliveries.map((delivery) => delivery.atMs).sort((a, b) => a - b);
    const first = times[0] ?? startedAt;
    const last = times.at(-1) ?? startedAt;
    return {
      store: name,
      fillMs,
      firstMs: first - startedAt,
      medianMs: (times[Math.floor(times.length / 2)] ?? startedAt) - startedAt,
      lastMs: last - startedAt,
      perSecond: REMINDERS / Math.max((last - first) / 1000, 0.001),
      refusals: push.refusals.length,
    };
  } finally {
    await push.close();
  }
}

function print(rows: Figures[]): void {
  const line = (label: string, ...values: string[]) =>
    console.log(`  ${label.padEnd(42)}${values.map((value) => value.padStart(14)).join('')}`);
  console.log(
    `\n7. Reminder relay: ${REMINDERS.toLocaleString('en')} reminders due at the same minute\n${'─'.repeat(62)}`,
  );
  line('', ...rows.map((row) => row.store));
  line('writing the reminders', ...rows.map((row) => `${(row.fillMs / 1000).toFixed(1)} s`));
  line('due time to the first push received', ...rows.map((row) => `${(row.firstMs / 1000).toFixed(2)} s`));
  line('due time to half the pushes received', ...rows.map((row) => `${(row.medianMs / 1000).toFixed(2)} s`));
  line('due time to the last push received (lag)', ...rows.map((row) => `${(row.lastMs / 1000).toFixed(2)} s`));
  line('pushes per second', ...rows.map((row) => row.perSecond.toFixed(0)));
  line('pushes refused by the push service', ...rows.map((row) => String(row.refusals)));
  console.log('  One relay, a tick a second, 64 pushes in flight; each push encrypted by web-push, VAPID-signed.');
}

const results: Figures[] = [];
const dir = mkdtempSync(join(tmpdir(), 'hs-relay-bench-'));
try {
  const sqlite = await openStore({ dataDir: dir });
  try {
    results.push(await measure('SQLite', sqlite));
  } finally {
    await sqlite.close();
  }
  const postgres = await startPostgres({ durable: true });
  try {
    const store = await openStore({ databaseUrl: postgres.url, dataDir: dir });
    try {
      results.push(await measure('PostgreSQL', store));
    } finally {
      await store.close();
    }
  } finally {
    postgres.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
print(results);
console.log(
  `Relay: ${results.map((row) => `${row.store} lag ${(row.lastMs / 1000).toFixed(1)} s, ${row.perSecond.toFixed(0)}/s`).join(' · ')}`,
);

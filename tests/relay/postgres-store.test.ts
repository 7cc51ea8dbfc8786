/** The PostgreSQL store when the database drops its connections (a restart, a failover, an admin's kill). */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { PostgresStore } from '../../relay/store/postgres-store';
import { everyDay, makeDataPlace, newReminderId, type TestDataPlace } from './harness';

let place: TestDataPlace;
let store: PostgresStore;

beforeAll(async () => {
  place = await makeDataPlace('postgres', inject('postgresAdminUrl'));
  store = (await place.open()) as PostgresStore;
});
afterAll(async () => {
  await store.close();
  await place.remove();
});

it('survives the server ending its idle connections, and carries on with new ones', async () => {
  const record = (id: string) => ({
    id,
    secretHash: 'hash',
    subscription: { endpoint: 'https://push.example/x', p256dh: 'p', auth: 'a' },
    schedule: everyDay(['08:00'], 'UTC'),
  });
  // Several at once, so the pool holds several idle connections.
  await Promise.all(
    Array.from({ length: 4 }, () =>
      store.putReminder(
        record(newReminderId()),
        () => true,
        () => 0,
      ),
    ),
  );
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  const { rows } = await admin.query<{ killed: boolean }>(
    'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1',
    [place.databaseName],
  );
  await admin.end();
  expect(rows.filter((row) => row.killed).length).toBeGreaterThan(0);
  await sleep(200);

  expect(
    await store.scheduleDue(1, 100, (due) => ({ sendDueMs: [], nextDueMs: null, sentThroughMs: due.nextDueMs })),
  ).toBe(4);
});

it('hands each due reminder and each send to one caller only when many claim at once (SKIP LOCKED)', async () => {
  const others = [store, (await place.open()) as PostgresStore, (await place.open()) as PostgresStore];
  try {
    const schedule = everyDay(['08:00'], 'UTC');
    const ids = Array.from({ length: 200 }, () => newReminderId());
    for (const id of ids)
      await store.putReminder(
        {
          id,
          secretHash: 'hash',
          subscription: { endpoint: 'https://push.example/x', p256dh: 'p', auth: 'a' },
          schedule,
        },
        () => true,
        () => 1000,
      );
    const planned: string[] = [];
    const claims = others.flatMap((each) =>
      Array.from({ length: 4 }, async () => {
        while (
          (await each.scheduleDue(2000, 5, (due) => {
            planned.push(due.id);
            return { sendDueMs: [due.nextDueMs], nextDueMs: null, sentThroughMs: due.nextDueMs };
          })) > 0
        );
      }),
    );
    await Promise.all(claims);
    expect(planned.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());

    const leased: string[] = [];
    const leases = others.flatMap((each) =>
      Array.from({ length: 4 }, async () => {
        for (;;) {
          const jobs = await each.leaseSends(2000, 5, 1_000_000);
          if (jobs.length === 0) return;
          leased.push(...jobs.map((job) => job.reminderId));
        }
      }),
    );
    await Promise.all(leases);
    expect(leased.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  } finally {
    for (const other of others.slice(1)) await other.close();
  }
});

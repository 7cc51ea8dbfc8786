/**
 * Two relays on one PostgreSQL, ticking at the same moments over the same due reminders: each due time is
 * pushed exactly once, by one of them (rows are claimed with FOR UPDATE SKIP LOCKED and sends leased).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Relay } from '../../relay/relay';
import { hashSecret } from '../../relay/api';
import type { RelayStore } from '../../relay/store/types';
import { firstDueMs } from '../../relay/policy';
import { FakePushService } from './fake-push-service';
import { everyDay, makeDataPlace, newReminderId, startTestRelay, TestClock, type TestDataPlace } from './harness';

const REMINDERS = 100;
let push: FakePushService;
let place: TestDataPlace;
const stores: RelayStore[] = [];
const relays: Relay[] = [];
const clock = new TestClock('2026-01-10T07:00:00Z');

beforeAll(async () => {
  push = await FakePushService.start();
  place = await makeDataPlace('postgres', inject('postgresAdminUrl'));
  for (let index = 0; index < 2; index++) {
    const store = await place.open();
    stores.push(store);
    // Small batches, so the two relays' claims interleave rather than one taking everything at once.
    relays.push(await startTestRelay(store, push, clock, { scheduler: { batchSize: 16, concurrency: 8 } }));
  }
});
afterAll(async () => {
  for (const relay of relays) await relay.close();
  for (const store of stores) await store.close();
  await place.remove();
  await push.close();
});

it('sends each reminder’s due time exactly once between them', async () => {
  expect(relays[0]?.vapidPublicKey).toBe(relays[1]?.vapidPublicKey);
  const [first, second] = stores;
  if (!first || !second) throw new Error('two stores');
  const ids: string[] = [];
  for (let index = 0; index < REMINDERS; index++) {
    const id = newReminderId();
    ids.push(id);
    const sub = push.subscribe(`phone-${index}`);
    const schedule = everyDay(['08:00', '08:01'], 'Europe/London');
    await (index % 2 ? first : second).putReminder(
      { id, secretHash: hashSecret(id), subscription: { endpoint: sub.endpoint, ...sub.keys }, schedule },
      () => true,
      (sentThroughMs) => firstDueMs(schedule, sentThroughMs, clock.nowMs),
    );
  }

  for (const at of ['08:00:00', '08:00:01', '08:01:00', '08:01:30']) {
    clock.set(`2026-01-10T${at}Z`);
    await Promise.all(relays.flatMap((relay) => [relay.scheduler.tick(), relay.scheduler.tick()]));
  }

  expect(push.refusals).toEqual([]);
  const sent = push.deliveries.map((delivery) => JSON.stringify(delivery.payload));
  const expected = ids.flatMap((id) =>
    ['08:00', '08:01'].map((time) => JSON.stringify({ reminder: id, dueAtMs: Date.parse(`2026-01-10T${time}:00Z`) })),
  );
  expect(sent.length).toBe(expected.length);
  expect(new Set(sent)).toEqual(new Set(expected));
  expect(await place.rows('sends')).toEqual([]);
});

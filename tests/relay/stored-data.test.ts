/**
 * What the relay keeps, read from its tables around it: nothing but a push subscription (endpoint and
 * keys), the schedule (times, days, zone, anchor and end date), the capability secret's hash and the
 * scheduler's own times, plus its VAPID keys and the migrations it applied. Not the secret, not the
 * subscription's other fields, not the caller's address, and a body with anything more is refused whole.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Relay } from '../../relay/relay';
import type { RelayStore } from '../../relay/store/types';
import { FakePushService } from './fake-push-service';
import {
  call,
  makeDataPlace,
  putReminder,
  startTestRelay,
  TestClock,
  type StoreKind,
  type TestDataPlace,
} from './harness';

const ALLOWED_COLUMNS = {
  relay_keys: ['name', 'value'],
  reminders: [
    'id',
    'secret_hash',
    'endpoint',
    'p256dh',
    'auth',
    'times',
    'weekdays',
    'every_days',
    'anchor_date',
    'time_zone',
    'end_date',
    'next_due_ms',
    'sent_through_ms',
  ],
  schema_migrations: ['version', 'applied_at_ms'],
  sends: ['reminder_id', 'due_ms', 'attempts', 'next_attempt_ms'],
};

describe.each<StoreKind>(['sqlite', 'postgres'])('what the relay stores on %s', (kind) => {
  let push: FakePushService;
  let place: TestDataPlace;
  let store: RelayStore;
  let relay: Relay;
  const clock = new TestClock('2026-01-10T07:00:00Z');
  const id = 'reminder-0123456789';
  const secret = 'S'.repeat(43);
  let subscription: ReturnType<FakePushService['subscribe']>;

  beforeAll(async () => {
    push = await FakePushService.start();
    place = await makeDataPlace(kind, inject('postgresAdminUrl'));
    store = await place.open();
    relay = await startTestRelay(store, push, clock);
    subscription = push.subscribe('phone');
    const answer = await putReminder(relay, id, secret, subscription, {
      times: ['08:00', '20:00'],
      days: { everyDays: 2, anchor: '2026-01-09' },
      timeZone: 'Europe/London',
      endDate: '2026-06-30',
    });
    expect(answer.status).toBe(201);
    // A due time whose push failed is waiting in the outbox, so `sends` has a row to look at.
    push.answer = () => ({ status: 503 });
    clock.set('2026-01-11T08:00:00Z');
    await relay.scheduler.tick();
  });
  afterAll(async () => {
    await relay.close();
    await store.close();
    await place.remove();
    await push.close();
  });

  it('has these tables with these columns and no others', async () => {
    expect(await place.columns()).toEqual(ALLOWED_COLUMNS);
  });

  it('holds the subscription, the schedule, the secret’s hash and the scheduler’s times, exactly', async () => {
    expect(await place.rows('reminders')).toEqual([
      {
        id,
        secret_hash: createHash('sha256').update(secret).digest('base64url'),
        endpoint: subscription.endpoint,
        p256dh: subscription.keys.p256dh,
        auth: subscription.keys.auth,
        times: '["08:00","20:00"]',
        weekdays: null,
        every_days: 2,
        anchor_date: '2026-01-09',
        time_zone: 'Europe/London',
        end_date: '2026-06-30',
        // PostgreSQL's BIGINT arrives as a string.
        next_due_ms:
          kind === 'sqlite' ? Date.parse('2026-01-11T20:00:00Z') : String(Date.parse('2026-01-11T20:00:00Z')),
        sent_through_ms:
          kind === 'sqlite' ? Date.parse('2026-01-11T08:00:00Z') : String(Date.parse('2026-01-11T08:00:00Z')),
      },
    ]);
    const [send] = await place.rows('sends');
    expect(send).toMatchObject({ reminder_id: id, attempts: 1 });
    expect(Number(send?.due_ms)).toBe(Date.parse('2026-01-11T08:00:00Z'));
    expect((await place.rows('relay_keys')).map((row) => row.name)).toEqual(['vapid']);
  });

  it('keeps neither the secret nor the caller’s address anywhere', async () => {
    const everything = JSON.stringify(
      await Promise.all(Object.keys(ALLOWED_COLUMNS).map((table) => place.rows(table))),
    );
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('expirationTime');
    // The push service listens on 127.0.0.1 too; only its endpoint may name the address.
    expect(everything.replaceAll(push.url, '')).not.toContain('127.0.0.1');
  });

  it('refuses a body carrying anything beyond times, days, zone and end date, and writes nothing', async () => {
    for (const extra of [{ medicine: 'upadacitinib' }, { doseMg: 15 }, { name: 'Humira' }]) {
      const answer = await call(relay.url, 'PUT', '/relay/reminders/another-reminder-01', {
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          subscription,
          schedule: { times: ['09:00'], days: { weekdays: [1] }, timeZone: 'Europe/London', ...extra },
        }),
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: expect.stringContaining(Object.keys(extra)[0] ?? '') });
    }
    const outside = await call(relay.url, 'PUT', '/relay/reminders/another-reminder-02', {
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subscription,
        schedule: { times: ['09:00'], days: { weekdays: [1] }, timeZone: 'UTC' },
        note: 'x',
      }),
    });
    expect(outside.status).toBe(400);
    expect((await place.rows('reminders')).map((row) => row.id)).toEqual([id]);
  });
});

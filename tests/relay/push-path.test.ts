/**
 * The whole path, on both stores: a reminder PUT through the relay's HTTP API, the scheduler on the
 * relay's (test-driven) clock, web-push's real VAPID signature and aes128gcm encryption, and the fake push
 * service that checks the one and decrypts the other with the subscription's private key. Then the faults:
 * a restart mid-schedule, a gone subscription (410), a push service down for a while (5xx, 429).
 */
import { afterEach, beforeAll, afterAll, describe, expect, inject, it } from 'vitest';
import type { Relay } from '../../relay/relay';
import type { RelayStore } from '../../relay/store/types';
import { FakePushService } from './fake-push-service';
import {
  deleteReminder,
  everyDay,
  makeDataPlace,
  newReminderId,
  newSecret,
  putReminder,
  startTestRelay,
  TestClock,
  type StoreKind,
  type TestDataPlace,
} from './harness';

const LONDON = 'Europe/London';
const utc = (iso: string) => Date.parse(iso);

describe.each<StoreKind>(['sqlite', 'postgres'])('the relay on %s', (kind) => {
  let push: FakePushService;
  let place: TestDataPlace;
  let clock: TestClock;
  let store: RelayStore | undefined;
  let relay: Relay | undefined;

  beforeAll(async () => {
    push = await FakePushService.start();
  });
  afterAll(async () => {
    await push.close();
  });

  /** Start (or restart) the relay on the same data. */
  async function start(): Promise<Relay> {
    await stop();
    store = await place.open();
    relay = await startTestRelay(store, push, clock);
    return relay;
  }
  async function stop(): Promise<void> {
    await relay?.close();
    await store?.close();
    relay = undefined;
    store = undefined;
  }

  async function fresh(iso: string): Promise<Relay> {
    clock = new TestClock(iso);
    place = await makeDataPlace(kind, inject('postgresAdminUrl'));
    push.deliveries.length = 0;
    push.requests.length = 0;
    push.refusals.length = 0;
    push.answer = () => undefined;
    return start();
  }

  afterEach(async () => {
    await stop();
    await place.remove();
  });

  it('delivers a reminder at its local time as a push signed with the relay’s key that the subscription decrypts', async () => {
    // Saturday noon in London; the clocks go forward overnight, so 08:00 on Sunday is 07:00 UTC.
    const relay = await fresh('2026-03-28T12:00:00Z');
    const id = newReminderId();
    const subscription = push.subscribe('phone');
    const created = await putReminder(relay, id, newSecret(), subscription, everyDay(['08:00'], LONDON));
    expect(created).toMatchObject({ status: 201, body: { id, nextDueMs: utc('2026-03-29T07:00:00Z') } });

    clock.set('2026-03-29T06:59:59Z');
    await relay.scheduler.tick();
    expect(push.requests).toEqual([]);

    clock.set('2026-03-29T07:00:00Z');
    await relay.scheduler.tick();
    expect(push.refusals).toEqual([]);
    expect(push.deliveries).toHaveLength(1);
    const [delivery] = push.deliveries;
    expect(delivery?.payload).toEqual({ reminder: id, dueAtMs: utc('2026-03-29T07:00:00Z') });
    expect(delivery?.claims.aud).toBe(push.url);
    expect(delivery?.claims.exp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 24 * 3600);
    expect(delivery).toMatchObject({ subscription: 'phone', urgency: 'high', topic: expect.any(String) });
    // Worth delivering for as long as the device would still show it (12 hours).
    expect(delivery?.ttlS).toBe(12 * 3600);

    await relay.scheduler.tick();
    clock.advance(60_000);
    await relay.scheduler.tick();
    expect(push.deliveries).toHaveLength(1);
  });

  it('neither misses nor repeats a send across restarts, whether a send was pending or the relay was down at the time', async () => {
    let relay = await fresh('2026-01-10T07:00:00Z');
    const id = newReminderId();
    const subscription = push.subscribe('phone');
    await putReminder(relay, id, newSecret(), subscription, everyDay(['08:00', '14:00', '20:00'], LONDON));

    clock.set('2026-01-10T08:00:00Z');
    await relay.scheduler.tick();
    relay = await start();
    clock.set('2026-01-10T08:00:30Z');
    await relay.scheduler.tick();
    expect(push.deliveries.map((delivery) => delivery.payload)).toEqual([
      { reminder: id, dueAtMs: utc('2026-01-10T08:00:00Z') },
    ]);

    // At 14:00 the push service is down: the send waits in the outbox through a restart.
    push.answer = () => ({ status: 503 });
    clock.set('2026-01-10T14:00:00Z');
    await relay.scheduler.tick();
    relay = await start();
    push.answer = () => undefined;
    clock.set('2026-01-10T14:10:00Z');
    await relay.scheduler.tick();
    await relay.scheduler.tick();

    // At 20:00 the relay is down; it comes back at 20:05 and sends the 20:00 one, once.
    await stop();
    clock.set('2026-01-10T20:05:00Z');
    relay = await start();
    await relay.scheduler.tick();
    relay = await start();
    await relay.scheduler.tick();

    expect(push.refusals).toEqual([]);
    expect(push.deliveries.map((delivery) => delivery.payload)).toEqual(
      ['08:00', '14:00', '20:00'].map((time) => ({ reminder: id, dueAtMs: utc(`2026-01-10T${time}:00Z`) })),
    );
  });

  it('deletes a reminder whose push subscription is gone (410) and sends it nothing more', async () => {
    const relay = await fresh('2026-01-10T07:00:00Z');
    const id = newReminderId();
    const secret = newSecret();
    await putReminder(relay, id, secret, push.subscribe('old-phone'), everyDay(['08:00'], LONDON));
    push.unsubscribe('old-phone');

    clock.set('2026-01-10T08:00:00Z');
    await relay.scheduler.tick();
    expect(push.requests).toEqual([{ subscription: 'old-phone', status: 410 }]);
    expect(await place.rows('reminders')).toEqual([]);
    expect(await place.rows('sends')).toEqual([]);
    expect((await deleteReminder(relay, id, secret)).status).toBe(404);

    clock.set('2026-01-11T08:00:00Z');
    await relay.scheduler.tick();
    expect(push.requests).toHaveLength(1);
  });

  it('retries a push service answering 5xx with growing waits, and delivers once when it recovers', async () => {
    const relay = await fresh('2026-01-10T07:00:00Z');
    const id = newReminderId();
    await putReminder(relay, id, newSecret(), push.subscribe('phone'), everyDay(['08:00'], LONDON));
    let failures = 3;
    push.answer = () => (failures-- > 0 ? { status: failures === 1 ? 500 : 503 } : undefined);

    const attemptTimes: number[] = [];
    clock.set('2026-01-10T08:00:00Z');
    for (let second = 0; second < 60; second++) {
      const before = push.requests.length;
      await relay.scheduler.tick();
      if (push.requests.length > before) attemptTimes.push((clock.nowMs - utc('2026-01-10T08:00:00Z')) / 1000);
      clock.advance(1000);
    }
    // Waits of 5 s, 10 s and 20 s, each times 0.75 (the test's fixed jitter), rounded up to the next tick.
    expect(attemptTimes).toEqual([0, 4, 12, 27]);
    expect(push.requests.map((request) => request.status)).toEqual([503, 500, 503, 201]);
    expect(push.deliveries.map((delivery) => delivery.payload)).toEqual([
      { reminder: id, dueAtMs: utc('2026-01-10T08:00:00Z') },
    ]);
    expect(await place.rows('sends')).toEqual([]);
  });

  it('waits as long as a 429’s Retry-After asks before trying again', async () => {
    const relay = await fresh('2026-01-10T07:00:00Z');
    await putReminder(relay, newReminderId(), newSecret(), push.subscribe('phone'), everyDay(['08:00'], LONDON));
    let isThrottled = true;
    push.answer = () => (isThrottled ? { status: 429, headers: { 'retry-after': '120' } } : undefined);

    clock.set('2026-01-10T08:00:00Z');
    await relay.scheduler.tick();
    isThrottled = false;
    clock.set('2026-01-10T08:01:59Z');
    await relay.scheduler.tick();
    expect(push.deliveries).toHaveLength(0);
    clock.set('2026-01-10T08:02:00Z');
    await relay.scheduler.tick();
    expect(push.requests.map((request) => request.status)).toEqual([429, 201]);
  });

  it('follows a change of zone without repeating what was sent: London 08:00, then Shanghai 08:00', async () => {
    let relay = await fresh('2026-01-10T07:00:00Z');
    const id = newReminderId();
    const secret = newSecret();
    const subscription = push.subscribe('phone');
    await putReminder(relay, id, secret, subscription, everyDay(['08:00'], LONDON));
    clock.set('2026-01-10T08:00:00Z');
    await relay.scheduler.tick();

    // The patient lands in Shanghai at 09:00 London time; the app sends the new zone.
    clock.set('2026-01-10T09:00:00Z');
    const moved = await putReminder(relay, id, secret, subscription, everyDay(['08:00'], 'Asia/Shanghai'));
    expect(moved).toMatchObject({ status: 200, body: { nextDueMs: utc('2026-01-11T00:00:00Z') } });
    relay = await start();
    clock.set('2026-01-11T00:00:00Z');
    await relay.scheduler.tick();
    expect(push.deliveries.map((delivery) => delivery.payload)).toEqual([
      { reminder: id, dueAtMs: utc('2026-01-10T08:00:00Z') },
      { reminder: id, dueAtMs: utc('2026-01-11T00:00:00Z') },
    ]);
  });
});

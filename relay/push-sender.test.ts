/** The push sender against the fake push service: a valid VAPID JWT and payload, the JWT reused for an hour per push service. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakePushService } from '../tests/relay/fake-push-service';
import { makeVapidKeys, webPushSender } from './push-sender';
import type { SendJob } from './store/types';

let push: FakePushService;
beforeAll(async () => {
  push = await FakePushService.start();
});
afterAll(async () => {
  await push.close();
});

it('signs one JWT per push service an hour, each lasting 12 hours, and encrypts every payload for its subscription', async () => {
  const vapid = makeVapidKeys();
  push.vapidPublicKey = vapid.publicKey;
  let wallMs = Date.now();
  const sender = webPushSender({ vapid, subject: 'mailto:relay@example.invalid', wallClockMs: () => wallMs });
  const job = (name: string, dueMs: number): SendJob => {
    const subscription = push.subscribe(name);
    return {
      reminderId: `reminder-${name}-0000000`,
      dueMs,
      attempts: 0,
      subscription: { endpoint: subscription.endpoint, ...subscription.keys },
    };
  };
  const startMs = wallMs;
  expect(await sender.send(job('a', startMs), startMs)).toMatchObject({ status: 201 });
  wallMs += 59 * 60_000;
  expect(await sender.send(job('b', startMs), startMs)).toMatchObject({ status: 201 });
  wallMs += 2 * 60_000;
  expect(await sender.send(job('c', startMs), startMs)).toMatchObject({ status: 201 });

  expect(push.refusals).toEqual([]);
  const [a, b, c] = push.deliveries;
  expect(a?.payload).toEqual({ reminder: 'reminder-a-0000000', dueAtMs: startMs });
  expect(c?.payload).toEqual({ reminder: 'reminder-c-0000000', dueAtMs: startMs });
  expect(b?.token).toBe(a?.token);
  expect(c?.token).not.toBe(a?.token);
  expect(a?.claims.exp).toBe(Math.floor(startMs / 1000) + 12 * 3600);
  expect(c?.claims.exp).toBe(Math.floor(wallMs / 1000) + 12 * 3600);
});

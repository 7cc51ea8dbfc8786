/**
 * The relay's door, over real HTTP on 127.0.0.1: zod on every body with an error that names the field,
 * body size limits, the capability secret (only it changes or deletes a reminder; kept as a hash), the
 * per-address rate limit, and CORS for the app's own origins only. Pushes go nowhere here.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, makeDataPlace, newReminderId, newSecret, TestClock, type TestDataPlace } from '../tests/relay/harness';
import { MAX_BODY_BYTES } from './api';
import type { PushSender } from './push-sender';
import { basePathOf, startRelay, type Relay, type RelayOptions } from './relay';
import type { RelayStore } from './store/types';

const APP_ORIGIN = 'https://diary.example';
const subscription = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
  expirationTime: null,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
};
const schedule = { times: ['08:00'], days: { weekdays: [1, 3, 5] }, timeZone: 'Europe/London' };
const noPushes: PushSender = { send: () => Promise.reject(new Error('no pushes in API tests')) };

let place: TestDataPlace;
let store: RelayStore;
const clock = new TestClock('2026-01-10T07:00:00Z');
const relays: Relay[] = [];

async function relayWith(options: Partial<RelayOptions> = {}): Promise<Relay> {
  const relay = await startRelay({
    store,
    clock: clock.now,
    sender: noPushes,
    appOrigins: [APP_ORIGIN],
    rateLimit: { requests: 1000, windowMs: 60_000 },
    ...options,
  });
  relays.push(relay);
  return relay;
}

const json = (secret: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${secret}`,
  'content-type': 'application/json',
  ...extra,
});
const put = (relay: Relay, id: string, secret: string, body: unknown, headers: Record<string, string> = {}) =>
  call(relay.url, 'PUT', `/relay/reminders/${id}`, { headers: json(secret, headers), body: JSON.stringify(body) });

beforeAll(async () => {
  place = await makeDataPlace('sqlite', '');
  store = await place.open();
});
afterEach(async () => {
  for (const relay of relays.splice(0)) await relay.close();
});
afterAll(async () => {
  await store.close();
  await place.remove();
});

describe('validation at the door', () => {
  it('answers 400 naming the field, and writes nothing, for each kind of bad reminder', async () => {
    const relay = await relayWith();
    const cases: [unknown, string][] = [
      [{ subscription, schedule: { ...schedule, times: ['8:00'] } }, 'schedule.times.0: a time as HH:mm'],
      [{ subscription, schedule: { ...schedule, timeZone: 'Mars/Olympus' } }, 'schedule.timeZone: an IANA time zone'],
      [{ subscription, schedule: { ...schedule, medicine: 'adalimumab' } }, 'schedule: Unrecognized key: "medicine"'],
      [{ subscription, schedule, note: 'flare' }, 'body: Unrecognized key: "note"'],
      [{ subscription, schedule: { ...schedule, endDate: '2026-02-30' } }, 'schedule.endDate: a date as YYYY-MM-DD'],
      [{ subscription, schedule: { ...schedule, times: [] } }, 'schedule.times: at least one time'],
      [
        { subscription: { ...subscription, endpoint: 'https://evil.example/push' }, schedule },
        'subscription.endpoint: a push service endpoint this relay sends to',
      ],
      [
        { subscription: { ...subscription, endpoint: 'http://fcm.googleapis.com/fcm/send/abc' }, schedule },
        'subscription.endpoint: a push service endpoint',
      ],
      [
        { subscription: { ...subscription, keys: { ...subscription.keys, p256dh: 'short' } }, schedule },
        'subscription.keys.p256dh: Too small',
      ],
      [{ schedule }, 'subscription:'],
    ];
    for (const [body, message] of cases) {
      const answer = await put(relay, newReminderId(), newSecret(), body);
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 400,
        body: { error: expect.stringContaining(message) },
      });
    }
    expect(await place.rows('reminders')).toEqual([]);
  });

  it('refuses what is not a JSON body within 4 KB: 415, 400 and 413 (with or without a Content-Length)', async () => {
    const relay = await relayWith();
    const id = newReminderId();
    const secret = newSecret();
    const asText = await call(relay.url, 'PUT', `/relay/reminders/${id}`, {
      headers: json(secret, { 'content-type': 'text/plain' }),
      body: JSON.stringify({ subscription, schedule }),
    });
    expect(asText.status).toBe(415);
    const notJson = await call(relay.url, 'PUT', `/relay/reminders/${id}`, { headers: json(secret), body: '{"a":' });
    expect(notJson).toMatchObject({ status: 400, body: { error: 'the body is not JSON' } });
    const big = JSON.stringify({ subscription, schedule, padding: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await call(relay.url, 'PUT', `/relay/reminders/${id}`, { headers: json(secret), body: big });
    expect(declared.status).toBe(413);
    const chunked = await call(relay.url, 'PUT', `/relay/reminders/${id}`, {
      headers: json(secret),
      body: big,
      chunked: true,
    });
    expect(chunked.status).toBe(413);
    expect(await place.rows('reminders')).toEqual([]);
  });

  it('takes ids of 16 to 64 base64url characters and secrets of at least 32 random bytes', async () => {
    const relay = await relayWith();
    expect((await put(relay, 'short', newSecret(), { subscription, schedule })).status).toBe(400);
    expect((await put(relay, 'a/b'.repeat(8), newSecret(), { subscription, schedule })).status).toBe(404);
    expect((await put(relay, newReminderId(), 'too-short-a-secret', { subscription, schedule })).status).toBe(401);
    const noAuth = await call(relay.url, 'PUT', `/relay/reminders/${newReminderId()}`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subscription, schedule }),
    });
    expect(noAuth.status).toBe(401);
    expect(await place.rows('reminders')).toEqual([]);
  });
});

describe('the capability secret', () => {
  it('alone replaces or deletes its reminder, and is kept only as its SHA-256', async () => {
    const relay = await relayWith();
    const id = newReminderId();
    const secret = newSecret();
    const stranger = newSecret();
    expect(await put(relay, id, secret, { subscription, schedule })).toMatchObject({
      status: 201,
      body: { id, nextDueMs: Date.parse('2026-01-12T08:00:00Z') },
    });

    const hijack = await put(relay, id, stranger, {
      subscription: { ...subscription, endpoint: 'https://fcm.googleapis.com/fcm/send/attacker' },
      schedule,
    });
    expect(hijack).toMatchObject({ status: 403, body: { error: 'this secret does not own the reminder' } });
    expect((await call(relay.url, 'DELETE', `/relay/reminders/${id}`, { headers: json(stranger) })).status).toBe(403);
    const [row] = await place.rows('reminders');
    expect(row).toMatchObject({ endpoint: subscription.endpoint });
    expect(row?.secret_hash).toBe(createHash('sha256').update(secret).digest('base64url'));
    expect(JSON.stringify(row)).not.toContain(secret);

    const moved = await put(relay, id, secret, { subscription, schedule: { ...schedule, times: ['21:00'] } });
    expect(moved).toMatchObject({ status: 200, body: { nextDueMs: Date.parse('2026-01-12T21:00:00Z') } });
    expect((await call(relay.url, 'DELETE', `/relay/reminders/${id}`, { headers: json(secret) })).status).toBe(204);
    expect((await call(relay.url, 'DELETE', `/relay/reminders/${id}`, { headers: json(secret) })).status).toBe(404);
    expect(await place.rows('reminders')).toEqual([]);
  });
});

describe('rate limits', () => {
  it('lets an address make so many requests a window, then 429 until the window refills', async () => {
    const relay = await relayWith({ rateLimit: { requests: 3, windowMs: 60_000 } });
    const statuses = async (count: number) => {
      const out: number[] = [];
      for (let index = 0; index < count; index++)
        out.push((await call(relay.url, 'GET', '/relay/vapid-public-key')).status);
      return out;
    };
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    clock.advance(20_000);
    expect(await statuses(2)).toEqual([200, 429]);
    clock.advance(60_000);
    expect(await statuses(3)).toEqual([200, 200, 200]);
  });

  it('behind a proxy counts the address the proxy saw, which a client cannot forge by adding its own entries', async () => {
    const relay = await relayWith({ rateLimit: { requests: 2, windowMs: 60_000 }, trustProxy: true });
    const from = (forwardedFor: string) =>
      call(relay.url, 'GET', '/relay/vapid-public-key', { headers: { 'x-forwarded-for': forwardedFor } });
    // nginx's $proxy_add_x_forwarded_for appends the address it saw to whatever the client sent.
    const forged = [];
    for (let index = 0; index < 3; index++) forged.push((await from(`10.0.0.${index}, 203.0.113.7`)).status);
    expect(forged).toEqual([200, 200, 429]);
    expect((await from('203.0.113.8')).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless told a proxy sets it', async () => {
    const relay = await relayWith({ rateLimit: { requests: 1, windowMs: 60_000 } });
    const first = await call(relay.url, 'GET', '/relay/vapid-public-key', {
      headers: { 'x-forwarded-for': '1.1.1.1' },
    });
    const second = await call(relay.url, 'GET', '/relay/vapid-public-key', {
      headers: { 'x-forwarded-for': '2.2.2.2' },
    });
    expect([first.status, second.status]).toEqual([200, 429]);
  });
});

describe('CORS', () => {
  it('answers the app’s origin with its own Access-Control headers, and a preflight with the methods it takes', async () => {
    const relay = await relayWith();
    const preflight = await call(relay.url, 'OPTIONS', `/relay/reminders/${newReminderId()}`, {
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': APP_ORIGIN,
      'access-control-allow-methods': 'GET, PUT, DELETE',
      'access-control-allow-headers': 'Authorization, Content-Type',
      vary: 'Origin',
    });
    const created = await put(relay, newReminderId(), newSecret(), { subscription, schedule }, { origin: APP_ORIGIN });
    expect(created.status).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
  });

  it('serves pages on the relay’s own origin (the relay serving the app) without configuration', async () => {
    const relay = await relayWith({ appOrigins: [] });
    const answer = await call(relay.url, 'GET', '/relay/vapid-public-key', { headers: { origin: relay.url } });
    expect(answer).toMatchObject({ status: 200, body: { publicKey: relay.vapidPublicKey } });
  });

  it('refuses any other origin, preflight or not, with no Access-Control header and nothing written', async () => {
    const relay = await relayWith();
    const before = await place.rows('reminders');
    for (const origin of [
      'https://evil.example',
      'https://diary.example.evil.example',
      'null',
      'http://diary.example',
    ]) {
      const preflight = await call(relay.url, 'OPTIONS', `/relay/reminders/${newReminderId()}`, {
        headers: { origin, 'access-control-request-method': 'PUT' },
      });
      const attempt = await put(relay, newReminderId(), newSecret(), { subscription, schedule }, { origin });
      for (const answer of [preflight, attempt]) {
        expect(answer.status).toBe(403);
        expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      }
    }
    expect(await place.rows('reminders')).toEqual(before);
  });
});

describe('under a base path (RELAY_BASE_PATH)', () => {
  it('serves the app at the path and the API at <path>relay/, where the app served there looks for it', async () => {
    const appDir = mkdtempSync(join(tmpdir(), 'hs-diary-relay-app-'));
    try {
      writeFileSync(join(appDir, 'index.html'), '<!doctype html><title>HS Diary</title>');
      const relay = await relayWith({ basePath: '/hs-diary/', appDir });
      // The app under /hs-diary/ finds its relay at ./relay/ (relay-client.ts, defaultRelayUrl).
      const relayUrl = new URL('./relay/', `${relay.url}/hs-diary/`).href;
      const key = await fetch(new URL('vapid-public-key', relayUrl));
      expect([key.status, await key.json()]).toEqual([200, { publicKey: relay.vapidPublicKey }]);
      const id = newReminderId();
      const secret = newSecret();
      const created = await call(relay.url, 'PUT', `/hs-diary/relay/reminders/${id}`, {
        headers: json(secret),
        body: JSON.stringify({ subscription, schedule }),
      });
      expect(created.status).toBe(201);
      expect(
        (await call(relay.url, 'DELETE', `/hs-diary/relay/reminders/${id}`, { headers: json(secret) })).status,
      ).toBe(204);
      const page = await fetch(`${relay.url}/hs-diary/`);
      expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>HS Diary</title>']);
      const bare = await fetch(`${relay.url}/hs-diary?x=1`, { redirect: 'manual' });
      expect([bare.status, bare.headers.get('location')]).toEqual([308, '/hs-diary/?x=1']);
      // Nothing answers outside the base.
      expect((await fetch(`${relay.url}/relay/vapid-public-key`)).status).toBe(404);
      expect((await fetch(`${relay.url}/`)).status).toBe(404);
      expect((await fetch(`${relay.url}/hs-diaryx/relay/vapid-public-key`)).status).toBe(404);
    } finally {
      rmSync(appDir, { recursive: true, force: true });
    }
  });

  it('reads the setting with or without slashes, and refuses one that is not a plain path', () => {
    expect([basePathOf(undefined), basePathOf(''), basePathOf('/')]).toEqual(['/', '/', '/']);
    expect([basePathOf('hs-diary'), basePathOf('/hs-diary'), basePathOf('/apps/hs-diary/')]).toEqual([
      '/hs-diary/',
      '/hs-diary/',
      '/apps/hs-diary/',
    ]);
    for (const bad of ['/a b/', '/../etc/', 'https://x.example/', '/a?b/', '//'])
      expect(() => basePathOf(bad), bad).toThrow(/RELAY_BASE_PATH/);
  });
});

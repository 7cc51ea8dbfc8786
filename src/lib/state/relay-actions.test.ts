/**
 * Tests of relay-actions.ts, the service worker's own requests to the relay, against a fake relay (fetch)
 * and the real database code: a Snooze becomes a one-off relay reminder that comes back as the dose's
 * notification and is then deleted; a logged dose ends it; a new push subscription is given to the relay
 * for every reminder, or the state says it could not be.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiaryDatabase } from '../db/database';
import { addMedication } from '../db/medications-repository';
import { loadRelayState, updateRelayState } from '../db/relay-repository';
import { loadReminderState } from '../db/reminders-repository';
import { shouldNotify } from '../domain/reminder-state';
import type { RelayState } from '../domain/relay-plan';
import { remindersEn } from '../i18n/reminders.en';
import { handleNotificationAction } from '../../service-worker/notification-actions';
import { finishSnooze, forgetSnoozesOfDose, replaceSubscriptionOnRelay, snoozeOnRelay } from './relay-actions';
import { notificationForRelayPush } from '../../service-worker/relay-push';

const LONDON = 'Europe/London';
const DUE = Date.parse('2026-07-03T07:00:00Z'); // 08:00 in London
const PRESSED = DUE + 3 * 60_000 + 20_000; // Snooze pressed at 08:03:20
const UPA_ID = 'u'.repeat(22);
const DIARY_ID = 'd'.repeat(22);
const RELAY = 'https://relay.example/relay/';
const KEYS = { p256dh: 'P'.repeat(87), auth: 'A'.repeat(22) };
const dose = { medicationId: 'med-1', scheduledFor: '2026-07-03T08:00' };

interface Call {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}
let calls: Call[] = [];
let isRelayDown = false;
const puts = () => calls.filter((call) => call.method === 'PUT');
const deletes = () => calls.filter((call) => call.method === 'DELETE');

const relayState: RelayState = {
  isOn: true,
  relayUrl: RELAY,
  endpoint: 'https://fcm.googleapis.com/fcm/send/old',
  keys: KEYS,
  reminders: {
    'dose:med-1': {
      id: UPA_ID,
      secret: 's'.repeat(43),
      schedule: { times: ['08:00'], days: { everyDays: 1, anchor: '2026-06-01' }, timeZone: LONDON },
    },
    diary: {
      id: DIARY_ID,
      secret: 't'.repeat(43),
      schedule: { times: ['20:00'], days: { everyDays: 1, anchor: '2026-07-01' }, timeZone: LONDON },
    },
  },
  retired: [],
};

let db: DiaryDatabase;
beforeEach(async () => {
  calls = [];
  isRelayDown = false;
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    if (isRelayDown) return Promise.reject(new TypeError('Failed to fetch'));
    const url = new URL(input);
    calls.push({
      method: init.method ?? 'GET',
      path: url.pathname,
      authorization: new Headers(init.headers).get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    if (url.pathname === '/relay/vapid-public-key')
      return Promise.resolve(Response.json({ publicKey: 'B'.repeat(87) }));
    return Promise.resolve(
      new Response(init.method === 'DELETE' ? null : '{}', { status: init.method === 'DELETE' ? 204 : 201 }),
    );
  });
  db = new DiaryDatabase(`relay-actions-${crypto.randomUUID()}`);
  await db.open();
  await addMedication(
    db,
    { id: 'med-1', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' },
    {
      id: 'start',
      medicationId: 'med-1',
      date: '2026-06-01',
      kind: 'start',
      dose: { amount: 15, unit: 'mg' },
      frequency: 'once-daily',
    },
    '2026-07-03',
  );
  await updateRelayState(db, () => relayState);
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

describe('Snooze with the app closed', () => {
  it('asks the relay for one reminder at the minute the snooze runs out, which brings the dose back once and is then deleted', async () => {
    // The notification's Snooze: the device records it, then the worker tells the relay.
    expect(await handleNotificationAction(db, { kind: 'dose', ...dose }, 'snooze', PRESSED)).toBe('snoozed');
    expect(await snoozeOnRelay(db, dose, PRESSED, null, 'UTC')).toBe('on-relay');

    // 08:03:20 + 15 min = 08:18:20, rounded up to 08:19 London, that day only, with the device's own
    // subscription; a new id and secret; nothing about the dose.
    expect(puts()).toHaveLength(1);
    const [put] = puts();
    expect(put?.body).toEqual({
      subscription: { endpoint: relayState.endpoint, keys: KEYS },
      schedule: {
        times: ['08:19'],
        days: { everyDays: 1, anchor: '2026-07-03' },
        timeZone: LONDON,
        endDate: '2026-07-03',
      },
    });
    expect(JSON.stringify(put?.body)).not.toMatch(/med-1|Upadacitinib|upadacitinib|mg|08:00/);
    const [snooze] = (await loadRelayState(db))?.snoozes ?? [];
    expect(snooze).toMatchObject({ ...dose, dueAtMs: Date.parse('2026-07-03T07:19:00Z') });
    expect(put?.path).toBe(`/relay/reminders/${snooze?.id}`);
    expect(put?.authorization).toBe(`Bearer ${snooze?.secret}`);
    expect([UPA_ID, DIARY_ID]).not.toContain(snooze?.id);

    // The relay sends it at 08:19, its clock a minute ahead of this device's (08:18, before the snooze
    // runs out here at 08:18:20): the dose comes back all the same.
    const push = { reminder: snooze?.id ?? '', dueAtMs: snooze?.dueAtMs ?? 0 };
    const shown = await notificationForRelayPush(db, push, (snooze?.dueAtMs ?? 0) - 60_000, ['en-GB']);
    expect(shown).toMatchObject({
      tag: 'med-1@2026-07-03T08:00',
      title: remindersEn.notification.title('\u2068Upadacitinib\u2069 15 mg'),
      body: remindersEn.notification.body('08:00'),
      data: { kind: 'dose', ...dose },
      renotify: true,
    });
    expect(await notificationForRelayPush(db, push, snooze?.dueAtMs ?? 0, ['en-GB'])).toBeNull();
    // Shown early by this device's clock, the snooze is over for an open tab too, which neither closes
    // the notification as still snoozed nor announces the dose again at 08:18:20.
    const reminderState = await loadReminderState(db);
    expect(reminderState.snoozedUntil['med-1@2026-07-03T08:00']).toBe((snooze?.dueAtMs ?? 0) - 60_000);
    expect(shouldNotify('med-1@2026-07-03T08:00', reminderState, (snooze?.dueAtMs ?? 0) + 60_000)).toBe(false);

    // Fired: the worker deletes it on the relay with its own secret, and forgets it once confirmed.
    calls = [];
    await finishSnooze(db, push.reminder);
    expect(deletes()).toEqual([
      {
        method: 'DELETE',
        path: `/relay/reminders/${snooze?.id}`,
        authorization: `Bearer ${snooze?.secret}`,
        body: undefined,
      },
    ]);
    expect(await loadRelayState(db)).toMatchObject({ snoozes: [], retired: [] });
  });

  it('replaces a dose’s earlier snooze, and ends it when the dose is logged', async () => {
    await snoozeOnRelay(db, dose, PRESSED, null, LONDON);
    const [first] = (await loadRelayState(db))?.snoozes ?? [];
    calls = [];
    await snoozeOnRelay(db, dose, PRESSED + 16 * 60_000, null, LONDON);
    expect(deletes().map((call) => call.path)).toEqual([`/relay/reminders/${first?.id}`]);
    const [second, ...others] = (await loadRelayState(db))?.snoozes ?? [];
    expect(others).toEqual([]);
    expect(second?.id).not.toBe(first?.id);

    calls = [];
    await forgetSnoozesOfDose(db, dose);
    expect(deletes().map((call) => call.path)).toEqual([`/relay/reminders/${second?.id}`]);
    expect(await loadRelayState(db)).toMatchObject({ snoozes: [], retired: [] });
  });

  it('keeps a delete the relay did not confirm for the page’s next sync, and sends nothing with closed-app reminders off', async () => {
    await snoozeOnRelay(db, dose, PRESSED, null, LONDON);
    const [snooze] = (await loadRelayState(db))?.snoozes ?? [];
    isRelayDown = true;
    await finishSnooze(db, snooze?.id ?? '');
    expect(await loadRelayState(db)).toMatchObject({
      snoozes: [],
      retired: [{ id: snooze?.id, secret: snooze?.secret }],
    });

    isRelayDown = false;
    calls = [];
    await updateRelayState(db, (current) => (current ? { ...current, isOn: false } : null));
    expect(await snoozeOnRelay(db, dose, PRESSED, null, LONDON)).toBe('off');
    expect(calls).toEqual([]);
  });

  it('says it failed when the relay cannot be reached, and the browser’s live subscription wins over the recorded one', async () => {
    isRelayDown = true;
    expect(await snoozeOnRelay(db, dose, PRESSED, null, LONDON)).toBe('failed');
    isRelayDown = false;
    const live = { endpoint: 'https://fcm.googleapis.com/fcm/send/live', keys: KEYS };
    expect(await snoozeOnRelay(db, dose, PRESSED, live, LONDON)).toBe('on-relay');
    expect(puts().map((call) => (call.body as { subscription: { endpoint: string } }).subscription.endpoint)).toEqual([
      live.endpoint,
    ]);
  });
});

describe('a new push subscription while the app is closed', () => {
  const fresh = {
    endpoint: 'https://fcm.googleapis.com/fcm/send/new',
    keys: { p256dh: 'Q'.repeat(87), auth: 'C'.repeat(22) },
  };

  it('subscribes with the relay’s key and gives the relay every reminder again under the same id and secret', async () => {
    await updateRelayState(db, (current) => (current ? { ...current, isSubscriptionLost: true } : null));
    const subscribedWith: string[] = [];
    const outcome = await replaceSubscriptionOnRelay(db, (key) => {
      subscribedWith.push(key);
      return Promise.resolve(fresh);
    });
    expect(outcome).toBe('replaced');
    expect(subscribedWith).toEqual(['B'.repeat(87)]);
    expect(
      puts()
        .map((call) => [call.path, call.authorization, call.body])
        .sort(),
    ).toEqual(
      [
        [
          `/relay/reminders/${UPA_ID}`,
          `Bearer ${'s'.repeat(43)}`,
          { subscription: fresh, schedule: relayState.reminders['dose:med-1']?.schedule },
        ],
        [
          `/relay/reminders/${DIARY_ID}`,
          `Bearer ${'t'.repeat(43)}`,
          { subscription: fresh, schedule: relayState.reminders.diary?.schedule },
        ],
      ].sort(),
    );
    expect(await loadRelayState(db)).toMatchObject({
      endpoint: fresh.endpoint,
      keys: fresh.keys,
      isSubscriptionLost: false,
    });
  });

  it('records that it could not, for Settings to ask for closed-app reminders to be turned on again', async () => {
    isRelayDown = true;
    expect(await replaceSubscriptionOnRelay(db, () => Promise.resolve(fresh))).toBe('lost');
    expect(await loadRelayState(db)).toMatchObject({ endpoint: relayState.endpoint, isSubscriptionLost: true });
    isRelayDown = false;
    expect(await replaceSubscriptionOnRelay(db, () => Promise.reject(new Error('push service refused')))).toBe('lost');
    expect(puts()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiaryDatabase } from '../lib/db/database';
import { addMedication, saveRegimenEvent } from '../lib/db/medications-repository';
import { updateRelayState } from '../lib/db/relay-repository';
import { recordDose, saveReminder } from '../lib/db/reminders-repository';
import { updateSettings } from '../lib/db/settings-repository';
import type { RelayState } from '../lib/domain/relay-plan';
import { remindersEn } from '../lib/i18n/reminders.en';
import { handleNotificationAction } from './notification-actions';
import { notificationForRelayPush } from './relay-push';

const LONDON = 'Europe/London';
const DUE = Date.parse('2026-07-03T07:00:00Z'); // 08:00 in London
const UPA_ID = 'u'.repeat(22);
const DIARY_ID = 'd'.repeat(22);
let db: DiaryDatabase;

const relayState: RelayState = {
  isOn: true,
  relayUrl: 'https://relay.example/relay/',
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
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

beforeEach(async () => {
  db = new DiaryDatabase(`relay-push-${crypto.randomUUID()}`);
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
  await db.delete();
});

describe('a push from the relay', () => {
  it('shows the dose it stands for, worded from the device’s data, with the Taken and Snooze buttons, once', async () => {
    const shown = await notificationForRelayPush(db, { reminder: UPA_ID, dueAtMs: DUE }, DUE + 5_000, ['en-GB']);
    expect(shown).toEqual({
      tag: 'med-1@2026-07-03T08:00',
      title: remindersEn.notification.title('\u2068Upadacitinib\u2069 15 mg'),
      body: remindersEn.notification.body('08:00'),
      data: { kind: 'dose', medicationId: 'med-1', scheduledFor: '2026-07-03T08:00' },
      actions: [
        { action: 'taken', title: 'Taken' },
        { action: 'snooze', title: 'Snooze 15 min' },
      ],
    });
    // The open app's loop, or a second copy of the push, does not announce it again.
    expect(await notificationForRelayPush(db, { reminder: UPA_ID, dueAtMs: DUE }, DUE + 9_000, ['en-GB'])).toBeNull();
    // Its Taken button logs the dose as a tap on the app's own notification does.
    expect(await handleNotificationAction(db, shown?.data, 'taken', DUE + 60_000)).toBe('logged');
    expect(await db.doseLogs.count()).toBe(1);
  });

  it('speaks the patient’s language', async () => {
    await updateSettings(db, { locale: 'zh-CN' });
    const shown = await notificationForRelayPush(db, { reminder: UPA_ID, dueAtMs: DUE }, DUE, ['en-GB']);
    expect(shown?.title).toBe('该用\u2068乌帕替尼\u2069 15 毫克了');
  });

  it('shows nothing for a reminder the device no longer has, or with closed-app reminders off', async () => {
    const push = { reminder: 'x'.repeat(22), dueAtMs: DUE };
    expect(await notificationForRelayPush(db, push, DUE, ['en-GB'])).toBeNull();
    await updateRelayState(db, (current) => (current ? { ...current, isOn: false } : null));
    expect(await notificationForRelayPush(db, { reminder: UPA_ID, dueAtMs: DUE }, DUE, ['en-GB'])).toBeNull();
  });

  it('shows nothing for a dose already logged, one not due at that instant, a paused medicine, or a push 12 hours late', async () => {
    const push = { reminder: UPA_ID, dueAtMs: DUE };
    expect(await notificationForRelayPush(db, { ...push, dueAtMs: DUE + 60_000 }, DUE + 60_000, ['en'])).toBeNull();
    expect(await notificationForRelayPush(db, push, DUE + 13 * 3_600_000, ['en'])).toBeNull();
    await saveRegimenEvent(
      db,
      { id: 'pause', medicationId: 'med-1', date: '2026-07-03', kind: 'interruption', reason: 'infection' },
      '2026-07-03',
    );
    expect(await notificationForRelayPush(db, push, DUE, ['en'])).toBeNull();
    await db.regimenEvents.delete('pause');
    await recordDose(db, { medicationId: 'med-1', scheduledFor: '2026-07-03T08:00', status: 'taken', at: DUE - 1 });
    expect(await notificationForRelayPush(db, push, DUE, ['en'])).toBeNull();
  });

  it('reminds to log the day unless it is logged', async () => {
    const evening = Date.parse('2026-07-03T19:00:00Z');
    await saveReminder(db, { id: 'diary', kind: 'diary', times: ['20:00'], days: [], enabled: true });
    const shown = await notificationForRelayPush(db, { reminder: DIARY_ID, dueAtMs: evening }, evening, ['en']);
    expect(shown).toMatchObject({ tag: 'diary@2026-07-03', title: remindersEn.notification.diaryTitle, actions: [] });
    const nextEvening = evening + 86_400_000;
    await db.days.put({ date: '2026-07-04', pain: 2, updatedAt: nextEvening } as never);
    expect(
      await notificationForRelayPush(db, { reminder: DIARY_ID, dueAtMs: nextEvening }, nextEvening, ['en']),
    ).toBeNull();
  });
});

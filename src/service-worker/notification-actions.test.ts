import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventFactory } from '../../tests/factories/regimen-factory';
import { DiaryDatabase } from '../lib/db/database';
import { addMedication } from '../lib/db/medications-repository';
import { loadReminderState, updateReminderState } from '../lib/db/reminders-repository';
import { updateSettings } from '../lib/db/settings-repository';
import { buildPhases } from '../lib/domain/phases';
import { scheduledDoses } from '../lib/domain/schedule';
import { remindersEn } from '../lib/i18n/reminders.en';
import { remindersZhCN } from '../lib/i18n/reminders.zh-CN';
import { checkMissedDoses, handleNotificationAction } from './notification-actions';

const LONDON = 'Europe/London';
const NOW = Date.parse('2026-07-03T09:30:00Z'); // 10:30 in London
const dose = { kind: 'dose', medicationId: 'med-1', scheduledFor: '2026-07-03T08:00' };
let db: DiaryDatabase;

beforeEach(async () => {
  db = new DiaryDatabase(`sw-${crypto.randomUUID()}`);
  await db.open();
});

afterEach(async () => {
  await db.delete();
});

describe('a tap on a notification button', () => {
  it('logs the dose as taken under its stable id, once however often it is tapped', async () => {
    expect(await handleNotificationAction(db, dose, 'taken', NOW)).toBe('logged');
    expect(await handleNotificationAction(db, dose, 'taken', NOW + 60_000)).toBe('logged');
    expect(await db.doseLogs.toArray()).toEqual([
      {
        id: 'med-1@2026-07-03T08:00',
        medicationId: 'med-1',
        scheduledFor: '2026-07-03T08:00',
        status: 'taken',
        at: NOW,
      },
    ]);
  });

  it('snoozes the dose for 15 minutes, without logging it', async () => {
    expect(await handleNotificationAction(db, dose, 'snooze', NOW)).toBe('snoozed');
    expect((await loadReminderState(db)).snoozedUntil).toEqual({ 'med-1@2026-07-03T08:00': NOW + 15 * 60_000 });
    expect(await db.doseLogs.count()).toBe(0);
  });

  it('snoozes a dose of a medication with a long id under the same id the page gives that dose', async () => {
    const medicationId = 'm'.repeat(64);
    const longDose = { kind: 'dose', medicationId, scheduledFor: '2026-07-03T08:00' };
    expect(await handleNotificationAction(db, longDose, 'snooze', NOW)).toBe('snoozed');
    const [pageDose] = scheduledDoses(
      { medicationId, phases: buildPhases([eventFactory.start('2026-07-01', 15)], '2026-07-03') },
      '2026-07-03',
      '2026-07-03',
    );
    expect(pageDose?.id).toHaveLength(64);
    expect(Object.keys((await loadReminderState(db)).snoozedUntil)).toEqual([pageDose?.id]);
  });

  it('opens the app for a tap on the notification itself, the diary reminder, or data it does not understand', async () => {
    expect(await handleNotificationAction(db, dose, '', NOW)).toBe('open');
    expect(await handleNotificationAction(db, { kind: 'diary' }, 'taken', NOW)).toBe('open');
    expect(await handleNotificationAction(db, { kind: 'dose', medicationId: 'med-1' }, 'taken', NOW)).toBe('open');
    expect(await handleNotificationAction(db, 'junk', 'taken', NOW)).toBe('open');
    expect(await db.doseLogs.count()).toBe(0);
  });
});

describe('the background check', () => {
  beforeEach(async () => {
    await addMedication(
      db,
      { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' },
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
  });

  it('sums up doses of the last 24 hours nobody logged, once, in the patient’s language', async () => {
    await updateReminderState(db, (state) => ({
      ...state,
      trackedSince: { 'med-1': Date.parse('2026-06-01T00:00:00Z') },
    }));
    expect(await checkMissedDoses(db, NOW, LONDON, ['en-GB'])).toEqual({
      title: remindersEn.notification.missedTitle(1),
      body: remindersEn.notification.missedBody,
      count: 1,
    });
    expect(await checkMissedDoses(db, NOW, LONDON, ['en-GB'])).toBeNull();

    await updateSettings(db, { locale: 'zh-CN' });
    await db.meta.delete('reminderState');
    await updateReminderState(db, (state) => ({
      ...state,
      trackedSince: { 'med-1': Date.parse('2026-07-03T00:00:00Z') },
    }));
    expect(await checkMissedDoses(db, NOW, LONDON, ['en-GB'])).toEqual({
      title: remindersZhCN.notification.missedTitle(1),
      body: remindersZhCN.notification.missedBody,
      count: 1,
    });
  });

  it('says nothing about a medication the app has not followed yet', async () => {
    expect(await checkMissedDoses(db, NOW, LONDON, ['en-GB'])).toBeNull();
  });
});

import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { dayFactory } from '../../../tests/factories/day-factory';
import type { Medication } from '../domain/medication';
import { adherence } from '../domain/measures';
import { DiaryDatabase } from './database';
import { addMedication } from './medications-repository';
import {
  InvalidReminderError,
  isDayLogged,
  loadCalendarExportState,
  loadReminderState,
  loadScheduleInputs,
  recordDose,
  recordDoses,
  removeDoseLog,
  saveCalendarExportState,
  saveReminder,
  updateReminderState,
  watchScheduleInputs,
  type ScheduleInputs,
} from './reminders-repository';
import { unreadableRowCounts } from './unreadable-rows';

const upadacitinib: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' };
let db: DiaryDatabase;

beforeEach(async () => {
  db = new DiaryDatabase(`reminders-${crypto.randomUUID()}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('dose logs', () => {
  it('logs a dose once under its stable id, keeping the first time when it is logged again', async () => {
    const dose = { medicationId: 'med-1', scheduledFor: '2026-07-03T08:00', status: 'taken' as const };
    await recordDose(db, { ...dose, at: 1000 });
    await recordDose(db, { ...dose, at: 5000 }); // the same dose, from the notification
    expect(await db.doseLogs.toArray()).toEqual([{ id: 'med-1@2026-07-03T08:00', ...dose, at: 1000 }]);
    await recordDose(db, { ...dose, status: 'skipped', at: 6000 });
    expect(await db.doseLogs.toArray()).toEqual([
      { id: 'med-1@2026-07-03T08:00', ...dose, status: 'skipped', at: 6000 },
    ]);
  });

  it('writes several doses in one go, which adherence then counts', async () => {
    await recordDoses(db, [
      { medicationId: 'med-1', scheduledFor: '2026-07-01T08:00', status: 'taken', at: 1 },
      { medicationId: 'med-1', scheduledFor: '2026-07-02T08:00', status: 'skipped', at: 2 },
      { medicationId: 'med-1', scheduledFor: '2026-07-03T08:00', status: 'taken', at: 3 },
    ]);
    const logs = await db.doseLogs.toArray();
    expect(adherence(logs, 'med-1', '2026-07-01', '2026-07-03')).toEqual({ taken: 2, scheduled: 3, ratio: 2 / 3 });
    await removeDoseLog(db, 'med-1@2026-07-02T08:00');
    expect(await db.doseLogs.count()).toBe(2);
  });

  it('refuses a dose that does not pass the schema and writes nothing', async () => {
    await expect(
      recordDoses(db, [
        { medicationId: 'med-1', scheduledFor: '2026-07-01T08:00', status: 'taken', at: 1 },
        { medicationId: 'med-1', scheduledFor: '2026-07-01 8am', status: 'taken', at: 1 },
      ]),
    ).rejects.toBeInstanceOf(InvalidReminderError);
    expect(await db.doseLogs.count()).toBe(0);
  });
});

describe('reminders and schedule inputs', () => {
  it('saves a valid reminder and refuses an invalid one', async () => {
    const reminder = {
      id: 'dose:med-1',
      kind: 'dose',
      medicationId: 'med-1',
      times: ['09:30'],
      days: [4],
      enabled: true,
    };
    await saveReminder(db, reminder);
    await expect(saveReminder(db, { ...reminder, times: ['25:00'] })).rejects.toMatchObject({ fields: ['times'] });
    expect(await db.reminders.toArray()).toEqual([reminder]);
  });

  it('loads medications, events, reminders and the dose logs from a date on, skipping unreadable rows', async () => {
    await addMedication(db, upadacitinib, eventFactory.start('2026-06-01', 15), '2026-07-03');
    await recordDoses(db, [
      { medicationId: 'med-1', scheduledFor: '2026-06-20T08:00', status: 'taken', at: 1 },
      { medicationId: 'med-1', scheduledFor: '2026-07-01T08:00', status: 'taken', at: 1 },
    ]);
    await db.reminders.put({ id: 'broken', kind: 'nonsense' } as never);
    const before = unreadableRowCounts().get('reminders') ?? 0;
    const inputs = await loadScheduleInputs(db, '2026-06-26');
    expect(inputs.medications).toEqual([upadacitinib]);
    expect(inputs.events).toHaveLength(1);
    expect(inputs.reminders).toEqual([]);
    expect(inputs.doseLogs.map((log) => log.scheduledFor)).toEqual(['2026-07-01T08:00']);
    expect(unreadableRowCounts().get('reminders')).toBe(before + 1);
  });

  it('tells live followers about a dose logged elsewhere', async () => {
    const seen: ScheduleInputs[] = [];
    const stop = watchScheduleInputs(
      db,
      '2026-07-01',
      (inputs) => seen.push(inputs),
      () => undefined,
    );
    await expect.poll(() => seen.length).toBe(1);
    await recordDose(db, { medicationId: 'med-1', scheduledFor: '2026-07-03T08:00', status: 'taken', at: 1 });
    await expect.poll(() => seen.at(-1)?.doseLogs.length).toBe(1);
    stop();
  });

  it('says whether a day is logged', async () => {
    await db.days.put(dayFactory.build({ date: '2026-07-03' }));
    expect(await isDayLogged(db, '2026-07-03')).toBe(true);
    expect(await isDayLogged(db, '2026-07-02')).toBe(false);
  });
});

describe('notification and calendar state', () => {
  it('keeps which doses were announced and snoozed, and falls back to empty on junk', async () => {
    expect(await loadReminderState(db)).toEqual({ notifiedAt: {}, snoozedUntil: {}, trackedSince: {} });
    await updateReminderState(db, (state) => ({ ...state, notifiedAt: { a: 1 } }));
    await updateReminderState(db, (state) => ({ ...state, snoozedUntil: { a: 2 } }));
    expect(await loadReminderState(db)).toEqual({ notifiedAt: { a: 1 }, snoozedUntil: { a: 2 }, trackedSince: {} });
    await db.meta.put({ key: 'reminderState', value: 'junk' });
    expect(await loadReminderState(db)).toEqual({ notifiedAt: {}, snoozedUntil: {}, trackedSince: {} });
  });

  it('remembers what the last calendar file held', async () => {
    const state = { 'med-1-0800@hs-diary': { sequence: 2, start: '2026-07-01T08:00', intervalDays: 1, summary: 'x' } };
    await saveCalendarExportState(db, state);
    expect(await loadCalendarExportState(db)).toEqual(state);
  });
});

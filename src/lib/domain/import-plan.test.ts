/** What importing a backup would change here: new, changed and already here per table, and the settings after. */
import { describe, expect, it } from 'vitest';
import { BACKUP_EXPORTED_AT, backupFactory, emptyBackupTables } from '../../../tests/factories/backup-factory';
import { dayFactory } from '../../../tests/factories/day-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { quarantineRow, type BackupTable, type RawTables } from './backup-format';
import {
  backupCoversDevice,
  isNothingToImport,
  planImport,
  replacedCount,
  rowsToWrite,
  settingsAfterImport,
} from './import-plan';
import type { Medication } from './medication';

const medication: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };

/** Rows as the database hands them over, not validated: `tables`, the others empty. */
function raw(tables: Partial<Record<BackupTable, unknown[]>>): RawTables {
  return { ...emptyBackupTables(), ...tables };
}

describe('planImport', () => {
  const here = dayFactory.build({ date: '2026-11-01', pain: 2 });
  const same = dayFactory.build({ date: '2026-11-02', pain: 3 });

  it('sorts every row of the backup into new, different and already here, by primary key', () => {
    const newer = dayFactory.build({ date: '2026-11-01', pain: 7, updatedAt: here.updatedAt + 1 });
    const backup = backupFactory.build({ days: [same, newer, dayFactory.build({ date: '2026-11-03' })] });
    const plan = planImport(raw({ days: [here, same, dayFactory.build({ date: '2026-10-01' })] }), backup);
    expect(plan.tables.days.added.map((day) => day.date)).toEqual(['2026-11-03']);
    expect(plan.tables.days.newerInBackup).toEqual([newer]);
    expect(plan.tables.days.unchanged).toEqual([same]);
    expect(plan.tables.days.onlyHere).toBe(1);
    expect(isNothingToImport(plan)).toBe(false);
    expect(backupCoversDevice(plan, 'merge')).toBe(false);
    expect(backupCoversDevice(plan, 'replace')).toBe(true);
  });

  it('counts a row as unchanged whatever the key order, and whether an absent field is missing or undefined', () => {
    const reordered = Object.fromEntries(Object.entries(same).reverse());
    const plan = planImport(raw({ days: [{ ...reordered, itch: undefined }] }), backupFactory.build({ days: [same] }));
    expect(plan.tables.days.unchanged).toHaveLength(1);
    expect(isNothingToImport(plan)).toBe(true);
  });

  it('counts a day saved again with the same answers as already here', () => {
    const plan = planImport(
      raw({ days: [{ ...same, updatedAt: same.updatedAt + 5000 }] }),
      backupFactory.build({ days: [same] }),
    );
    expect(plan.tables.days.unchanged).toEqual([same]);
    expect(plan.tables.days.newerHere).toEqual([]);
  });

  it('notes unreadable rows here, and which of them a merge would overwrite', () => {
    const plan = planImport(
      raw({
        days: [
          { ...here, pain: 'bad' },
          { date: '2026-01-01', pain: -1 },
        ],
      }),
      backupFactory.build({ days: [here] }),
    );
    expect(plan.tables.days.newerInBackup).toEqual([here]);
    expect(plan.unreadableHere).toEqual([
      { table: 'days', key: here.date, row: { ...here, pain: 'bad' }, isOverwrittenByMerge: true },
      { table: 'days', key: '2026-01-01', row: { date: '2026-01-01', pain: -1 }, isOverwrittenByMerge: false },
    ]);
  });

  it('never lets an older backup row replace a newer one here: which way each differing row goes', () => {
    const hour = 3_600_000;
    const at = (day: number) => dayFactory.build().updatedAt + day * 24 * hour;
    const hereDays = [1, 2, 3, 4, 5].map((n) => dayFactory.build({ date: `2026-11-0${n}`, pain: 2, updatedAt: at(n) }));
    // Days 1-3 were edited later in the backup, days 4-5 later on this device.
    const backupDays = [1, 2, 3, 4, 5].map((n) =>
      dayFactory.build({ date: `2026-11-0${n}`, pain: 8, updatedAt: at(n) + (n <= 3 ? hour : -hour) }),
    );
    const dose = {
      id: 'dose-1',
      medicationId: 'med-1',
      scheduledFor: '2026-11-01T08:00',
      status: 'taken',
      at: at(1),
    } as const;
    const plan = planImport(
      raw({ days: hereDays, medications: [medication], doseLogs: [{ ...dose, status: 'skipped', at: at(2) }] }),
      backupFactory.build({
        days: backupDays,
        medications: [{ ...medication, color: '#ff7f0e' }],
        doseLogs: [dose],
      }),
    );
    expect(plan.tables.days.newerInBackup.map((day) => day.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(plan.tables.days.newerHere.map((day) => day.date)).toEqual(['2026-11-04', '2026-11-05']);
    expect(plan.tables.doseLogs.newerHere).toEqual([dose]);
    // A medicine carries no time of saving: neither version is newer, so a merge keeps this device's.
    expect(plan.tables.medications.undated).toEqual([{ ...medication, color: '#ff7f0e' }]);

    expect(rowsToWrite(plan.tables, 'days', 'merge').map((day) => day.date)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    expect(rowsToWrite(plan.tables, 'medications', 'merge')).toEqual([]);
    expect(rowsToWrite(plan.tables, 'doseLogs', 'merge')).toEqual([]);
    expect(rowsToWrite(plan.tables, 'days', 'backup-wins')).toHaveLength(5);
    expect(rowsToWrite(plan.tables, 'medications', 'backup-wins')).toHaveLength(1);
    expect(replacedCount(plan, 'merge')).toBe(3);
    expect(replacedCount(plan, 'backup-wins')).toBe(7);
    // What a merge keeps here is not in the backup, so the backup no longer covers this device.
    expect(backupCoversDevice(plan, 'merge')).toBe(false);
    expect(backupCoversDevice(plan, 'backup-wins')).toBe(true);
    expect(isNothingToImport(plan)).toBe(false);
  });

  it('keeps this device’s version when both were saved at the same moment but differ', () => {
    const plan = planImport(raw({ days: [here] }), backupFactory.build({ days: [{ ...here, pain: 9 }] }));
    expect(plan.tables.days.undated).toEqual([{ ...here, pain: 9 }]);
    expect(rowsToWrite(plan.tables, 'days', 'merge')).toEqual([]);
  });

  it('refuses a merge that would leave a medication with an impossible history, but not a replace', () => {
    const hereStart = eventFactory.start('2026-03-01', 15);
    const backupStart = eventFactory.start('2026-04-01', 30);
    const plan = planImport(
      raw({ medications: [medication], regimenEvents: [hereStart] }),
      backupFactory.build({ medications: [medication], regimenEvents: [backupStart] }),
    );
    expect(plan.mergeProblem).toEqual({
      kind: 'impossible-history',
      medication: 'Upadacitinib',
      date: '2026-04-01',
      problem: 'already-on',
      where: 'merged',
    });
    expect(plan.backupWinsProblem).toEqual(plan.mergeProblem);
  });

  it('checks the history a merge would really leave: a medication change kept here is not the backup’s', () => {
    const start = eventFactory.start('2026-03-01', 15);
    // The same event, moved in the backup to a date that does not fit this device's later stop.
    const stop = {
      ...eventFactory.start('2026-05-01', 15),
      id: 'stop-1',
      kind: 'stop' as const,
      reason: 'other' as const,
    };
    const moved = { ...start, date: '2026-06-01' };
    const plan = planImport(
      raw({ medications: [medication], regimenEvents: [start, stop] }),
      backupFactory.build({ medications: [medication], regimenEvents: [moved] }),
    );
    expect(plan.tables.regimenEvents.undated).toEqual([moved]);
    expect(plan.mergeProblem).toBeUndefined();
    expect(plan.backupWinsProblem).toMatchObject({ kind: 'impossible-history', where: 'merged' });
  });

  it('takes rows kept aside and other app state that this device does not have, and keeps its own', () => {
    const keptAside = quarantineRow('days', '2026-01-01', { date: 3 }, { schemaVersion: 1, movedAt: 5 });
    const state = { key: 'reminderState', value: { notifiedAt: { a: 1 } } };
    const plan = planImport(raw({}), backupFactory.build({ meta: [keptAside, state] }));
    expect(plan.meta).toEqual([keptAside, state]);
    const here = planImport(
      raw({ meta: [keptAside, { key: 'reminderState', value: { notifiedAt: {} } }] }),
      backupFactory.build({ meta: [keptAside, state] }),
    );
    expect(here.meta).toEqual([]);
    expect(isNothingToImport(here)).toBe(true);
  });
});

describe('settingsAfterImport', () => {
  const backup = backupFactory.build({
    meta: [{ key: 'settings', value: { locale: 'zh-CN', persistenceRequestedAt: 1 } }],
  });

  it('keeps this device’s settings, taking the backup’s language only when none was chosen here', () => {
    expect(settingsAfterImport({ locale: 'en', persistenceRequestedAt: 9 }, backup, false)).toEqual({
      locale: 'en',
      persistenceRequestedAt: 9,
    });
    expect(settingsAfterImport({}, backup, false)).toEqual({ locale: 'zh-CN' });
  });

  it('counts the backup as the last backup only when everything here is in it', () => {
    expect(settingsAfterImport({}, backup, true)).toEqual({ locale: 'zh-CN', lastBackupAt: BACKUP_EXPORTED_AT });
    expect(settingsAfterImport({ lastBackupAt: BACKUP_EXPORTED_AT + 1 }, backup, true)).toEqual({
      locale: 'zh-CN',
      lastBackupAt: BACKUP_EXPORTED_AT + 1,
    });
  });
});

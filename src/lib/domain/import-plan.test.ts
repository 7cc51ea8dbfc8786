/** What importing a backup would change here: new, changed and already here per table, and the settings after. */
import { describe, expect, it } from 'vitest';
import { BACKUP_EXPORTED_AT, backupFactory, emptyBackupTables } from '../../../tests/factories/backup-factory';
import { dayFactory } from '../../../tests/factories/day-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { quarantineRow, type BackupTable, type RawTables } from './backup-format';
import { backupCoversDevice, isNothingToImport, planImport, settingsAfterImport } from './import-plan';
import type { Medication } from './medication';

const medication: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };

/** Rows as the database hands them over, not validated: `tables`, the others empty. */
function raw(tables: Partial<Record<BackupTable, unknown[]>>): RawTables {
  return { ...emptyBackupTables(), ...tables };
}

describe('planImport', () => {
  const here = dayFactory.build({ date: '2026-11-01', pain: 2 });
  const same = dayFactory.build({ date: '2026-11-02', pain: 3 });

  it('sorts every row of the backup into new, changed and already here, by primary key', () => {
    const backup = backupFactory.build({
      days: [same, dayFactory.build({ date: '2026-11-01', pain: 7 }), dayFactory.build({ date: '2026-11-03' })],
    });
    const plan = planImport(raw({ days: [here, same, dayFactory.build({ date: '2026-10-01' })] }), backup);
    expect(plan.tables.days.added.map((day) => day.date)).toEqual(['2026-11-03']);
    expect(plan.tables.days.changed).toEqual([dayFactory.build({ date: '2026-11-01', pain: 7 })]);
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
    expect(plan.tables.days.changed).toEqual([]);
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
    expect(plan.tables.days.changed).toEqual([here]);
    expect(plan.unreadableHere).toEqual([
      { table: 'days', key: here.date, row: { ...here, pain: 'bad' }, isOverwrittenByMerge: true },
      { table: 'days', key: '2026-01-01', row: { date: '2026-01-01', pain: -1 }, isOverwrittenByMerge: false },
    ]);
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

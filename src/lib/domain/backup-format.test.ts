import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { diaryArbitrary } from '../../../tests/fixtures/diary-arbitrary';
import {
  BACKUP_TABLES,
  backupCoversDevice,
  backupNudge,
  buildBackup,
  dayCsvRows,
  isNothingToImport,
  MAX_BACKUP_BYTES,
  MAX_ROWS,
  medicationEventCsvRows,
  openBackupText,
  planImport,
  quarantineRow,
  serializeBackup,
  settingsAfterImport,
  type BackupFile,
  type BackupOpenResult,
  type BackupTables,
  type RawTables,
} from './backup-format';
import type { Medication } from './medication';

const SCHEMA = { schemaVersion: 1 };
const EXPORTED_AT = Date.UTC(2026, 10, 26, 9);
const DAY = 86_400_000;

const medication: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };

function emptyTables(): BackupTables {
  return { days: [], medications: [], regimenEvents: [], doseLogs: [], reminders: [], visits: [], meta: [] };
}

function backupOf(tables: Partial<BackupTables>): BackupFile {
  return buildBackup(
    { ...emptyTables(), ...tables },
    { appVersion: '0.1.0', schemaVersion: 1, exportedAt: EXPORTED_AT },
  );
}

/** A backup's text with some rows replaced by raw, possibly invalid values. */
function textWith(
  tables: Partial<Record<keyof BackupTables, unknown[]>>,
  header: Record<string, unknown> = {},
): string {
  const backup = backupOf({});
  return JSON.stringify({ ...backup, ...header, tables: { ...backup.tables, ...tables } });
}

function problemOf(result: BackupOpenResult) {
  expect(result.kind).toBe('problem');
  return result.kind === 'problem' ? result.problem : undefined;
}

function raw(tables: Partial<Record<keyof BackupTables, unknown[]>>): RawTables {
  return { ...emptyTables(), ...tables };
}

describe('openBackupText', () => {
  it('reads back what it wrote, and drops fields it does not know', () => {
    const backup = backupOf({ days: [dayFactory.build()], medications: [medication] });
    const text = JSON.stringify({
      ...backup,
      tables: { ...backup.tables, days: [{ ...dayFactory.build(), injected: '<script>' }] },
    });
    const result = openBackupText(text, SCHEMA);
    expect(result).toEqual({
      kind: 'plain',
      backup: { ...backup, tables: { ...backup.tables, days: [dayFactory.build()] } },
    });
  });

  it('names the table, row and field of a bad row, counting the others', () => {
    const days = Array.from({ length: 14 }, (_, index) =>
      dayFactory.build({ date: `2026-01-${String(index + 1).padStart(2, '0')}` }),
    );
    const rows: unknown[] = [...days];
    rows[11] = { ...days[11], pain: 11 };
    rows[13] = { ...days[13], drainage: 9 };
    expect(problemOf(openBackupText(textWith({ days: rows }), SCHEMA))).toEqual({
      kind: 'bad-row',
      table: 'days',
      row: 12,
      field: 'pain',
      issue: { kind: 'too-big', limit: 10, unit: 'number' },
      otherBadRows: 1,
    });
  });

  it.each([
    ['a missing field', { ...dayFactory.build(), pain: undefined }, 'pain', { kind: 'missing' }],
    ['a fraction', { ...dayFactory.build(), pain: 4.5 }, 'pain', { kind: 'not-whole-number' }],
    ['a text for a number', { ...dayFactory.build(), drainage: 'lots' }, 'drainage', { kind: 'wrong-type' }],
    ['30 February', dayFactory.build({ date: '2026-02-30' }), 'date', { kind: 'not-a-date' }],
    ['a region without a flare', dayFactory.build({ regions: ['back'] }), 'regions', { kind: 'regions-without-flare' }],
    [
      'an unknown region',
      dayFactory.build({ flare: true, regions: ['elbow' as never] }),
      'regions.0',
      { kind: 'not-allowed' },
    ],
    [
      'a long note',
      dayFactory.build({ note: 'x'.repeat(2001) }),
      'note',
      { kind: 'too-big', limit: 2000, unit: 'characters' },
    ],
    [
      'a nested count',
      dayFactory.build({ lesions: { nodules: 100, abscesses: 0, drainingTunnels: 0 } }),
      'lesions.nodules',
      { kind: 'too-big', limit: 99, unit: 'number' },
    ],
    ['not a row at all', 42, '', { kind: 'wrong-type' }],
  ])('describes %s', (_name, row, field, issue) => {
    expect(problemOf(openBackupText(textWith({ days: [row] }), SCHEMA))).toMatchObject({
      kind: 'bad-row',
      row: 1,
      field,
      issue,
    });
  });

  it('checks the settings, and keeps other app state as bounded JSON', () => {
    expect(
      problemOf(openBackupText(textWith({ meta: [{ key: 'settings', value: { locale: 'fr' } }] }), SCHEMA)),
    ).toMatchObject({
      table: 'meta',
      field: 'value.locale',
      issue: { kind: 'not-allowed' },
    });
    const reminderState = { key: 'reminderState', value: { notifiedAt: { a: 1 } } };
    const opened = openBackupText(textWith({ meta: [reminderState] }), SCHEMA);
    expect(opened.kind === 'plain' && opened.backup.tables.meta).toEqual([reminderState]);
    expect(
      problemOf(openBackupText(textWith({ meta: [{ key: 'x', value: 'y'.repeat(1_000_001) }] }), SCHEMA)),
    ).toMatchObject({
      table: 'meta',
      field: 'value',
    });
    expect(problemOf(openBackupText(textWith({ meta: [{ key: '', value: 1 }] }), SCHEMA))).toMatchObject({
      field: 'key',
    });
  });

  it('refuses two rows with the same key', () => {
    const day = dayFactory.build();
    expect(
      problemOf(openBackupText(textWith({ days: [day, dayFactory.build({ date: '2026-01-01' }), day] }), SCHEMA)),
    ).toEqual({
      kind: 'duplicate-row',
      table: 'days',
      row: 3,
      firstRow: 1,
      key: day.date,
    });
  });

  it('refuses events of a medication that is not in the backup, and impossible histories', () => {
    const orphan = eventFactory.start('2026-03-01', 15);
    expect(problemOf(openBackupText(textWith({ regimenEvents: [orphan] }), SCHEMA))).toMatchObject({
      table: 'regimenEvents',
      row: 1,
      field: 'medicationId',
      issue: { kind: 'unknown-medication' },
    });
    const history = [eventFactory.doseChange('2026-02-01', 30), eventFactory.start('2026-03-01', 15)];
    expect(problemOf(openBackupText(textWith({ medications: [medication], regimenEvents: history }), SCHEMA))).toEqual({
      kind: 'impossible-history',
      medication: 'Upadacitinib',
      date: '2026-02-01',
      problem: 'before-start',
      where: 'backup',
    });
  });

  it('accepts histories and days dated after today: the clock of the device that made it may differ', () => {
    const result = openBackupText(
      textWith({
        days: [dayFactory.build({ date: '2199-12-31' })],
        medications: [medication],
        regimenEvents: [eventFactory.start('2199-12-30', 15)],
      }),
      SCHEMA,
    );
    expect(result.kind).toBe('plain');
  });

  it('refuses a backup of a newer format or schema, plain or encrypted', () => {
    expect(problemOf(openBackupText(textWith({}, { formatVersion: 2 }), SCHEMA))).toEqual({ kind: 'newer-version' });
    expect(problemOf(openBackupText(textWith({}, { schemaVersion: 2 }), SCHEMA))).toEqual({ kind: 'newer-version' });
    const encrypted = JSON.stringify({ format: 'hs-diary-backup-encrypted', formatVersion: 3, ciphertext: 'AAAA' });
    expect(problemOf(openBackupText(encrypted, SCHEMA))).toEqual({ kind: 'newer-version' });
  });

  it('tells a file that is not a backup from a damaged one and from a spreadsheet', () => {
    const full = serializeBackup(backupOf({ days: [dayFactory.build()] }));
    expect(problemOf(openBackupText('hello', SCHEMA))).toEqual({ kind: 'not-backup' });
    expect(problemOf(openBackupText('{"name":"something else"}', SCHEMA))).toEqual({ kind: 'not-backup' });
    expect(problemOf(openBackupText('[1,2]', SCHEMA))).toEqual({ kind: 'not-backup' });
    expect(problemOf(openBackupText(full.slice(0, full.length - 20), SCHEMA))).toEqual({ kind: 'damaged' });
    expect(problemOf(openBackupText('\uFEFFdate,pain,drainage\r\n2026-01-01,3,1\r\n', SCHEMA))).toEqual({
      kind: 'spreadsheet',
    });
    const withoutDays = Object.fromEntries(Object.entries(backupOf({}).tables).filter(([table]) => table !== 'days'));
    expect(problemOf(openBackupText(JSON.stringify({ ...backupOf({}), tables: withoutDays }), SCHEMA))).toEqual({
      kind: 'damaged',
      table: 'days',
    });
    expect(problemOf(openBackupText(textWith({}, { exportedAt: 'yesterday' }), SCHEMA))).toEqual({ kind: 'damaged' });
  });

  it('bounds the size of the file and of every table', () => {
    expect(problemOf(openBackupText(' '.repeat(MAX_BACKUP_BYTES + 1), SCHEMA))).toMatchObject({ kind: 'too-large' });
    const tooMany = Array.from({ length: MAX_ROWS.medications + 1 }, () => medication);
    expect(problemOf(openBackupText(textWith({ medications: tooMany }), SCHEMA))).toEqual({
      kind: 'too-many-rows',
      table: 'medications',
      maxRows: MAX_ROWS.medications,
    });
  });

  it('hands back the envelope of an encrypted backup, and refuses ciphers it does not use', () => {
    const envelope = {
      format: 'hs-diary-backup-encrypted',
      formatVersion: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: 'A'.repeat(22) + '==' },
      cipher: { name: 'AES-GCM', iv: 'B'.repeat(16) },
      ciphertext: 'QUJD',
    };
    expect(openBackupText(JSON.stringify(envelope), SCHEMA)).toEqual({ kind: 'encrypted', envelope });
    expect(
      problemOf(openBackupText(JSON.stringify({ ...envelope, cipher: { name: 'AES-CBC', iv: 'x' } }), SCHEMA)),
    ).toEqual({
      kind: 'unsupported-encryption',
    });
    expect(problemOf(openBackupText(JSON.stringify({ ...envelope, ciphertext: '***' }), SCHEMA))).toEqual({
      kind: 'damaged',
    });
  });

  it('never throws, whatever it is given (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.anything().map((value) => {
            try {
              return JSON.stringify(value) ?? 'undefined';
            } catch {
              return String(typeof value);
            }
          }),
          fc
            .record({
              format: fc.constantFrom('hs-diary-backup', 'hs-diary-backup-encrypted'),
              formatVersion: fc.anything(),
              schemaVersion: fc.anything(),
              tables: fc.anything(),
            })
            .map((value) => JSON.stringify(value) ?? ''),
        ),
        (text) => {
          const result = openBackupText(text, SCHEMA);
          expect(['plain', 'encrypted', 'problem']).toContain(result.kind);
        },
      ),
    );
  });

  it('reads back any valid diary exactly (property)', () => {
    fc.assert(
      fc.property(diaryArbitrary, (tables) => {
        const backup = backupOf(tables);
        expect(openBackupText(serializeBackup(backup), SCHEMA)).toEqual({ kind: 'plain', backup });
      }),
      { numRuns: 60 },
    );
  });
});

describe('planImport', () => {
  const here = dayFactory.build({ date: '2026-11-01', pain: 2 });
  const same = dayFactory.build({ date: '2026-11-02', pain: 3 });

  it('sorts every row of the backup into new, changed and already here, by primary key', () => {
    const backup = backupOf({
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
    const plan = planImport(raw({ days: [{ ...reordered, itch: undefined }] }), backupOf({ days: [same] }));
    expect(plan.tables.days.unchanged).toHaveLength(1);
    expect(isNothingToImport(plan)).toBe(true);
  });

  it('counts a day saved again with the same answers as already here', () => {
    const plan = planImport(raw({ days: [{ ...same, updatedAt: same.updatedAt + 5000 }] }), backupOf({ days: [same] }));
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
      backupOf({ days: [here] }),
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
      backupOf({ medications: [medication], regimenEvents: [backupStart] }),
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
    const plan = planImport(raw({}), backupOf({ meta: [keptAside, state] }));
    expect(plan.meta).toEqual([keptAside, state]);
    const here = planImport(
      raw({ meta: [keptAside, { key: 'reminderState', value: { notifiedAt: {} } }] }),
      backupOf({ meta: [keptAside, state] }),
    );
    expect(here.meta).toEqual([]);
    expect(isNothingToImport(here)).toBe(true);
  });
});

describe('settingsAfterImport', () => {
  const backup = backupOf({ meta: [{ key: 'settings', value: { locale: 'zh-CN', persistenceRequestedAt: 1 } }] });

  it('keeps this device’s settings, taking the backup’s language only when none was chosen here', () => {
    expect(settingsAfterImport({ locale: 'en', persistenceRequestedAt: 9 }, backup, false)).toEqual({
      locale: 'en',
      persistenceRequestedAt: 9,
    });
    expect(settingsAfterImport({}, backup, false)).toEqual({ locale: 'zh-CN' });
  });

  it('counts the backup as the last backup only when everything here is in it', () => {
    expect(settingsAfterImport({}, backup, true)).toEqual({ locale: 'zh-CN', lastBackupAt: EXPORTED_AT });
    expect(settingsAfterImport({ lastBackupAt: EXPORTED_AT + 1 }, backup, true)).toEqual({
      locale: 'zh-CN',
      lastBackupAt: EXPORTED_AT + 1,
    });
  });
});

describe('backupNudge', () => {
  const now = EXPORTED_AT;
  const base = {
    nowMs: now,
    lastBackupAt: undefined,
    lastBackupReminderAt: undefined,
    hasChangesSinceBackup: true,
    isStorageAtRisk: false,
  };

  it('reminds when there never was a backup or the last is over 30 days old, and there is something new', () => {
    expect(backupNudge(base)).toBe('reminder');
    expect(backupNudge({ ...base, lastBackupAt: now - 31 * DAY })).toBe('reminder');
    expect(backupNudge({ ...base, lastBackupAt: now - 29 * DAY })).toBe('none');
    expect(backupNudge({ ...base, hasChangesSinceBackup: false })).toBe('none');
  });

  it('warns at once when the storage is at risk, and stays quiet for 30 days after "Not now"', () => {
    expect(backupNudge({ ...base, lastBackupAt: now - DAY, isStorageAtRisk: true })).toBe('at-risk');
    expect(backupNudge({ ...base, lastBackupReminderAt: now - 29 * DAY, isStorageAtRisk: true })).toBe('none');
    expect(backupNudge({ ...base, lastBackupReminderAt: now - 31 * DAY })).toBe('reminder');
  });
});

describe('CSV rows', () => {
  it('has one stable English header and one row per day, oldest first', () => {
    const rows = dayCsvRows([
      dayFactory.build({ date: '2026-11-02', flare: true, regions: ['back', 'buttocks'], note: 'ouch' }),
      dayFactory.build({ date: '2026-11-01', itch: 4, lesions: { nodules: 1, abscesses: 2, drainingTunnels: 3 } }),
    ]);
    expect(rows[0]).toEqual([
      'date',
      'pain',
      'drainage',
      'dressing_changes',
      'itch',
      'odor',
      'sleep_disturbed',
      'flare',
      'regions',
      'nodules',
      'abscesses',
      'draining_tunnels',
      'interventions',
      'note',
      'updated_at',
    ]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['2026-11-01', '2026-11-02']);
    expect(rows[1]).toEqual([
      '2026-11-01',
      3,
      1,
      1,
      4,
      null,
      null,
      false,
      '',
      1,
      2,
      3,
      '',
      '',
      '2026-11-20T20:00:00.000Z',
    ]);
    expect(rows[2]?.[8]).toBe('back; buttocks');
  });

  it('names the medication of every event', () => {
    const rows = medicationEventCsvRows(
      [medication],
      [eventFactory.interruption('2026-05-02'), eventFactory.start('2026-03-12', 15)],
    );
    expect(rows.slice(1)).toEqual([
      [
        '2026-03-12',
        'Upadacitinib',
        'jak1-selective',
        'start',
        15,
        'mg',
        'once-daily',
        null,
        '',
        'med-1',
        expect.any(String),
      ],
      [
        '2026-05-02',
        'Upadacitinib',
        'jak1-selective',
        'interruption',
        null,
        null,
        null,
        'infection',
        '',
        'med-1',
        expect.any(String),
      ],
    ]);
  });
});

it('lists every table of the database', () => {
  expect([...BACKUP_TABLES].sort()).toEqual([
    'days',
    'doseLogs',
    'medications',
    'meta',
    'regimenEvents',
    'reminders',
    'visits',
  ]);
});

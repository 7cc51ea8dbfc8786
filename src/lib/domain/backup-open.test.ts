/** Reading untrusted text as a backup: every way a file can be wrong is one named problem, never a throw. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupFactory } from '../../../tests/factories/backup-factory';
import { dayFactory } from '../../../tests/factories/day-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { diaryArbitrary } from '../../../tests/fixtures/diary-arbitrary';
import { MAX_BACKUP_BYTES, MAX_ROWS, serializeBackup } from './backup-format';
import { openBackupText, type BackupOpenResult } from './backup-open';
import type { Medication } from './medication';

/** This device's clock in these tests: a week after the factory's backups were made. */
const NOW = Date.UTC(2026, 11, 3, 12);
const SCHEMA = { schemaVersion: 1, nowMs: NOW };

const medication: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };

function problemOf(result: BackupOpenResult) {
  expect(result.kind).toBe('problem');
  return result.kind === 'problem' ? result.problem : undefined;
}

describe('openBackupText', () => {
  it('reads back what it wrote, and drops fields it does not know', () => {
    const backup = backupFactory.build({ days: [dayFactory.build()], medications: [medication] });
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
    expect(problemOf(openBackupText(backupFactory.text({ days: rows }), SCHEMA))).toEqual({
      kind: 'bad-row',
      table: 'days',
      row: 12,
      field: 'pain',
      issue: { kind: 'too-big', limit: 10, unit: 'number' },
      otherBadRows: 1,
    });
  });

  it('refuses two rows with the same key', () => {
    const day = dayFactory.build();
    expect(
      problemOf(
        openBackupText(backupFactory.text({ days: [day, dayFactory.build({ date: '2026-01-01' }), day] }), SCHEMA),
      ),
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
    expect(problemOf(openBackupText(backupFactory.text({ regimenEvents: [orphan] }), SCHEMA))).toMatchObject({
      table: 'regimenEvents',
      row: 1,
      field: 'medicationId',
      issue: { kind: 'unknown-medication' },
    });
    const history = [eventFactory.doseChange('2026-02-01', 30), eventFactory.start('2026-03-01', 15)];
    expect(
      problemOf(openBackupText(backupFactory.text({ medications: [medication], regimenEvents: history }), SCHEMA)),
    ).toEqual({
      kind: 'impossible-history',
      medication: 'Upadacitinib',
      date: '2026-02-01',
      problem: 'before-start',
      where: 'backup',
    });
  });

  it('accepts histories and days dated after today: the clock of the device that made it may differ', () => {
    const result = openBackupText(
      backupFactory.text({
        days: [dayFactory.build({ date: '2199-12-31' })],
        medications: [medication],
        regimenEvents: [eventFactory.start('2199-12-30', 15)],
      }),
      SCHEMA,
    );
    expect(result.kind).toBe('plain');
  });

  it('refuses a backup of a newer format or schema, plain or encrypted', () => {
    expect(problemOf(openBackupText(backupFactory.text({}, { formatVersion: 2 }), SCHEMA))).toEqual({
      kind: 'newer-version',
    });
    expect(problemOf(openBackupText(backupFactory.text({}, { schemaVersion: 2 }), SCHEMA))).toEqual({
      kind: 'newer-version',
    });
    const encrypted = JSON.stringify({ format: 'hs-diary-backup-encrypted', formatVersion: 3, ciphertext: 'AAAA' });
    expect(problemOf(openBackupText(encrypted, SCHEMA))).toEqual({ kind: 'newer-version' });
  });

  it('tells a file that is not a backup from a damaged one and from a spreadsheet', () => {
    const full = serializeBackup(backupFactory.build({ days: [dayFactory.build()] }));
    expect(problemOf(openBackupText('hello', SCHEMA))).toEqual({ kind: 'not-backup' });
    expect(problemOf(openBackupText('{"name":"something else"}', SCHEMA))).toEqual({ kind: 'not-backup' });
    expect(problemOf(openBackupText('[1,2]', SCHEMA))).toEqual({ kind: 'not-backup' });
    expect(problemOf(openBackupText(full.slice(0, full.length - 20), SCHEMA))).toEqual({ kind: 'damaged' });
    expect(problemOf(openBackupText('\uFEFFdate,pain,drainage\r\n2026-01-01,3,1\r\n', SCHEMA))).toEqual({
      kind: 'spreadsheet',
    });
    const withoutDays = Object.fromEntries(
      Object.entries(backupFactory.build({}).tables).filter(([table]) => table !== 'days'),
    );
    expect(
      problemOf(openBackupText(JSON.stringify({ ...backupFactory.build({}), tables: withoutDays }), SCHEMA)),
    ).toEqual({
      kind: 'damaged',
      table: 'days',
    });
    expect(problemOf(openBackupText(backupFactory.text({}, { exportedAt: 'yesterday' }), SCHEMA))).toEqual({
      kind: 'damaged',
    });
  });

  it('refuses a backup dated later than this device allows, or on no real date, naming it', () => {
    // Version 1 threw a RangeError on 9e15 (import stuck on "Reading the backup..."), and took 2200 as
    // the last backup, silencing backup reminders forever.
    expect(problemOf(openBackupText(backupFactory.text({}, { exportedAt: 9e15 }), SCHEMA))).toEqual({
      kind: 'damaged',
    });
    const in2200 = Date.UTC(2200, 0, 1);
    expect(problemOf(openBackupText(backupFactory.text({}, { exportedAt: in2200 }), SCHEMA))).toEqual({
      kind: 'damaged',
    });
    const nextWeek = NOW + 7 * 86_400_000;
    expect(problemOf(openBackupText(backupFactory.text({}, { exportedAt: nextWeek }), SCHEMA))).toEqual({
      kind: 'made-in-the-future',
      exportedAt: nextWeek,
    });
    // Another device's clock a few hours ahead is not an error.
    expect(openBackupText(backupFactory.text({}, { exportedAt: NOW + 3 * 3_600_000 }), SCHEMA).kind).toBe('plain');
  });

  it('refuses rows whose times lie in the future, so they cannot win a merge', () => {
    const late = dayFactory.build({ date: '2026-11-01', updatedAt: NOW + 30 * 86_400_000 });
    expect(problemOf(openBackupText(backupFactory.text({ days: [dayFactory.build(), late] }), SCHEMA))).toEqual({
      kind: 'bad-row',
      table: 'days',
      row: 2,
      field: 'updatedAt',
      issue: { kind: 'in-the-future' },
      otherBadRows: 0,
    });
    const settings = { key: 'settings', value: { locale: 'en', lastBackupAt: NOW + 30 * 86_400_000 } };
    expect(problemOf(openBackupText(backupFactory.text({ meta: [settings] as never }), SCHEMA))).toMatchObject({
      kind: 'bad-row',
      table: 'meta',
      field: 'value.lastBackupAt',
      issue: { kind: 'in-the-future' },
    });
  });

  it('bounds the size of the file and of every table', () => {
    expect(problemOf(openBackupText(' '.repeat(MAX_BACKUP_BYTES + 1), SCHEMA))).toMatchObject({ kind: 'too-large' });
    const tooMany = Array.from({ length: MAX_ROWS.medications + 1 }, () => medication);
    expect(problemOf(openBackupText(backupFactory.text({ medications: tooMany }), SCHEMA))).toEqual({
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
        const backup = backupFactory.build(tables);
        expect(openBackupText(serializeBackup(backup), SCHEMA)).toEqual({ kind: 'plain', backup });
      }),
      { numRuns: 60 },
    );
  });
});

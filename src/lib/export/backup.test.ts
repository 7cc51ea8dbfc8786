import { describe, expect, it } from 'vitest';
import type { BackupTables } from '../domain/backup-format';
import type { IsoDate } from '../domain/dates';
import { makeBackupFile, readBackup } from './backup';

const EMPTY_TABLES: BackupTables = {
  days: [],
  medications: [],
  regimenEvents: [],
  doseLogs: [],
  reminders: [],
  visits: [],
  meta: [],
};
const NOW = Date.UTC(2026, 10, 26, 9, 0);
const about = { appVersion: '1.0.0', schemaVersion: 1, exportedAt: NOW, date: '2026-11-26' as IsoDate };

describe('backup file names', () => {
  it('names a plain and an encrypted backup apart, and import opens either whatever it is called', async () => {
    const plain = await makeBackupFile(EMPTY_TABLES, about);
    const encrypted = await makeBackupFile(EMPTY_TABLES, about, { passphrase: 'a long passphrase', iterations: 1_000 });
    expect(plain.name).toBe('hs-diary-backup-2026-11-26.json');
    expect(encrypted.name).toBe('hs-diary-backup-2026-11-26-encrypted.json');

    const options = { schemaVersion: about.schemaVersion, nowMs: NOW };
    expect(await readBackup(await plain.text(), options)).toMatchObject({ kind: 'plain' });
    expect(await readBackup(await encrypted.text(), options)).toMatchObject({ kind: 'locked' });
    expect(
      await readBackup(await encrypted.text(), { ...options, passphrase: 'a long passphrase', minIterations: 1_000 }),
    ).toMatchObject({ kind: 'plain', backup: { tables: { days: [] } } });
  });
});

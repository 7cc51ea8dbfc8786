/** Typed builders for backups in tests: `backupFactory.build({ days: [dayFactory.build()] })` gives a valid one. */
import {
  buildBackup,
  type BackupFile,
  type BackupProblem,
  type BackupTable,
  type BackupTables,
} from '../../src/lib/domain/backup-format';

type BadRow = Extract<BackupProblem, { kind: 'bad-row' }>;

/** When a test backup was made, unless the test says otherwise. */
export const BACKUP_EXPORTED_AT = Date.UTC(2026, 10, 26, 12);

/** Every table of a backup, empty. */
export function emptyBackupTables(): BackupTables {
  return { days: [], medications: [], regimenEvents: [], doseLogs: [], reminders: [], visits: [], meta: [] };
}

export const backupFactory = {
  /** A backup as this build writes it, holding `tables` (the others empty). */
  build(tables: Partial<BackupTables> = {}, about: { exportedAt?: number } = {}): BackupFile {
    return buildBackup(
      { ...emptyBackupTables(), ...tables },
      { appVersion: '0.1.0', schemaVersion: 1, exportedAt: about.exportedAt ?? BACKUP_EXPORTED_AT },
    );
  },

  /** A backup's text whose tables may hold raw, possibly invalid rows, and whose header fields may be changed. */
  text(tables: Partial<Record<BackupTable, unknown[]>> = {}, header: Record<string, unknown> = {}): string {
    const backup = backupFactory.build();
    return JSON.stringify({ ...backup, ...header, tables: { ...backup.tables, ...tables } });
  },

  /** The problem the app reports for the first bad row of a backup (no other bad rows unless said). */
  badRow(where: Omit<BadRow, 'kind' | 'otherBadRows'> & { otherBadRows?: number }): BadRow {
    return { kind: 'bad-row', otherBadRows: 0, ...where };
  },

  /** A chosen file holding `text`, named as the app names its backups. */
  file(text: string, name = 'hs-diary-backup-2026-11-26.json'): File {
    return new File([text], name, { type: 'application/json' });
  },
};

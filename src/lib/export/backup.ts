/**
 * Backup files: the diary's tables in, a `.json` file out (optionally encrypted with a passphrase), and a
 * file's text in, a validated backup (or the one problem that stops it) out. CSV files for spreadsheets.
 * No database here: the state layer reads and writes through src/lib/db/backup-repository.ts.
 */
import {
  buildBackup,
  serializeBackup,
  type BackupFile,
  type BackupProblem,
  type BackupTables,
  type EncryptedBackup,
} from '../domain/backup-format';
import { openBackupText } from '../domain/backup-open';
import type { IsoDate } from '../domain/dates';
import type { DayEntry } from '../domain/day';
import type { Medication, RegimenEvent } from '../domain/medication';
import { encryptBackupText, openEncryptedBackup } from './backup-crypto';
import { toCsv } from './csv';
import { dayCsvRows, medicationEventCsvRows, type FrequencyLabels, type RegionLabels } from './csv-rows';

/**
 * Plain and encrypted backups are named apart, so the patient can tell which one needs the passphrase (and
 * which one is readable by anyone who gets the file). Import reads the file's content, never its name.
 */
export const backupFileName = (date: IsoDate, isEncrypted: boolean) =>
  isEncrypted ? `hs-diary-backup-${date}-encrypted.json` : `hs-diary-backup-${date}.json`;
export const daysCsvFileName = (date: IsoDate) => `hs-diary-days-${date}.csv`;
export const medicationEventsCsvFileName = (date: IsoDate) => `hs-diary-medication-events-${date}.csv`;

export interface BackupAbout {
  appVersion: string;
  schemaVersion: number;
  /** The moment of the export, and the local date for the file name. */
  exportedAt: number;
  date: IsoDate;
}

/** The backup file, encrypted when a passphrase is given. `iterations` is a seam for fast tests only. */
export async function makeBackupFile(
  tables: BackupTables,
  about: BackupAbout,
  options: { passphrase?: string; iterations?: number } = {},
): Promise<File> {
  const text = serializeBackup(buildBackup(tables, about));
  const isEncrypted = Boolean(options.passphrase);
  const body = options.passphrase
    ? JSON.stringify(
        await encryptBackupText(
          text,
          options.passphrase,
          options.iterations === undefined ? {} : { iterations: options.iterations },
        ),
      )
    : text;
  return new File([body], backupFileName(about.date, isEncrypted), { type: 'application/json' });
}

export type ReadBackupResult =
  | { kind: 'plain'; backup: BackupFile }
  /** Encrypted: ask for the passphrase and call again with it. */
  | { kind: 'locked'; envelope: EncryptedBackup }
  | { kind: 'problem'; problem: BackupProblem };

/**
 * Read a backup file's text: validate it, and decrypt it first when it is encrypted and a passphrase is
 * given. Never throws; every way it can fail is a `problem`. `minIterations` is a seam for fast tests only.
 */
export async function readBackup(
  text: string,
  options: { schemaVersion: number; nowMs: number; passphrase?: string; minIterations?: number },
): Promise<ReadBackupResult> {
  const about = { schemaVersion: options.schemaVersion, nowMs: options.nowMs };
  try {
    const opened = openBackupText(text, about);
    if (opened.kind !== 'encrypted') return opened;
    if (options.passphrase === undefined) return { kind: 'locked', envelope: opened.envelope };
    const decrypted = await openEncryptedBackup(
      opened.envelope,
      options.passphrase,
      options.minIterations === undefined ? {} : { minIterations: options.minIterations },
    );
    if (!decrypted.ok) return { kind: 'problem', problem: decrypted.problem };
    const inner = openBackupText(decrypted.text, about);
    // An encrypted file holds a plain backup; anything else inside was not made by HS Diary.
    if (inner.kind === 'encrypted') return { kind: 'problem', problem: { kind: 'damaged' } };
    return inner;
  } catch {
    return { kind: 'problem', problem: { kind: 'damaged' } };
  }
}

const CSV_TYPE = 'text/csv;charset=utf-8';

export function makeDaysCsvFile(days: readonly DayEntry[], date: IsoDate, regionLabels: RegionLabels): File {
  return new File([toCsv(dayCsvRows(days, regionLabels))], daysCsvFileName(date), { type: CSV_TYPE });
}

export function makeMedicationEventsCsvFile(
  medications: readonly Medication[],
  events: readonly RegimenEvent[],
  date: IsoDate,
  frequencyLabels: FrequencyLabels,
): File {
  const rows = medicationEventCsvRows(medications, events, frequencyLabels);
  return new File([toCsv(rows)], medicationEventsCsvFileName(date), { type: CSV_TYPE });
}

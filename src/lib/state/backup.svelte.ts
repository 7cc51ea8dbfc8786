/**
 * Making a backup and importing one, as the screens drive them. Loaded on demand (Settings, or a tap on
 * "Back up now" or "Import a backup"): the backup format, encryption and CSV are not needed to start.
 *
 * Import is a small state machine: choose a file → (passphrase) → preview → import → done, where any
 * problem ends in `failed` with the reason and nothing written. Each step's work finishes before the
 * next starts: the file is read and decrypted before the database is touched, and the database work is
 * one transaction (src/lib/db/backup-repository.ts).
 */
import {
  diaryDb,
  listDays,
  loadMedicationRecords,
  SCHEMA_VERSION,
  StorageFailure,
  updateSettings,
  type StorageFailureDetail,
  type StorageFailureKind,
} from '../db';
import { applyImport, ImportRefusedError, previewImport, readBackupTables } from '../db/backup-repository';
import { MAX_BACKUP_BYTES, type BackupFile, type BackupProblem } from '../domain/backup-format';
import { EARLIEST_DATE, LATEST_DATE } from '../domain/dates';
import type { ImportMode, ImportPlan } from '../domain/import-plan';
import { makeBackupFile, makeDaysCsvFile, makeMedicationEventsCsvFile, readBackup } from '../export/backup';
import { currentLocalDate, nowMs } from '../platform/clock';
import { readTextFile, shareOrDownload, type Delivery } from '../platform/files';

/** Why an import or export stopped (the file's problem or the storage's), for ui/settings/backup-text.ts to word. */
export type BackupFailure =
  | { source: 'backup'; problem: BackupProblem }
  | { source: 'storage'; kind: StorageFailureKind; detail: StorageFailureDetail | undefined };

function storageFailureOf(error: unknown): BackupFailure {
  const failure = error instanceof StorageFailure ? error : new StorageFailure('unknown', error);
  return { source: 'storage', kind: failure.kind, detail: failure.detail };
}

export type ExportOutcome = { ok: true; delivery: Delivery; fileName: string } | { ok: false; failure: BackupFailure };

async function deliver(file: File): Promise<ExportOutcome> {
  const delivery = await shareOrDownload(file);
  return { ok: true, delivery, fileName: file.name };
}

/**
 * Back up the whole diary (encrypted when a passphrase is given) and share or download the file; the time
 * is remembered as the last backup unless the patient closed the share sheet.
 */
export async function exportBackup(options: { passphrase?: string } = {}): Promise<ExportOutcome> {
  const now = nowMs();
  let file: File;
  try {
    const tables = await readBackupTables(diaryDb, { now });
    const about = {
      appVersion: __APP_VERSION__,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: now,
      date: currentLocalDate(),
    };
    file = await makeBackupFile(tables, about, options.passphrase ? { passphrase: options.passphrase } : {});
  } catch (error) {
    return { ok: false, failure: storageFailureOf(error) };
  }
  const outcome = await deliver(file);
  if (outcome.ok && outcome.delivery !== 'cancelled') {
    // The file is safe with the patient even if this cannot be written (a newer database refuses writes).
    await updateSettings(diaryDb, { lastBackupAt: now }).catch(() => undefined);
  }
  return outcome;
}

/** Every logged day as a CSV file, shared or downloaded. */
export async function exportDaysCsv(): Promise<ExportOutcome> {
  try {
    const days = await listDays(diaryDb, EARLIEST_DATE, LATEST_DATE);
    return await deliver(makeDaysCsvFile(days, currentLocalDate()));
  } catch (error) {
    return { ok: false, failure: storageFailureOf(error) };
  }
}

/** Every medication start, dose change, interruption, resume and stop as a CSV file. */
export async function exportMedicationEventsCsv(): Promise<ExportOutcome> {
  try {
    const { medications, events } = await loadMedicationRecords(diaryDb);
    return await deliver(makeMedicationEventsCsvFile(medications, events, currentLocalDate()));
  } catch (error) {
    return { ok: false, failure: storageFailureOf(error) };
  }
}

export type ImportStep =
  | { name: 'idle' }
  | { name: 'reading' }
  /** The backup is encrypted: ask for its passphrase (again, after a wrong one). */
  | { name: 'locked'; isWrongPassphrase: boolean }
  | { name: 'unlocking' }
  | { name: 'preview'; backup: BackupFile; plan: ImportPlan }
  | { name: 'importing'; backup: BackupFile; plan: ImportPlan; mode: ImportMode }
  | { name: 'done'; plan: ImportPlan; mode: ImportMode }
  | { name: 'failed'; failure: BackupFailure };

export class ImportFlow {
  step = $state.raw<ImportStep>({ name: 'idle' });
  /** The chosen file's text, kept only while the passphrase is asked for. */
  #text = '';
  /** Bumped by every new start, so the result of an abandoned one is ignored. */
  #run = 0;

  get isActive(): boolean {
    return this.step.name !== 'idle';
  }

  /** Read a chosen file; ends in `locked`, `preview` or `failed`. Never throws. */
  async choose(file: File): Promise<void> {
    const run = ++this.#run;
    this.step = { name: 'reading' };
    try {
      const read = await readTextFile(file, MAX_BACKUP_BYTES);
      if (run !== this.#run) return;
      if (!read.ok) return this.#fail({ kind: 'too-large', bytes: read.bytes, maxBytes: MAX_BACKUP_BYTES });
      this.#text = read.text;
      await this.#open(run);
    } catch (error) {
      if (run === this.#run) this.step = { name: 'failed', failure: storageFailureOf(error) };
    }
  }

  /** Try a passphrase on the encrypted file chosen. */
  async unlock(passphrase: string): Promise<void> {
    if (this.step.name !== 'locked') return;
    const run = ++this.#run;
    this.step = { name: 'unlocking' };
    try {
      await this.#open(run, passphrase);
    } catch (error) {
      if (run === this.#run) this.step = { name: 'failed', failure: storageFailureOf(error) };
    }
  }

  /** Import the previewed backup. `replace` clears this device first (the screen confirms it before). */
  async apply(mode: ImportMode): Promise<void> {
    const step = this.step;
    if (step.name !== 'preview') return;
    const run = ++this.#run;
    this.step = { name: 'importing', backup: step.backup, plan: step.plan, mode };
    try {
      const result = await applyImport(diaryDb, step.backup, mode, { now: nowMs() });
      if (run === this.#run) this.step = { name: 'done', plan: result.plan, mode };
    } catch (error) {
      if (run !== this.#run) return;
      this.step = {
        name: 'failed',
        failure:
          error instanceof ImportRefusedError ? { source: 'backup', problem: error.problem } : storageFailureOf(error),
      };
    }
  }

  reset(): void {
    this.#run += 1;
    this.#text = '';
    this.step = { name: 'idle' };
  }

  async #open(run: number, passphrase?: string): Promise<void> {
    const result = await readBackup(this.#text, {
      schemaVersion: SCHEMA_VERSION,
      nowMs: nowMs(),
      ...(passphrase === undefined ? {} : { passphrase }),
    });
    if (run !== this.#run) return;
    if (result.kind === 'locked') {
      this.step = { name: 'locked', isWrongPassphrase: false };
      return;
    }
    if (result.kind === 'problem') {
      if (result.problem.kind === 'wrong-passphrase') {
        this.step = { name: 'locked', isWrongPassphrase: true };
        return;
      }
      return this.#fail(result.problem);
    }
    this.#text = '';
    const plan = await previewImport(diaryDb, result.backup);
    if (run === this.#run) this.step = { name: 'preview', backup: result.backup, plan };
  }

  #fail(problem: BackupProblem): void {
    this.#text = '';
    this.step = { name: 'failed', failure: { source: 'backup', problem } };
  }
}

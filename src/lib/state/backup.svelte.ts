/**
 * Making a backup and importing one, as the screens drive them. Loaded on demand (Settings, or a tap on
 * "Back up now" or "Import a backup"): the backup format, encryption and CSV are not needed to start.
 *
 * Import is a small state machine: choose a file → reading → (passphrase → unlocking) → checking →
 * preview → importing → done, where any problem ends in `failed` with the reason and nothing written.
 * Each step's work finishes before the next starts: the file is read and decrypted before the database is
 * touched, and the database work is one transaction (src/lib/db/backup-repository.ts). Every step that
 * waits can be cancelled, back to the start with nothing written, and says so when it takes too long.
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
import {
  applyImport,
  ImportRefusedError,
  previewImport,
  readBackupTables,
  type ImportResult,
} from '../db/backup-repository';
import { MAX_BACKUP_BYTES, type BackupFile, type BackupProblem } from '../domain/backup-format';
import { EARLIEST_DATE, LATEST_DATE } from '../domain/dates';
import type { ImportMode, ImportPlan } from '../domain/import-plan';
import { makeBackupFile, makeDaysCsvFile, makeMedicationEventsCsvFile, readBackup } from '../export/backup';
import type { FrequencyLabels, RegionLabels } from '../export/csv-rows';
import { currentLocalDate, nowMs } from '../platform/clock';
import { readTextFile, shareOrDownload, type Delivery, type ReadTextResult } from '../platform/files';

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

/** Every logged day as a CSV file, shared or downloaded; regions are named in the language of `regionLabels`. */
export async function exportDaysCsv(regionLabels: RegionLabels): Promise<ExportOutcome> {
  try {
    const days = await listDays(diaryDb, EARLIEST_DATE, LATEST_DATE);
    return await deliver(makeDaysCsvFile(days, currentLocalDate(), regionLabels));
  } catch (error) {
    return { ok: false, failure: storageFailureOf(error) };
  }
}

/** Every medication start, dose change, interruption, resume and stop as a CSV file, frequencies named too. */
export async function exportMedicationEventsCsv(frequencyLabels: FrequencyLabels): Promise<ExportOutcome> {
  try {
    const { medications, events } = await loadMedicationRecords(diaryDb);
    return await deliver(makeMedicationEventsCsvFile(medications, events, currentLocalDate(), frequencyLabels));
  } catch (error) {
    return { ok: false, failure: storageFailureOf(error) };
  }
}

/** The steps that wait on something (the file, the key derivation, the database): each can be cancelled. */
export type WorkingStepName = 'reading' | 'unlocking' | 'checking' | 'importing';

/**
 * How long each working step may take before the screen says it is taking too long (it keeps waiting, and
 * Cancel stays there). Generous: a 25 MB file on a slow phone, 600,000 PBKDF2 rounds on an old one.
 */
export const IMPORT_STEP_TIME_OUTS_MS: Readonly<Record<WorkingStepName, number>> = {
  reading: 15_000,
  unlocking: 30_000,
  checking: 15_000,
  importing: 30_000,
};

export type ImportStep =
  /** Nothing chosen; `wasCancelled` right after the patient cancelled a step (nothing was imported). */
  | { name: 'idle'; wasCancelled?: boolean }
  /** Reading the chosen file, decrypting it, or checking it against this device. */
  | { name: 'reading' | 'unlocking' | 'checking'; isSlow: boolean }
  /** The backup is encrypted: ask for its passphrase (again, after a wrong one). */
  | { name: 'locked'; isWrongPassphrase: boolean }
  | { name: 'preview'; backup: BackupFile; plan: ImportPlan }
  | { name: 'importing'; backup: BackupFile; plan: ImportPlan; mode: ImportMode; isSlow: boolean }
  | { name: 'done'; plan: ImportPlan; mode: ImportMode }
  | { name: 'failed'; failure: BackupFailure };

/** The work behind each step; the defaults use the files, the backup format and this device's database. */
export interface ImportWork {
  readText: (file: File, maxBytes: number) => Promise<ReadTextResult>;
  readBackup: typeof readBackup;
  preview: (backup: BackupFile) => Promise<ImportPlan>;
  apply: (backup: BackupFile, mode: ImportMode, about: { now: number; signal: AbortSignal }) => Promise<ImportResult>;
}

const DEVICE_WORK: ImportWork = {
  readText: readTextFile,
  readBackup,
  preview: (backup) => previewImport(diaryDb, backup),
  apply: (backup, mode, about) => applyImport(diaryDb, backup, mode, about),
};

export interface ImportFlowOptions {
  /** Replace some of the work (tests hold a step back to see its time-out and Cancel). */
  work?: Partial<ImportWork>;
}

export class ImportFlow {
  step = $state.raw<ImportStep>({ name: 'idle' });
  /** The chosen file's text, kept only while the passphrase is asked for. */
  #text = '';
  /** Bumped by every new start and by Cancel, so the result of an abandoned step is ignored. */
  #run = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Stops the import transaction when the patient cancels while it runs. */
  #importing: AbortController | undefined;
  readonly #work: ImportWork;

  constructor(options: ImportFlowOptions = {}) {
    this.#work = { ...DEVICE_WORK, ...options.work };
  }

  get isActive(): boolean {
    return this.step.name !== 'idle';
  }

  /** Whether the current step is one that waits, and so offers Cancel. */
  get isWorking(): boolean {
    const { name } = this.step;
    return name === 'reading' || name === 'unlocking' || name === 'checking' || name === 'importing';
  }

  /** Read a chosen file; ends in `locked`, `preview` or `failed` (or `idle` when cancelled). Never throws. */
  async choose(file: File): Promise<void> {
    const run = this.#begin();
    this.#working(run, { name: 'reading', isSlow: false });
    try {
      const read = await this.#work.readText(file, MAX_BACKUP_BYTES);
      if (run !== this.#run) return;
      if (!read.ok) return this.#fail({ kind: 'too-large', bytes: read.bytes, maxBytes: MAX_BACKUP_BYTES });
      this.#text = read.text;
      await this.#open(run);
    } catch (error) {
      if (run === this.#run) this.#end({ name: 'failed', failure: storageFailureOf(error) });
    }
  }

  /** Try a passphrase on the encrypted file chosen. */
  async unlock(passphrase: string): Promise<void> {
    if (this.step.name !== 'locked') return;
    const run = this.#begin();
    this.#working(run, { name: 'unlocking', isSlow: false });
    try {
      await this.#open(run, passphrase);
    } catch (error) {
      if (run === this.#run) this.#end({ name: 'failed', failure: storageFailureOf(error) });
    }
  }

  /** Import the previewed backup. `replace` clears this device first (the screen confirms it before). */
  async apply(mode: ImportMode): Promise<void> {
    const step = this.step;
    if (step.name !== 'preview') return;
    const run = this.#begin();
    const controller = new AbortController();
    this.#importing = controller;
    this.#working(run, { name: 'importing', backup: step.backup, plan: step.plan, mode, isSlow: false });
    try {
      const result = await this.#work.apply(step.backup, mode, { now: nowMs(), signal: controller.signal });
      // Cancelled too late to stop it (the transaction had already committed): say what happened.
      if (run === this.#run || (controller.signal.aborted && this.step.name === 'idle'))
        this.#end({ name: 'done', plan: result.plan, mode });
    } catch (error) {
      if (run !== this.#run) return;
      this.#end({
        name: 'failed',
        failure:
          error instanceof ImportRefusedError ? { source: 'backup', problem: error.problem } : storageFailureOf(error),
      });
    } finally {
      if (this.#importing === controller) this.#importing = undefined;
    }
  }

  /**
   * Stop the step under way and go back to the start, with nothing imported: reading, decrypting and
   * checking never write, and a running import is rolled back.
   */
  cancel(): void {
    if (!this.isWorking) return;
    this.#importing?.abort();
    this.reset();
    this.step = { name: 'idle', wasCancelled: true };
  }

  reset(): void {
    this.#begin();
    this.#text = '';
    this.step = { name: 'idle' };
  }

  #begin(): number {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return ++this.#run;
  }

  /** Enter a working step, and mark it slow once its time-out passes (if it is still the step shown). */
  #working(run: number, step: Extract<ImportStep, { isSlow: boolean }>): void {
    clearTimeout(this.#timer);
    this.step = step;
    this.#timer = setTimeout(() => {
      if (run === this.#run && this.step === step) this.step = { ...step, isSlow: true };
    }, IMPORT_STEP_TIME_OUTS_MS[step.name]);
  }

  #end(step: ImportStep): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.step = step;
  }

  async #open(run: number, passphrase?: string): Promise<void> {
    const result = await this.#work.readBackup(this.#text, {
      schemaVersion: SCHEMA_VERSION,
      nowMs: nowMs(),
      ...(passphrase === undefined ? {} : { passphrase }),
    });
    if (run !== this.#run) return;
    if (result.kind === 'locked') return this.#end({ name: 'locked', isWrongPassphrase: false });
    if (result.kind === 'problem') {
      if (result.problem.kind === 'wrong-passphrase') return this.#end({ name: 'locked', isWrongPassphrase: true });
      return this.#fail(result.problem);
    }
    this.#text = '';
    this.#working(run, { name: 'checking', isSlow: false });
    const plan = await this.#work.preview(result.backup);
    if (run === this.#run) this.#end({ name: 'preview', backup: result.backup, plan });
  }

  #fail(problem: BackupProblem): void {
    this.#text = '';
    this.#end({ name: 'failed', failure: { source: 'backup', problem } });
  }
}

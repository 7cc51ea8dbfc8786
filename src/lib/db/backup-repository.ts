/**
 * Backups against the database: every table read for an export in one read transaction, a backup compared
 * with what is here (the preview), and an import applied in ONE read-write transaction over all tables, so
 * a failure anywhere leaves the database exactly as it was. Reading files, decrypting and encrypting happen
 * outside (src/lib/export): only IndexedDB work runs inside a transaction.
 *
 * Rows that do not pass the current schema are never dropped: an export carries them as rows kept aside
 * (`quarantine:` meta rows), an import moves them aside before overwriting or clearing, and a future
 * version's upgrade function moves them aside with `quarantineUnreadable` instead of failing the upgrade.
 *
 * Not re-exported from ./index: it pulls in the backup format, which Today does not need to start.
 */
import type { Transaction } from 'dexie';
import {
  BACKUP_TABLES,
  checkBackupRow,
  DATA_TABLES,
  primaryKeyOf,
  QUARANTINE_KEY_PREFIX,
  quarantineRow,
  stringifyKey,
  type BackupFile,
  type BackupProblem,
  type BackupTables,
  type RawTables,
} from '../domain/backup-format';
import { addDays, localDateOf } from '../domain/dates';
import {
  backupCoversDevice,
  importProblem,
  planImport,
  rowsToWrite,
  sameRow,
  settingsAfterImport,
  type ImportMode,
  type ImportPlan,
} from '../domain/import-plan';
import { DEVICE_ONLY_META_KEYS } from '../domain/backup-meta-state';
import { SETTINGS_KEY, type MetaRow } from '../domain/settings';
import { settingsOrDefaults, type Settings } from '../domain/settings-schema';
import { SCHEMA_VERSION, type DiaryDatabase } from './database';
import { withStorage } from './lifecycle';
import { watchQuery, type Unsubscribe } from './live-query';

/** Thrown inside the import transaction to roll it back when a merge would make a history impossible. */
export class ImportRefusedError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(`import refused: ${problem.kind}`);
    this.name = 'ImportRefusedError';
  }
}

/** Thrown when the patient cancelled the import: the transaction was aborted and wrote nothing. */
export class ImportCancelledError extends Error {
  constructor() {
    super('import cancelled');
    this.name = 'ImportCancelledError';
  }
}

/** Every row of every table as stored. Call inside a transaction over all tables. */
async function readRawTables(db: DiaryDatabase): Promise<RawTables> {
  const rows = await Promise.all(BACKUP_TABLES.map((table) => db.table(table).toArray()));
  return Object.fromEntries(BACKUP_TABLES.map((table, index) => [table, rows[index] ?? []])) as unknown as RawTables;
}

function readEverything(db: DiaryDatabase): Promise<RawTables> {
  return withStorage(db, () => db.transaction('r', db.tables, () => readRawTables(db)));
}

/**
 * The diary for a backup: every row that passes the current schema, and every row that does not as a row
 * kept aside (in `meta`), so the backup can always be imported and still holds everything.
 */
export async function readBackupTables(db: DiaryDatabase, about: { now: number }): Promise<BackupTables> {
  const raw = await readEverything(db);
  const tables = Object.fromEntries(BACKUP_TABLES.map((table) => [table, [] as unknown[]])) as Record<
    (typeof BACKUP_TABLES)[number],
    unknown[]
  >;
  for (const table of BACKUP_TABLES) {
    for (const row of raw[table]) {
      if (table === 'meta' && DEVICE_ONLY_META_KEYS.has(primaryKeyOf('meta', row))) continue;
      const checked = checkBackupRow(table, row);
      if (checked.ok) tables[table].push(checked.row);
      else
        tables.meta.push(
          quarantineRow(table, primaryKeyOf(table, row), row, { schemaVersion: SCHEMA_VERSION, movedAt: about.now }),
        );
    }
  }
  return tables as unknown as BackupTables;
}

/** What importing `backup` would change here, without writing anything. */
export async function previewImport(db: DiaryDatabase, backup: BackupFile): Promise<ImportPlan> {
  return planImport(await readEverything(db), backup);
}

export interface ImportResult {
  mode: ImportMode;
  /** The plan as it was when the transaction ran (it may differ from the preview if another tab wrote). */
  plan: ImportPlan;
  /** Rows put (data, rows kept aside, settings); 0 when the import changed nothing. */
  rowsWritten: number;
}

/**
 * Import a validated backup in one read-write transaction over every table. `merge` adds what is new and
 * takes the backup's version only where it is newer; `backup-wins` takes the backup's version of every
 * row that differs; `replace` clears the data tables first. The plan is made again
 * inside the transaction, from what is stored at that moment. Throws `ImportRefusedError` (a merge that
 * would make a medication's history impossible), `ImportCancelledError` (`about.signal` aborted before
 * the transaction committed) or `StorageFailure`; in each case nothing is written.
 */
export function applyImport(
  db: DiaryDatabase,
  backup: BackupFile,
  mode: ImportMode,
  about: { now: number; signal?: AbortSignal },
): Promise<ImportResult> {
  const { signal } = about;
  const passThrough = (error: unknown) => error instanceof ImportRefusedError || signal?.aborted === true;
  if (signal?.aborted) return Promise.reject(new ImportCancelledError());
  return withStorage(
    db,
    () =>
      db.transaction('rw', db.tables, async (tx) => {
        const stop = () => {
          try {
            tx.abort();
          } catch {
            // Already committed: the import stands, and the caller is told so by its result.
          }
        };
        signal?.addEventListener('abort', stop, { once: true });
        const plan = planImport(await readRawTables(db), backup);
        if (signal?.aborted) throw new ImportCancelledError();
        const problem = importProblem(plan, mode);
        if (problem) throw new ImportRefusedError(problem);
        const movedAside = plan.unreadableHere
          // An unreadable row here counts as older, so every mode that has the same key overwrites it.
          .filter((row) => mode === 'replace' || row.isOverwrittenByMerge)
          .map((row) =>
            quarantineRow(row.table, row.key, row.row, { schemaVersion: SCHEMA_VERSION, movedAt: about.now }),
          );
        let rowsWritten = 0;
        for (const table of DATA_TABLES) {
          const rows: unknown[] = mode === 'replace' ? backup.tables[table] : rowsToWrite(plan.tables, table, mode);
          if (mode === 'replace') await db.table(table).clear();
          if (rows.length > 0) await db.table(table).bulkPut(rows);
          rowsWritten += rows.length;
        }
        const metaRows: MetaRow[] = [...movedAside, ...plan.meta];
        const settings = settingsAfterImport(plan.settingsHere, backup, backupCoversDevice(plan, mode));
        if (!sameRow(settings, plan.settingsHere)) metaRows.push({ key: SETTINGS_KEY, value: settings });
        if (metaRows.length > 0) await db.meta.bulkPut(metaRows);
        signal?.removeEventListener('abort', stop);
        return { mode, plan, rowsWritten: rowsWritten + metaRows.length };
      }),
    { write: true, passThrough },
  ).catch((error: unknown) => {
    throw signal?.aborted && !(error instanceof ImportRefusedError) ? new ImportCancelledError() : error;
  });
}

/** What the backup reminders and the first-run offer follow. */
export interface BackupStatus {
  settings: Settings;
  /** No days and no medications: a first run, when importing a backup is offered. */
  isEmpty: boolean;
  /**
   * A day was saved after the last backup (anything at all when there never was one). Days are looked up
   * from two days before the last backup's date onwards, so a late edit of a much older day is not noticed.
   */
  hasChangesSinceBackup: boolean;
  /** Days in the diary (a backup is suggested once there is a week of them). */
  loggedDays: number;
  /** Rows kept aside because this build could not read them. */
  rowsKeptAside: number;
}

async function readBackupStatus(db: DiaryDatabase): Promise<BackupStatus> {
  const settings = settingsOrDefaults((await db.meta.get(SETTINGS_KEY))?.value);
  const [days, medications, rowsKeptAside] = await Promise.all([
    db.days.count(),
    db.medications.count(),
    db.meta.where('key').startsWith(QUARANTINE_KEY_PREFIX).count(),
  ]);
  const lastBackupAt = settings.lastBackupAt;
  let hasChangesSinceBackup = days + medications > 0;
  if (lastBackupAt !== undefined && days > 0) {
    const from = addDays(localDateOf(new Date(lastBackupAt)), -2);
    hasChangesSinceBackup =
      (await db.days
        .where('date')
        .aboveOrEqual(from)
        .filter((day) => typeof day.updatedAt === 'number' && day.updatedAt > lastBackupAt)
        .count()) > 0;
  } else if (lastBackupAt !== undefined) {
    hasChangesSinceBackup = false;
  }
  return { settings, isEmpty: days + medications === 0, hasChangesSinceBackup, loggedDays: days, rowsKeptAside };
}

/** Follow the backup status as the diary changes, in this tab or another. */
export function watchBackupStatus(
  db: DiaryDatabase,
  onChange: (status: BackupStatus) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(() => readBackupStatus(db), onChange, onError);
}

/**
 * The tool for the upgrade function of the next schema version: move every row of `table` that `schema`
 * cannot read into `meta` as a row kept aside, so the upgrade goes on instead of failing (which would leave
 * the patient with a database the app cannot open) and nothing is thrown away. Returns how many rows were
 * moved. No code calls it yet because schema version 1 is the only one; it is kept, with its test against
 * the version-1 fixture, so that version 2's upgrade has a tested way to meet rows it cannot read instead
 * of improvising one inside a migration.
 *
 *   this.version(2).stores({...}).upgrade(async (tx) => {
 *     await quarantineUnreadable(tx, 'days', dayEntrySchemaV2, { schemaVersion: 1, movedAt: Date.now() });
 *   });
 */
export async function quarantineUnreadable(
  tx: Transaction,
  table: string,
  schema: { safeParse: (row: unknown) => { success: boolean } },
  about: { schemaVersion: number; movedAt: number },
): Promise<number> {
  const store = tx.table(table);
  const keyPath = store.schema.primKey.keyPath;
  if (typeof keyPath !== 'string') throw new Error(`quarantineUnreadable needs a single-property key (${table})`);
  const rows: unknown[] = await store.toArray();
  const unreadable = rows.filter((row) => !schema.safeParse(row).success);
  if (unreadable.length === 0) return 0;
  const keyOf = (row: unknown) => (row as Record<string, unknown>)[keyPath];
  await tx.table('meta').bulkPut(unreadable.map((row) => quarantineRow(table, stringifyKey(keyOf(row)), row, about)));
  await store.bulkDelete(unreadable.map(keyOf));
  return unreadable.length;
}

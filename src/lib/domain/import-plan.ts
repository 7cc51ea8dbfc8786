/**
 * What importing a validated backup would do, as pure functions: per table, what is new, different or
 * unchanged compared with the rows on this device (by primary key: days by date, meta by key, everything
 * else by id), which of two different versions is newer, whether an import would leave a medication with
 * an impossible history, and the settings afterwards. The database applies the plan
 * (src/lib/db/backup-repository.ts).
 *
 * A merge never lets an older row replace a newer one: a row that is here and in the backup, different,
 * is compared by when it was saved (a day's `updatedAt`, a dose's `at`). The newer stays; a row that
 * carries no save time (a medicine, a medication change, a reminder, a visit), or two saved at the same
 * moment, keeps this device's version. Only "the backup wins" (or a replace) takes every backup row.
 */
import {
  checkBackupRow,
  DATA_TABLES,
  primaryKeyOf,
  type BackupFile,
  type BackupProblem,
  type BackupTables,
  type DataTable,
  type RawTables,
} from './backup-format';
import { checkHistories } from './backup-open';
import { medicationSchema, regimenEventSchema, type Medication, type RegimenEvent } from './medication';
import { SETTINGS_KEY, type MetaRow } from './settings';
import { settingsOrDefaults, type Settings } from './settings-schema';

/** Deep equality of stored rows: key order does not matter, and a key holding `undefined` is absent. */
export function sameRow(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => sameRow(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return leftKeys.length === rightKeys.length && leftKeys.every((key) => sameRow(left[key], right[key]));
}

export interface TableChanges<T> {
  added: T[];
  /** In both, different, and the backup's saved later: a merge takes the backup's. */
  newerInBackup: T[];
  /** In both, different, and this device's saved later: a merge keeps this device's. */
  newerHere: T[];
  /** In both, different, and neither can be said to be newer (no save time, or the same one): kept here. */
  undated: T[];
  unchanged: T[];
  /** Rows on this device that are not in the backup: kept by a merge, deleted by a replace. */
  onlyHere: number;
}

export type TablePlans = { [K in DataTable]: TableChanges<BackupTables[K][number]> };

/** A row on this device that does not pass the current schema; an import moves it aside before touching it. */
export interface UnreadableRow {
  table: DataTable;
  key: string;
  row: unknown;
  /** The backup has a row with the same key, so a merge would overwrite this one. */
  isOverwrittenByMerge: boolean;
}

/**
 * `merge` adds what is new and keeps the newer of two versions; `backup-wins` adds what is new and takes
 * the backup's version of every row that differs; `replace` clears this device's data first.
 */
export const IMPORT_MODES = ['merge', 'backup-wins', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export interface ImportPlan {
  tables: TablePlans;
  /**
   * Meta rows of the backup other than the settings (rows kept aside, other app state) that this device
   * does not have: they are added; rows this device already has stay as they are.
   */
  meta: MetaRow[];
  unreadableHere: UnreadableRow[];
  /** The settings on this device before the import (defaults when unreadable). */
  settingsHere: Settings;
  /** Why a merge is impossible (a medication's history would not fit); a replace still is possible. */
  mergeProblem: BackupProblem | undefined;
  /** The same for "the backup wins". */
  backupWinsProblem: BackupProblem | undefined;
}

/** The settings among the raw meta rows on this device (defaults when missing or unreadable). */
function settingsOf(rows: readonly unknown[]): Settings {
  const row = rows.find((candidate) => primaryKeyOf('meta', candidate) === SETTINGS_KEY);
  return settingsOrDefaults(typeof row === 'object' && row !== null && 'value' in row ? row.value : undefined);
}

/**
 * Whether a row here and the backup's row say the same thing. A day saved again with the same answers
 * differs only in when it was saved; to a patient that is "already here", not "changed".
 */
function sayTheSame(table: DataTable, here: unknown, incoming: unknown): boolean {
  if (table !== 'days') return sameRow(here, incoming);
  return sameRow({ ...(here as object), updatedAt: undefined }, { ...(incoming as object), updatedAt: undefined });
}

/** When a row was last saved, for the tables whose rows say so; `undefined` for the others. */
function savedAt(table: DataTable, row: unknown): number | undefined {
  const field = table === 'days' ? 'updatedAt' : table === 'doseLogs' ? 'at' : undefined;
  if (field === undefined || typeof row !== 'object' || row === null) return undefined;
  const value = (row as Record<string, unknown>)[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Which of two different versions of a row is newer. An unreadable row here is always older. */
function newerOf(
  table: DataTable,
  here: unknown,
  incoming: unknown,
  isReadable: boolean,
): 'backup' | 'here' | 'unknown' {
  if (!isReadable) return 'backup';
  const hereAt = savedAt(table, here);
  const incomingAt = savedAt(table, incoming);
  if (hereAt === undefined || incomingAt === undefined || hereAt === incomingAt) return 'unknown';
  return incomingAt > hereAt ? 'backup' : 'here';
}

function planTable(
  table: DataTable,
  here: readonly unknown[],
  incoming: readonly unknown[],
  unreadable: UnreadableRow[],
): TableChanges<unknown> {
  const hereByKey = new Map<string, { row: unknown; parsed: unknown; isReadable: boolean }>();
  for (const row of here) {
    const checked = checkBackupRow(table, row);
    hereByKey.set(primaryKeyOf(table, row), {
      row,
      parsed: checked.ok ? checked.row : undefined,
      isReadable: checked.ok,
    });
  }
  const changes: TableChanges<unknown> = {
    added: [],
    newerInBackup: [],
    newerHere: [],
    undated: [],
    unchanged: [],
    onlyHere: 0,
  };
  const incomingKeys = new Set<string>();
  for (const row of incoming) {
    const key = primaryKeyOf(table, row);
    incomingKeys.add(key);
    const existing = hereByKey.get(key);
    if (!existing) changes.added.push(row);
    else if (existing.isReadable && sayTheSame(table, existing.parsed, row)) changes.unchanged.push(row);
    else {
      const newer = newerOf(table, existing.parsed, row, existing.isReadable);
      (newer === 'backup' ? changes.newerInBackup : newer === 'here' ? changes.newerHere : changes.undated).push(row);
    }
  }
  for (const [key, existing] of hereByKey) {
    if (!incomingKeys.has(key)) changes.onlyHere += 1;
    if (!existing.isReadable)
      unreadable.push({ table, key, row: existing.row, isOverwrittenByMerge: incomingKeys.has(key) });
  }
  return changes;
}

/** Compare a validated backup with the raw rows on this device. Pure; the database applies the result. */
export function planImport(here: RawTables, backup: BackupFile): ImportPlan {
  const unreadableHere: UnreadableRow[] = [];
  const tables = {} as Record<DataTable, TableChanges<unknown>>;
  for (const table of DATA_TABLES) tables[table] = planTable(table, here[table], backup.tables[table], unreadableHere);
  const plans = tables as unknown as TablePlans;

  const metaHere = new Set(here.meta.map((row) => primaryKeyOf('meta', row)));
  const meta = backup.tables.meta.filter((row) => row.key !== SETTINGS_KEY && !metaHere.has(row.key));

  const historyProblem = (mode: 'merge' | 'backup-wins') => mergedHistoryProblem(here, plans, mode);
  return {
    tables: plans,
    meta,
    unreadableHere,
    settingsHere: settingsOf(here.meta),
    mergeProblem: historyProblem('merge'),
    backupWinsProblem: historyProblem('backup-wins'),
  };
}

/** Whether the medication histories a merge would leave are possible (only those the backup touches). */
function mergedHistoryProblem(here: RawTables, plans: TablePlans, mode: 'merge' | 'backup-wins') {
  const events = new Map<string, RegimenEvent>();
  for (const row of here.regimenEvents) {
    const parsed = regimenEventSchema.safeParse(row);
    if (parsed.success) events.set(parsed.data.id, parsed.data);
  }
  const incomingEvents = rowsToWrite(plans, 'regimenEvents', mode);
  for (const event of incomingEvents) events.set(event.id, event);
  const medications = new Map<string, Medication>();
  for (const row of here.medications) {
    const parsed = medicationSchema.safeParse(row);
    if (parsed.success) medications.set(parsed.data.id, parsed.data);
  }
  for (const medication of rowsToWrite(plans, 'medications', mode)) medications.set(medication.id, medication);
  const touched = new Set(incomingEvents.map((event) => event.medicationId));
  return checkHistories([...events.values()], medications, 'merged', touched);
}

/** The backup's rows of `table` that a merge (or "the backup wins") writes: what is new, and what it takes. */
export function rowsToWrite<K extends DataTable>(
  plans: TablePlans,
  table: K,
  mode: 'merge' | 'backup-wins',
): TablePlans[K]['added'] {
  const changes = plans[table];
  return mode === 'merge'
    ? [...changes.added, ...changes.newerInBackup]
    : [...changes.added, ...changes.newerInBackup, ...changes.newerHere, ...changes.undated];
}

/** The rows of a table that are here and in the backup but different, whichever is newer. */
export function differing(changes: TableChanges<unknown>): number {
  return changes.newerInBackup.length + changes.newerHere.length + changes.undated.length;
}

/** The rows of a table whose version on this device a merge keeps although the backup's differs. */
export function keptByMerge(changes: TableChanges<unknown>): number {
  return changes.newerHere.length + changes.undated.length;
}

/** The problem that stops an import in this mode, if any (a replace takes the backup's own, checked history). */
export function importProblem(plan: ImportPlan, mode: ImportMode): BackupProblem | undefined {
  return mode === 'merge' ? plan.mergeProblem : mode === 'backup-wins' ? plan.backupWinsProblem : undefined;
}

/**
 * True when no way of merging would write anything but settings: no new data, nothing that differs, no
 * rows kept aside, no other app state.
 */
export function isNothingToImport(plan: ImportPlan): boolean {
  return (
    plan.meta.length === 0 &&
    DATA_TABLES.every((table) => plan.tables[table].added.length === 0 && differing(plan.tables[table]) === 0)
  );
}

/** How many rows of this device the import puts the backup's version in place of, in this mode. */
export function replacedCount(plan: ImportPlan, mode: ImportMode): number {
  return DATA_TABLES.reduce((sum, table) => {
    const changes = plan.tables[table];
    return sum + (mode === 'merge' ? changes.newerInBackup.length : differing(changes));
  }, 0);
}

/** What an import wrote, table by table: the rows it added and those whose version it replaced. */
export interface ImportedCounts {
  table: DataTable;
  added: number;
  changed: number;
}

/** The tables an import in this mode writes to, each with its added and changed rows (tables it leaves alone are left out). */
export function importedCounts(plan: ImportPlan, mode: ImportMode): ImportedCounts[] {
  return DATA_TABLES.map((table) => {
    const changes = plan.tables[table];
    return {
      table,
      added: changes.added.length,
      changed: mode === 'merge' ? changes.newerInBackup.length : differing(changes),
    };
  }).filter((counts) => counts.added + counts.changed > 0);
}

/** True when, after this import, everything on the device is also in the backup. */
export function backupCoversDevice(plan: ImportPlan, mode: ImportMode): boolean {
  if (mode === 'replace') return true;
  return DATA_TABLES.every(
    (table) => plan.tables[table].onlyHere === 0 && (mode === 'backup-wins' || keptByMerge(plan.tables[table]) === 0),
  );
}

/**
 * The settings after an import. They belong to this device: its language choice and the times it asked
 * for storage or showed a reminder stay. The backup's language is taken only when none was chosen here,
 * and the backup's time counts as the last backup only when everything on the device is now in it.
 */
export function settingsAfterImport(here: Settings, backup: BackupFile, coversDevice: boolean): Settings {
  const next: Settings = { ...here };
  const backupSettings = backup.tables.meta.find((row) => row.key === SETTINGS_KEY)?.value as Settings | undefined;
  if (next.locale === undefined && backupSettings?.locale !== undefined) next.locale = backupSettings.locale;
  if (coversDevice && (here.lastBackupAt === undefined || backup.exportedAt > here.lastBackupAt))
    next.lastBackupAt = backup.exportedAt;
  return next;
}

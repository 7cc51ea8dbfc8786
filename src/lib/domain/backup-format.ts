/**
 * The backup file and what importing one would do, as pure functions:
 *  - the versioned format (a plain backup, and the envelope of an encrypted one);
 *  - `openBackupText`: untrusted text in, a valid backup or one specific problem out (never an exception),
 *    naming the table, row and field, so a patient can be told what is wrong and where;
 *  - `planImport`: per table, what is new, changed or unchanged compared with the rows on this device
 *    (by primary key: days by date, meta by key, everything else by id), and whether a merge would leave
 *    a medication with an impossible history;
 *  - the settings rule for imports, the backup reminder, and the rows of the CSV exports.
 * No Dexie, no DOM, no clock: `now` and the current schema version are parameters.
 */
import * as z from 'zod/mini';
import { dayEntrySchema, type DayEntry } from './day';
import {
  doseLogSchema,
  medicationSchema,
  regimenEventSchema,
  reminderSchema,
  type DoseLog,
  type Medication,
  type RegimenEvent,
  type Reminder,
} from './medication';
import { checkRegimenHistory, type RegimenProblemKind } from './regimen';
import { settingsSchema, type Settings } from './settings';
import { visitSchema, type Visit } from './visit';

export const BACKUP_FORMAT = 'hs-diary-backup';
export const ENCRYPTED_BACKUP_FORMAT = 'hs-diary-backup-encrypted';
/** Raise when the file's shape changes; an older app then refuses the file instead of misreading it. */
export const BACKUP_FORMAT_VERSION = 1;
/** Checked before a file is read or parsed. Five years of daily entries make about 0.5 MB. */
export const MAX_BACKUP_BYTES = 25 * 1024 * 1024;

/** The patient's data; `meta` (settings, rows moved aside) travels with it but follows its own rules. */
export const DATA_TABLES = ['days', 'medications', 'regimenEvents', 'doseLogs', 'reminders', 'visits'] as const;
export type DataTable = (typeof DATA_TABLES)[number];
export const BACKUP_TABLES = [...DATA_TABLES, 'meta'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/** Far more than a lifetime of use, small enough that a hostile file cannot make the import crawl. */
export const MAX_ROWS: Readonly<Record<BackupTable, number>> = {
  days: 100_000,
  medications: 1_000,
  regimenEvents: 50_000,
  doseLogs: 200_000,
  reminders: 1_000,
  visits: 10_000,
  meta: 10_000,
};

export const SETTINGS_KEY = 'settings';
/** Meta rows whose key starts with this hold a row that could not be read, kept aside rather than deleted. */
export const QUARANTINE_KEY_PREFIX = 'quarantine:';
const MAX_META_KEY_CHARS = 300;
const MAX_QUARANTINED_ROW_CHARS = 1_000_000;

/** A row of the key-value `meta` table. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** A row moved aside because this build could not read it; the raw row is kept as it was. */
export interface QuarantinedRow {
  table: string;
  /** The schema version of the code that could not read it. */
  schemaVersion: number;
  movedAt: number;
  row: unknown;
}

export interface BackupTables {
  days: DayEntry[];
  medications: Medication[];
  regimenEvents: RegimenEvent[];
  doseLogs: DoseLog[];
  reminders: Reminder[];
  visits: Visit[];
  meta: MetaRow[];
}

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  appVersion: string;
  /** The database schema version of the app that wrote it. */
  schemaVersion: number;
  exportedAt: number;
  tables: BackupTables;
}

/** Rows as they come out of the database, not yet validated. */
export type RawTables = Readonly<Record<BackupTable, readonly unknown[]>>;

// ------------------------------------------------------------------------------------------- schemas

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64Of = (bytes: number) => {
  const length = 4 * Math.ceil(bytes / 3);
  return z.string().check(z.length(length), z.regex(BASE64));
};

/** The encrypted envelope: PBKDF2-SHA256 turns the passphrase into an AES-GCM 256 key. */
export const encryptedBackupSchema = z.object({
  format: z.literal(ENCRYPTED_BACKUP_FORMAT),
  formatVersion: z.int().check(z.gte(1)),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    iterations: z.int().check(z.gte(1)),
    salt: base64Of(16),
  }),
  cipher: z.object({ name: z.literal('AES-GCM'), iv: base64Of(12) }),
  ciphertext: z
    .string()
    .check(z.minLength(1), z.maxLength(Math.ceil((MAX_BACKUP_BYTES * 4) / 3) + 64), z.regex(BASE64)),
});
export type EncryptedBackup = z.infer<typeof encryptedBackupSchema>;

const headerSchema = z.object({
  appVersion: z.string().check(z.maxLength(64)),
  exportedAt: z.int().check(z.gte(0)),
});

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export const quarantinedRowSchema = z.object({
  table: z.string().check(z.minLength(1), z.maxLength(64)),
  schemaVersion: z.int().check(z.gte(0), z.lte(100_000)),
  movedAt: z.int().check(z.gte(0)),
  row: z.unknown().check(z.refine((row) => jsonLength(row) <= MAX_QUARANTINED_ROW_CHARS, 'too large')),
});

// ---------------------------------------------------------------------------------------- problems

/** What is wrong with one value of a row, for the screen to word. */
export type RowIssue =
  | { kind: 'missing' }
  | { kind: 'too-big'; limit: number; unit: 'number' | 'characters' | 'items' }
  | { kind: 'too-small'; limit: number; unit: 'number' | 'characters' | 'items' }
  | { kind: 'not-whole-number' }
  | { kind: 'wrong-type' }
  | { kind: 'not-allowed' }
  | { kind: 'bad-format' }
  | { kind: 'not-a-date' }
  | { kind: 'duplicate-entries' }
  | { kind: 'regions-without-flare' }
  | { kind: 'unknown-medication' }
  | { kind: 'invalid' };

/** Why a backup cannot be imported; nothing is written when there is one. */
export type BackupProblem =
  | { kind: 'too-large'; bytes: number; maxBytes: number }
  | { kind: 'not-backup' }
  | { kind: 'spreadsheet' }
  | { kind: 'damaged'; table?: BackupTable }
  | { kind: 'newer-version' }
  | { kind: 'too-many-rows'; table: BackupTable; maxRows: number }
  /** `row` counts from 1; `field` is a dotted path ("pain", "dose.amount"), empty for the row itself. */
  | { kind: 'bad-row'; table: BackupTable; row: number; field: string; issue: RowIssue; otherBadRows: number }
  | { kind: 'duplicate-row'; table: BackupTable; row: number; firstRow: number; key: string }
  | {
      kind: 'impossible-history';
      medication: string;
      date: string;
      problem: RegimenProblemKind;
      /** `backup`: the file's own history is impossible; `merged`: it does not fit the one on this device. */
      where: 'backup' | 'merged';
    }
  | { kind: 'wrong-passphrase' }
  | { kind: 'unsupported-encryption' };

export type BackupOpenResult =
  | { kind: 'plain'; backup: BackupFile }
  | { kind: 'encrypted'; envelope: EncryptedBackup }
  | { kind: 'problem'; problem: BackupProblem };

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  expected?: string;
}

function valueAt(row: unknown, path: readonly PropertyKey[]): unknown {
  let value = row;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function unitOf(origin: string | undefined): 'number' | 'characters' | 'items' {
  if (origin === 'string') return 'characters';
  if (origin === 'array' || origin === 'set') return 'items';
  return 'number';
}

/** One zod issue as a field and an issue a patient can be told about. */
function describeIssue(issue: IssueLike, row: unknown): { field: string; issue: RowIssue } {
  const field = issue.path.map(String).join('.');
  const value = valueAt(row, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return { field, issue: { kind: 'missing' } };
      if (issue.expected === 'int' && typeof value === 'number') return { field, issue: { kind: 'not-whole-number' } };
      return { field, issue: { kind: 'wrong-type' } };
    case 'too_big':
      return { field, issue: { kind: 'too-big', limit: Number(issue.maximum), unit: unitOf(issue.origin) } };
    case 'too_small':
      return { field, issue: { kind: 'too-small', limit: Number(issue.minimum), unit: unitOf(issue.origin) } };
    case 'invalid_value':
      return { field, issue: { kind: value === undefined ? 'missing' : 'not-allowed' } };
    case 'invalid_format':
      return { field, issue: { kind: 'bad-format' } };
    case 'custom':
      if (issue.message === 'not a calendar date') return { field, issue: { kind: 'not-a-date' } };
      if (issue.message === 'duplicate entries') return { field, issue: { kind: 'duplicate-entries' } };
      if (issue.message === 'regions are only recorded for a flare')
        return { field, issue: { kind: 'regions-without-flare' } };
      return { field, issue: { kind: 'invalid' } };
    default:
      return { field, issue: { kind: 'invalid' } };
  }
}

type RowCheck<T> = { ok: true; row: T } | { ok: false; field: string; issue: RowIssue };

interface ParseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly IssueLike[] } };
}

function checkWith<T>(schema: ParseSchema<T>, row: unknown, prefix: PropertyKey[] = []): RowCheck<T> {
  const result = schema.safeParse(row);
  if (result.success) return { ok: true, row: result.data };
  const first = result.error.issues[0];
  if (!first) return { ok: false, field: prefix.map(String).join('.'), issue: { kind: 'invalid' } };
  return { ok: false, ...describeIssue({ ...first, path: [...prefix, ...first.path] }, row) };
}

const metaBaseSchema = z.object({ key: z.string().check(z.minLength(1), z.maxLength(MAX_META_KEY_CHARS)) });

const otherMetaValueSchema = z
  .unknown()
  .check(z.refine((value) => value !== undefined && jsonLength(value) <= MAX_QUARANTINED_ROW_CHARS, 'too large'));

/**
 * A meta row: the settings (checked against their schema), a row moved aside, or another piece of the
 * app's own state under its own key (reminder state, say), which must be plain JSON of a bounded size and
 * is checked by its own code when read.
 */
function checkMetaRow(row: unknown): RowCheck<MetaRow> {
  const base = checkWith(metaBaseSchema, row);
  if (!base.ok) return base;
  const { key } = base.row;
  const value = valueAt(row, ['value']);
  if (key === SETTINGS_KEY) {
    const settings = checkWith(settingsSchema, value);
    if (!settings.ok) return { ...settings, field: settings.field ? `value.${settings.field}` : 'value' };
    return { ok: true, row: { key, value: settings.row } };
  }
  if (key.startsWith(QUARANTINE_KEY_PREFIX) && key.length > QUARANTINE_KEY_PREFIX.length) {
    const quarantined = checkWith(quarantinedRowSchema, value);
    if (!quarantined.ok) return { ...quarantined, field: quarantined.field ? `value.${quarantined.field}` : 'value' };
    return { ok: true, row: { key, value: quarantined.row } };
  }
  const other = checkWith(otherMetaValueSchema, value);
  if (!other.ok) return { ok: false, field: 'value', issue: { kind: 'invalid' } };
  return { ok: true, row: { key, value: other.row } };
}

interface TableSpec {
  /** The primary key's property. */
  key: 'date' | 'id' | 'key';
  check: (row: unknown) => RowCheck<unknown>;
}

const TABLES: Readonly<Record<BackupTable, TableSpec>> = {
  days: { key: 'date', check: (row) => checkWith(dayEntrySchema, row) },
  medications: { key: 'id', check: (row) => checkWith(medicationSchema, row) },
  regimenEvents: { key: 'id', check: (row) => checkWith(regimenEventSchema, row) },
  doseLogs: { key: 'id', check: (row) => checkWith(doseLogSchema, row) },
  reminders: { key: 'id', check: (row) => checkWith(reminderSchema, row) },
  visits: { key: 'id', check: (row) => checkWith(visitSchema, row) },
  meta: { key: 'key', check: checkMetaRow },
};

/** Check one row of a table against the current schema (the database uses this on export, too). */
export function checkBackupRow(table: BackupTable, row: unknown): RowCheck<unknown> {
  return TABLES[table].check(row);
}

/** An IndexedDB key as a string (keys may also be numbers, dates or arrays). */
export function stringifyKey(key: unknown): string {
  if (typeof key === 'string') return key;
  try {
    return JSON.stringify(key) ?? String(key);
  } catch {
    return String(key);
  }
}

/** The primary key of a row of `table`, as a string. */
export function primaryKeyOf(table: BackupTable, row: unknown): string {
  return stringifyKey(valueAt(row, [TABLES[table].key]));
}

// -------------------------------------------------------------------------------------------- open

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a file that does not parse as JSON most likely is, for the message. */
function guessUnparsable(text: string): BackupProblem {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (/^"?(date|medication|[a-z_]+),/i.test(head.slice(0, 200)) && !head.startsWith('{'))
    return { kind: 'spreadsheet' };
  if (head.startsWith('{') && head.slice(0, 400).includes(`"${BACKUP_FORMAT}`)) return { kind: 'damaged' };
  return { kind: 'not-backup' };
}

/** Far in the future: a backup is checked for impossible histories, never refused for the device's date. */
const NO_DATE_LIMIT = '9999-12-31';

function checkHistories(
  events: readonly RegimenEvent[],
  medications: ReadonlyMap<string, Medication>,
  where: 'backup' | 'merged',
  onlyMedications?: ReadonlySet<string>,
): BackupProblem | undefined {
  const byMedication = new Map<string, RegimenEvent[]>();
  for (const event of events) {
    if (onlyMedications && !onlyMedications.has(event.medicationId)) continue;
    const list = byMedication.get(event.medicationId) ?? [];
    list.push(event);
    byMedication.set(event.medicationId, list);
  }
  for (const [medicationId, history] of byMedication) {
    const [problem] = checkRegimenHistory(history, NO_DATE_LIMIT);
    if (!problem) continue;
    const event = history.find((candidate) => candidate.id === problem.eventId);
    return {
      kind: 'impossible-history',
      medication: medications.get(medicationId)?.name ?? medicationId,
      date: event?.date ?? '',
      problem: problem.kind,
      where,
    };
  }
  return undefined;
}

/**
 * Read untrusted text as a backup. Returns the validated backup (unknown fields stripped), the envelope of
 * an encrypted one (to be opened with a passphrase), or the first problem found. Never throws.
 */
export function openBackupText(text: string, options: { schemaVersion: number }): BackupOpenResult {
  const problem = (value: BackupProblem): BackupOpenResult => ({ kind: 'problem', problem: value });
  if (text.length > MAX_BACKUP_BYTES)
    return problem({ kind: 'too-large', bytes: text.length, maxBytes: MAX_BACKUP_BYTES });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return problem(guessUnparsable(text));
  }
  if (!isPlainObject(parsed)) return problem({ kind: 'not-backup' });

  if (parsed.format === ENCRYPTED_BACKUP_FORMAT) {
    if (typeof parsed.formatVersion === 'number' && parsed.formatVersion > BACKUP_FORMAT_VERSION)
      return problem({ kind: 'newer-version' });
    const kdf = parsed.kdf;
    const cipher = parsed.cipher;
    if (
      isPlainObject(kdf) &&
      isPlainObject(cipher) &&
      (kdf.name !== 'PBKDF2' || kdf.hash !== 'SHA-256' || cipher.name !== 'AES-GCM')
    )
      return problem({ kind: 'unsupported-encryption' });
    const envelope = encryptedBackupSchema.safeParse(parsed);
    return envelope.success ? { kind: 'encrypted', envelope: envelope.data } : problem({ kind: 'damaged' });
  }
  if (parsed.format !== BACKUP_FORMAT) return problem({ kind: 'not-backup' });

  const { formatVersion, schemaVersion } = parsed;
  if (typeof formatVersion === 'number' && formatVersion > BACKUP_FORMAT_VERSION)
    return problem({ kind: 'newer-version' });
  if (typeof schemaVersion === 'number' && schemaVersion > options.schemaVersion)
    return problem({ kind: 'newer-version' });
  if (!Number.isInteger(formatVersion) || (formatVersion as number) < 1) return problem({ kind: 'damaged' });
  if (!Number.isInteger(schemaVersion) || (schemaVersion as number) < 1) return problem({ kind: 'damaged' });
  const header = headerSchema.safeParse(parsed);
  if (!header.success) return problem({ kind: 'damaged' });

  const rawTables = parsed.tables;
  if (!isPlainObject(rawTables)) return problem({ kind: 'damaged' });
  if (Object.keys(rawTables).some((name) => !(BACKUP_TABLES as readonly string[]).includes(name)))
    return problem({ kind: 'damaged' });
  for (const table of BACKUP_TABLES) {
    const rows = rawTables[table];
    if (!Array.isArray(rows)) return problem({ kind: 'damaged', table });
    if (rows.length > MAX_ROWS[table]) return problem({ kind: 'too-many-rows', table, maxRows: MAX_ROWS[table] });
  }

  const tables = {} as Record<BackupTable, unknown[]>;
  let firstBadRow: Extract<BackupProblem, { kind: 'bad-row' }> | undefined;
  let badRows = 0;
  for (const table of BACKUP_TABLES) {
    const valid: unknown[] = [];
    (rawTables[table] as unknown[]).forEach((row, index) => {
      const checked = TABLES[table].check(row);
      if (checked.ok) valid.push(checked.row);
      else {
        badRows += 1;
        firstBadRow ??= {
          kind: 'bad-row',
          table,
          row: index + 1,
          field: checked.field,
          issue: checked.issue,
          otherBadRows: 0,
        };
      }
    });
    tables[table] = valid;
  }
  if (firstBadRow) return problem({ ...firstBadRow, otherBadRows: badRows - 1 });

  for (const table of BACKUP_TABLES) {
    const seen = new Map<string, number>();
    const rows = tables[table];
    for (let index = 0; index < rows.length; index += 1) {
      const key = primaryKeyOf(table, rows[index]);
      const first = seen.get(key);
      if (first !== undefined)
        return problem({ kind: 'duplicate-row', table, row: index + 1, firstRow: first + 1, key });
      seen.set(key, index);
    }
  }

  const backupTables = tables as unknown as BackupTables;
  const medications = new Map(backupTables.medications.map((medication) => [medication.id, medication]));
  for (const table of ['regimenEvents', 'doseLogs'] as const) {
    const index = backupTables[table].findIndex((row) => !medications.has(row.medicationId));
    if (index >= 0) {
      return problem({
        kind: 'bad-row',
        table,
        row: index + 1,
        field: 'medicationId',
        issue: { kind: 'unknown-medication' },
        otherBadRows: 0,
      });
    }
  }
  const history = checkHistories(backupTables.regimenEvents, medications, 'backup');
  if (history) return problem(history);

  return {
    kind: 'plain',
    backup: {
      format: BACKUP_FORMAT,
      formatVersion: formatVersion as number,
      appVersion: header.data.appVersion,
      schemaVersion: schemaVersion as number,
      exportedAt: header.data.exportedAt,
      tables: backupTables,
    },
  };
}

/** The backup of a diary, as this build writes it. */
export function buildBackup(
  tables: BackupTables,
  about: { appVersion: string; schemaVersion: number; exportedAt: number },
): BackupFile {
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: about.appVersion,
    schemaVersion: about.schemaVersion,
    exportedAt: about.exportedAt,
    tables,
  };
}

/** The file's text. A value JSON cannot hold (a BigInt in a row kept aside) is written as a string. */
export function serializeBackup(backup: BackupFile): string {
  return JSON.stringify(backup, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

/** The meta row that keeps an unreadable row aside, under a key stable for that table and primary key. */
export function quarantineRow(
  table: string,
  primaryKey: string,
  row: unknown,
  about: { schemaVersion: number; movedAt: number },
): MetaRow {
  const value: QuarantinedRow = { table, schemaVersion: about.schemaVersion, movedAt: about.movedAt, row };
  return { key: `${QUARANTINE_KEY_PREFIX}${table}:${primaryKey}`.slice(0, MAX_META_KEY_CHARS), value };
}

// -------------------------------------------------------------------------------------------- plan

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
  /** In both, different: the backup's version wins. */
  changed: T[];
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

export type ImportMode = 'merge' | 'replace';

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
}

function settingsOf(rows: readonly unknown[]): Settings {
  const row = rows.find((candidate) => valueAt(candidate, ['key']) === SETTINGS_KEY);
  const parsed = settingsSchema.safeParse(valueAt(row, ['value']) ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * Whether a row here and the backup's row say the same thing. A day saved again with the same answers
 * differs only in when it was saved; to a patient that is "already here", not "changed".
 */
function sayTheSame(table: DataTable, here: unknown, incoming: unknown): boolean {
  if (table !== 'days') return sameRow(here, incoming);
  return sameRow({ ...(here as object), updatedAt: undefined }, { ...(incoming as object), updatedAt: undefined });
}

function planTable(
  table: DataTable,
  here: readonly unknown[],
  incoming: readonly unknown[],
  unreadable: UnreadableRow[],
): TableChanges<unknown> {
  const hereByKey = new Map<string, { row: unknown; parsed: unknown; isReadable: boolean }>();
  for (const row of here) {
    const checked = TABLES[table].check(row);
    hereByKey.set(primaryKeyOf(table, row), {
      row,
      parsed: checked.ok ? checked.row : undefined,
      isReadable: checked.ok,
    });
  }
  const changes: TableChanges<unknown> = { added: [], changed: [], unchanged: [], onlyHere: 0 };
  const incomingKeys = new Set<string>();
  for (const row of incoming) {
    const key = primaryKeyOf(table, row);
    incomingKeys.add(key);
    const existing = hereByKey.get(key);
    if (!existing) changes.added.push(row);
    else if (existing.isReadable && sayTheSame(table, existing.parsed, row)) changes.unchanged.push(row);
    else changes.changed.push(row);
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

  // The histories after a merge: this device's events, with the backup's replacing those of the same id.
  const events = new Map<string, RegimenEvent>();
  for (const row of here.regimenEvents) {
    const parsed = regimenEventSchema.safeParse(row);
    if (parsed.success) events.set(parsed.data.id, parsed.data);
  }
  for (const event of backup.tables.regimenEvents) events.set(event.id, event);
  const medications = new Map<string, Medication>();
  for (const row of here.medications) {
    const parsed = medicationSchema.safeParse(row);
    if (parsed.success) medications.set(parsed.data.id, parsed.data);
  }
  for (const medication of backup.tables.medications) medications.set(medication.id, medication);
  const touched = new Set(backup.tables.regimenEvents.map((event) => event.medicationId));
  const mergeProblem = checkHistories([...events.values()], medications, 'merged', touched);

  return { tables: plans, meta, unreadableHere, settingsHere: settingsOf(here.meta), mergeProblem };
}

/** True when a merge would write nothing but settings: no data, no rows kept aside, no other app state. */
export function isNothingToImport(plan: ImportPlan): boolean {
  return (
    plan.meta.length === 0 &&
    DATA_TABLES.every((table) => plan.tables[table].added.length === 0 && plan.tables[table].changed.length === 0)
  );
}

/** True when, after this import, everything on the device is also in the backup. */
export function backupCoversDevice(plan: ImportPlan, mode: ImportMode): boolean {
  return mode === 'replace' || DATA_TABLES.every((table) => plan.tables[table].onlyHere === 0);
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

// ------------------------------------------------------------------------------------------ nudges

export const BACKUP_REMINDER_DAYS = 30;
const MS_PER_DAY = 86_400_000;

export type BackupNudge = 'none' | 'reminder' | 'at-risk';

/**
 * Whether Today should suggest a backup: only when something was saved since the last one and the patient
 * has not put the reminder off in the last 30 days; then at once when the browser may clear the storage,
 * else once the last backup is more than 30 days old (or there never was one).
 */
export function backupNudge(input: {
  nowMs: number;
  lastBackupAt: number | undefined;
  lastBackupReminderAt: number | undefined;
  hasChangesSinceBackup: boolean;
  isStorageAtRisk: boolean;
}): BackupNudge {
  if (!input.hasChangesSinceBackup) return 'none';
  const window = BACKUP_REMINDER_DAYS * MS_PER_DAY;
  if (input.lastBackupReminderAt !== undefined && input.nowMs - input.lastBackupReminderAt < window) return 'none';
  if (input.isStorageAtRisk) return 'at-risk';
  if (input.lastBackupAt === undefined || input.nowMs - input.lastBackupAt > window) return 'reminder';
  return 'none';
}

// --------------------------------------------------------------------------------------------- CSV

export type CsvCell = string | number | boolean | null;

/** English column names, stable so a spreadsheet built on them keeps working. */
export const DAY_CSV_COLUMNS = [
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
] as const;

export const MEDICATION_EVENT_CSV_COLUMNS = [
  'date',
  'medication',
  'drug_class',
  'event',
  'dose_amount',
  'dose_unit',
  'frequency',
  'reason',
  'note',
  'medication_id',
  'event_id',
] as const;

/** One row per logged day, oldest first, after the header. Lists are joined with "; ". */
export function dayCsvRows(days: readonly DayEntry[]): CsvCell[][] {
  const rows = [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day): CsvCell[] => [
      day.date,
      day.pain,
      day.drainage,
      day.dressingChanges,
      day.itch ?? null,
      day.odor ?? null,
      day.sleepDisturbed ?? null,
      day.flare,
      day.regions.join('; '),
      day.lesions?.nodules ?? null,
      day.lesions?.abscesses ?? null,
      day.lesions?.drainingTunnels ?? null,
      day.interventions.join('; '),
      day.note,
      new Date(day.updatedAt).toISOString(),
    ]);
  return [[...DAY_CSV_COLUMNS], ...rows];
}

/** One row per start, dose change, interruption, resume or stop, in date order, after the header. */
export function medicationEventCsvRows(
  medications: readonly Medication[],
  events: readonly RegimenEvent[],
): CsvCell[][] {
  const byId = new Map(medications.map((medication) => [medication.id, medication]));
  const rows = [...events]
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) || a.medicationId.localeCompare(b.medicationId) || a.id.localeCompare(b.id),
    )
    .map((event): CsvCell[] => {
      const medication = byId.get(event.medicationId);
      return [
        event.date,
        medication?.name ?? '',
        medication?.drugClass ?? '',
        event.kind,
        event.dose?.amount ?? null,
        event.dose?.unit ?? null,
        event.frequency ?? null,
        event.reason ?? null,
        event.note ?? '',
        event.medicationId,
        event.id,
      ];
    });
  return [[...MEDICATION_EVENT_CSV_COLUMNS], ...rows];
}

/**
 * What a backup file is, as pure functions: the versioned format (a plain backup, and the envelope of an
 * encrypted one), the rule each row of each table must pass (`checkBackupRow`, whose failures name the
 * field and what is wrong with it, for the patient), the problems that stop an import, and writing a
 * backup (`buildBackup`, `serializeBackup`, `quarantineRow` for a row kept aside). Reading a file is
 * ./backup-open.ts; what importing one would change is ./import-plan.ts.
 * No Dexie, no DOM, no clock: `now` and the current schema version are parameters.
 */
import * as z from 'zod/mini';
import { timestampSchema } from './timestamps';
import { DAY_CHECKS, dayEntrySchema, type DayCheck, type DayEntry } from './day';
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
import type { RegimenProblemKind } from './regimen';
import { SETTINGS_KEY, settingsSchema, type MetaRow } from './settings';
import { visitSchema, type Visit } from './visit';

export const BACKUP_FORMAT = 'hs-diary-backup';
export const ENCRYPTED_BACKUP_FORMAT = 'hs-diary-backup-encrypted';
/** Raise when the file's shape changes; an older app then refuses the file instead of misreading it. */
export const BACKUP_FORMAT_VERSION = 1;
/**
 * The encrypted envelope's own version. 2: its header (format, version, key derivation, salt, IV) is
 * authenticated as AES-GCM additional data, so a changed iteration count or IV fails like a wrong
 * passphrase instead of being trusted. Version 1 files (no additional data) still open.
 */
export const ENCRYPTED_BACKUP_FORMAT_VERSION = 2;
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

/** Meta rows whose key starts with this hold a row that could not be read, kept aside rather than deleted. */
export const QUARANTINE_KEY_PREFIX = 'quarantine:';
const MAX_META_KEY_CHARS = 300;
const MAX_QUARANTINED_ROW_CHARS = 1_000_000;

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
  movedAt: timestampSchema,
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
  /** A moment later than this device's clock allows (see ./timestamps.ts). */
  | { kind: 'in-the-future' }
  | { kind: 'invalid' };

/** Why a backup cannot be imported; nothing is written when there is one. */
export type BackupProblem =
  | { kind: 'too-large'; bytes: number; maxBytes: number }
  | { kind: 'not-backup' }
  | { kind: 'spreadsheet' }
  | { kind: 'damaged'; table?: BackupTable }
  | { kind: 'newer-version' }
  /** The file says it was made later than this device's clock allows: the other clock, or the file, is wrong. */
  | { kind: 'made-in-the-future'; exportedAt: number }
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

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  expected?: string;
  /** Set by a check of our own (see `DAY_CHECKS`). */
  params?: { check?: unknown };
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

/** What each of the day's own checks means to a patient; a new check fails the type check until it is here. */
const DAY_CHECK_ISSUES: Readonly<Record<DayCheck, RowIssue>> = {
  [DAY_CHECKS.notADate]: { kind: 'not-a-date' },
  [DAY_CHECKS.duplicateEntries]: { kind: 'duplicate-entries' },
  [DAY_CHECKS.regionsWithoutFlare]: { kind: 'regions-without-flare' },
};

const isDayCheck = (value: unknown): value is DayCheck =>
  typeof value === 'string' && Object.hasOwn(DAY_CHECK_ISSUES, value);

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
    case 'custom': {
      const check = issue.params?.check;
      return { field, issue: isDayCheck(check) ? DAY_CHECK_ISSUES[check] : { kind: 'invalid' } };
    }
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

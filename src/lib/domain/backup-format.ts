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
import { checkWith, valueAt, type RowCheck, type RowIssue } from './backup-row-check';
import { META_STATE_CHECKS } from './backup-meta-state';
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
import type { RegimenProblemKind } from './regimen';
import { SETTINGS_KEY, type MetaRow } from './settings';
import { settingsSchema } from './settings-schema';
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
export const encryptedBackupSchema = z.lazy(() =>
  z.object({
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
  }),
);
export type EncryptedBackup = z.infer<typeof encryptedBackupSchema>;

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export const quarantinedRowSchema = z.lazy(() =>
  z.object({
    table: z.string().check(z.minLength(1), z.maxLength(64)),
    schemaVersion: z.int().check(z.gte(0), z.lte(100_000)),
    movedAt: timestampSchema,
    row: z.unknown().check(z.refine((row) => jsonLength(row) <= MAX_QUARANTINED_ROW_CHARS, 'too large')),
  }),
);

// ---------------------------------------------------------------------------------------- problems

export type { RowIssue } from './backup-row-check';

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

const metaBaseSchema = z.lazy(() =>
  z.object({ key: z.string().check(z.minLength(1), z.maxLength(MAX_META_KEY_CHARS)) }),
);

/**
 * A meta row: the settings (checked against their schema), a row moved aside, or a piece of the app's own
 * state under its own key (the reminders' memory, what the last calendar file held), checked against its
 * schema. A key the app does not know is refused: nothing from outside is stored unchecked.
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
  const check = Object.hasOwn(META_STATE_CHECKS, key) ? META_STATE_CHECKS[key] : undefined;
  if (!check) return { ok: false, field: 'key', issue: { kind: 'not-allowed' } };
  const state = check(value);
  if (!state.ok) return state;
  return { ok: true, row: { key, value: state.row } };
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

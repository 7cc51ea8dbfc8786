/**
 * Reading a backup file's text, which may be anything: untrusted text in, a valid backup (unknown fields
 * stripped), the envelope of an encrypted one, or one specific problem out, naming the table, row and
 * field so a patient can be told what is wrong and where. Never throws.
 */
import * as z from 'zod/mini';
import { timestampSchema } from './timestamps';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_TABLES,
  checkBackupRow,
  ENCRYPTED_BACKUP_FORMAT,
  ENCRYPTED_BACKUP_FORMAT_VERSION,
  encryptedBackupSchema,
  MAX_BACKUP_BYTES,
  MAX_ROWS,
  primaryKeyOf,
  type BackupFile,
  type BackupProblem,
  type BackupTable,
  type BackupTables,
  type EncryptedBackup,
} from './backup-format';
import type { Medication, RegimenEvent } from './medication';
import { checkRegimenHistory } from './regimen';
import { SETTINGS_KEY } from './settings';
import { isInTheFuture } from './timestamps';

const headerSchema = z.lazy(() =>
  z.object({
    appVersion: z.string().check(z.maxLength(64)),
    exportedAt: timestampSchema,
  }),
);

export type BackupOpenResult =
  | { kind: 'plain'; backup: BackupFile }
  | { kind: 'encrypted'; envelope: EncryptedBackup }
  | { kind: 'problem'; problem: BackupProblem };

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

/**
 * The first impossible medication history among `events` (only of `onlyMedications` when given), if any.
 * `where` says whose history it is: the backup's own, or the one a merge would leave.
 */
export function checkHistories(
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
/** The moments each table's rows carry, as [field, value] pairs, for the check against the device's clock. */
function rowTimes(table: BackupTable, row: unknown): [string, number][] {
  const record = row as Record<string, unknown>;
  const times = (fields: readonly string[], source: Record<string, unknown>, prefix = '') =>
    fields.flatMap((field): [string, number][] =>
      typeof source[field] === 'number' ? [[`${prefix}${field}`, source[field]]] : [],
    );
  if (table === 'days') return times(['updatedAt'], record);
  if (table === 'doseLogs') return times(['at'], record);
  if (table !== 'meta' || !isPlainObject(record.value)) return [];
  if (record.key === SETTINGS_KEY)
    return times(['lastBackupAt', 'lastBackupReminderAt', 'persistenceRequestedAt'], record.value, 'value.');
  return times(['movedAt'], record.value, 'value.');
}

/** The first row holding a moment later than the device's clock allows. */
function firstRowInTheFuture(
  tables: Record<BackupTable, unknown[]>,
  nowMs: number,
): Extract<BackupProblem, { kind: 'bad-row' }> | undefined {
  for (const table of BACKUP_TABLES) {
    for (const [index, row] of tables[table].entries()) {
      const late = rowTimes(table, row).find(([, time]) => isInTheFuture(time, nowMs));
      if (late)
        return {
          kind: 'bad-row',
          table,
          row: index + 1,
          field: late[0],
          issue: { kind: 'in-the-future' },
          otherBadRows: 0,
        };
    }
  }
  return undefined;
}

export interface OpenBackupOptions {
  /** The schema version of this app: a file from a newer one is refused. */
  schemaVersion: number;
  /** This device's clock: moments in the file may not lie later (see ./timestamps.ts). */
  nowMs: number;
}

export function openBackupText(text: string, options: OpenBackupOptions): BackupOpenResult {
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
    if (typeof parsed.formatVersion === 'number' && parsed.formatVersion > ENCRYPTED_BACKUP_FORMAT_VERSION)
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
  if (isInTheFuture(header.data.exportedAt, options.nowMs))
    return problem({ kind: 'made-in-the-future', exportedAt: header.data.exportedAt });

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
      const checked = checkBackupRow(table, row);
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
  const late = firstRowInTheFuture(tables, options.nowMs);
  if (late) return problem(late);

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

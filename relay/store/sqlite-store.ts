/**
 * The embedded store: one SQLite file (better-sqlite3), for a relay that runs as one process with no
 * database service. Each method is one transaction; `BEGIN IMMEDIATE` takes the write lock up front, so
 * even two processes on one file never claim the same reminder.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS_TABLE, SQLITE_MIGRATIONS } from './migrations';
import {
  dueReminderOf,
  insertReminderSql,
  reminderValues,
  replaceReminderSql,
  replaceReminderValues,
  SELECT_DUE,
  sendJobOf,
  type DueRow,
  type SendRow,
} from './rows';
import type {
  DeleteResult,
  DuePlan,
  DueReminder,
  PutResult,
  RelayStore,
  ReminderRecord,
  SendJob,
  VapidKeys,
} from './types';

const placeholder = () => '?';

export class SqliteStore implements RelayStore {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
  }

  /** A write transaction that takes the lock before reading. */
  #write<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }

  migrate(): Promise<void> {
    this.#db.exec(MIGRATIONS_TABLE);
    this.#write(() => {
      const applied = new Set(
        this.#db
          .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
          .all()
          .map((row) => row.version),
      );
      for (const migration of SQLITE_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) this.#db.exec(statement);
        this.#db
          .prepare('INSERT INTO schema_migrations (version, applied_at_ms) VALUES (?, ?)')
          .run(migration.version, Date.now());
      }
    });
    return Promise.resolve();
  }

  vapidKeys(make: () => VapidKeys): Promise<VapidKeys> {
    return Promise.resolve(
      this.#write(() => {
        const read = this.#db.prepare<[string], { value: string }>('SELECT value FROM relay_keys WHERE name = ?');
        const stored = read.get('vapid');
        if (stored) return JSON.parse(stored.value) as VapidKeys;
        const keys = make();
        this.#db.prepare('INSERT INTO relay_keys (name, value) VALUES (?, ?)').run('vapid', JSON.stringify(keys));
        return keys;
      }),
    );
  }

  putReminder(
    record: ReminderRecord,
    isOwner: (storedHash: string) => boolean,
    nextDue: (sentThroughMs: number | null) => number | null,
  ): Promise<PutResult> {
    return Promise.resolve(
      this.#write((): PutResult => {
        const existing = this.#db
          .prepare<[string], { secret_hash: string; sent_through_ms: number | null }>(
            'SELECT secret_hash, sent_through_ms FROM reminders WHERE id = ?',
          )
          .get(record.id);
        if (existing && !isOwner(existing.secret_hash)) return 'forbidden';
        const nextDueMs = nextDue(existing?.sent_through_ms ?? null);
        if (existing) {
          this.#db.prepare(replaceReminderSql(placeholder)).run(...replaceReminderValues(record, nextDueMs));
          return 'replaced';
        }
        this.#db.prepare(insertReminderSql(placeholder, true)).run(...reminderValues(record), nextDueMs);
        return 'created';
      }),
    );
  }

  deleteReminder(id: string, isOwner: (storedHash: string) => boolean): Promise<DeleteResult> {
    return Promise.resolve(
      this.#write((): DeleteResult => {
        const row = this.#db
          .prepare<[string], { secret_hash: string }>('SELECT secret_hash FROM reminders WHERE id = ?')
          .get(id);
        if (!row) return 'missing';
        if (!isOwner(row.secret_hash)) return 'forbidden';
        this.#db.prepare('DELETE FROM reminders WHERE id = ?').run(id);
        return 'deleted';
      }),
    );
  }

  dropReminder(id: string): Promise<void> {
    this.#db.prepare('DELETE FROM reminders WHERE id = ?').run(id);
    return Promise.resolve();
  }

  scheduleDue(nowMs: number, limit: number, plan: (due: DueReminder) => DuePlan): Promise<number> {
    return Promise.resolve(
      this.#write(() => {
        const rows = this.#db
          .prepare<[number, number], DueRow>(`${SELECT_DUE} WHERE next_due_ms <= ? ORDER BY next_due_ms LIMIT ?`)
          .all(nowMs, limit);
        const insert = this.#db.prepare(
          'INSERT OR IGNORE INTO sends (reminder_id, due_ms, attempts, next_attempt_ms) VALUES (?, ?, 0, ?)',
        );
        const update = this.#db.prepare('UPDATE reminders SET next_due_ms = ?, sent_through_ms = ? WHERE id = ?');
        for (const row of rows) {
          const decided = plan(dueReminderOf(row));
          for (const dueMs of decided.sendDueMs) insert.run(row.id, dueMs, nowMs);
          update.run(decided.nextDueMs, decided.sentThroughMs, row.id);
        }
        return rows.length;
      }),
    );
  }

  leaseSends(nowMs: number, limit: number, leaseUntilMs: number): Promise<SendJob[]> {
    return Promise.resolve(
      this.#write(() => {
        const rows = this.#db
          .prepare<[number, number], SendRow>(
            `SELECT s.reminder_id, s.due_ms, s.attempts, r.endpoint, r.p256dh, r.auth
               FROM sends s JOIN reminders r ON r.id = s.reminder_id
              WHERE s.next_attempt_ms <= ? ORDER BY s.next_attempt_ms LIMIT ?`,
          )
          .all(nowMs, limit);
        const lease = this.#db.prepare('UPDATE sends SET next_attempt_ms = ? WHERE reminder_id = ? AND due_ms = ?');
        for (const row of rows) lease.run(leaseUntilMs, row.reminder_id, row.due_ms);
        return rows.map(sendJobOf);
      }),
    );
  }

  finishSend(reminderId: string, dueMs: number): Promise<void> {
    this.#db.prepare('DELETE FROM sends WHERE reminder_id = ? AND due_ms = ?').run(reminderId, dueMs);
    return Promise.resolve();
  }

  retrySend(reminderId: string, dueMs: number, attempts: number, nextAttemptMs: number): Promise<void> {
    this.#db
      .prepare('UPDATE sends SET attempts = ?, next_attempt_ms = ? WHERE reminder_id = ? AND due_ms = ?')
      .run(attempts, nextAttemptMs, reminderId, dueMs);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }
}

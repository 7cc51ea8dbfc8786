/**
 * The shared store: PostgreSQL (`DATABASE_URL`), for several relays on one database. Due reminders and
 * sends are claimed with `FOR UPDATE SKIP LOCKED`, so two relays never take the same row; a send is leased
 * (its next attempt moved past the lease) before the push goes out, so a relay that dies mid-send leaves it
 * to another once the lease runs out. Batches are written with `unnest`, one statement per batch.
 */
import pg from 'pg';
import { MIGRATIONS_TABLE, POSTGRES_MIGRATIONS } from './migrations';
import {
  dueReminderOf,
  insertReminderSql,
  msOrNull,
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

/** Any number: one lock key for migrating and for making the VAPID keys. */
const SETUP_LOCK = 815_015;

const placeholder = (n: number) => `$${n}`;

export class PostgresStore implements RelayStore {
  readonly kind = 'postgres';
  readonly #pool: pg.Pool;

  constructor(connectionString: string) {
    this.#pool = new pg.Pool({ connectionString, max: 8 });
    // An idle connection the server ends (a database restart, a failover, an admin's kill) is reported
    // here; without a listener it would crash the relay. The pool drops it and connects again when next
    // asked, and a query on a database that is really gone fails where it is made.
    this.#pool.on('error', () => undefined);
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async migrate(): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      await client.query(MIGRATIONS_TABLE);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) await client.query(statement);
        await client.query('INSERT INTO schema_migrations (version, applied_at_ms) VALUES ($1, $2)', [
          migration.version,
          Date.now(),
        ]);
      }
    });
  }

  vapidKeys(make: () => VapidKeys): Promise<VapidKeys> {
    return this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      const { rows } = await client.query<{ value: string }>("SELECT value FROM relay_keys WHERE name = 'vapid'");
      if (rows[0]) return JSON.parse(rows[0].value) as VapidKeys;
      const keys = make();
      await client.query("INSERT INTO relay_keys (name, value) VALUES ('vapid', $1)", [JSON.stringify(keys)]);
      return keys;
    });
  }

  putReminder(
    record: ReminderRecord,
    isOwner: (storedHash: string) => boolean,
    nextDue: (sentThroughMs: number | null) => number | null,
  ): Promise<PutResult> {
    return this.#transaction(async (client): Promise<PutResult> => {
      // A new id is inserted with no next time yet, so two creates of one id cannot both win.
      const inserted = await client.query(
        `${insertReminderSql(placeholder, false)} ON CONFLICT (id) DO NOTHING RETURNING id`,
        reminderValues(record),
      );
      const { rows } = await client.query<{ secret_hash: string; sent_through_ms: string | null }>(
        'SELECT secret_hash, sent_through_ms FROM reminders WHERE id = $1 FOR UPDATE',
        [record.id],
      );
      const existing = rows[0];
      if (!existing || !isOwner(existing.secret_hash)) return 'forbidden';
      const sentThroughMs = msOrNull(existing.sent_through_ms);
      await client.query(replaceReminderSql(placeholder), replaceReminderValues(record, nextDue(sentThroughMs)));
      return inserted.rowCount === 1 ? 'created' : 'replaced';
    });
  }

  deleteReminder(id: string, isOwner: (storedHash: string) => boolean): Promise<DeleteResult> {
    return this.#transaction(async (client): Promise<DeleteResult> => {
      const { rows } = await client.query<{ secret_hash: string }>(
        'SELECT secret_hash FROM reminders WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!rows[0]) return 'missing';
      if (!isOwner(rows[0].secret_hash)) return 'forbidden';
      await client.query('DELETE FROM reminders WHERE id = $1', [id]);
      return 'deleted';
    });
  }

  async dropReminder(id: string): Promise<void> {
    await this.#pool.query('DELETE FROM reminders WHERE id = $1', [id]);
  }

  scheduleDue(nowMs: number, limit: number, plan: (due: DueReminder) => DuePlan): Promise<number> {
    return this.#transaction(async (client) => {
      const { rows } = await client.query<DueRow>(
        `${SELECT_DUE} WHERE next_due_ms <= $1 ORDER BY next_due_ms LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [nowMs, limit],
      );
      if (rows.length === 0) return 0;
      const sends: { ids: string[]; dues: number[] } = { ids: [], dues: [] };
      const updates: { ids: string[]; next: (number | null)[]; through: number[] } = { ids: [], next: [], through: [] };
      for (const row of rows) {
        const decided = plan(dueReminderOf(row));
        for (const dueMs of decided.sendDueMs) {
          sends.ids.push(row.id);
          sends.dues.push(dueMs);
        }
        updates.ids.push(row.id);
        updates.next.push(decided.nextDueMs);
        updates.through.push(decided.sentThroughMs);
      }
      await client.query(
        `INSERT INTO sends (reminder_id, due_ms, attempts, next_attempt_ms)
           SELECT id, due, 0, $3 FROM unnest($1::text[], $2::bigint[]) AS u (id, due) ON CONFLICT DO NOTHING`,
        [sends.ids, sends.dues, nowMs],
      );
      await client.query(
        `UPDATE reminders r SET next_due_ms = u.next, sent_through_ms = u.through
           FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS u (id, next, through) WHERE r.id = u.id`,
        [updates.ids, updates.next, updates.through],
      );
      return rows.length;
    });
  }

  async leaseSends(nowMs: number, limit: number, leaseUntilMs: number): Promise<SendJob[]> {
    const { rows } = await this.#pool.query<SendRow>(
      `WITH claimed AS (
         SELECT reminder_id, due_ms FROM sends WHERE next_attempt_ms <= $1
          ORDER BY next_attempt_ms LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       UPDATE sends s SET next_attempt_ms = $3 FROM claimed c, reminders r
        WHERE s.reminder_id = c.reminder_id AND s.due_ms = c.due_ms AND r.id = s.reminder_id
       RETURNING s.reminder_id, s.due_ms, s.attempts, r.endpoint, r.p256dh, r.auth`,
      [nowMs, limit, leaseUntilMs],
    );
    return rows.map(sendJobOf);
  }

  async finishSend(reminderId: string, dueMs: number): Promise<void> {
    await this.#pool.query('DELETE FROM sends WHERE reminder_id = $1 AND due_ms = $2', [reminderId, dueMs]);
  }

  async retrySend(reminderId: string, dueMs: number, attempts: number, nextAttemptMs: number): Promise<void> {
    await this.#pool.query(
      'UPDATE sends SET attempts = $3, next_attempt_ms = $4 WHERE reminder_id = $1 AND due_ms = $2',
      [reminderId, dueMs, attempts, nextAttemptMs],
    );
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

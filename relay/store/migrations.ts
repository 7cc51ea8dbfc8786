/**
 * The relay's schema, one list of migrations per database, applied in order and recorded in
 * `schema_migrations`. A new version appends a migration to both lists; an applied one is never edited.
 * What a table may hold is pinned by `tests/relay/stored-data.test.ts`: nothing but the push subscription,
 * the schedule (times, days, zone, end date), the hashed secret and the scheduler's own times.
 */
export interface Migration {
  version: number;
  statements: readonly string[];
}

const reminders = (bigint: string) => `CREATE TABLE reminders (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  times TEXT NOT NULL,
  weekdays TEXT,
  every_days INTEGER,
  anchor_date TEXT,
  time_zone TEXT NOT NULL,
  end_date TEXT,
  next_due_ms ${bigint},
  sent_through_ms ${bigint}
)`;

const sends = (bigint: string) => `CREATE TABLE sends (
  reminder_id TEXT NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
  due_ms ${bigint} NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms ${bigint} NOT NULL,
  PRIMARY KEY (reminder_id, due_ms)
)`;

const common = (bigint: string): string[] => [
  'CREATE TABLE relay_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
  reminders(bigint),
  'CREATE INDEX reminders_next_due ON reminders (next_due_ms)',
  sends(bigint),
  'CREATE INDEX sends_next_attempt ON sends (next_attempt_ms)',
];

export const SQLITE_MIGRATIONS: readonly Migration[] = [{ version: 1, statements: common('INTEGER') }];
export const POSTGRES_MIGRATIONS: readonly Migration[] = [{ version: 1, statements: common('BIGINT') }];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  applied_at_ms BIGINT NOT NULL
)`;

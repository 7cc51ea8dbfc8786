/**
 * Reminder and send rows to records and back, the same for both databases: the column lists, the SQL that
 * names them, and the mapping of what a query returns. Only the placeholders differ (`?1` in SQLite, `$1`
 * in PostgreSQL), so statements are built here with the store's own.
 */
import { relayScheduleSchema, type RelaySchedule } from '../../src/lib/domain/relay-schedule';
import type { DueReminder, ReminderRecord, SendJob } from './types';

export interface ScheduleColumns {
  times: string;
  weekdays: string | null;
  every_days: number | null;
  anchor_date: string | null;
  time_zone: string;
  end_date: string | null;
}

/** A reminder's columns but the scheduler's, in table order: what `reminderValues` fills. */
export const REMINDER_COLUMNS = [
  'id',
  'secret_hash',
  'endpoint',
  'p256dh',
  'auth',
  'times',
  'weekdays',
  'every_days',
  'anchor_date',
  'time_zone',
  'end_date',
] as const;

/**
 * A placeholder for the statement's `n`th parameter (from 1), in the store's dialect. Parameters appear in
 * the statements below in the order they are numbered, so SQLite's plain `?` fits too.
 */
export type Placeholder = (n: number) => string;

/** `INSERT INTO reminders (…) VALUES (…)` of every column `reminderValues` fills, plus `next_due_ms` when asked. */
export function insertReminderSql(placeholder: Placeholder, withNextDue: boolean): string {
  const columns = [...REMINDER_COLUMNS, ...(withNextDue ? ['next_due_ms'] : [])];
  const values = columns.map((_, index) => placeholder(index + 1));
  return `INSERT INTO reminders (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}

/** `UPDATE reminders SET …` of every column but the id, then `next_due_ms`: the values of `replaceReminderValues`. */
export function replaceReminderSql(placeholder: Placeholder): string {
  const columns = [...REMINDER_COLUMNS.slice(1), 'next_due_ms'];
  const assignments = columns.map((column, index) => `${column} = ${placeholder(index + 1)}`);
  return `UPDATE reminders SET ${assignments.join(', ')} WHERE id = ${placeholder(columns.length + 1)}`;
}

/** The parameters of `replaceReminderSql`, in order. */
export function replaceReminderValues(record: ReminderRecord, nextDueMs: number | null): (string | number | null)[] {
  const [id = record.id, ...rest] = reminderValues(record);
  return [...rest, nextDueMs, id];
}

/** The columns a due reminder is planned from; filter and order are the store's. */
export const SELECT_DUE = `SELECT id, times, weekdays, every_days, anchor_date, time_zone, end_date, next_due_ms,
  sent_through_ms FROM reminders`;

/** A row of `SELECT_DUE`. PostgreSQL returns BIGINT columns as strings, SQLite as numbers. */
export interface DueRow extends ScheduleColumns {
  id: string;
  next_due_ms: number | string;
  sent_through_ms: number | string | null;
}

/** A send joined with its reminder's subscription. */
export interface SendRow {
  reminder_id: string;
  due_ms: number | string;
  attempts: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export function scheduleColumns(schedule: RelaySchedule): ScheduleColumns {
  const { days } = schedule;
  return {
    times: JSON.stringify(schedule.times),
    weekdays: 'weekdays' in days ? JSON.stringify(days.weekdays) : null,
    every_days: 'everyDays' in days ? days.everyDays : null,
    anchor_date: 'anchor' in days ? days.anchor : null,
    time_zone: schedule.timeZone,
    end_date: schedule.endDate ?? null,
  };
}

/** Read back through the same schema the API checks with, so a damaged row is an error, not a wrong send. */
export function scheduleOf(row: ScheduleColumns): RelaySchedule {
  return relayScheduleSchema.parse({
    times: JSON.parse(row.times) as unknown,
    days:
      row.weekdays !== null
        ? { weekdays: JSON.parse(row.weekdays) as unknown }
        : { everyDays: Number(row.every_days), anchor: row.anchor_date },
    timeZone: row.time_zone,
    ...(row.end_date !== null ? { endDate: row.end_date } : {}),
  });
}

/** The values of `REMINDER_COLUMNS` for a record. */
export function reminderValues(record: ReminderRecord): (string | number | null)[] {
  const columns = scheduleColumns(record.schedule);
  return [
    record.id,
    record.secretHash,
    record.subscription.endpoint,
    record.subscription.p256dh,
    record.subscription.auth,
    columns.times,
    columns.weekdays,
    columns.every_days,
    columns.anchor_date,
    columns.time_zone,
    columns.end_date,
  ];
}

/** BIGINT columns come back from PostgreSQL as strings. */
export function msOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function dueReminderOf(row: DueRow): DueReminder {
  return {
    id: row.id,
    schedule: scheduleOf(row),
    nextDueMs: Number(row.next_due_ms),
    sentThroughMs: msOrNull(row.sent_through_ms),
  };
}

export function sendJobOf(row: SendRow): SendJob {
  return {
    reminderId: row.reminder_id,
    dueMs: Number(row.due_ms),
    attempts: row.attempts,
    subscription: { endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth },
  };
}

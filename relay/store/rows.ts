/** Reminder rows to records and back, the same for both databases. */
import { relayScheduleSchema, type RelaySchedule } from '../../src/lib/domain/relay-schedule';
import type { ReminderRecord } from './types';

export interface ScheduleColumns {
  times: string;
  weekdays: string | null;
  every_days: number | null;
  anchor_date: string | null;
  time_zone: string;
  end_date: string | null;
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
    times: JSON.parse(row.times),
    days:
      row.weekdays !== null
        ? { weekdays: JSON.parse(row.weekdays) }
        : { everyDays: Number(row.every_days), anchor: row.anchor_date },
    timeZone: row.time_zone,
    ...(row.end_date !== null ? { endDate: row.end_date } : {}),
  });
}

/** Every column of a reminder row but the scheduler's, in table order. */
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

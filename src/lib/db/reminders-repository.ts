/**
 * Reminders, dose logs and the small state notifications keep, for the page and the service worker alike
 * (Dexie runs in both; a write in one reaches the other's live queries). Everything read is validated;
 * everything written passes its schema. Two rows of the `meta` table belong here: `reminderState` (which
 * doses were announced or snoozed, pruned to two days) and `calendarExport` (what the last .ics file held).
 */
import { CALENDAR_EXPORT_KEY, calendarExportStateSchema, type CalendarExportState } from '../domain/calendar-plan';
import type { IsoDate } from '../domain/dates';
import {
  doseLogSchema,
  medicationSchema,
  regimenEventSchema,
  reminderSchema,
  type DoseLog,
  type Medication,
  type RegimenEvent,
  type Reminder,
} from '../domain/medication';
import {
  EMPTY_REMINDER_STATE,
  REMINDER_STATE_KEY,
  reminderStateSchema,
  type ReminderState,
} from '../domain/reminder-state';
import { doseLogId } from '../domain/schedule';
import type { LocalDateTime } from '../domain/zoned-time';
import type { DiaryDatabase } from './database';
import { watchQuery, type Unsubscribe } from './live-query';
import { withStorage } from './lifecycle';
import { readValidRows } from './unreadable-rows';

/** Thrown when a reminder or dose log does not pass its schema; nothing was written. */
export class InvalidReminderError extends Error {
  constructor(readonly fields: string[]) {
    super(`invalid reminder or dose log: ${fields.join(', ')}`);
    this.name = 'InvalidReminderError';
  }
}

const isRefused = (error: unknown) => error instanceof InvalidReminderError;
const read = <T>(db: DiaryDatabase, work: () => Promise<T>) => withStorage(db, work, { passThrough: isRefused });
const write = <T>(db: DiaryDatabase, work: () => Promise<T>) =>
  withStorage(db, work, { write: true, passThrough: isRefused });

function parsed<T>(
  schema: {
    safeParse: (
      value: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[] }[] } };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidReminderError([...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? 'value')))]);
}

/** Everything the schedule needs: medications with their events, reminders, and dose logs from `logsFrom` on. */
export interface ScheduleInputs {
  medications: Medication[];
  events: RegimenEvent[];
  reminders: Reminder[];
  doseLogs: DoseLog[];
}

export function loadScheduleInputs(db: DiaryDatabase, logsFrom: IsoDate): Promise<ScheduleInputs> {
  return read(db, async () => {
    const [medications, events, reminders, doseLogs] = await Promise.all([
      db.medications.toArray(),
      db.regimenEvents.toArray(),
      db.reminders.toArray(),
      db.doseLogs.where('scheduledFor').aboveOrEqual(logsFrom).toArray(),
    ]);
    return {
      medications: readValidRows('medications', medicationSchema, medications),
      events: readValidRows('regimenEvents', regimenEventSchema, events),
      reminders: readValidRows('reminders', reminderSchema, reminders),
      doseLogs: readValidRows('doseLogs', doseLogSchema, doseLogs),
    };
  });
}

/** Follow the schedule's inputs as they change, here, in another tab or in the service worker. */
export function watchScheduleInputs(
  db: DiaryDatabase,
  logsFrom: IsoDate,
  onChange: (inputs: ScheduleInputs) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(() => loadScheduleInputs(db, logsFrom), onChange, onError);
}

export function watchReminders(
  db: DiaryDatabase,
  onChange: (reminders: Reminder[]) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(
    () => read(db, async () => readValidRows('reminders', reminderSchema, await db.reminders.toArray())),
    onChange,
    onError,
  );
}

export async function saveReminder(db: DiaryDatabase, input: unknown): Promise<Reminder> {
  const reminder = parsed(reminderSchema, input);
  return write(db, async () => {
    await db.reminders.put(reminder);
    return reminder;
  });
}

export interface DoseRecord {
  medicationId: string;
  scheduledFor: LocalDateTime;
  status: DoseLog['status'];
  at: number;
}

/**
 * Log doses under their stable ids, in one transaction. A dose already logged with the same status keeps
 * its first time, so a tap in the app and on the notification for the same dose make one log, not two.
 */
export async function recordDoses(db: DiaryDatabase, records: readonly DoseRecord[]): Promise<DoseLog[]> {
  const logs = records.map((record) =>
    parsed(doseLogSchema, { id: doseLogId(record.medicationId, record.scheduledFor), ...record }),
  );
  return write(db, () =>
    db.transaction('rw', db.doseLogs, async () => {
      const existing = await db.doseLogs.bulkGet(logs.map((log) => log.id));
      const kept = logs.map((log, index) => {
        const before = existing[index];
        return before && before.status === log.status && doseLogSchema.safeParse(before).success ? before : log;
      });
      await db.doseLogs.bulkPut(kept);
      return kept;
    }),
  );
}

export async function recordDose(db: DiaryDatabase, record: DoseRecord): Promise<DoseLog> {
  const [log] = await recordDoses(db, [record]);
  return log as DoseLog;
}

/** Take back a dose log (the Undo after Taken or Skipped). */
export function removeDoseLog(db: DiaryDatabase, id: string): Promise<void> {
  return write(db, () => db.doseLogs.delete(id));
}

export function isDayLogged(db: DiaryDatabase, date: IsoDate): Promise<boolean> {
  return read(db, async () => (await db.days.where('date').equals(date).count()) > 0);
}

export async function loadReminderState(db: DiaryDatabase): Promise<ReminderState> {
  return read(db, async () => {
    const result = reminderStateSchema.safeParse((await db.meta.get(REMINDER_STATE_KEY))?.value);
    return result.success ? result.data : EMPTY_REMINDER_STATE;
  });
}

/** Change the reminder state in one transaction (the page and the service worker may both write it). */
export function updateReminderState(
  db: DiaryDatabase,
  change: (state: ReminderState) => ReminderState,
): Promise<ReminderState> {
  return write(db, () =>
    db.transaction('rw', db.meta, async () => {
      const current = reminderStateSchema.safeParse((await db.meta.get(REMINDER_STATE_KEY))?.value);
      const next = parsed(reminderStateSchema, change(current.success ? current.data : EMPTY_REMINDER_STATE));
      await db.meta.put({ key: REMINDER_STATE_KEY, value: next });
      return next;
    }),
  );
}

export function watchReminderState(
  db: DiaryDatabase,
  onChange: (state: ReminderState) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  return watchQuery(() => loadReminderState(db), onChange, onError);
}

export async function loadCalendarExportState(db: DiaryDatabase): Promise<CalendarExportState> {
  return read(db, async () => {
    const result = calendarExportStateSchema.safeParse((await db.meta.get(CALENDAR_EXPORT_KEY))?.value);
    return result.success ? result.data : {};
  });
}

export async function saveCalendarExportState(db: DiaryDatabase, state: CalendarExportState): Promise<void> {
  const value = parsed(calendarExportStateSchema, state);
  await write(db, () => db.meta.put({ key: CALENDAR_EXPORT_KEY, value }));
}

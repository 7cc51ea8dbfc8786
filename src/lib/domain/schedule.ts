/**
 * When doses and the diary fall due: from a medication's phases and the patient's reminder settings to
 * dated, timed doses, and which of them are due, late, missed or worth a notification. Pure: `today`,
 * `now` and the time zone are parameters. The rules, each pinned by a test in `schedule.test.ts` (the
 * time-zone ones in `zoned-time.test.ts`):
 *
 * - Only `on` phases have doses. An interruption pauses a medication's doses from its date, a resume
 *   restarts them from its date, a stop ends them; "as needed" and "other" schedules have none.
 * - A regimen event is a date, not a time: the regimen it begins applies to the whole of that day. A dose
 *   change recorded at noon for today turns today's 08:00 dose into one of the new regimen; an interruption
 *   recorded for today removes today's doses (a dose already logged stays logged).
 * - Default times: once daily 08:00; twice daily 08:00 and 20:00; weekly, every 2 and every 4 weeks 08:00.
 *   A reminder row (kind `dose`) can set other times (used while its count matches the regimen's) and,
 *   for the weekly kinds, a weekday.
 * - Cycles: weekly and every-N-weeks doses fall on the cycle's anchor and every 7·N days after. The anchor
 *   is the date of the start or resume that began the treatment run, or of a dose change that changed the
 *   frequency; a dose change that keeps the frequency keeps the cycle. Injections restart their cycle on
 *   resume: the first dose after a break is due the day treatment resumes. A chosen weekday moves the
 *   anchor to the first such weekday on or after it.
 * - Times are wall-clock: 08:00 stays 08:00 across daylight-saving changes. A time that does not exist on
 *   the spring-forward day (02:30 in London on the last Sunday of March) falls due as far after the gap
 *   (03:30); a time that happens twice in autumn falls due the first time (see zoned-time.ts).
 * - A dose log's id is `${medicationId}@${scheduledFor}`, cut to its last 64 characters (`doseLogId`, which
 *   the page and the service worker both use): logging the same dose twice (a tab and a notification)
 *   replaces the log instead of counting it twice. "Late" is taken more than 2 hours after
 *   the dose was due; a late dose counts as taken for adherence.
 */
import * as z from 'zod/mini';
import { addDays, daysBetween, weekdayMondayFirst, type IsoDate } from './dates';
import { localDateTimeSchema, type DoseLog, type FREQUENCIES, type RegimenEvent, type Reminder } from './medication';
import { buildPhases, type Phase } from './phases';
import { isTracked, shouldNotify, type ReminderState } from './reminder-state';
import { compareCodeUnits } from './text-order';
import { instantOf, isLocalTime, type LocalDateTime, type LocalTime } from './zoned-time';

export type Frequency = (typeof FREQUENCIES)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_DOSE_TIMES: Readonly<Record<Frequency, readonly LocalTime[]>> = {
  'once-daily': ['08:00'],
  'twice-daily': ['08:00', '20:00'],
  weekly: ['08:00'],
  'every-2-weeks': ['08:00'],
  'every-4-weeks': ['08:00'],
  'as-needed': [],
  other: [],
};

/** Days from one dose to the next; absent for regimens without a fixed schedule. */
export const CYCLE_DAYS: Readonly<Partial<Record<Frequency, number>>> = {
  'once-daily': 1,
  'twice-daily': 1,
  weekly: 7,
  'every-2-weeks': 14,
  'every-4-weeks': 28,
};

export const DEFAULT_DIARY_TIME: LocalTime = '20:00';
/** A dose taken more than this after it was due is shown as taken late (and still counts as taken). */
export const LATE_AFTER_MS = 2 * HOUR_MS;
/** How far back "missed since your last visit" looks, so a long absence asks about one week, not months. */
export const MISSED_DOSES_LOOKBACK_DAYS = 7;
/** A notification for a dose is only worth showing this long after it fell due; later ones wait for Today. */
export const NOTIFY_WITHIN_MS = 12 * HOUR_MS;

export const DIARY_REMINDER_ID = 'diary';

export function doseReminderId(medicationId: string): string {
  return `dose:${medicationId}`;
}

/** Stable per scheduled dose, so the same dose logged twice is one row; kept within the schema's 64 characters. */
export function doseLogId(medicationId: string, scheduledFor: LocalDateTime): string {
  return `${medicationId}@${scheduledFor}`.slice(-64);
}

/** Day of the week with Sunday as 0, the convention of `Date.getDay()` and of a reminder's `days`. */
export function weekdayOf(date: IsoDate): number {
  return (weekdayMondayFirst(date) + 1) % 7;
}

// ------------------------------------------------------------------------------------------ doses

/** One medication as the schedule sees it: its phases (from `buildPhases`) and its reminder row, if any. */
export interface DosePlan {
  medicationId: string;
  phases: readonly Phase[];
  reminder?: Reminder | undefined;
}

/** Each medication's plan on `today`: its phases from its own regimen events, and its reminder row. */
export function dosePlans(
  inputs: {
    medications: readonly { id: string }[];
    events: readonly RegimenEvent[];
    reminders: readonly Reminder[];
  },
  today: IsoDate,
): DosePlan[] {
  return inputs.medications.map((medication) => ({
    medicationId: medication.id,
    phases: buildPhases(
      inputs.events.filter((event) => event.medicationId === medication.id),
      today,
    ),
    reminder: inputs.reminders.find((reminder) => reminder.id === doseReminderId(medication.id)),
  }));
}

export interface ScheduledDose {
  /** The dose log id this dose is logged under. */
  id: string;
  medicationId: string;
  scheduledFor: LocalDateTime;
  date: IsoDate;
  time: LocalTime;
  phase: Phase;
}

/** The times a regimen's doses are due: the reminder's own while their number fits the regimen, else the defaults. */
export function doseTimes(frequency: Frequency | undefined, reminder?: Pick<Reminder, 'times'>): LocalTime[] {
  const defaults = frequency ? DEFAULT_DOSE_TIMES[frequency] : [];
  const chosen = [...new Set(reminder?.times.filter(isLocalTime) ?? [])].sort();
  return chosen.length > 0 && chosen.length === defaults.length ? chosen : [...defaults];
}

/** The weekday chosen in a reminder for the weekly kinds (Sunday 0), if any. */
export function chosenWeekday(reminder: Pick<Reminder, 'days'> | undefined): number | undefined {
  const day = reminder?.days[0];
  return day !== undefined && Number.isInteger(day) && day >= 0 && day <= 6 ? day : undefined;
}

/** The date each `on` phase's dose cycle counts from, keyed by the event that began the phase. */
export function cycleAnchors(phases: readonly Phase[]): Map<string, IsoDate> {
  const anchors = new Map<string, IsoDate>();
  let previous: Phase | undefined;
  let anchor: IsoDate | undefined;
  for (const phase of phases) {
    if (phase.kind === 'on') {
      const keepsCycle =
        phase.startedBy === 'dose-change' && previous?.kind === 'on' && previous.frequency === phase.frequency;
      if (!keepsCycle || anchor === undefined) anchor = phase.start;
      anchors.set(phase.startEventId, anchor);
    }
    previous = phase;
  }
  return anchors;
}

/** The first dose date of a cycle: the anchor, moved to the chosen weekday for the weekly kinds. */
export function firstDoseDate(anchor: IsoDate, cycleDays: number, weekday: number | undefined): IsoDate {
  if (cycleDays === 1 || weekday === undefined) return anchor;
  return addDays(anchor, (weekday - weekdayOf(anchor) + 7) % 7);
}

/**
 * Every dose of one medication due from `from` to `to` (both included), in time order. The ongoing phase
 * runs on past its `end`, so tomorrow's doses can be asked for.
 */
export function scheduledDoses(plan: DosePlan, from: IsoDate, to: IsoDate): ScheduledDose[] {
  if (plan.reminder?.enabled === false) return [];
  const anchors = cycleAnchors(plan.phases);
  const weekday = chosenWeekday(plan.reminder);
  const doses: ScheduledDose[] = [];
  for (const phase of plan.phases) {
    const cycleDays = phase.kind === 'on' && phase.frequency ? CYCLE_DAYS[phase.frequency] : undefined;
    const anchor = anchors.get(phase.startEventId);
    if (!cycleDays || !anchor) continue;
    const times = doseTimes(phase.frequency, plan.reminder);
    const first = firstDoseDate(anchor, cycleDays, weekday);
    const end = phase.isOngoing || phase.end > to ? to : phase.end;
    let date = [from, phase.start, first].reduce((latest, value) => (value > latest ? value : latest));
    const offset = daysBetween(first, date) % cycleDays;
    if (offset !== 0) date = addDays(date, cycleDays - offset);
    for (; date <= end; date = addDays(date, cycleDays)) {
      for (const time of times) {
        const scheduledFor = `${date}T${time}`;
        doses.push({
          id: doseLogId(plan.medicationId, scheduledFor),
          medicationId: plan.medicationId,
          scheduledFor,
          date,
          time,
          phase,
        });
      }
    }
  }
  return doses;
}

/** The doses of every medication in a range, in time order. */
export function scheduledDosesOfAll(plans: readonly DosePlan[], from: IsoDate, to: IsoDate): ScheduledDose[] {
  return plans
    .flatMap((plan) => scheduledDoses(plan, from, to))
    .sort(
      (a, b) => compareCodeUnits(a.scheduledFor, b.scheduledFor) || compareCodeUnits(a.medicationId, b.medicationId),
    );
}

/** Taken more than two hours after the dose was due. */
export function isTakenLate(log: Pick<DoseLog, 'status' | 'at' | 'scheduledFor'>, timeZone: string): boolean {
  return log.status === 'taken' && log.at - instantOf(log.scheduledFor, timeZone) > LATE_AFTER_MS;
}

export type DoseState = 'upcoming' | 'due' | 'snoozed' | 'taken' | 'skipped';

export interface DoseOnDay extends ScheduledDose {
  dueAtMs: number;
  state: DoseState;
  log?: DoseLog;
  isLate: boolean;
  snoozedUntil?: number;
}

/** A dose with what has happened to it by `nowMs`. */
export function doseStatus(
  dose: ScheduledDose,
  logs: ReadonlyMap<string, DoseLog>,
  state: ReminderState,
  nowMs: number,
  timeZone: string,
): DoseOnDay {
  const dueAtMs = instantOf(dose.scheduledFor, timeZone);
  const log = logs.get(dose.id);
  const snoozedUntil = state.snoozedUntil[dose.id];
  if (log) return { ...dose, dueAtMs, log, state: log.status, isLate: isTakenLate(log, timeZone) };
  if (dueAtMs > nowMs) return { ...dose, dueAtMs, state: 'upcoming', isLate: false };
  if (snoozedUntil !== undefined && snoozedUntil > nowMs)
    return { ...dose, dueAtMs, state: 'snoozed', isLate: false, snoozedUntil };
  return { ...dose, dueAtMs, state: 'due', isLate: false };
}

export function logsById(logs: readonly DoseLog[]): Map<string, DoseLog> {
  return new Map(logs.map((log) => [log.id, log]));
}

/** What every question to the schedule needs: the plans, the logs, what reminders remember, today and now. */
export interface DoseContext {
  plans: readonly DosePlan[];
  logs: readonly DoseLog[];
  state: ReminderState;
  today: IsoDate;
  nowMs: number;
  timeZone: string;
}

/** The questions the app asks of the schedule, each a window of days around today and the doses it keeps. */
export type DoseQuery = 'today' | 'missed' | 'to-notify' | 'unlogged';

const isOpenAndTracked = (dose: DoseOnDay, { state, nowMs }: DoseContext) =>
  !dose.log && dose.dueAtMs <= nowMs && isTracked(dose, dose.dueAtMs, state);

const DOSE_QUERIES: Readonly<
  Record<DoseQuery, { fromDays: number; toDays: number; keeps: (dose: DoseOnDay, context: DoseContext) => boolean }>
> = {
  /** Today's doses with their state, for the Today card. */
  today: { fromDays: 0, toDays: 0, keeps: () => true },
  /**
   * The last week before today with nothing logged, due after the app began following their medication:
   * "missed since your last visit".
   */
  missed: {
    fromDays: -MISSED_DOSES_LOOKBACK_DAYS,
    toDays: -1,
    keeps: (dose, { state }) => !dose.log && isTracked(dose, dose.dueAtMs, state),
  },
  /** Due in the last 12 hours (and since the app followed their medication), not logged: to announce now. */
  'to-notify': {
    fromDays: -1,
    toDays: 0,
    keeps: (dose, context) =>
      isOpenAndTracked(dose, context) &&
      context.nowMs - dose.dueAtMs < NOTIFY_WITHIN_MS &&
      shouldNotify(dose.id, context.state, context.nowMs),
  },
  /** Not logged and due in the last 24 hours, for the background check's one summary notification. */
  unlogged: {
    fromDays: -2,
    toDays: 0,
    keeps: (dose, context) => isOpenAndTracked(dose, context) && context.nowMs - dose.dueAtMs <= DAY_MS,
  },
};

/** The doses a question asks for, in time order, each with what has happened to it by `nowMs`. */
export function findDoses(query: DoseQuery, context: DoseContext): DoseOnDay[] {
  const { fromDays, toDays, keeps } = DOSE_QUERIES[query];
  const byId = logsById(context.logs);
  return scheduledDosesOfAll(context.plans, addDays(context.today, fromDays), addDays(context.today, toDays))
    .map((dose) => doseStatus(dose, byId, context.state, context.nowMs, context.timeZone))
    .filter((dose) => keeps(dose, context));
}

/** What a notification carries, read back by the service worker when one of its buttons is tapped. */
export const notificationDataSchema = z.lazy(() =>
  z.object({
    kind: z.enum(['dose', 'diary', 'missed']),
    /** Set for `dose`. */
    medicationId: z.optional(z.string()),
    scheduledFor: z.optional(localDateTimeSchema),
  }),
);
export type NotificationData = z.infer<typeof notificationDataSchema>;

/** The buttons on a dose notification. */
export const NOTIFICATION_ACTIONS = { taken: 'taken', snooze: 'snooze' } as const;

// ------------------------------------------------------------------------------------------ diary

/** The diary reminder's time, or `null` when it is switched off. On at 20:00 until the patient says otherwise. */
export function diaryReminderTime(reminder: Reminder | undefined): LocalTime | null {
  if (reminder?.enabled === false) return null;
  const time = reminder?.times.find(isLocalTime);
  return time ?? DEFAULT_DIARY_TIME;
}

export function diaryNotificationId(today: IsoDate): string {
  return `diary@${today}`;
}

/** Whether to remind the patient to log today: past the diary time, today not logged, not reminded yet today. */
export function isDiaryReminderDue(
  reminder: Reminder | undefined,
  isTodayLogged: boolean,
  state: ReminderState,
  today: IsoDate,
  nowMs: number,
  timeZone: string,
): boolean {
  const time = diaryReminderTime(reminder);
  if (time === null || isTodayLogged) return false;
  const dueAtMs = instantOf(`${today}T${time}`, timeZone);
  return dueAtMs <= nowMs && shouldNotify(diaryNotificationId(today), state, nowMs);
}

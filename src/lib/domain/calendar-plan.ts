/**
 * What the next calendar (.ics) file holds: one recurring event per dose time of each medication on now,
 * and the diary's, each compared with what the last file held. Pure; export/ics.ts writes the result out.
 *
 * Replacing, not doubling: every event keeps its uid (`<medication>-<HHmm>@hs-diary`, `diary@hs-diary`)
 * and its SEQUENCE goes up whenever what it says changes, so importing a newer file updates the events the
 * calendar already has. An event that no longer applies (the medication was interrupted or stopped, or its
 * time moved) is written once more with the same uid, a higher SEQUENCE, STATUS:CANCELLED and an RRULE
 * that ends yesterday (UNTIL): calendars that honour the cancellation remove it; those that only update
 * the series still stop alarming. What each file held is kept (`calendarExport` in the database) so the
 * next file knows what to replace.
 */
import * as z from 'zod/mini';
import { daysBetween, type IsoDate } from './dates';
import type { Reminder } from './medication';
import type { Phase } from './phases';
import { recordOf } from './record-schema';
import {
  chosenWeekday,
  cycleAnchors,
  CYCLE_DAYS,
  diaryReminderTime,
  doseTimes,
  firstDoseDate,
  type DosePlan,
} from './schedule';
import { instantOf, type LocalDateTime } from './zoned-time';

/** One recurring calendar event before it is written out: a dose time of a medication, or the diary. */
export interface CalendarDraft {
  uid: string;
  /** First occurrence, wall-clock in the patient's zone. */
  start: LocalDateTime;
  intervalDays: number;
  summary: string;
}

/** A draft as it goes into the file: with its SEQUENCE, and an end (UTC) when it no longer applies. */
export interface CalendarEvent extends CalendarDraft {
  sequence: number;
  until?: string;
}

/**
 * What goes into the file's lines unescaped is held to a strict shape here, so that nothing read back (or
 * imported in a backup) can end a line or add one: a uid built from an id (`<medication>-<HHmm>@hs-diary`
 * or `diary@hs-diary`), a wall-clock start, a UTC end and small whole numbers. The summary is text and is
 * escaped when written (export/ics.ts).
 */
export const CALENDAR_UID_PATTERN = /^(?:[A-Za-z0-9_.:@-]{1,64}-\d{4}|diary)@hs-diary$/;
/** `YYYYMMDDTHHMMSSZ`, as RFC 5545 writes a UTC time (UNTIL). */
export const UTC_STAMP_PATTERN = /^\d{8}T\d{6}Z$/;
const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
/** The intervals a dose or the diary recurs at (see CYCLE_DAYS in ./schedule.ts). */
export const CALENDAR_INTERVAL_DAYS = [1, 7, 14, 28] as const;
/** The `meta` row that keeps what the last calendar file held. */
export const CALENDAR_EXPORT_KEY = 'calendarExport';
/** Far more events than one person's reminders make; a file read back may not hold more. */
export const MAX_CALENDAR_EVENTS = 500;

export const calendarExportEntrySchema = z.lazy(() =>
  z.object({
    sequence: z.int().check(z.gte(0), z.lte(1_000_000)),
    start: z.string().check(z.regex(LOCAL_DATE_TIME_PATTERN)),
    intervalDays: z.int().check(z.refine((days) => (CALENDAR_INTERVAL_DAYS as readonly number[]).includes(days))),
    summary: z.string().check(z.maxLength(500)),
    /** Set once the event was ended (UTC `YYYYMMDDTHHMMSSZ`): the medication stopped, paused or moved time. */
    until: z.optional(z.string().check(z.regex(UTC_STAMP_PATTERN))),
  }),
);
export type CalendarExportEntry = z.infer<typeof calendarExportEntrySchema>;

/** What the last calendar file held per event uid, so the next one can replace it (same uid, higher SEQUENCE). */
export const calendarExportStateSchema = recordOf<CalendarExportEntry>(
  (entry) => calendarExportEntrySchema.safeParse(entry).success,
  { isKey: (uid) => CALENDAR_UID_PATTERN.test(uid), maxEntries: MAX_CALENDAR_EVENTS },
);
export type CalendarExportState = z.infer<typeof calendarExportStateSchema>;

/** The medication's recurring events for its current regimen: one per dose time; none unless it is on now. */
export function doseCalendarDrafts(plan: DosePlan, summary: string): CalendarDraft[] {
  const current = plan.phases.at(-1);
  if (plan.reminder?.enabled === false || !current?.isOngoing || current.kind !== 'on' || !current.frequency) return [];
  const intervalDays = CYCLE_DAYS[current.frequency];
  const anchor = cycleAnchors(plan.phases).get(current.startEventId);
  if (!intervalDays || !anchor) return [];
  const first = firstDoseDate(anchor, intervalDays, chosenWeekday(plan.reminder));
  return doseTimes(current.frequency, plan.reminder).map((time) => ({
    uid: `${plan.medicationId}-${time.replace(':', '')}@hs-diary`,
    start: `${first}T${time}`,
    intervalDays,
    summary,
  }));
}

export function diaryCalendarDraft(reminder: Reminder | undefined, today: IsoDate, summary: string): CalendarDraft[] {
  const time = diaryReminderTime(reminder);
  return time === null ? [] : [{ uid: 'diary@hs-diary', start: `${today}T${time}`, intervalDays: 1, summary }];
}

/** The words of each event, in the patient's language: a medication's by its current phase, and the diary's. */
export interface CalendarSummaries {
  dose: (plan: DosePlan, current: Phase) => string;
  diary: string;
}

/** Every reminder's events for the next file: each medication's dose times, then the diary. */
export function calendarDrafts(
  plans: readonly DosePlan[],
  diaryReminder: Reminder | undefined,
  today: IsoDate,
  summaries: CalendarSummaries,
): CalendarDraft[] {
  const doses = plans.flatMap((plan) => {
    const current = plan.phases.at(-1);
    return current ? doseCalendarDrafts(plan, summaries.dose(plan, current)) : [];
  });
  return [...doses, ...diaryCalendarDraft(diaryReminder, today, summaries.diary)];
}

/** `YYYYMMDDTHHMMSSZ` of an instant, as RFC 5545 writes UTC times (DTSTAMP, UNTIL). */
export function utcStamp(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

const sameTimeOfDay = (a: string, b: string) => a.slice(11) === b.slice(11);

/**
 * The events of the next file and what to remember of it: unchanged events keep their SEQUENCE, changed
 * ones go one up, and events of the last file that no longer apply come back cancelled.
 */
export function planCalendar(
  drafts: readonly CalendarDraft[],
  previous: CalendarExportState,
  today: IsoDate,
  timeZone: string,
): { events: CalendarEvent[]; next: CalendarExportState } {
  const events: CalendarEvent[] = [];
  for (const draft of drafts) {
    const before = previous[draft.uid];
    // The diary's series starts "today"; keep the first file's start while it is the same series.
    const keepsStart =
      before &&
      !before.until &&
      before.intervalDays === draft.intervalDays &&
      sameTimeOfDay(before.start, draft.start) &&
      before.start <= draft.start &&
      daysBetween(before.start.slice(0, 10), draft.start.slice(0, 10)) % draft.intervalDays === 0;
    const start = keepsStart ? before.start : draft.start;
    const isSame = before && !before.until && before.start === start && before.summary === draft.summary;
    const sequence = !before ? 0 : isSame ? before.sequence : before.sequence + 1;
    events.push({ ...draft, start, sequence });
  }
  const active = new Set(drafts.map((draft) => draft.uid));
  const endOfYesterday = utcStamp(instantOf(`${today}T00:00`, timeZone) - 1000);
  for (const [uid, before] of Object.entries(previous)) {
    if (active.has(uid)) continue;
    const { until, ...rest } = before;
    events.push(
      until ? { uid, ...rest, until } : { uid, ...rest, sequence: before.sequence + 1, until: endOfYesterday },
    );
  }
  const next: CalendarExportState = Object.fromEntries(events.map(({ uid, ...rest }) => [uid, rest] as const));
  return { events, next };
}

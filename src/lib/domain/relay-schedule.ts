/**
 * What the reminder relay is told about one reminder, and when it sends next. The relay (relay/ in the
 * repo) and the app share this module, so the relay's send times are the app's own due times: wall-clock
 * times in the patient's zone, read with `instantOf` (08:00 stays 08:00 across daylight saving; a time in
 * the spring-forward gap falls due just after it, a time that happens twice falls due the first time).
 *
 * A schedule holds only times, days, a zone and an end date: never a medicine, a dose or a name. The push
 * the relay sends carries only the reminder's opaque id and the due instant; the device words it.
 */
import * as z from 'zod/mini';
import { addDays, daysBetween, isIsoDate, type IsoDate } from './dates';
import { weekdayOf } from './schedule';
import { instantOf, isLocalTime, localDateTimeAt, type LocalTime } from './zoned-time';

/** The longest cycle the relay takes: every 4 weeks is the longest the app schedules; a year leaves room. */
export const MAX_EVERY_DAYS = 366;
/** Times a day: twice daily is the most the app schedules; a few more leave room. */
export const MAX_TIMES_PER_DAY = 8;

/** Zones already answered: a relay reads every reminder back through this schema on every plan. */
const knownZones = new Map<string, boolean>();
/** Far more zones than exist (about 600), so the cache stays small even if junk is asked about. */
const MAX_KNOWN_ZONES = 1000;

/**
 * Whether this JavaScript engine knows the IANA zone (`Europe/London`, `Asia/Shanghai`, `UTC`). Asking
 * means building an Intl formatter, far dearer than the rest of planning a send, so each answer is kept.
 */
export function isTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  const known = knownZones.get(value);
  if (known !== undefined) return known;
  let isKnown: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    isKnown = true;
  } catch {
    isKnown = false;
  }
  if (knownZones.size >= MAX_KNOWN_ZONES) knownZones.clear();
  knownZones.set(value, isKnown);
  return isKnown;
}

const isoDateSchema = z.lazy(() => z.string().check(z.refine(isIsoDate, 'a date as YYYY-MM-DD')));

/** On chosen days of the week (Sunday 0), or every N days counted from an anchor date (the anchor included). */
export const relayDaysSchema = z.lazy(() =>
  z.union([
    z.strictObject({
      weekdays: z
        .array(z.int().check(z.gte(0), z.lte(6)))
        .check(z.minLength(1, 'at least one day of the week'), z.maxLength(7)),
    }),
    z.strictObject({
      everyDays: z.int().check(z.gte(1), z.lte(MAX_EVERY_DAYS)),
      anchor: isoDateSchema,
    }),
  ]),
);
export type RelayDays = z.infer<typeof relayDaysSchema>;

export const relayScheduleSchema = z.lazy(() =>
  z.strictObject({
    times: z
      .array(z.string().check(z.refine(isLocalTime, 'a time as HH:mm')))
      .check(z.minLength(1, 'at least one time'), z.maxLength(MAX_TIMES_PER_DAY)),
    days: relayDaysSchema,
    timeZone: z.string().check(z.refine(isTimeZone, 'an IANA time zone such as Europe/London')),
    /** The last day a reminder is sent (included); absent: no end. */
    endDate: z.optional(isoDateSchema),
  }),
);
export type RelaySchedule = z.infer<typeof relayScheduleSchema>;

/** What a relay's push carries: the reminder's opaque id (made on the device) and the instant it fell due. */
export const relayPushSchema = z.lazy(() =>
  z.strictObject({
    reminder: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/)),
    dueAtMs: z.int().check(z.gte(0)),
  }),
);
export type RelayPush = z.infer<typeof relayPushSchema>;

function isSendDay(days: RelayDays, date: IsoDate): boolean {
  if ('weekdays' in days) return days.weekdays.includes(weekdayOf(date));
  const since = daysBetween(days.anchor, date);
  return since >= 0 && since % days.everyDays === 0;
}

/**
 * The first send strictly after `afterMs`, as a UTC instant, or `null` when the schedule has ended. The
 * search starts the day before `afterMs`'s local date (an instant can be on the previous local day's
 * timetable only through a gap) and looks one full cycle ahead.
 */
export function nextRelaySendMs(schedule: RelaySchedule, afterMs: number): number | null {
  const times: LocalTime[] = [...new Set(schedule.times)].sort();
  const today = localDateTimeAt(afterMs, schedule.timeZone).slice(0, 10);
  const cycleDays = 'weekdays' in schedule.days ? 7 : schedule.days.everyDays;
  let date = addDays(today, -1);
  if ('anchor' in schedule.days && schedule.days.anchor > date) date = schedule.days.anchor;
  const last = addDays(date > today ? date : today, cycleDays + 1);
  for (; date <= last; date = addDays(date, 1)) {
    if (schedule.endDate !== undefined && date > schedule.endDate) return null;
    if (!isSendDay(schedule.days, date)) continue;
    for (const time of times) {
      const atMs = instantOf(`${date}T${time}`, schedule.timeZone);
      if (atMs > afterMs) return atMs;
    }
  }
  return null;
}

/**
 * Calendar alarms for when the app is closed: the reminders as an iCalendar file (RFC 5545) of recurring
 * events with alarms, in the patient's time zone, written from the events domain/calendar-plan.ts plans
 * (which also says how a newer file replaces an older one). Loaded only when the patient asks for the file.
 *
 * The time zone is written out as a VTIMEZONE built from the browser's own zone data (Intl): a yearly rule
 * when the zone's changes follow one (Europe/London: last Sunday of March and October), else each change
 * of the next few years. Events are wall-clock times in that zone (DTSTART;TZID=…), so 08:00 stays 08:00
 * across daylight-saving changes, as in the app. One difference remains at the hour skipped in spring: a
 * dose set inside it (02:30 in New York on that Sunday) is 03:30 for RFC 5545 and the app, but some
 * calendars (ical.js among them) ring an hour early that one day.
 */
import {
  CALENDAR_INTERVAL_DAYS,
  CALENDAR_UID_PATTERN,
  UTC_STAMP_PATTERN,
  utcStamp,
  type CalendarEvent,
} from '../domain/calendar-plan';
import { addDays, type IsoDate } from '../domain/dates';
import { weekdayOf } from '../domain/schedule';
import { zoneOffsetMs, zoneTransitions, type ZoneTransition } from '../domain/zoned-time';

export const ICS_FILE_NAME = 'hs-diary-reminders.ics';
export const ICS_MIME_TYPE = 'text/calendar';

// ------------------------------------------------------------------------------------------ text

/**
 * RFC 5545 TEXT: backslash, semicolon and comma escaped, and every line break (CRLF, a lone CR or LF, and
 * the Unicode line and paragraph separators some parsers also break at) written as `\n`; other control
 * characters, which a content line may not hold, are dropped. So no text can end its line or start one.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/[\\;,]/g, (character) => `\\${character}`)
      .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\\n')
      // eslint-disable-next-line no-control-regex -- the control characters are what this removes
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/** A value that is not text, and so is written unescaped, did not have its strict shape. */
export class IcsValueError extends Error {
  constructor(readonly field: string) {
    super(`calendar file: ${field} is not a value the file can hold`);
    this.name = 'IcsValueError';
  }
}

/** An IANA zone name such as Europe/London or America/Argentina/Buenos_Aires, or Etc/GMT+5. */
const TIME_ZONE_PATTERN = /^[A-Za-z0-9_+-]{1,40}(?:\/[A-Za-z0-9_+-]{1,40}){0,3}$/;
const LOCAL_START_PATTERN = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Every value of an event that is written as it is (uid, start, end, numbers) checked against its shape,
 * so that none can carry a line break into the file (the state read back is checked, too: see
 * domain/calendar-plan.ts). Throws rather than write a file a calendar would misread.
 */
function checkEvent(event: CalendarEvent): void {
  if (!CALENDAR_UID_PATTERN.test(event.uid)) throw new IcsValueError('uid');
  if (!LOCAL_START_PATTERN.test(event.start)) throw new IcsValueError('start');
  if (event.until !== undefined && !UTC_STAMP_PATTERN.test(event.until)) throw new IcsValueError('until');
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0) throw new IcsValueError('sequence');
  if (!(CALENDAR_INTERVAL_DAYS as readonly number[]).includes(event.intervalDays))
    throw new IcsValueError('intervalDays');
}

const encoder = new TextEncoder();

/** Fold a content line into lines of at most 75 octets (UTF-8), never inside a character. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = pieces.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** `YYYYMMDDTHHMMSS` of a wall-clock `YYYY-MM-DDTHH:mm`. */
function localStamp(local: string): string {
  return `${local.replace(/[-:]/g, '')}00`;
}

function offsetText(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
}

// ------------------------------------------------------------------------------------------ VTIMEZONE

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

interface Observance {
  kind: 'DAYLIGHT' | 'STANDARD';
  fromMs: number;
  toMs: number;
  /** Wall-clock onset in the offset before it. */
  start: string;
  rule?: string;
}

/** The yearly rule a set of changes follows (month, nth or last weekday, wall time), if they all follow one. */
function yearlyRule(transitions: ZoneTransition[]): { rule: string; start: string } | undefined {
  const described = transitions.map((transition) => {
    const wall = new Date(transition.atMs + transition.fromMs);
    const day = wall.getUTCDate();
    const daysInMonth = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth() + 1, 0)).getUTCDate();
    return {
      month: wall.getUTCMonth() + 1,
      weekday: wall.getUTCDay(),
      nth: Math.ceil(day / 7),
      isLast: day + 7 > daysInMonth,
      time: wall.toISOString().slice(11, 16),
      offsets: `${transition.fromMs}/${transition.toMs}`,
    };
  });
  const first = described[0];
  if (!first || described.length < 2) return undefined;
  const same = (key: 'month' | 'weekday' | 'time' | 'offsets') => described.every((item) => item[key] === first[key]);
  if (!same('month') || !same('weekday') || !same('time') || !same('offsets')) return undefined;
  const ordinal = described.every((item) => item.isLast)
    ? -1
    : described.every((item) => item.nth === first.nth)
      ? first.nth
      : undefined;
  if (ordinal === undefined) return undefined;
  // Start the rule in 1970, as calendars do, so events of any year find their offset.
  const date = nthWeekday(1970, first.month, first.weekday, ordinal);
  return {
    rule: `FREQ=YEARLY;BYMONTH=${first.month};BYDAY=${ordinal}${DAY_CODES[first.weekday]}`,
    start: `${date}T${first.time}`,
  };
}

function nthWeekday(year: number, month: number, weekday: number, ordinal: number): IsoDate {
  if (ordinal > 0) {
    const firstOfMonth = `${year}-${pad(month)}-01`;
    return addDays(firstOfMonth, ((weekday - weekdayOf(firstOfMonth) + 7) % 7) + (ordinal - 1) * 7);
  }
  const last = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
}

/** The zone's observances around `today`: yearly rules when its changes follow them, else each change. */
export function zoneObservances(timeZone: string, today: IsoDate): Observance[] {
  const year = Number(today.slice(0, 4));
  const from = Date.UTC(year - 1, 0, 1);
  const transitions = zoneTransitions(timeZone, from, Date.UTC(year + 6, 0, 1));
  if (transitions.length === 0) {
    const offset = zoneOffsetMs(from, timeZone);
    return [{ kind: 'STANDARD', fromMs: offset, toMs: offset, start: '1970-01-01T00:00' }];
  }
  const kindOf = (transition: ZoneTransition) => (transition.toMs > transition.fromMs ? 'DAYLIGHT' : 'STANDARD');
  const observances: Observance[] = [];
  const groups = (['DAYLIGHT', 'STANDARD'] as const).map((kind) => transitions.filter((item) => kindOf(item) === kind));
  const rules = groups.map(yearlyRule);
  if (rules.every(Boolean)) {
    groups.forEach((group, index) => {
      const first = group[0] as ZoneTransition;
      const rule = rules[index] as { rule: string; start: string };
      observances.push({ kind: kindOf(first), fromMs: first.fromMs, toMs: first.toMs, ...rule });
    });
    return observances;
  }
  return transitions.map((transition) => ({
    kind: kindOf(transition),
    fromMs: transition.fromMs,
    toMs: transition.toMs,
    start: new Date(transition.atMs + transition.fromMs).toISOString().slice(0, 16),
  }));
}

// ------------------------------------------------------------------------------------------ the file

export interface IcsTexts {
  calendarName: string;
  /** The events' description: where the reminder comes from and what to do. */
  description: string;
}

function recurrence(event: CalendarEvent): string {
  const weekday = DAY_CODES[weekdayOf(event.start.slice(0, 10))] ?? 'MO';
  const base =
    event.intervalDays === 1
      ? 'FREQ=DAILY'
      : event.intervalDays === 7
        ? `FREQ=WEEKLY;BYDAY=${weekday}`
        : `FREQ=WEEKLY;INTERVAL=${event.intervalDays / 7};BYDAY=${weekday}`;
  return event.until ? `${base};UNTIL=${event.until}` : base;
}

/** The .ics text: CRLF line endings, lines folded at 75 octets, text escaped. */
export function writeIcs(
  events: readonly CalendarEvent[],
  timeZone: string,
  today: IsoDate,
  nowMs: number,
  texts: IcsTexts,
): string {
  if (!TIME_ZONE_PATTERN.test(timeZone)) throw new IcsValueError('timeZone');
  events.forEach(checkEvent);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//HS Diary//Reminders//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(texts.calendarName)}`,
    `X-WR-TIMEZONE:${timeZone}`,
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
  ];
  for (const observance of zoneObservances(timeZone, today)) {
    lines.push(
      `BEGIN:${observance.kind}`,
      `TZOFFSETFROM:${offsetText(observance.fromMs)}`,
      `TZOFFSETTO:${offsetText(observance.toMs)}`,
      `DTSTART:${localStamp(observance.start)}`,
      ...(observance.rule ? [`RRULE:${observance.rule}`] : []),
      `END:${observance.kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  for (const event of events) {
    const summary = escapeText(event.summary);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utcStamp(nowMs)}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTART;TZID=${timeZone}:${localStamp(event.start)}`,
      'DURATION:PT15M',
      `RRULE:${recurrence(event)}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${escapeText(texts.description)}`,
      `STATUS:${event.until ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:TRANSPARENT',
      ...(event.until
        ? []
        : ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${summary}`, 'TRIGGER:PT0M', 'END:VALARM']),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/**
 * Hand the file to the patient: the share sheet where the device can share files (phones), else a
 * download. `cancelled` when the patient closed the share sheet.
 */
export async function saveCalendarFile(text: string): Promise<'shared' | 'downloaded' | 'cancelled'> {
  const file = new File([text], ICS_FILE_NAME, { type: ICS_MIME_TYPE });
  if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file] });
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      // Sharing refused for another reason: fall back to a download.
    }
  }
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = ICS_FILE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'downloaded';
}

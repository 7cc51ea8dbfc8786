/**
 * Wall-clock times in a time zone: the zone's offset at an instant, the wall clock of an instant, the
 * instant of a wall-clock time, and every change of offset between two instants. Pure: the zone is a
 * parameter; the browser's own zone data (Intl) answers.
 *
 * A time that does not exist on the spring-forward day (02:30 in London on the last Sunday of March) is
 * read as far after the gap (03:30); a time that happens twice in autumn is its first occurrence.
 * JavaScript's `Date` reads local times the same way, so the page and these functions agree.
 */

/** `HH:mm`, a wall-clock time. */
export type LocalTime = string;
/** `YYYY-MM-DDTHH:mm`, a wall-clock date and time. */
export type LocalDateTime = string;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export function isLocalTime(value: string): value is LocalTime {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/**
 * The zone the device's clock runs in, without its name. `Date`'s local fields already are that zone's
 * wall clock, so no Intl formatter is needed: the first one a page makes costs 20-50 ms of main-thread
 * time (ICU's locale set-up), which the start of the app need not pay. Not a valid IANA name, so it
 * cannot be mistaken for one; only for sums on this device, never stored or sent.
 */
export const DEVICE_ZONE = 'device-local';

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(epochMs: number, timeZone: string): number[] {
  if (timeZone === DEVICE_ZONE) {
    const local = new Date(epochMs);
    return [
      local.getFullYear(),
      local.getMonth() + 1,
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
    ];
  }
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, format);
  }
  const values: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) values[part.type] = Number(part.value);
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => values[type] ?? 0);
}

function offsetFromWallClock(epochMs: number, timeZone: string): number {
  const [year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0] = wallClock(epochMs, timeZone);
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Offsets already read, by zone and instant. `formatToParts` is most of the cost of planning a send, and a
 * relay planning thousands of reminders at the same times in the same zones asks for the same instants.
 */
const offsets = new Map<string, number>();
const MAX_OFFSETS = 20_000;

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (+3 600 000 for London in summer). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  // The device's zone is not kept: the patient may travel while the app is open.
  if (timeZone === DEVICE_ZONE) return offsetFromWallClock(epochMs, timeZone);
  const key = `${timeZone} ${epochMs}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const offset = offsetFromWallClock(epochMs, timeZone);
  if (offsets.size >= MAX_OFFSETS) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The wall-clock `YYYY-MM-DDTHH:mm` of an instant in a zone. */
export function localDateTimeAt(epochMs: number, timeZone: string): LocalDateTime {
  return new Date(epochMs + zoneOffsetMs(epochMs, timeZone)).toISOString().slice(0, 16);
}

/**
 * The instant a wall-clock time happens in a zone. In a spring-forward gap the time is read with the
 * offset before the gap (02:30 becomes 03:30); a time that happens twice is its first occurrence.
 */
export function instantOf(local: LocalDateTime, timeZone: string): number {
  const [date = '', time = '00:00'] = local.split('T');
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const before = asUtc - zoneOffsetMs(asUtc - DAY_MS, timeZone);
  const after = asUtc - zoneOffsetMs(asUtc + DAY_MS, timeZone);
  const fits = [before, after].filter((candidate) => localDateTimeAt(candidate, timeZone) === local.slice(0, 16));
  return fits.length > 0 ? Math.min(...fits) : before;
}

/** One change of a zone's offset: when, and the offsets before and after. */
export interface ZoneTransition {
  atMs: number;
  fromMs: number;
  toMs: number;
}

/** Every change of the zone's offset between two instants, to the minute. */
export function zoneTransitions(timeZone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const transitions: ZoneTransition[] = [];
  let at = Math.floor(fromMs / MINUTE_MS) * MINUTE_MS;
  let offset = zoneOffsetMs(at, timeZone);
  while (at < toMs) {
    const next = at + WEEK_MS;
    const nextOffset = zoneOffsetMs(next, timeZone);
    if (nextOffset !== offset) {
      let low = at;
      let high = next;
      while (high - low > MINUTE_MS) {
        const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
        if (zoneOffsetMs(middle, timeZone) === offset) low = middle;
        else high = middle;
      }
      transitions.push({ atMs: high, fromMs: offset, toMs: zoneOffsetMs(high, timeZone) });
    }
    at = next;
    offset = nextOffset;
  }
  return transitions;
}

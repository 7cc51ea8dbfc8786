/**
 * Local calendar dates as `YYYY-MM-DD` strings. Arithmetic runs in UTC on purpose: a calendar date has no
 * time zone, and doing the sums in UTC means a daylight-saving change can never add or lose a day.
 */

export type IsoDate = string;

/** The earliest date the diary accepts: "from the beginning" for the 7-day mean and for the all-time range. */
export const EARLIEST_DATE: IsoDate = '1900-01-01';
/** The latest date the diary accepts (`isIsoDate` refuses later years): "to the end" for a read of every day. */
export const LATEST_DATE: IsoDate = '2200-12-31';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date written as `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDate(value: string): value is IsoDate {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  if (year < 1900 || year > 2200) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtcMs(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` after (or before, when negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** The local calendar date of an instant, in the device's time zone. */
export function localDateOf(instant: Date): IsoDate {
  const year = instant.getFullYear();
  const month = String(instant.getMonth() + 1).padStart(2, '0');
  const day = String(instant.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, index) => addDays(from, index));
}

/** `YYYY-MM` of a date. */
export type IsoMonth = string;

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

export function isIsoMonth(value: string): value is IsoMonth {
  return /^\d{4}-\d{2}$/.test(value) && isIsoDate(`${value}-01`);
}

export function addMonths(month: IsoMonth, months: number): IsoMonth {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDayOfMonth(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function lastDayOfMonth(month: IsoMonth): IsoDate {
  return addDays(firstDayOfMonth(addMonths(month, 1)), -1);
}

/** Day of the week with Monday as 0 and Sunday as 6. */
export function weekdayMondayFirst(date: IsoDate): number {
  return (new Date(toUtcMs(date)).getUTCDay() + 6) % 7;
}

/**
 * The weeks of a month as rows of seven dates (Monday first), padded with `null` before the first and
 * after the last day, ready to be drawn as a calendar.
 */
export function monthGrid(month: IsoMonth): (IsoDate | null)[][] {
  const days = dateRange(firstDayOfMonth(month), lastDayOfMonth(month));
  const cells: (IsoDate | null)[] = [
    ...Array.from({ length: weekdayMondayFirst(days[0] as IsoDate) }, () => null),
    ...days,
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (IsoDate | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}

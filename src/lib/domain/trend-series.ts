/**
 * What the Trends chart draws, as plain data: the points of the chart (daily, or weekly means for long
 * ranges so a canvas never draws thousands of points) and the medication marks of chart-marks.ts.
 * The x axis is a plain day number counted from the first day of the range (no date adapter needed).
 * Missing days stay missing: a mean is taken over logged days only, never with zeros for the gaps.
 */
import { addDays, weekdayMondayFirst, type IsoDate } from './dates';
import { rangeLengthDays, type DateRange } from './date-range';
import type { DayEntry } from './day';
import { chartMarks, type EventMarker, type InterruptionBand, type MedicationPhases } from './chart-marks';
import { weeklyMeans, type DaysByDate } from './measures';
import { mean } from './stats';

/** Ranges longer than this many days are drawn as weekly means (a year is about 53 points, five years 262). */
export const WEEKLY_AFTER_DAYS = 180;

export interface DailyPoint {
  /** Day number from the first day of the range (0 is `range.from`). */
  x: number;
  date: IsoDate;
  pain: number;
  drainage: number;
  flare: boolean;
}

export interface MeanPoint {
  x: number;
  date: IsoDate;
  /** Plain trailing 7-day mean of logged pain, `null` with fewer than 3 logged days (the line breaks). */
  value: number | null;
}

export interface WeeklyPoint {
  /** The middle of the week's days that lie in the range. */
  x: number;
  /** The week (Monday to Sunday) clipped to the range. */
  from: IsoDate;
  to: IsoDate;
  /** Mean of the logged days only; `null` when none was logged. */
  meanPain: number | null;
  meanDrainage: number | null;
  flareDays: number;
  loggedDays: number;
  firstLogged: IsoDate | null;
}

export type TrendPoints =
  | { resolution: 'daily'; days: DailyPoint[]; sevenDayMean: MeanPoint[] }
  | { resolution: 'weekly'; weeks: WeeklyPoint[] };

export interface TrendSeries {
  range: DateRange;
  lengthDays: number;
  points: TrendPoints;
  markers: EventMarker[];
  bands: InterruptionBand[];
}

/** The days the chart of a range needs: the range and the 6 days before it (for its first 7-day means). */
export function chartDaysNeeded(range: DateRange): DateRange {
  return { from: addDays(range.from, -6), to: range.to };
}

/** The daily points of a range (the Trends chart's and the summary's): each logged day, and every day's 7-day mean. */
export function dailyPoints(days: DaysByDate, range: DateRange): { days: DailyPoint[]; sevenDayMean: MeanPoint[] } {
  const points: DailyPoint[] = [];
  const means: MeanPoint[] = [];
  // The weekly mean (docs/measures.md): it may look back across the range start and across phases.
  const weekly = weeklyMeans(days, range.from, range.to);
  for (let x = 0; x < rangeLengthDays(range); x += 1) {
    const date = addDays(range.from, x);
    const day = days.get(date);
    if (day) points.push({ x, date, pain: day.pain, drainage: day.drainage, flare: day.flare });
    means.push({ x, date, value: weekly[x] ?? null });
  }
  return { days: points, sevenDayMean: means };
}

function weeklyPoints(days: DaysByDate, range: DateRange, lengthDays: number): TrendPoints {
  const weeks: WeeklyPoint[] = [];
  let x = 0;
  while (x < lengthDays) {
    const from = addDays(range.from, x);
    const weekLength = Math.min(7 - weekdayMondayFirst(from), lengthDays - x);
    const logged: DayEntry[] = [];
    for (let offset = 0; offset < weekLength; offset += 1) {
      const day = days.get(addDays(from, offset));
      if (day) logged.push(day);
    }
    weeks.push({
      x: x + (weekLength - 1) / 2,
      from,
      to: addDays(from, weekLength - 1),
      meanPain: mean(logged.map((day) => day.pain)),
      meanDrainage: mean(logged.map((day) => day.drainage)),
      flareDays: logged.filter((day) => day.flare).length,
      loggedDays: logged.length,
      firstLogged: logged[0]?.date ?? null,
    });
    x += weekLength;
  }
  return { resolution: 'weekly', weeks };
}

/**
 * The chart of a date range: daily points with the 7-day mean for ranges up to `WEEKLY_AFTER_DAYS`, weekly
 * means beyond; plus the medication events and interruptions that fall inside the range.
 */
export function buildTrendSeries(
  days: DaysByDate,
  range: DateRange,
  medications: readonly MedicationPhases[],
): TrendSeries {
  const lengthDays = rangeLengthDays(range);
  const points =
    lengthDays > WEEKLY_AFTER_DAYS
      ? weeklyPoints(days, range, lengthDays)
      : { resolution: 'daily' as const, ...dailyPoints(days, range) };
  return { range, lengthDays, points, ...chartMarks(range, medications) };
}

/**
 * The day a tap at day number `x` opens: that day if it has an entry; for a week, its first logged day.
 * Null on empty chart space (a day or week with nothing logged), so a stray tap never opens a blank form.
 */
export function dateAtX(series: TrendSeries, x: number): IsoDate | null {
  if (series.lengthDays === 0) return null;
  const index = Math.min(series.lengthDays - 1, Math.max(0, Math.round(x)));
  const date = addDays(series.range.from, index);
  if (series.points.resolution === 'daily') return series.points.days.some((day) => day.x === index) ? date : null;
  const week = series.points.weeks.find((candidate) => candidate.from <= date && date <= candidate.to);
  return week?.firstLogged ?? null;
}

/** The earliest date the all-time range starts from: the first logged day or medication event. */
export function earliestDate(
  days: readonly Pick<DayEntry, 'date'>[],
  medications: readonly Pick<MedicationPhases, 'phases'>[],
): IsoDate | undefined {
  let earliest: IsoDate | undefined;
  for (const day of days) if (earliest === undefined || day.date < earliest) earliest = day.date;
  for (const medication of medications) {
    const first = medication.phases[0]?.start;
    if (first !== undefined && (earliest === undefined || first < earliest)) earliest = first;
  }
  return earliest;
}

/**
 * The logged days of a diary (or of a summary) as the measures walk them: by bisection over the sorted
 * dates and by runs of a sliding mean, so the work is that of the logged days and never that of the
 * calendar. A phase that began decades before its logged days (a scanned code may say so) then costs no
 * more than one that began the day before.
 */
import { daysBetween, type IsoDate } from './dates';
import type { DayEntry } from './day';

export type DaysByDate = ReadonlyMap<IsoDate, DayEntry>;

/** The logged dates, sorted once per index (ISO dates sort as text), so a span is found by bisection. */
const sortedDatesByIndex = new WeakMap<DaysByDate, { size: number; dates: IsoDate[] }>();

export function sortedDates(days: DaysByDate): IsoDate[] {
  const cached = sortedDatesByIndex.get(days);
  if (cached && cached.size === days.size) return cached.dates;
  const dates = [...days.keys()].sort();
  sortedDatesByIndex.set(days, { size: days.size, dates });
  return dates;
}

/** Index of the first of `dates` on or after `date` (`dates.length` when none is). */
export function firstOnOrAfter(dates: readonly IsoDate[], date: IsoDate): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((dates[middle] ?? '') < date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The logged days from `from` to `to`, in order of date. */
export function loggedIn(days: DaysByDate, from: IsoDate, to: IsoDate): DayEntry[] {
  if (to < from) return [];
  const dates = sortedDates(days);
  const logged: DayEntry[] = [];
  for (let index = firstOnOrAfter(dates, from); index < dates.length; index += 1) {
    const date = dates[index] ?? '';
    if (date > to) break;
    const day = days.get(date);
    if (day) logged.push(day);
  }
  return logged;
}

/** From day `start` (0 is the first day of the span) on, the trailing mean is `value`, until the next run. */
export interface MeanRun {
  start: number;
  value: number | null;
}

/**
 * Trailing means over `width` days from `from` to `to`, each defined with at least `minLogged` logged (the
 * window does not look before `from`), as runs: the mean changes only where a logged day enters the window
 * or leaves it, so the work is that of the logged days, whatever the span. Starts with a run at 0.
 */
export function slidingMeans(
  days: DaysByDate,
  from: IsoDate,
  to: IsoDate,
  width: number,
  minLogged: number,
): MeanRun[] {
  const runs: MeanRun[] = [{ start: 0, value: null }];
  if (to < from) return runs;
  const lastIndex = daysBetween(from, to);
  const logged = loggedIn(days, from, to).map((day) => ({ index: daysBetween(from, day.date), pain: day.pain }));
  let sum = 0;
  let count = 0;
  let entering = 0;
  let leaving = 0;
  for (;;) {
    const enterAt = logged[entering]?.index ?? Infinity;
    const leaveAt = leaving < entering ? (logged[leaving]?.index ?? Infinity) + width : Infinity;
    const at = Math.min(enterAt, leaveAt);
    if (at > lastIndex) break;
    for (let day = logged[leaving]; leaving < entering && day && day.index + width === at; day = logged[leaving]) {
      sum -= day.pain;
      count -= 1;
      leaving += 1;
    }
    for (let day = logged[entering]; day?.index === at; day = logged[entering]) {
      sum += day.pain;
      count += 1;
      entering += 1;
    }
    const value = count >= minLogged ? sum / count : null;
    const last = runs.at(-1);
    if (last?.start === at) last.value = value;
    else runs.push({ start: at, value });
  }
  return runs;
}

/** The trailing mean on day `index` of the span. */
export function meanOn(runs: readonly MeanRun[], index: number): number | null {
  for (let run = runs.length - 1; run >= 0; run -= 1) {
    const each = runs[run];
    if (each && each.start <= index) return each.value;
  }
  return null;
}

/** The first day from `from` to `to` (day numbers of the span) whose trailing mean meets `test`; -1 if none. */
export function firstDayWhere(
  runs: readonly MeanRun[],
  from: number,
  to: number,
  test: (value: number | null) => boolean,
): number {
  if (to < from) return -1;
  if (test(meanOn(runs, from))) return from;
  for (const run of runs) if (run.start > from && run.start <= to && test(run.value)) return run.start;
  return -1;
}

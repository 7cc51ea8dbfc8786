/** Which recent days the patient has not logged, so Today can offer to fill them in, and how. */
import { addDays, dateRange, type IsoDate } from './dates';
import { sameAsDay } from './day-draft';
import type { DayEntry } from './day';
import { compareCodeUnits } from './text-order';

/** How far back the "fill in missed days" offer reaches; older gaps are left to the Diary. */
export const MISSED_DAYS_LOOKBACK = 14;

/**
 * Days without an entry between the last logged day and yesterday (today has its own card), oldest
 * first, so they read in the order they happened, at most `MISSED_DAYS_LOOKBACK` of them. A diary with no
 * entries has missed nothing yet.
 */
export function findMissedDays(loggedDates: Iterable<IsoDate>, today: IsoDate): IsoDate[] {
  const logged = new Set(loggedDates);
  const pastLogged = [...logged].filter((date) => date < today).sort();
  const lastLogged = pastLogged.at(-1);
  if (lastLogged === undefined) return [];
  const earliest = addDays(today, -MISSED_DAYS_LOOKBACK);
  const from = lastLogged < earliest ? earliest : addDays(lastLogged, 1);
  return dateRange(from, addDays(today, -1)).filter((date) => !logged.has(date));
}

/** One line of the missed-days card: a day still missed, or one filled in from the card this visit. */
export type MissedDayRow =
  | {
      date: IsoDate;
      isFilled: false;
      /** The logged day before it, which "same as the day before" copies; none when that day is missed too. */
      dayBefore: IsoDate | undefined;
    }
  | { date: IsoDate; isFilled: true; copiedFrom: IsoDate };

/**
 * The card's lines, oldest first: the days still missed and those filled in from the card (kept, so each can
 * still be opened). `entryOn` answers whether a date is logged.
 */
export function missedDayRows(
  missed: readonly IsoDate[],
  filled: ReadonlyMap<IsoDate, IsoDate>,
  entryOn: (date: IsoDate) => DayEntry | undefined,
): MissedDayRow[] {
  const stillMissed = missed.filter((date) => !filled.has(date));
  const rows: MissedDayRow[] = stillMissed.map((date) => {
    const before = addDays(date, -1);
    return { date, isFilled: false, dayBefore: entryOn(before) ? before : undefined };
  });
  for (const [date, copiedFrom] of filled) rows.push({ date, isFilled: true, copiedFrom });
  return rows.sort((a, b) => compareCodeUnits(a.date, b.date));
}

/**
 * The run of missed days that can be filled at once like the logged day before it: the consecutive missed
 * days from the first one whose day before is logged. Undefined when no missed day follows a logged one.
 */
export function fillableRun(rows: readonly MissedDayRow[]): { source: IsoDate; dates: IsoDate[] } | undefined {
  const missed = rows.filter((row) => !row.isFilled);
  const start = missed.findIndex((row) => row.dayBefore !== undefined);
  const first = missed[start];
  if (!first || first.isFilled || first.dayBefore === undefined) return undefined;
  const dates = [first.date];
  for (const row of missed.slice(start + 1)) {
    if (row.date !== addDays(dates.at(-1) as IsoDate, 1)) break;
    dates.push(row.date);
  }
  return { source: first.dayBefore, dates };
}

/** Each of `dates` as a copy of `source` (see `sameAsDay`: the day's measures, no flare, note or treatments). */
export function copiesOf(source: DayEntry, dates: readonly IsoDate[], updatedAt: number): DayEntry[] {
  return dates.map((date) => sameAsDay(source, date, updatedAt));
}

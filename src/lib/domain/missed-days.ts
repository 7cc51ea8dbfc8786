/** Which recent days the patient has not logged, so Today can offer to fill them in. */
import { addDays, dateRange, type IsoDate } from './dates';

/** How far back the "fill in missed days" offer reaches; older gaps are left to the Diary. */
export const MISSED_DAYS_LOOKBACK = 14;

/**
 * Days without an entry between the last logged day and yesterday (today has its own card), newest
 * first, at most `MISSED_DAYS_LOOKBACK` of them. A diary with no entries has missed nothing yet.
 */
export function findMissedDays(loggedDates: Iterable<IsoDate>, today: IsoDate): IsoDate[] {
  const logged = new Set(loggedDates);
  const pastLogged = [...logged].filter((date) => date < today).sort();
  const lastLogged = pastLogged.at(-1);
  if (lastLogged === undefined) return [];
  const earliest = addDays(today, -MISSED_DAYS_LOOKBACK);
  const from = lastLogged < earliest ? earliest : addDays(lastLogged, 1);
  return dateRange(from, addDays(today, -1))
    .filter((date) => !logged.has(date))
    .reverse();
}

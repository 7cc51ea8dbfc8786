/**
 * The diary as it stood when the app started, read before the first screen without Dexie (see
 * `db/start-read.ts`): the settings for the language, and Today's days. Today takes its days once, when the
 * app starts on Today; from then on it follows the database, which may have changed since. A start on
 * another screen keeps no days, so a later visit to Today never shows them stale.
 */
import { findAtStart, type StartFound } from '../db/start-read';
import type { RecentDays } from '../db/days-repository';
import { addDays, type IsoDate } from '../domain/dates';
import { MISSED_DAYS_LOOKBACK } from '../domain/missed-days';

/** The days Today reads: the window in which missed days are offered, ending today. */
export function todayWindow(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -MISSED_DAYS_LOOKBACK), to: today };
}

/**
 * Today's days from the start-up read, once checked, until Today takes them. A check that ends after Today has
 * asked (the start gave up waiting for it) fills a slot nobody holds any more, and so keeps nothing.
 */
let handoff: { today: IsoDate; recent?: RecentDays } | null = null;

/**
 * Read the settings and Today's days, keeping the days for Today when `isTodayFirst` once they are checked;
 * `null` when only Dexie may open the database (see `findAtStart`).
 */
export async function findDiaryAtStart(today: IsoDate, isTodayFirst: boolean): Promise<StartFound | null> {
  const { from, to } = todayWindow(today);
  const slot: { today: IsoDate; recent?: RecentDays } | null = isTodayFirst ? { today } : null;
  handoff = slot;
  const found = await findAtStart(from, to);
  // Kept before anyone waiting on `checked` hears of it: the first screen is drawn after that.
  if (found && slot)
    found.checked.then(
      (read) => (slot.recent = read.recent),
      () => undefined,
    );
  return found;
}

/**
 * Today's days as read at start, for the first Today screen only, and only if the date has not changed. Once
 * asked, never again: a later visit to Today reads the database, which may have changed since.
 */
export function takeRecentDaysReadAtStart(today: IsoDate): RecentDays | undefined {
  const recent = handoff?.today === today ? handoff.recent : undefined;
  handoff = null;
  return recent;
}

/** What the Today screen needs: today's entry, the last one before it, and the days missed in between. */
import type { RecentDays } from '../db/days-repository';
import { addDays, type IsoDate } from '../domain/dates';
import type { DayEntry } from '../domain/day';
import { findMissedDays, MISSED_DAYS_LOOKBACK } from '../domain/missed-days';
import { afterFirstScreen } from '../platform/idle';
import { database, whenDatabaseWanted } from './database';
import { takeRecentDaysReadAtStart, todayWindow } from './diary-at-start';

export class TodayData {
  #recent = $state.raw<RecentDays | null>(null);
  error = $state.raw<unknown>(null);
  readonly #today: () => IsoDate;

  constructor(today: () => IsoDate) {
    this.#today = today;
  }

  /** Follow the database for the current `today`; call inside `$effect` so a new day re-subscribes. */
  follow(): () => void {
    const today = this.#today();
    const { from, to } = todayWindow(today);
    const readAtStart = takeRecentDaysReadAtStart(today);
    if (readAtStart) this.#recent = readAtStart;
    // Drawn from the start-up read, Today follows the database once the screen is up or a save loads it
    // anyway; without that read there is nothing to show until the database answers.
    const start = readAtStart ? Promise.race([afterFirstScreen(), whenDatabaseWanted()]) : Promise.resolve();
    let isStopped = false;
    let unsubscribe: (() => void) | undefined;
    const onError = (error: unknown) => (this.error = error);
    void start
      .then(database)
      .then(({ diaryDb, watchRecentDays }) => {
        if (isStopped) return;
        unsubscribe = watchRecentDays(
          diaryDb,
          from,
          to,
          (recent) => {
            this.#recent = recent;
            this.error = null;
          },
          onError,
        );
      })
      .catch(onError);
    return () => {
      isStopped = true;
      unsubscribe?.();
    };
  }

  get isLoaded(): boolean {
    return this.#recent !== null;
  }

  get todayEntry(): DayEntry | undefined {
    const today = this.#today();
    return this.#recent?.days.find((day) => day.date === today);
  }

  /** The latest entry before today, if it is recent enough to copy ("same as yesterday"). */
  get previousEntry(): DayEntry | undefined {
    const previous = this.#recent?.lastBefore;
    if (!previous || previous.date < addDays(this.#today(), -MISSED_DAYS_LOOKBACK)) return undefined;
    return previous;
  }

  /** The entry of a date in Today's window (the last fortnight), or the last one before it. */
  entryOn(date: IsoDate): DayEntry | undefined {
    const recent = this.#recent;
    if (recent?.lastBefore?.date === date) return recent.lastBefore;
    return recent?.days.find((day) => day.date === date);
  }

  get missedDays(): IsoDate[] {
    const recent = this.#recent;
    if (!recent) return [];
    const dates = recent.days.map((day) => day.date);
    if (recent.lastBefore) dates.push(recent.lastBefore.date);
    return findMissedDays(dates, this.#today());
  }
}

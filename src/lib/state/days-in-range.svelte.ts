/** The logged days of a date range, following the database (the Diary's month, a single day). */
import type { IsoDate } from '../domain/dates';
import type { DayEntry } from '../domain/day';
import { diaryDb, watchDays } from '../db';

export class DaysInRange {
  days = $state.raw<DayEntry[] | null>(null);
  error = $state.raw<unknown>(null);
  readonly #range: () => { from: IsoDate; to: IsoDate };

  constructor(range: () => { from: IsoDate; to: IsoDate }) {
    this.#range = range;
  }

  /** Call inside `$effect`: re-subscribes whenever the range changes. */
  follow(): () => void {
    const { from, to } = this.#range();
    this.days = null;
    return watchDays(
      diaryDb,
      from,
      to,
      (days) => {
        this.days = days;
        this.error = null;
      },
      (error) => (this.error = error),
    );
  }

  get isLoaded(): boolean {
    return this.days !== null;
  }

  get byDate(): ReadonlyMap<IsoDate, DayEntry> {
    // A fresh lookup built from the list, never mutated: the list itself is the reactive state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return new Map((this.days ?? []).map((day) => [day.date, day]));
  }
}

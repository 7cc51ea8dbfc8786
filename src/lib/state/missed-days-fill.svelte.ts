/**
 * Filling in missed days from Today's card in one tap: each copied from the logged day before it. The days
 * filled this visit are remembered so the card keeps showing them (each can still be opened), although
 * they are no longer missed.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { IsoDate } from '../domain/dates';
import type { DayEntry } from '../domain/day';
import { copiesOf } from '../domain/missed-days';
import { nowMs } from '../platform/clock';
import { recordDay, removeDay } from './diary-actions';

export class MissedDaysFill {
  /** Filled date -> the date it was copied from. */
  readonly filled = new SvelteMap<IsoDate, IsoDate>();

  /** Save each of `dates` as a copy of `source` (oldest first, so a failure leaves no gap behind it). */
  async fill(source: DayEntry, dates: readonly IsoDate[], today: IsoDate): Promise<void> {
    for (const copy of copiesOf(source, dates, nowMs())) {
      await recordDay(copy, today);
      this.filled.set(copy.date, source.date);
    }
  }

  /** Take back days filled from the card (Undo). */
  async unfill(dates: readonly IsoDate[]): Promise<void> {
    for (const date of dates) {
      await removeDay(date);
      this.filled.delete(date);
    }
  }
}

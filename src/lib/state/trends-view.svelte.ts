/**
 * The range the Trends screen shows. It lives outside the screen so that tapping a day and coming back
 * keeps the range the patient chose (for as long as the app stays open).
 */
import type { IsoDate } from '../domain/dates';
import { customRange, type DateRange, type TrendsRangePreset } from '../domain/date-range';

/** What Trends opens on. */
export const DEFAULT_TRENDS_PRESET: TrendsRangePreset = '90d';

class TrendsView {
  preset = $state<TrendsRangePreset>(DEFAULT_TRENDS_PRESET);
  /** The last valid custom range; `null` until one is chosen. */
  custom = $state.raw<DateRange | null>(null);

  /** Apply a custom range if it is one: real dates, in order, not after today. */
  setCustom(from: string, to: string, today: IsoDate): boolean {
    const range = customRange(from, to, today);
    if (range) this.custom = range;
    return range !== null;
  }
}

export const trendsView = new TrendsView();

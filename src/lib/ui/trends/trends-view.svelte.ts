/**
 * The range the Trends screen shows. It lives outside the screen so that tapping a day and coming back
 * keeps the range the patient chose (for as long as the app stays open).
 */
import type { IsoDate } from '../../domain/dates';
import { isIsoDate } from '../../domain/dates';
import type { DateRange, RangePreset } from '../../domain/trend-series';

class TrendsView {
  preset = $state<RangePreset>('90d');
  /** The last valid custom range; `null` until one is chosen. */
  custom = $state.raw<DateRange | null>(null);

  /** Apply a custom range if it is one: real dates, in order, not after today. */
  setCustom(from: string, to: string, today: IsoDate): boolean {
    if (!isIsoDate(from) || !isIsoDate(to) || from > to || to > today) return false;
    this.custom = { from, to };
    return true;
  }
}

export const trendsView = new TrendsView();

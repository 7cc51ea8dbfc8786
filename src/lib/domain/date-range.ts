/**
 * The span of days a chart shows, one type for Trends and the Summary: the presets both screens offer, the
 * check of a range the patient types, and day numbers on the x axis.
 */
import { addDays, daysBetween, isIsoDate, type IsoDate } from './dates';

export interface DateRange {
  from: IsoDate;
  /** Inclusive. */
  to: IsoDate;
}

/** The ranges the Trends screen offers. */
export type TrendsRangePreset = '30d' | '90d' | '1y' | 'all' | 'custom';
/** The ranges the Summary screen offers. */
export type SummaryRangePreset = 'since-visit' | '90d' | '1y' | 'custom';

const PRESET_DAYS = { '30d': 30, '90d': 90, '1y': 365 } as const;

/** The dates a preset may start from other than a count of days back. */
export interface PresetAnchors {
  /** The earliest logged day or medication event: where "all" starts. */
  earliest?: IsoDate | undefined;
  /** The last visit before today: where "since the last visit" starts. */
  lastVisit?: IsoDate | undefined;
}

/**
 * The range of a preset, ending `today`: 30 days, 90 days, a year; "all" from the earliest entry (today when
 * there is none); "since the last visit" from that visit (90 days when there was none).
 */
export function presetRange(
  preset: Exclude<TrendsRangePreset | SummaryRangePreset, 'custom'>,
  today: IsoDate,
  anchors: PresetAnchors = {},
): DateRange {
  switch (preset) {
    case 'all':
      return { from: anchors.earliest !== undefined && anchors.earliest < today ? anchors.earliest : today, to: today };
    case 'since-visit':
      return anchors.lastVisit !== undefined ? { from: anchors.lastVisit, to: today } : presetRange('90d', today);
    default:
      return { from: addDays(today, -(PRESET_DAYS[preset] - 1)), to: today };
  }
}

/**
 * A preset range that starts no earlier than the diary: a diary of 20 days shown as "90 days" would be
 * three quarters empty chart. `earliest` is the first logged day or medication event, if any.
 */
export function startAtDiary(range: DateRange, earliest: IsoDate | undefined): DateRange {
  return earliest !== undefined && range.from < earliest && earliest <= range.to ? { ...range, from: earliest } : range;
}

/** A range the patient typed, if it is one: two real dates, in order, not after `today`; else `null`. */
export function customRange(from: string, to: string, today: IsoDate): DateRange | null {
  return isIsoDate(from) && isIsoDate(to) && from <= to && to <= today ? { from, to } : null;
}

/** Day number of `date` on the chart's x axis: 0 is the range's first day. */
export function dayIndex(range: DateRange, date: IsoDate): number {
  return daysBetween(range.from, date);
}

/** Days in the range, both ends included (0 for a range that ends before it starts). */
export function rangeLengthDays(range: DateRange): number {
  return Math.max(0, daysBetween(range.from, range.to) + 1);
}

/** True when `outer` holds every day of `inner`. */
export function covers(outer: DateRange, inner: DateRange): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

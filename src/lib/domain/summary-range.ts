/**
 * The summary's range: its presets (since the last visit by default), its limits, and which phases say
 * something about it.
 */
import { addDays, type IsoDate } from './dates';
import { presetRange, type DateRange, type SummaryRangePreset } from './date-range';
import type { Phase } from './phases';
import { SUMMARY_LIMITS } from './summary-source';
import type { Visit } from './visit';

/** The latest visit on or before `date`. */
export function latestVisit(visits: readonly Visit[], date: IsoDate): Visit | undefined {
  let latest: Visit | undefined;
  for (const visit of visits) if (visit.date <= date && (!latest || visit.date > latest.date)) latest = visit;
  return latest;
}

/** Clip a range to the summary's limits: it ends by `today` and spans at most `maxRangeDays` days. */
export function clampRange(range: DateRange, today: IsoDate): DateRange {
  const to = range.to > today ? today : range.to;
  const earliest = addDays(to, -(SUMMARY_LIMITS.maxRangeDays - 1));
  const from = range.from > to ? to : range.from < earliest ? earliest : range.from;
  return { from, to };
}

/** The range of a preset: since the last visit before today (else 90 days), 90 days, a year. */
export function summaryPresetRange(
  preset: Exclude<SummaryRangePreset, 'custom'>,
  visits: readonly Visit[],
  today: IsoDate,
): DateRange {
  return clampRange(presetRange(preset, today, { lastVisit: latestVisit(visits, addDays(today, -1))?.date }), today);
}

/** The preset a summary opens on: since the last visit when there is one, else 90 days. */
export function defaultSummaryPreset(visits: readonly Visit[], today: IsoDate): Exclude<SummaryRangePreset, 'custom'> {
  return latestVisit(visits, addDays(today, -1)) ? 'since-visit' : '90d';
}

const overlaps = (phase: Pick<Phase, 'start' | 'end'>, range: DateRange) =>
  phase.start <= range.to && phase.end >= range.from;

/** A phase that says something about the range: on or interrupted in it, or stopped inside it. */
export const isShown = (phase: Phase, range: DateRange) =>
  overlaps(phase, range) && (phase.kind !== 'stopped' || phase.start >= range.from);

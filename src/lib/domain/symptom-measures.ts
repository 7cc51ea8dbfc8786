/**
 * Flares and drainage of one phase (docs/measures.md, "Flares" and "Drainage per phase"), the symptoms
 * beside pain that the case series found to answer differently to each dose.
 */
import { daysBetween, type IsoDate } from './dates';
import type { DayEntry } from './day';
import { phaseLengthDays, type Phase } from './phases';
import { mean } from './stats';

/** Phases shorter than this show a flare count, not a rate (docs/measures.md, "Flares"). */
export const MIN_RATE_DAYS = 28;
/** Drainage score counted as heavy: "soaks through". */
export const HEAVY_DRAINAGE = 3;

export interface FlareEpisode {
  start: IsoDate;
  end: IsoDate;
}

/** Runs of flare days, where a gap of one day (not a flare, or not logged) still joins two runs. */
export function flareEpisodes(days: readonly DayEntry[]): FlareEpisode[] {
  const flareDates = days
    .filter((day) => day.flare)
    .map((day) => day.date)
    .sort();
  const episodes: FlareEpisode[] = [];
  for (const date of flareDates) {
    const last = episodes.at(-1);
    if (last && daysBetween(last.end, date) <= 2) last.end = date;
    else episodes.push({ start: date, end: date });
  }
  return episodes;
}

export interface FlareMeasures {
  /** Episodes that began inside the phase. */
  episodes: number;
  /** Per 30 days, only for phases of at least 28 days. */
  ratePer30Days: number | null;
  /** The phase began while an episode that started before it was still running. */
  wasRunningAtStart: boolean;
  /** Logged days with a flare inside the phase. */
  flareDays: number;
}

/** Flares of one phase (docs/measures.md, "Flares"): each episode counted once, in the phase it began. */
export function flareMeasures(
  episodes: readonly FlareEpisode[],
  logged: readonly DayEntry[],
  phase: Pick<Phase, 'start' | 'end'>,
): FlareMeasures {
  const lengthDays = phaseLengthDays(phase);
  const count = episodes.filter((episode) => phase.start <= episode.start && episode.start <= phase.end).length;
  return {
    episodes: count,
    ratePer30Days: lengthDays >= MIN_RATE_DAYS && logged.length > 0 ? (count / lengthDays) * 30 : null,
    wasRunningAtStart: episodes.some((episode) => episode.start < phase.start && phase.start <= episode.end),
    flareDays: logged.filter((day) => day.flare).length,
  };
}

export interface DrainageMeasures {
  /** Mean drainage score, 0 (none) to 3 (heavy). */
  mean: number | null;
  /** Share of logged days with any drainage, 0..1. */
  daysShare: number | null;
  /** Logged days with drainage of any amount. */
  drainageDays: number;
  heavyDays: number;
  dressingChangesPerDay: number | null;
}

/** Drainage of one phase (docs/measures.md, "Drainage"): the case series' dose-dependent finding. */
export function drainageMeasures(logged: readonly DayEntry[]): DrainageMeasures {
  const drainageDays = logged.filter((day) => day.drainage > 0).length;
  return {
    mean: mean(logged.map((day) => day.drainage)),
    daysShare: logged.length === 0 ? null : drainageDays / logged.length,
    drainageDays,
    heavyDays: logged.filter((day) => day.drainage >= HEAVY_DRAINAGE).length,
    dressingChangesPerDay: mean(logged.map((day) => day.dressingChanges)),
  };
}

/**
 * The clinical measures defined in docs/measures.md, as pure functions of logged days, phases and dose logs. Missing
 * days are missing: they never count as zero pain, and a mean needs enough logged days to be shown.
 */
import { addDays, dateRange, daysBetween, type IsoDate } from './dates';
import type { DayEntry } from './day';
import type { DoseLog } from './medication';
import { phaseLengthDays, type Phase } from './phases';
import { mean } from './stats';

/** Days needed in a 7-day window (or before a first start) for a mean to be shown. */
export const MIN_LOGGED_DAYS = 3;
/** Baselines below this are too low for a 30 % fall to mean anything (as in HS trials). */
export const NRS30_MIN_BASELINE = 3;

export type DaysByDate = ReadonlyMap<IsoDate, DayEntry>;

export function indexDays(days: readonly DayEntry[]): DaysByDate {
  return new Map(days.map((day) => [day.date, day]));
}

function loggedIn(days: DaysByDate, from: IsoDate, to: IsoDate): DayEntry[] {
  return dateRange(from, to).flatMap((date) => {
    const day = days.get(date);
    return day ? [day] : [];
  });
}

export interface Baseline {
  /** Mean pain of the 7 days before the first start; `null` with fewer than 3 logged. */
  value: number | null;
  loggedDays: number;
}

/** Treatment baseline B: the mean logged pain of the 7 days before the medication's first start. */
export function treatmentBaseline(days: DaysByDate, firstStart: IsoDate): Baseline {
  const logged = loggedIn(days, addDays(firstStart, -7), addDays(firstStart, -1));
  return {
    value: logged.length >= MIN_LOGGED_DAYS ? mean(logged.map((day) => day.pain)) : null,
    loggedDays: logged.length,
  };
}

/** 7-day mean on `date` within a phase: days max(phase start, date - 6) .. date, with at least 3 logged. */
export function sevenDayMean(days: DaysByDate, phaseStart: IsoDate, date: IsoDate): number | null {
  const windowStart = addDays(date, -6) > phaseStart ? addDays(date, -6) : phaseStart;
  const logged = loggedIn(days, windowStart, date);
  return logged.length >= MIN_LOGGED_DAYS ? mean(logged.map((day) => day.pain)) : null;
}

/** The 7-day mean at or below which NRS30 is met: at least 30 % and at least 1 point below B, for B ≥ 3. */
export function nrs30Level(baseline: number | null): number | null {
  if (baseline === null || baseline < NRS30_MIN_BASELINE) return null;
  return baseline - Math.max(0.3 * baseline, 1);
}

export type Nrs30Result =
  | { status: 'reached'; dayOfPhase: number; date: IsoDate }
  | { status: 'not-reached' }
  | { status: 'no-baseline' }
  | { status: 'baseline-too-low' };

function nrs30Unavailable(baseline: number | null): Nrs30Result | null {
  if (baseline === null) return { status: 'no-baseline' };
  if (baseline < NRS30_MIN_BASELINE) return { status: 'baseline-too-low' };
  return null;
}

/**
 * The 7-day mean for every day of a phase, in order (index 0 is the phase's first day): one sliding
 * window instead of seven look-ups a day, so a five-year phase table stays within a frame.
 */
export function trailingMeans(days: DaysByDate, phase: Pick<Phase, 'start' | 'end'>): (number | null)[] {
  const pains = dateRange(phase.start, phase.end).map((date) => days.get(date)?.pain ?? null);
  let sum = 0;
  let count = 0;
  return pains.map((pain, index) => {
    if (pain !== null) {
      sum += pain;
      count += 1;
    }
    const leaving = index >= 7 ? pains[index - 7] : null;
    if (leaving !== null && leaving !== undefined) {
      sum -= leaving;
      count -= 1;
    }
    return count >= MIN_LOGGED_DAYS ? sum / count : null;
  });
}

/** NRS30 response in a phase: the first day whose 7-day mean meets the level (day 1 is the phase's first). */
export function nrs30Response(
  days: DaysByDate,
  phase: Pick<Phase, 'start' | 'end'>,
  baseline: number | null,
): Nrs30Result {
  const level = nrs30Level(baseline);
  if (level === null) return nrs30Unavailable(baseline) as Nrs30Result;
  const index = trailingMeans(days, phase).findIndex((value) => value !== null && value <= level);
  if (index === -1) return { status: 'not-reached' };
  return { status: 'reached', dayOfPhase: index + 1, date: addDays(phase.start, index) };
}

export interface LossOfResponse {
  /** Day of the interruption (day 1 is its first) with the first flare; `null` when none was logged. */
  firstFlareDay: number | null;
  /** First day whose 7-day mean, of interruption days only, no longer meets the NRS30 level. */
  nrs30LostDay: number | null;
  /** Why the NRS30 part cannot be told. */
  nrs30Unavailable?: 'no-baseline' | 'baseline-too-low';
}

/** What happened during an interruption: how soon a flare came, and how soon the NRS30 level was lost. */
export function lossOfResponse(
  days: DaysByDate,
  interruption: Pick<Phase, 'start' | 'end'>,
  baseline: number | null,
): LossOfResponse {
  const dates = dateRange(interruption.start, interruption.end);
  const flareIndex = dates.findIndex((date) => days.get(date)?.flare === true);
  const level = nrs30Level(baseline);
  if (level === null) {
    const unavailable = nrs30Unavailable(baseline) as { status: 'no-baseline' | 'baseline-too-low' };
    return {
      firstFlareDay: flareIndex === -1 ? null : flareIndex + 1,
      nrs30LostDay: null,
      nrs30Unavailable: unavailable.status,
    };
  }
  const lostIndex = trailingMeans(days, interruption).findIndex((value) => value !== null && value > level);
  return {
    firstFlareDay: flareIndex === -1 ? null : flareIndex + 1,
    nrs30LostDay: lostIndex === -1 ? null : lostIndex + 1,
  };
}

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

export interface Adherence {
  taken: number;
  scheduled: number;
  /** taken / scheduled, 0..1. */
  ratio: number;
}

/** Doses taken / doses scheduled among a medication's dose logs in a date range; `null` when none are logged. */
export function adherence(
  doseLogs: readonly DoseLog[],
  medicationId: string,
  from: IsoDate,
  to: IsoDate,
): Adherence | null {
  const inRange = doseLogs.filter((log) => {
    const date = log.scheduledFor.slice(0, 10);
    return log.medicationId === medicationId && from <= date && date <= to;
  });
  if (inRange.length === 0) return null;
  const taken = inRange.filter((log) => log.status === 'taken').length;
  return { taken, scheduled: inRange.length, ratio: taken / inRange.length };
}

export interface PhaseMeasures {
  phase: Phase;
  lengthDays: number;
  loggedDays: number;
  meanPain: number | null;
  /** Mean pain of this phase minus that of the phase before it, when both are known. */
  changeFromPrevious: number | null;
  nrs30: Nrs30Result;
  /** Only for interruptions. */
  loss?: LossOfResponse;
  meanDrainage: number | null;
  heavyDrainageDays: number;
  dressingChangesPerDay: number | null;
  flareEpisodes: number;
  flareRatePer30Days: number | null;
  adherence: Adherence | null;
}

export interface MeasurePhasesOptions {
  /**
   * The baseline to use instead of computing it from `days`: a visit summary carries it, computed on the
   * patient's device from the whole diary, since the days before the first start may lie outside its range.
   */
  baseline?: Baseline;
  /** Adherence per phase (keyed by the phase's first day) instead of computing it from `doseLogs`. */
  adherenceByPhaseStart?: ReadonlyMap<IsoDate, Adherence>;
}

/** The phase table of one medication: every measure per phase, computed from the same inputs. */
export function measurePhases(
  phases: readonly Phase[],
  days: DaysByDate,
  doseLogs: readonly DoseLog[],
  options: MeasurePhasesOptions = {},
): { baseline: Baseline | null; rows: PhaseMeasures[] } {
  const first = phases[0];
  if (!first) return { baseline: null, rows: [] };
  const baseline = options.baseline ?? treatmentBaseline(days, first.start);
  const episodes = flareEpisodes([...days.values()]);
  let previousMean: number | null = null;
  const rows = phases.map((phase) => {
    const logged = loggedIn(days, phase.start, phase.end);
    const meanPain = mean(logged.map((day) => day.pain));
    const lengthDays = phaseLengthDays(phase);
    const episodeCount = episodes.filter(
      (episode) => phase.start <= episode.start && episode.start <= phase.end,
    ).length;
    const row: PhaseMeasures = {
      phase,
      lengthDays,
      loggedDays: logged.length,
      meanPain,
      changeFromPrevious: meanPain !== null && previousMean !== null ? meanPain - previousMean : null,
      nrs30: nrs30Response(days, phase, baseline.value),
      meanDrainage: mean(logged.map((day) => day.drainage)),
      heavyDrainageDays: logged.filter((day) => day.drainage === 3).length,
      dressingChangesPerDay: mean(logged.map((day) => day.dressingChanges)),
      flareEpisodes: episodeCount,
      flareRatePer30Days: logged.length === 0 ? null : (episodeCount / lengthDays) * 30,
      adherence: options.adherenceByPhaseStart
        ? (options.adherenceByPhaseStart.get(phase.start) ?? null)
        : adherence(doseLogs, phase.medicationId, phase.start, phase.end),
      ...(phase.kind === 'interrupted' && { loss: lossOfResponse(days, phase, baseline.value) }),
    };
    previousMean = meanPain;
    return row;
  });
  return { baseline, rows };
}

/** Days a "what changed" sentence looks at on each side of a medication event. */
export const CHANGE_WINDOW_DAYS = 28;

export interface ChangeAroundEvent {
  before: number | null;
  after: number | null;
  loggedBefore: number;
  loggedAfter: number;
}

/** Mean pain in the 4 weeks before an event and in the 4 weeks from it (up to `today`). */
export function changeAroundEvent(days: DaysByDate, eventDate: IsoDate, today: IsoDate): ChangeAroundEvent {
  const before = loggedIn(days, addDays(eventDate, -CHANGE_WINDOW_DAYS), addDays(eventDate, -1));
  const afterEnd = addDays(eventDate, CHANGE_WINDOW_DAYS - 1);
  const after = loggedIn(days, eventDate, afterEnd < today ? afterEnd : today);
  const enough = (list: DayEntry[]) => (list.length >= MIN_LOGGED_DAYS ? mean(list.map((day) => day.pain)) : null);
  return { before: enough(before), after: enough(after), loggedBefore: before.length, loggedAfter: after.length };
}

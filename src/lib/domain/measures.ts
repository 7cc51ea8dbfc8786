/**
 * The clinical measures of docs/measures.md (version 2), as pure functions of logged days, phases and dose
 * logs. Missing days are missing: they never count as zero pain, and a mean needs enough logged days to be
 * shown. Each rule names the section of docs/measures.md that gives its reason. Every measure walks the
 * logged days, never the calendar (see logged-days.ts).
 */
import { addDays, daysBetween, type IsoDate } from './dates';
import type { DayEntry } from './day';
import {
  firstDayWhere,
  firstOnOrAfter,
  loggedIn,
  meanOn,
  slidingMeans,
  sortedDates,
  type DaysByDate,
} from './logged-days';
import type { DoseLog } from './medication';
import { phaseLengthDays, type Phase } from './phases';
import { mean } from './stats';
import {
  drainageMeasures,
  flareEpisodes,
  flareMeasures,
  type DrainageMeasures,
  type FlareMeasures,
} from './symptom-measures';

export type { DaysByDate } from './logged-days';
export {
  drainageMeasures,
  flareEpisodes,
  flareMeasures,
  HEAVY_DRAINAGE,
  MIN_RATE_DAYS,
  type DrainageMeasures,
  type FlareEpisode,
  type FlareMeasures,
} from './symptom-measures';

/** Logged days a 7-day window needs for its weekly mean (docs/measures.md, "Weekly mean"). */
export const MIN_WEEK_DAYS = 4;
/** The days before a medication's first start that its baseline is the mean of. */
export const BASELINE_DAYS = 7;
/** Logged days among the 7 before the first start for a baseline (docs/measures.md, "Baseline"). */
export const MIN_BASELINE_DAYS = 4;
/** Baselines below this are too low for a 30 % fall to mean anything (as in HS trials). */
export const NRS30_MIN_BASELINE = 3;
/** A mean from fewer logged days than this carries "few days" (docs/measures.md, "Too few days"). */
export const FEW_DAYS = 7;
/** The earliest day of a phase on which NRS30 can be reached: its first whole week. */
export const FIRST_RESPONSE_DAY = 7;
/** A change between phases smaller than this is "changed little" (docs/measures.md, "Change"). */
export const MIN_CHANGE_POINTS = 1;
/** The window, and the logged days in it, for pain after an interruption (docs/measures.md). */
export const INTERRUPTION_WINDOW_DAYS = 3;
export const MIN_INTERRUPTION_WINDOW_DAYS = 2;

export function indexDays(days: readonly DayEntry[]): DaysByDate {
  return new Map(days.map((day) => [day.date, day]));
}

export interface Baseline {
  /** Mean pain of the 7 days before the first start; `null` with fewer than 4 logged. */
  value: number | null;
  loggedDays: number;
}

/** Treatment baseline B: the mean logged pain of the 7 days before the medication's first start. */
export function treatmentBaseline(days: DaysByDate, firstStart: IsoDate): Baseline {
  const logged = loggedIn(days, addDays(firstStart, -BASELINE_DAYS), addDays(firstStart, -1));
  return {
    value: logged.length >= MIN_BASELINE_DAYS ? mean(logged.map((day) => day.pain)) : null,
    loggedDays: logged.length,
  };
}

/** Weekly mean on `date`: the mean logged pain of `date - 6 .. date`, with at least 4 of the 7 logged. */
export function weeklyMean(days: DaysByDate, date: IsoDate): number | null {
  const logged = loggedIn(days, addDays(date, -6), date);
  return logged.length >= MIN_WEEK_DAYS ? mean(logged.map((day) => day.pain)) : null;
}

/**
 * The weekly mean for every day from `from` to `to`, in order: one sliding window instead of seven
 * look-ups a day, so a five-year chart stays within a frame. The window reaches back before `from`.
 */
export function weeklyMeans(days: DaysByDate, from: IsoDate, to: IsoDate): (number | null)[] {
  if (to < from) return [];
  const runs = slidingMeans(days, addDays(from, -6), to, 7, MIN_WEEK_DAYS);
  const means: (number | null)[] = [];
  const length = daysBetween(from, to) + 1;
  let run = 0;
  for (let index = 0; index < length; index += 1) {
    while ((runs[run + 1]?.start ?? Infinity) <= index + 6) run += 1;
    means.push(runs[run]?.value ?? null);
  }
  return means;
}

/** The weekly mean at or below which NRS30 is met: at least 30 % and at least 1 point below B, for B ≥ 3. */
export function nrs30Level(baseline: number | null): number | null {
  if (baseline === null || baseline < NRS30_MIN_BASELINE) return null;
  return baseline - Math.max(0.3 * baseline, 1);
}

export type Nrs30Unavailable = 'no-baseline' | 'baseline-too-low';

export type Nrs30Result =
  | { status: 'reached'; dayOfPhase: number; date: IsoDate }
  /** The phase before it, of the same medication, ended in response: the response carried over. */
  | { status: 'continued' }
  | { status: 'not-reached' }
  /** Shorter than a whole week: nothing can be said about this phase's own response. */
  | { status: 'too-short' }
  | { status: Nrs30Unavailable };

function unavailableBecause(baseline: number | null): Nrs30Unavailable {
  return baseline === null ? 'no-baseline' : 'baseline-too-low';
}

export interface WeeksInResponse {
  /** Whole weeks (days 1-7, 8-14, ...) with at least 4 logged days. */
  counted: number;
  /** Of those, the weeks whose mean meets the response level. */
  inResponse: number;
}

export interface PhaseResponse {
  nrs30: Nrs30Result;
  /** Whether the weekly mean on the phase's last day meets the level; `null` when it cannot be told. */
  endedInResponse: boolean | null;
  /** `null` when the level is unknown or the phase has no whole week. */
  weeks: WeeksInResponse | null;
}

/**
 * NRS30 within one on-phase (docs/measures.md, "NRS30 per phase"): only windows wholly inside the phase
 * count, so a response carried over from the dose before is never credited to the new one.
 */
export function phaseResponse(
  days: DaysByDate,
  phase: Pick<Phase, 'start' | 'end'>,
  baseline: number | null,
  previousEndedInResponse = false,
): PhaseResponse {
  const level = nrs30Level(baseline);
  if (level === null) return { nrs30: { status: unavailableBecause(baseline) }, endedInResponse: null, weeks: null };
  const lengthDays = phaseLengthDays(phase);
  const means = slidingMeans(days, phase.start, phase.end, 7, MIN_WEEK_DAYS);
  const lastMean = lengthDays >= FIRST_RESPONSE_DAY ? meanOn(means, lengthDays - 1) : null;
  const endedInResponse = lastMean === null ? null : lastMean <= level;
  const weeks = lengthDays >= 7 ? weeksInResponse(days, phase, level) : null;
  if (previousEndedInResponse) return { nrs30: { status: 'continued' }, endedInResponse, weeks };
  if (lengthDays < FIRST_RESPONSE_DAY) return { nrs30: { status: 'too-short' }, endedInResponse, weeks };
  const index = firstDayWhere(
    means,
    FIRST_RESPONSE_DAY - 1,
    lengthDays - 1,
    (value) => value !== null && value <= level,
  );
  const nrs30: Nrs30Result =
    index === -1
      ? { status: 'not-reached' }
      : { status: 'reached', dayOfPhase: index + 1, date: addDays(phase.start, index) };
  return { nrs30, endedInResponse, weeks };
}

function weeksInResponse(days: DaysByDate, phase: Pick<Phase, 'start' | 'end'>, level: number): WeeksInResponse {
  const wholeWeeks = Math.floor(phaseLengthDays(phase) / 7);
  if (wholeWeeks === 0) return { counted: 0, inResponse: 0 };
  // Only the weeks with a logged day can count: the logged days are grouped, the empty weeks never visited.
  const painsByWeek = new Map<number, number[]>();
  for (const day of loggedIn(days, phase.start, addDays(phase.start, wholeWeeks * 7 - 1))) {
    const week = Math.floor(daysBetween(phase.start, day.date) / 7);
    const pains = painsByWeek.get(week);
    if (pains) pains.push(day.pain);
    else painsByWeek.set(week, [day.pain]);
  }
  let counted = 0;
  let inResponse = 0;
  for (const pains of painsByWeek.values()) {
    if (pains.length < MIN_WEEK_DAYS) continue;
    counted += 1;
    if ((mean(pains) ?? Infinity) <= level) inResponse += 1;
  }
  return { counted, inResponse };
}

export type PainAfterInterruption =
  | { status: 'back-above'; dayOfPhase: number }
  | { status: 'stayed' }
  /** Fewer than 2 logged days in every 3-day window. */
  | { status: 'not-enough-days' }
  | { status: Nrs30Unavailable };

export interface AfterInterruption {
  /** Day of the interruption (day 1 is its first) with the first flare; `null` when none was logged. */
  firstFlareDay: number | null;
  pain: PainAfterInterruption;
}

/**
 * What happened during an interruption (docs/measures.md, "After an interruption"): how soon a flare came,
 * and how soon pain went back above the response level. A 3-day window, because disease returns within
 * days of a pause and a weekly mean would hide it.
 */
export function afterInterruption(
  days: DaysByDate,
  interruption: Pick<Phase, 'start' | 'end'>,
  baseline: number | null,
): AfterInterruption {
  const firstFlare = loggedIn(days, interruption.start, interruption.end).find((day) => day.flare);
  const firstFlareDay = firstFlare ? daysBetween(interruption.start, firstFlare.date) + 1 : null;
  const level = nrs30Level(baseline);
  if (level === null) return { firstFlareDay, pain: { status: unavailableBecause(baseline) } };
  const means = slidingMeans(
    days,
    interruption.start,
    interruption.end,
    INTERRUPTION_WINDOW_DAYS,
    MIN_INTERRUPTION_WINDOW_DAYS,
  );
  const lastIndex = daysBetween(interruption.start, interruption.end);
  const aboveIndex = firstDayWhere(means, 0, lastIndex, (value) => value !== null && value > level);
  if (aboveIndex !== -1) return { firstFlareDay, pain: { status: 'back-above', dayOfPhase: aboveIndex + 1 } };
  const anyWindow = firstDayWhere(means, 0, lastIndex, (value) => value !== null) !== -1;
  return { firstFlareDay, pain: { status: anyWindow ? 'stayed' : 'not-enough-days' } };
}

export type ChangeInWords = 'fell' | 'rose' | 'changed-little';

/**
 * A change between two phase means in words (docs/measures.md, "Change between phases"): "fell" or
 * "rose" only for at least 1 point, and no words at all when either side has fewer than 7 logged days.
 */
export function changeInWords(change: number | null, loggedThis: number, loggedPrevious: number): ChangeInWords | null {
  if (change === null || loggedThis < FEW_DAYS || loggedPrevious < FEW_DAYS) return null;
  if (change <= -MIN_CHANGE_POINTS) return 'fell';
  if (change >= MIN_CHANGE_POINTS) return 'rose';
  return 'changed-little';
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

/**
 * The last day a phase is measured to (docs/measures.md, "Phases"): the ongoing phase ends on its last
 * logged day, so a day not yet logged (today, before the check-in) never lengthens it.
 */
export function measuredEnd(days: DaysByDate, phase: Pick<Phase, 'start' | 'end' | 'isOngoing'>): IsoDate {
  if (!phase.isOngoing) return phase.end;
  const dates = sortedDates(days);
  // The last logged date on or before the phase's end (the first after it, minus one).
  const lastLogged = dates[firstOnOrAfter(dates, addDays(phase.end, 1)) - 1];
  return lastLogged !== undefined && lastLogged >= phase.start ? lastLogged : phase.start;
}

export interface PhaseMeasures {
  /** The phase as measured: an ongoing phase ends on its last logged day (see `measuredEnd`). */
  phase: Phase;
  lengthDays: number;
  loggedDays: number;
  /** Fewer than 7 logged days: every mean of this row carries "few days". */
  fewDays: boolean;
  meanPain: number | null;
  /** Mean pain of this phase minus that of the phase before it, when both are known. */
  changeFromPrevious: number | null;
  /** `changeFromPrevious` in words, or `null` when either side has too few days for a claim. */
  changeInWords: ChangeInWords | null;
  /** On-phases only. */
  response?: PhaseResponse;
  /** Interruptions only. */
  afterInterruption?: AfterInterruption;
  drainage: DrainageMeasures;
  flares: FlareMeasures;
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
  const rows: PhaseMeasures[] = [];
  for (const fullPhase of phases) {
    const phase = { ...fullPhase, end: measuredEnd(days, fullPhase) };
    const logged = loggedIn(days, phase.start, phase.end);
    const meanPain = mean(logged.map((day) => day.pain));
    const previous = rows.at(-1);
    const changeFromPrevious = meanPain !== null && previous?.meanPain != null ? meanPain - previous.meanPain : null;
    const previousEndedInResponse = previous?.phase.kind === 'on' && previous.response?.endedInResponse === true;
    rows.push({
      phase,
      lengthDays: phaseLengthDays(phase),
      loggedDays: logged.length,
      fewDays: logged.length < FEW_DAYS,
      meanPain,
      changeFromPrevious,
      changeInWords: changeInWords(changeFromPrevious, logged.length, previous?.loggedDays ?? 0),
      ...(phase.kind === 'on' && {
        response: phaseResponse(days, phase, baseline.value, previousEndedInResponse),
      }),
      ...(phase.kind === 'interrupted' && { afterInterruption: afterInterruption(days, phase, baseline.value) }),
      drainage: drainageMeasures(logged),
      flares: flareMeasures(episodes, logged, phase),
      adherence: options.adherenceByPhaseStart
        ? (options.adherenceByPhaseStart.get(phase.start) ?? null)
        : // Doses have their own log: a dose taken today counts though today's diary is not written yet.
          adherence(doseLogs, phase.medicationId, phase.start, fullPhase.end),
    });
  }
  return { baseline, rows };
}

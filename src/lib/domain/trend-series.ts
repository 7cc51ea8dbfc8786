/**
 * What the Trends screen draws, as plain data: the points of the chart (daily, or weekly means for long
 * ranges so a canvas never draws thousands of points), the medication events as vertical lines, the
 * interruptions as bands, the axis ticks, and the numbers behind the "what each change did" sentences.
 * The x axis is a plain day number counted from the first day of the range (no date adapter needed).
 * Missing days stay missing: a mean is taken over logged days only, never with zeros for the gaps.
 */
import {
  addDays,
  addMonths,
  daysBetween,
  EARLIEST_DATE,
  firstDayOfMonth,
  monthOf,
  weekdayMondayFirst,
  type IsoDate,
} from './dates';
import type { DayEntry } from './day';
import {
  CHANGE_WINDOW_DAYS,
  changeAroundEvent,
  measurePhases,
  sevenDayMean,
  type Baseline,
  type ChangeAroundEvent,
  type DaysByDate,
  type PhaseMeasures,
} from './measures';
import type { DoseLog, RegimenEvent } from './medication';
import type { Dose, Phase } from './phases';
import { mean } from './stats';

export interface DateRange {
  from: IsoDate;
  /** Inclusive. */
  to: IsoDate;
}

/** Ranges longer than this many days are drawn as weekly means (a year is about 53 points, five years 262). */
export const WEEKLY_AFTER_DAYS = 180;

/** The earliest date the diary accepts: "from the beginning" for the 7-day mean and for the all-time range. */
export { EARLIEST_DATE } from './dates';

/** A pain difference smaller than this (on 0-10) reads as "stayed about the same". */
export const SAME_PAIN_MARGIN = 0.5;

export type RangePreset = '30d' | '90d' | '1y' | 'all' | 'custom';

export interface DailyPoint {
  /** Day number from the first day of the range (0 is `range.from`). */
  x: number;
  date: IsoDate;
  pain: number;
  drainage: number;
  flare: boolean;
}

export interface MeanPoint {
  x: number;
  date: IsoDate;
  /** Plain trailing 7-day mean of logged pain, `null` with fewer than 3 logged days (the line breaks). */
  value: number | null;
}

export interface WeeklyPoint {
  /** The middle of the week's days that lie in the range. */
  x: number;
  /** The week (Monday to Sunday) clipped to the range. */
  from: IsoDate;
  to: IsoDate;
  /** Mean of the logged days only; `null` when none was logged. */
  meanPain: number | null;
  meanDrainage: number | null;
  flareDays: number;
  loggedDays: number;
  firstLogged: IsoDate | null;
}

export type TrendPoints =
  | { resolution: 'daily'; days: DailyPoint[]; sevenDayMean: MeanPoint[] }
  | { resolution: 'weekly'; weeks: WeeklyPoint[] };

/** A medication event inside the range: the start of one of its phases. */
export interface EventMarker {
  x: number;
  date: IsoDate;
  medicationId: string;
  color: string;
  kind: RegimenEvent['kind'];
  /** The dose taken from this event on (for a start, dose change and resume). */
  dose?: Dose;
  frequency?: Phase['frequency'];
  reason?: Phase['reason'];
  /** The dose in force before the event (a dose change reads "from 15 to 30 mg"). */
  previousDose?: Dose;
  previousFrequency?: Phase['frequency'];
}

/** An interruption clipped to the range, in day numbers: the band covers whole days. */
export interface InterruptionBand {
  medicationId: string;
  color: string;
  from: IsoDate;
  to: IsoDate;
  xFrom: number;
  xTo: number;
  reason?: Phase['reason'];
}

export interface TrendSeries {
  range: DateRange;
  lengthDays: number;
  points: TrendPoints;
  markers: EventMarker[];
  bands: InterruptionBand[];
}

/** What the series needs to know of each medication. */
export interface MedicationPhases {
  id: string;
  color: string;
  phases: readonly Phase[];
}

/** Day number of `date` on the chart's x axis. */
export function dayIndex(range: DateRange, date: IsoDate): number {
  return daysBetween(range.from, date);
}

function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

function later(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/** The range of a preset; `all` runs from the earliest logged day or medication event (today when none). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: IsoDate, earliest?: IsoDate): DateRange {
  switch (preset) {
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case '1y':
      return { from: addDays(today, -364), to: today };
    case 'all':
      return { from: earliest !== undefined && earliest < today ? earliest : today, to: today };
  }
}

/** The days the chart of a range needs: the range and the 6 days before it (for its first 7-day means). */
export function chartDaysNeeded(range: DateRange): DateRange {
  return { from: addDays(range.from, -6), to: range.to };
}

/**
 * The days the phase table needs, whatever the chart's range: from 4 weeks before the first medication
 * event (the baseline and the "before" side of each change) up to `today`; `null` without medications.
 */
export function phaseDaysNeeded(medications: readonly MedicationPhases[], today: IsoDate): DateRange | null {
  let from: IsoDate | undefined;
  for (const medication of medications) {
    const first = medication.phases[0];
    if (first && (from === undefined || first.start < from)) from = first.start;
  }
  return from === undefined ? null : { from: addDays(from, -CHANGE_WINDOW_DAYS), to: today };
}

/** True when `outer` holds every day of `inner`. */
export function covers(outer: DateRange, inner: DateRange): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

function dailyPoints(days: DaysByDate, range: DateRange, lengthDays: number): TrendPoints {
  const points: DailyPoint[] = [];
  const means: MeanPoint[] = [];
  for (let x = 0; x < lengthDays; x += 1) {
    const date = addDays(range.from, x);
    const day = days.get(date);
    if (day) points.push({ x, date, pain: day.pain, drainage: day.drainage, flare: day.flare });
    // A plain trailing mean for the chart: it may look back across the range start and across phases.
    means.push({ x, date, value: sevenDayMean(days, EARLIEST_DATE, date) });
  }
  return { resolution: 'daily', days: points, sevenDayMean: means };
}

function weeklyPoints(days: DaysByDate, range: DateRange, lengthDays: number): TrendPoints {
  const weeks: WeeklyPoint[] = [];
  let x = 0;
  while (x < lengthDays) {
    const from = addDays(range.from, x);
    const weekLength = Math.min(7 - weekdayMondayFirst(from), lengthDays - x);
    const logged: DayEntry[] = [];
    for (let offset = 0; offset < weekLength; offset += 1) {
      const day = days.get(addDays(from, offset));
      if (day) logged.push(day);
    }
    weeks.push({
      x: x + (weekLength - 1) / 2,
      from,
      to: addDays(from, weekLength - 1),
      meanPain: mean(logged.map((day) => day.pain)),
      meanDrainage: mean(logged.map((day) => day.drainage)),
      flareDays: logged.filter((day) => day.flare).length,
      loggedDays: logged.length,
      firstLogged: logged[0]?.date ?? null,
    });
    x += weekLength;
  }
  return { resolution: 'weekly', weeks };
}

/** Event lines for the phases that begin inside the range, and interruption bands clipped to it. */
function medicationMarks(
  range: DateRange,
  medications: readonly MedicationPhases[],
): Pick<TrendSeries, 'markers' | 'bands'> {
  const markers: EventMarker[] = [];
  const bands: InterruptionBand[] = [];
  for (const medication of medications) {
    medication.phases.forEach((phase, index) => {
      const previous = medication.phases[index - 1];
      if (range.from <= phase.start && phase.start <= range.to) {
        markers.push({
          x: dayIndex(range, phase.start),
          date: phase.start,
          medicationId: medication.id,
          color: medication.color,
          kind: phase.startedBy,
          ...(phase.kind === 'on' && phase.dose && { dose: phase.dose }),
          ...(phase.kind === 'on' && phase.frequency && { frequency: phase.frequency }),
          ...(phase.reason && { reason: phase.reason }),
          ...(previous?.dose && previous.kind !== 'stopped' && { previousDose: previous.dose }),
          ...(previous?.frequency && previous.kind !== 'stopped' && { previousFrequency: previous.frequency }),
        });
      }
      if (phase.kind === 'interrupted' && phase.start <= range.to && phase.end >= range.from) {
        const from = later(phase.start, range.from);
        const to = earlier(phase.end, range.to);
        bands.push({
          medicationId: medication.id,
          color: medication.color,
          from,
          to,
          xFrom: dayIndex(range, from) - 0.5,
          xTo: dayIndex(range, to) + 0.5,
          ...(phase.reason && { reason: phase.reason }),
        });
      }
    });
  }
  markers.sort((a, b) => a.x - b.x || a.medicationId.localeCompare(b.medicationId));
  bands.sort((a, b) => a.xFrom - b.xFrom);
  return { markers, bands };
}

/**
 * The chart of a date range: daily points with the 7-day mean for ranges up to `WEEKLY_AFTER_DAYS`, weekly
 * means beyond; plus the medication events and interruptions that fall inside the range.
 */
export function buildTrendSeries(
  days: DaysByDate,
  range: DateRange,
  medications: readonly MedicationPhases[],
): TrendSeries {
  const lengthDays = Math.max(0, daysBetween(range.from, range.to) + 1);
  const points =
    lengthDays > WEEKLY_AFTER_DAYS ? weeklyPoints(days, range, lengthDays) : dailyPoints(days, range, lengthDays);
  return { range, lengthDays, points, ...medicationMarks(range, medications) };
}

/** How many points (dots, bars, line vertices) the series asks the canvas to draw. */
export function pointCount(series: TrendSeries): number {
  const { points } = series;
  if (points.resolution === 'weekly') return points.weeks.length * 2;
  return points.days.length * 2 + points.sevenDayMean.length;
}

/** The day a tap at day number `x` opens: that day; for a week, its first logged day (or its first day). */
export function dateAtX(series: TrendSeries, x: number): IsoDate | null {
  if (series.lengthDays === 0) return null;
  const index = Math.min(series.lengthDays - 1, Math.max(0, Math.round(x)));
  const date = addDays(series.range.from, index);
  if (series.points.resolution === 'daily') return date;
  const week = series.points.weeks.find((candidate) => candidate.from <= date && date <= candidate.to);
  return week ? (week.firstLogged ?? week.from) : date;
}

export interface AxisTick {
  x: number;
  date: IsoDate;
  /** Month ticks: the first tick and every January carry the year. */
  unit: 'week' | 'month';
  showYear: boolean;
}

const MONTH_STEPS = [1, 2, 3, 4, 6, 12, 24, 60];

/**
 * Tick positions for the x axis: Mondays (every week or two) for short ranges, the first of the month (every
 * 1, 2, 3, 4, 6 or 12 months) for longer ones, never more than `maxTicks`.
 */
export function axisTicks(range: DateRange, maxTicks: number): AxisTick[] {
  const lengthDays = daysBetween(range.from, range.to) + 1;
  if (lengthDays <= 0 || maxTicks < 1) return [];
  if (lengthDays <= 62) {
    const firstMonday = addDays(range.from, (7 - weekdayMondayFirst(range.from)) % 7);
    const mondays = Math.floor(daysBetween(firstMonday, range.to) / 7) + 1;
    const step = Math.max(1, Math.ceil(mondays / maxTicks));
    const ticks: AxisTick[] = [];
    for (let date = firstMonday; date <= range.to; date = addDays(date, 7 * step))
      ticks.push({ x: dayIndex(range, date), date, unit: 'week', showYear: false });
    return ticks;
  }
  const firstMonth = range.from.endsWith('-01') ? range.from : firstDayOfMonth(addMonths(monthOf(range.from), 1));
  const monthsSpan = monthsBetween(firstMonth, range.to) + 1;
  const step = MONTH_STEPS.find((candidate) => Math.ceil(monthsSpan / candidate) <= maxTicks) ?? 120;
  const ticks: AxisTick[] = [];
  for (let month = 0; month < monthsSpan; month += step) {
    const date = firstDayOfMonth(addMonths(monthOf(firstMonth), month));
    if (date > range.to) break;
    ticks.push({
      x: dayIndex(range, date),
      date,
      unit: 'month',
      showYear: ticks.length === 0 || date.slice(5, 7) === '01' || step >= 12,
    });
  }
  return ticks;
}

function monthsBetween(fromFirst: IsoDate, to: IsoDate): number {
  const [fromYear, fromMonth] = fromFirst.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

export interface LabelToPlace {
  /** Where the label's line is. */
  at: number;
  /** Width of each wording, longest first; the last (the event's number) is placed whatever happens. */
  widths: readonly number[];
}

export interface PlacedLabelSlot {
  /** Which of the wordings was placed. */
  option: number;
  lane: number;
  /** The label starts at its line and runs right, or ends at its line. */
  side: 'right' | 'left';
}

/**
 * Lay out labels along a line (in any unit, e.g. pixels) in up to `maxLanes` lanes, in order of position:
 * each takes the longest wording that fits in some lane, on either side of its line, inside `bounds` and at
 * least `gap` from its neighbours; a label that fits in no wording gets its last one anyway (it may overlap;
 * the list under the chart names every event).
 */
export function layoutLabels(
  labels: readonly LabelToPlace[],
  bounds: { left: number; right: number },
  maxLanes: number,
  gap = 0,
): PlacedLabelSlot[] {
  const lanes: { start: number; end: number }[][] = Array.from({ length: Math.max(1, maxLanes) }, () => []);
  const isFree = (lane: number, start: number, end: number) =>
    start >= bounds.left &&
    end <= bounds.right &&
    (lanes[lane] ?? []).every((taken) => end + gap <= taken.start || taken.end + gap <= start);
  const order = labels.map((_, index) => index).sort((a, b) => (labels[a]?.at ?? 0) - (labels[b]?.at ?? 0));
  const slots = new Array<PlacedLabelSlot>(labels.length);
  for (const index of order) {
    const { at, widths } = labels[index] as LabelToPlace;
    let slot: PlacedLabelSlot | undefined;
    for (const [option, width] of widths.entries()) {
      for (let lane = 0; lane < lanes.length && !slot; lane += 1) {
        if (isFree(lane, at, at + width)) slot = { option, lane, side: 'right' };
        else if (isFree(lane, at - width, at)) slot = { option, lane, side: 'left' };
      }
      if (slot) break;
    }
    if (!slot) {
      const width = widths.at(-1) ?? 0;
      slot = {
        option: widths.length - 1,
        lane: index % lanes.length,
        side: at + width <= bounds.right ? 'right' : 'left',
      };
    }
    const width = widths[slot.option] ?? 0;
    const span = slot.side === 'right' ? { start: at, end: at + width } : { start: at - width, end: at };
    lanes[slot.lane]?.push(span);
    slots[index] = slot;
  }
  return slots;
}

export type ChangeDirection = 'fell' | 'rose' | 'same' | 'not-enough';

/** The numbers of one "In the 4 weeks after … mean pain fell from 6.1 to 3.2" sentence. */
export interface ChangeSummary extends ChangeAroundEvent {
  medicationId: string;
  /** The phase the event began. */
  phase: Phase;
  /** The phase before it, for "went from 15 to 30 mg". */
  previous: Phase | undefined;
  direction: ChangeDirection;
  /** Days the "after" side covers: 28, or fewer for an event less than 4 weeks ago. */
  afterDays: number;
}

/** Mean pain in the 4 weeks before and after each event of one medication (start, change, interruption, …). */
export function changeSummaries(days: DaysByDate, phases: readonly Phase[], today: IsoDate): ChangeSummary[] {
  return phases.map((phase, index) => {
    const change = changeAroundEvent(days, phase.start, today);
    let direction: ChangeDirection = 'not-enough';
    if (change.before !== null && change.after !== null) {
      const difference = change.after - change.before;
      direction = Math.abs(difference) < SAME_PAIN_MARGIN ? 'same' : difference < 0 ? 'fell' : 'rose';
    }
    return {
      ...change,
      medicationId: phase.medicationId,
      phase,
      previous: phases[index - 1],
      direction,
      afterDays: Math.max(0, Math.min(CHANGE_WINDOW_DAYS, daysBetween(phase.start, today) + 1)),
    };
  });
}

export interface PhaseTable {
  medicationId: string;
  baseline: Baseline | null;
  rows: PhaseMeasures[];
  changes: ChangeSummary[];
}

/** The phase table and change sentences of every medication, from one set of days and dose logs. */
export function buildPhaseTables(
  medications: readonly MedicationPhases[],
  days: DaysByDate,
  doseLogs: readonly DoseLog[],
  today: IsoDate,
): PhaseTable[] {
  return medications
    .filter((medication) => medication.phases.length > 0)
    .map((medication) => {
      const { baseline, rows } = measurePhases(medication.phases, days, doseLogs);
      return {
        medicationId: medication.id,
        baseline,
        rows,
        changes: changeSummaries(days, medication.phases, today),
      };
    });
}

/** The earliest date the all-time range starts from: the first logged day or medication event. */
export function earliestDate(
  days: readonly Pick<DayEntry, 'date'>[],
  medications: readonly MedicationPhases[],
): IsoDate | undefined {
  let earliest: IsoDate | undefined;
  for (const day of days) if (earliest === undefined || day.date < earliest) earliest = day.date;
  for (const medication of medications) {
    const first = medication.phases[0]?.start;
    if (first !== undefined && (earliest === undefined || first < earliest)) earliest = first;
  }
  return earliest;
}

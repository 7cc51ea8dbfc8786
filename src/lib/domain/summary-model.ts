/**
 * Everything the visit summary shows, computed from its raw facts alone (summary-pick.ts picks them, the
 * QR code carries them) with the measures of measures.ts: the screen, the PDF and the viewer all draw this
 * one model, so they cannot disagree.
 */
import { chartMarks, type EventMarker, type InterruptionBand } from './chart-marks';
import { daysBetween, type IsoDate } from './dates';
import type { DateRange } from './date-range';
import type { DayEntry } from './day';
import type { Intervention } from './day-limits';
import {
  indexDays,
  measurePhases,
  type Adherence,
  type Baseline,
  type DaysByDate,
  type PhaseMeasures,
} from './measures';
import type { RegimenEvent } from './medication';
import { buildPhases } from './phases';
import type { RegionId } from './regions';
import { sortEvents } from './regimen';
import { dailyPoints, type DailyPoint, type MeanPoint } from './trend-series';
import { mean } from './stats';
import type { SummaryResolution } from './summary-pick';
import { isShown } from './summary-range';
import type { SummaryDay, SummaryMedication, SummarySource, SummaryWeek } from './summary-source';
import { cutToLength } from './user-text';

/** Figures a weekly summary cannot give: they need the value of each day. */
export const DAILY_ONLY_MEASURES = [
  'nrs30',
  'loss-of-response',
  'phase-means',
  'flare-regions',
  'interventions',
] as const;
export type DailyOnlyMeasure = (typeof DAILY_ONLY_MEASURES)[number];

export interface ChartWeek {
  /** Day number of the week's middle. */
  x: number;
  start: IsoDate;
  meanPain: number | null;
  meanDrainage: number | null;
  flareDays: number;
  loggedDays: number;
}

export interface SummaryChart {
  lengthDays: number;
  /** Daily values: the Trends chart's points (empty for weekly values). */
  days: DailyPoint[];
  sevenDayMean: MeanPoint[];
  weeks: ChartWeek[];
  /** The medication marks; their `medicationId` is the `id` of a medication of the model. */
  events: EventMarker[];
  bands: InterruptionBand[];
}

export interface SummaryMedicationModel {
  /** Index in `medications`. */
  index: number;
  /** The medication id of its phases and chart marks (`medicationId`). */
  id: string;
  name: string;
  presetId?: string;
  drugClass: SummaryMedication['drugClass'];
  color: string;
  /** The events the summary carries, oldest first. */
  events: RegimenEvent[];
  baseline: number | null;
  /** Every phase that overlaps the range, with its measures (computed from the days in the range). */
  rows: PhaseMeasures[];
  /** Doses taken and scheduled in the range, over all its phases; `null` when no dose was logged. */
  adherence: Adherence | null;
  /** Whether the first start lies before the range (so its phases may begin before the range's days). */
  startsBeforeRange: boolean;
}

export interface SummaryModel {
  range: DateRange;
  madeOn: IsoDate;
  resolution: SummaryResolution;
  lengthDays: number;
  loggedDays: number;
  meanPain: number | null;
  meanDrainage: number | null;
  heavyDrainageDays: number;
  flareDays: number;
  /** Days with a flare in each region, most first. */
  flareRegions: { region: RegionId; days: number }[];
  interventions: { kind: Intervention; dates: IsoDate[] }[];
  medications: SummaryMedicationModel[];
  chart: SummaryChart;
  lastVisit?: SummarySource['lastVisit'];
  nextVisit?: IsoDate;
  /** The clinician's IHS4 and Hurley stage at the visits in the range, oldest first (links from layout 2). */
  visits: NonNullable<SummarySource['visits']>;
  /** Only when the patient chose to put their name in the code. */
  patientName?: string;
  questions: string;
  /** The patient's own notes; `null` where they were not carried (the QR code leaves them on the phone). */
  notes: SummaryNotes | null;
  /** What the renderers must say cannot be computed (weekly values only). */
  unavailable: DailyOnlyMeasure[];
}

/** The notes written in the range, newest first: a few, shortened, so the summary stays one or two pages. */
export interface SummaryNotes {
  shown: { date: IsoDate; text: string }[];
  /** Notes in the range beyond those shown. */
  more: number;
}

export const SUMMARY_NOTES = { shown: 8, chars: 280 } as const;

export function summaryNotes(days: readonly DayEntry[], range: DateRange): SummaryNotes {
  const written = days
    .filter((day) => range.from <= day.date && day.date <= range.to && day.note.trim() !== '')
    .sort((a, b) => b.date.localeCompare(a.date));
  const shorten = (note: string) => {
    const text = note.trim().replace(/\s+/g, ' ');
    return text.length <= SUMMARY_NOTES.chars ? text : `${cutToLength(text, SUMMARY_NOTES.chars - 1).trimEnd()}…`;
  };
  return {
    shown: written.slice(0, SUMMARY_NOTES.shown).map((day) => ({ date: day.date, text: shorten(day.note) })),
    more: Math.max(0, written.length - SUMMARY_NOTES.shown),
  };
}

function asDayEntry(day: SummaryDay): DayEntry {
  return { ...day, dressingChanges: day.dressingChanges ?? 0, note: '', updatedAt: 0 };
}

/** A medication's id in the model: padded, so that ids sort like indexes (markers of one day sort by id). */
function medicationIdOf(index: number): string {
  return `m${String(index).padStart(2, '0')}`;
}

function asRegimenEvents(medication: SummaryMedication, index: number): RegimenEvent[] {
  return medication.events.map((event, eventIndex) => ({
    id: `${medicationIdOf(index)}e${eventIndex}`,
    medicationId: medicationIdOf(index),
    ...event,
  }));
}

function buildChart(source: SummarySource, days: DaysByDate, medications: SummaryMedicationModel[]): SummaryChart {
  const { range } = source;
  const lengthDays = daysBetween(range.from, range.to) + 1;
  const { markers, bands } = chartMarks(
    range,
    medications.map((medication) => ({
      id: medication.id,
      color: medication.color,
      phases: medication.rows.map((row) => row.phase),
    })),
  );
  // The source's days are those of the range, one per date (its schema and codec see to that).
  const daily = source.resolution === 'daily' ? dailyPoints(days, range) : { days: [], sevenDayMean: [] };
  const weeks = source.weeks.map((week): ChartWeek => {
    const offset = daysBetween(range.from, week.start);
    const weekLength = Math.min(7, lengthDays - offset);
    return {
      x: offset + (weekLength - 1) / 2,
      start: week.start,
      meanPain: week.meanPainX10 === null ? null : week.meanPainX10 / 10,
      meanDrainage: week.meanDrainageX10 === null ? null : week.meanDrainageX10 / 10,
      flareDays: week.flareDays,
      loggedDays: week.loggedDays,
    };
  });
  return { lengthDays, ...daily, weeks: source.resolution === 'weekly' ? weeks : [], events: markers, bands };
}

/**
 * Everything the summary shows, computed from its raw facts alone; the patient's notes come beside them
 * on the patient's own device (see `summaryNotes`) and are `null` in the viewer.
 */
export function buildSummaryModel(source: SummarySource, notes: SummaryNotes | null = null): SummaryModel {
  const { range } = source;
  const isDaily = source.resolution === 'daily';
  const dayEntries = source.days.map(asDayEntry);
  const days = indexDays(dayEntries);
  const hasDressings = source.days.every((day) => day.dressingChanges !== undefined);

  const medications = source.medications.map((medication, index): SummaryMedicationModel => {
    const events = sortEvents(asRegimenEvents(medication, index));
    const phases = buildPhases(events, range.to);
    const baselineValue = medication.baselineX100 === null ? null : medication.baselineX100 / 100;
    const baseline: Baseline = { value: baselineValue, loggedDays: 0 };
    const adherenceByPhaseStart = new Map(
      medication.adherence.map((entry) => [
        entry.phaseStart,
        {
          taken: entry.taken,
          scheduled: entry.scheduled,
          ratio: entry.scheduled === 0 ? 0 : entry.taken / entry.scheduled,
        },
      ]),
    );
    // Weekly values carry no days to measure phases with: the rows keep their dates and doses, and the
    // wording shows their figures as unavailable (see `unavailable`). Only the phases in the range are measured.
    const measured = isDaily ? phases.filter((phase) => isShown(phase, range)) : phases;
    const { rows } = measurePhases(
      isDaily ? measured : measured.map((phase) => ({ ...phase, isOngoing: false })),
      days,
      [],
      { baseline, adherenceByPhaseStart },
    );
    const shown = rows
      .filter((row) => isShown(row.phase, range))
      // Links made before dressing changes travelled (layout version 1) cannot say them.
      .map((row): PhaseMeasures =>
        hasDressings ? row : { ...row, drainage: { ...row.drainage, dressingChangesPerDay: null } },
      );
    const taken = medication.adherence.reduce((sum, entry) => sum + entry.taken, 0);
    const scheduled = medication.adherence.reduce((sum, entry) => sum + entry.scheduled, 0);
    return {
      index,
      id: medicationIdOf(index),
      name: medication.name,
      ...(medication.presetId !== undefined && { presetId: medication.presetId }),
      drugClass: medication.drugClass,
      color: medication.color,
      events,
      baseline: baselineValue,
      rows: shown,
      adherence: scheduled === 0 ? null : { taken, scheduled, ratio: taken / scheduled },
      startsBeforeRange: (phases[0]?.start ?? range.from) < range.from,
    };
  });

  const regionCounts = new Map<RegionId, number>();
  const interventionDates = new Map<Intervention, IsoDate[]>();
  for (const day of source.days) {
    if (day.flare) for (const region of day.regions) regionCounts.set(region, (regionCounts.get(region) ?? 0) + 1);
    for (const kind of day.interventions)
      interventionDates.set(kind, [...(interventionDates.get(kind) ?? []), day.date]);
  }

  let loggedDays: number;
  let meanPain: number | null;
  let meanDrainage: number | null;
  let flareDays: number;
  let heavyDrainageDays = 0;
  if (isDaily) {
    loggedDays = source.days.length;
    meanPain = mean(source.days.map((day) => day.pain));
    meanDrainage = mean(source.days.map((day) => day.drainage));
    flareDays = source.days.filter((day) => day.flare).length;
    heavyDrainageDays = source.days.filter((day) => day.drainage === 3).length;
  } else {
    // Weekly means weighted by their logged days give the range's means (to the rounding of each week).
    loggedDays = source.weeks.reduce((sum, week) => sum + week.loggedDays, 0);
    const weighted = (pick: (week: SummaryWeek) => number | null) =>
      loggedDays === 0
        ? null
        : source.weeks.reduce((sum, week) => sum + ((pick(week) ?? 0) / 10) * week.loggedDays, 0) / loggedDays;
    meanPain = weighted((week) => week.meanPainX10);
    meanDrainage = weighted((week) => week.meanDrainageX10);
    flareDays = source.weeks.reduce((sum, week) => sum + week.flareDays, 0);
  }

  const model: SummaryModel = {
    range,
    madeOn: source.madeOn,
    resolution: source.resolution,
    lengthDays: daysBetween(range.from, range.to) + 1,
    loggedDays,
    meanPain,
    meanDrainage,
    heavyDrainageDays,
    flareDays,
    flareRegions: [...regionCounts]
      .map(([region, count]) => ({ region, days: count }))
      .sort((a, b) => b.days - a.days || a.region.localeCompare(b.region)),
    interventions: [...interventionDates].map(([kind, dates]) => ({ kind, dates })),
    medications,
    chart: buildChart(source, days, medications),
    questions: source.questions,
    visits: source.visits ?? [],
    notes,
    unavailable: isDaily ? [] : [...DAILY_ONLY_MEASURES],
  };
  if (source.lastVisit) model.lastVisit = source.lastVisit;
  if (source.patientName) model.patientName = source.patientName;
  if (source.nextVisit) model.nextVisit = source.nextVisit;
  return model;
}

/** One figure of the summary's overview: the screen and the PDF both show `overviewFigures`, in its order. */
export type OverviewFigure =
  | { kind: 'mean-pain' | 'mean-drainage'; mean: number | null }
  | { kind: 'flare-days' | 'heavy-drainage-days'; days: number }
  | { kind: 'last-visit'; visit: SummaryModel['lastVisit'] }
  | { kind: 'next-visit'; date: IsoDate | undefined };

/** The overview at a glance; weekly values cannot count heavy-drainage days, so they leave that one out. */
export function overviewFigures(model: SummaryModel): OverviewFigure[] {
  return [
    { kind: 'mean-pain', mean: model.meanPain },
    { kind: 'mean-drainage', mean: model.meanDrainage },
    { kind: 'flare-days', days: model.flareDays },
    ...(model.resolution === 'weekly'
      ? []
      : [{ kind: 'heavy-drainage-days', days: model.heavyDrainageDays } satisfies OverviewFigure]),
    { kind: 'last-visit', visit: model.lastVisit },
    { kind: 'next-visit', date: model.nextVisit },
  ];
}

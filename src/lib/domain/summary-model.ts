/**
 * The visit summary, twice: `buildSummarySource` picks the raw facts out of the diary (what travels in a
 * QR code), and `buildSummaryModel` computes everything shown from those facts alone, with the measures of
 * measures.ts. The screen, the PDF and the viewer all draw the one model, so they cannot disagree.
 */
import { chartMarks, type EventMarker, type InterruptionBand } from './chart-marks';
import { addDays, daysBetween, EARLIEST_DATE, type IsoDate } from './dates';
import { presetRange, type DateRange, type SummaryRangePreset } from './date-range';
import type { DayEntry, Intervention } from './day';
import {
  indexDays,
  measurePhases,
  sevenDayMean,
  treatmentBaseline,
  adherence as adherenceIn,
  type Adherence,
  type Baseline,
  type DaysByDate,
  type PhaseMeasures,
} from './measures';
import type { DoseLog, Medication, RegimenEvent } from './medication';
import { buildPhases, type Phase } from './phases';
import type { RegionId } from './regions';
import { sortEvents } from './regimen';
import { mean } from './stats';
import {
  SUMMARY_LIMITS,
  type SummaryDay,
  type SummaryEvent,
  type SummaryMedication,
  type SummarySource,
  type SummaryWeek,
} from './summary-source';
import type { Visit } from './visit';

export type SummaryResolution = SummarySource['resolution'];

/** The diary's rows a summary is chosen from. */
export interface SummaryRecords {
  days: readonly DayEntry[];
  medications: readonly Medication[];
  events: readonly RegimenEvent[];
  doseLogs: readonly DoseLog[];
  visits: readonly Visit[];
}

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

const round = (value: number) => Math.round(value);

/** Weeks of 7 days from the range's first day (the last one may be shorter), with means × 10 of logged days. */
export function weeklyFromDays(
  days: readonly Pick<SummaryDay, 'date' | 'pain' | 'drainage' | 'flare'>[],
  range: DateRange,
): SummaryWeek[] {
  const length = daysBetween(range.from, range.to) + 1;
  const weeks: { start: IsoDate; pain: number; drainage: number; flareDays: number; loggedDays: number }[] = [];
  for (let offset = 0; offset < length; offset += 7)
    weeks.push({ start: addDays(range.from, offset), pain: 0, drainage: 0, flareDays: 0, loggedDays: 0 });
  for (const day of days) {
    if (day.date < range.from || day.date > range.to) continue;
    const week = weeks[Math.floor(daysBetween(range.from, day.date) / 7)];
    if (!week) continue;
    week.pain += day.pain;
    week.drainage += day.drainage;
    week.flareDays += day.flare ? 1 : 0;
    week.loggedDays += 1;
  }
  return weeks.map((week) => ({
    start: week.start,
    meanPainX10: week.loggedDays === 0 ? null : round((week.pain / week.loggedDays) * 10),
    meanDrainageX10: week.loggedDays === 0 ? null : round((week.drainage / week.loggedDays) * 10),
    flareDays: week.flareDays,
    loggedDays: week.loggedDays,
  }));
}

function toSummaryEvent(event: RegimenEvent): SummaryEvent {
  return {
    date: event.date,
    kind: event.kind,
    ...(event.dose && { dose: { amount: event.dose.amount, unit: event.dose.unit } }),
    ...(event.frequency && { frequency: event.frequency }),
    ...(event.reason && { reason: event.reason }),
  };
}

const overlaps = (phase: Pick<Phase, 'start' | 'end'>, range: DateRange) =>
  phase.start <= range.to && phase.end >= range.from;

/** A phase that says something about the range: on or interrupted in it, or stopped inside it. */
const isShown = (phase: Phase, range: DateRange) =>
  overlaps(phase, range) && (phase.kind !== 'stopped' || phase.start >= range.from);

/**
 * The raw facts of a summary of `range`, chosen from the whole diary: the days in the range; each
 * medication with a phase in it (its events up to the range's end, the most recent within the limit; its
 * baseline from the whole diary; adherence per phase within the range); the last visit and the next one,
 * with the questions written at the last visit.
 */
export function buildSummarySource(
  records: SummaryRecords,
  requested: DateRange,
  today: IsoDate,
  resolution: SummaryResolution,
): SummarySource {
  const range = clampRange(requested, today);
  const allDays = indexDays(records.days);
  const days: SummaryDay[] = records.days
    .filter((day) => range.from <= day.date && day.date <= range.to)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => ({
      date: day.date,
      pain: day.pain,
      drainage: day.drainage,
      flare: day.flare,
      regions: day.flare ? [...day.regions] : [],
      interventions: [...day.interventions],
    }));

  const candidates = records.medications.flatMap((medication) => {
    const events = sortEvents(records.events.filter((event) => event.medicationId === medication.id)).filter(
      (event) => event.date <= range.to,
    );
    const phases = buildPhases(events, range.to).filter((phase) => isShown(phase, range));
    const firstStart = events[0]?.date;
    if (phases.length === 0 || firstStart === undefined) return [];
    const baseline = treatmentBaseline(allDays, firstStart).value;
    const adherence = phases.flatMap((phase) => {
      const from = phase.start < range.from ? range.from : phase.start;
      const to = phase.end > range.to ? range.to : phase.end;
      const result = adherenceIn(records.doseLogs, medication.id, from, to);
      return result ? [{ phaseStart: phase.start, taken: result.taken, scheduled: result.scheduled }] : [];
    });
    const summary: SummaryMedication = {
      name: medication.name.slice(0, SUMMARY_LIMITS.maxNameChars),
      ...(medication.presetId !== undefined && { presetId: medication.presetId }),
      drugClass: medication.drugClass,
      color: medication.color.toLowerCase(),
      events: events.slice(-SUMMARY_LIMITS.maxEventsPerMedication).map(toSummaryEvent),
      baselineX100: baseline === null ? null : Math.round(baseline * 100),
      adherence: adherence.slice(-SUMMARY_LIMITS.maxEventsPerMedication),
    };
    return [{ summary, lastActive: phases.at(-1)?.start ?? firstStart, firstStart }];
  });
  // More medications than the limit: keep the most recently active, shown in order of first start.
  const medications = candidates
    .sort((a, b) => b.lastActive.localeCompare(a.lastActive))
    .slice(0, SUMMARY_LIMITS.maxMedications)
    .sort((a, b) => a.firstStart.localeCompare(b.firstStart) || a.summary.name.localeCompare(b.summary.name))
    .map((candidate) => candidate.summary);

  const visit = latestVisit(records.visits, range.to);
  const source: SummarySource = {
    range,
    madeOn: today,
    resolution,
    days: resolution === 'daily' ? days : [],
    weeks: resolution === 'weekly' ? weeklyFromDays(days, range) : [],
    medications,
    questions: (visit?.questions ?? '').slice(0, SUMMARY_LIMITS.maxQuestionsChars),
  };
  if (visit)
    source.lastVisit = {
      date: visit.date,
      ...(visit.ihs4 !== undefined && { ihs4: visit.ihs4 }),
      ...(visit.hurley !== undefined && { hurley: visit.hurley }),
    };
  const nextVisit = latestVisit(records.visits, today)?.nextVisit;
  if (nextVisit !== undefined && nextVisit >= today) source.nextVisit = nextVisit;
  return source;
}

/* ---------------------------------------------------------------------------------------------------- */

/** Figures a weekly summary cannot give: they need the value of each day. */
export const DAILY_ONLY_MEASURES = [
  'nrs30',
  'loss-of-response',
  'phase-means',
  'flare-regions',
  'interventions',
] as const;
export type DailyOnlyMeasure = (typeof DAILY_ONLY_MEASURES)[number];

export interface ChartDay {
  /** Day number from the range's first day. */
  x: number;
  date: IsoDate;
  pain: number;
  drainage: number;
  flare: boolean;
}

export interface ChartMean {
  x: number;
  /** Trailing 7-day mean of logged pain; `null` with fewer than 3 logged days. */
  value: number | null;
}

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
  days: ChartDay[];
  sevenDayMean: ChartMean[];
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
    return text.length <= SUMMARY_NOTES.chars ? text : `${text.slice(0, SUMMARY_NOTES.chars - 1).trimEnd()}…`;
  };
  return {
    shown: written.slice(0, SUMMARY_NOTES.shown).map((day) => ({ date: day.date, text: shorten(day.note) })),
    more: Math.max(0, written.length - SUMMARY_NOTES.shown),
  };
}

function asDayEntry(day: SummaryDay): DayEntry {
  return { ...day, dressingChanges: 0, note: '', updatedAt: 0 };
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
  const chart: SummaryChart = { lengthDays, days: [], sevenDayMean: [], weeks: [], events: markers, bands };
  if (source.resolution === 'daily') {
    for (const day of source.days)
      chart.days.push({
        x: daysBetween(range.from, day.date),
        date: day.date,
        pain: day.pain,
        drainage: day.drainage,
        flare: day.flare,
      });
    for (let x = 0; x < lengthDays; x += 1)
      chart.sevenDayMean.push({ x, value: sevenDayMean(days, EARLIEST_DATE, addDays(range.from, x)) });
  } else {
    for (const week of source.weeks) {
      const offset = daysBetween(range.from, week.start);
      const weekLength = Math.min(7, lengthDays - offset);
      chart.weeks.push({
        x: offset + (weekLength - 1) / 2,
        start: week.start,
        meanPain: week.meanPainX10 === null ? null : week.meanPainX10 / 10,
        meanDrainage: week.meanDrainageX10 === null ? null : week.meanDrainageX10 / 10,
        flareDays: week.flareDays,
        loggedDays: week.loggedDays,
      });
    }
  }
  return chart;
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
    const { rows } = measurePhases(phases, days, [], { baseline, adherenceByPhaseStart });
    const shown = rows
      .filter((row) => isShown(row.phase, range))
      // The summary carries no dressing counts; and weekly values carry no days to measure phases with.
      .map((row): PhaseMeasures => {
        const measured = { ...row, dressingChangesPerDay: null };
        if (isDaily) return measured;
        return {
          ...measured,
          loggedDays: 0,
          meanPain: null,
          changeFromPrevious: null,
          meanDrainage: null,
          heavyDrainageDays: 0,
          flareEpisodes: 0,
          flareRatePer30Days: null,
        };
      });
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
    notes,
    unavailable: isDaily ? [] : [...DAILY_ONLY_MEASURES],
  };
  if (source.lastVisit) model.lastVisit = source.lastVisit;
  if (source.nextVisit) model.nextVisit = source.nextVisit;
  return model;
}

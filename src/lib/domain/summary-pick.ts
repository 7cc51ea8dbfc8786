/**
 * The raw facts of a visit summary, picked out of the whole diary: what travels in a QR code, and what
 * summary-model.ts computes everything shown from.
 */
import { addDays, daysBetween, type IsoDate } from './dates';
import type { DateRange } from './date-range';
import type { DayEntry } from './day';
import { adherence as adherenceIn, HEAVY_DRAINAGE, indexDays, treatmentBaseline } from './measures';
import type { DoseLog, Medication, RegimenEvent } from './medication';
import { buildPhases } from './phases';
import { sortEvents } from './regimen';
import {
  SUMMARY_LIMITS,
  type SummaryDay,
  type SummaryEvent,
  type SummaryMedication,
  type SummarySource,
  type SummaryVisit,
  type SummaryWeek,
} from './summary-source';
import { clampRange, isShown, latestVisit } from './summary-range';
import { cutToLength } from './user-text';
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

const round = (value: number) => Math.round(value);

/** Weeks of 7 days from the range's first day (the last one may be shorter), with means × 10 of logged days. */
export function weeklyFromDays(
  days: readonly Pick<SummaryDay, 'date' | 'pain' | 'drainage' | 'flare'>[],
  range: DateRange,
): SummaryWeek[] {
  const length = daysBetween(range.from, range.to) + 1;
  const weeks: {
    start: IsoDate;
    pain: number;
    drainage: number;
    flareDays: number;
    loggedDays: number;
    drainageDays: number;
    heavyDrainageDays: number;
  }[] = [];
  for (let offset = 0; offset < length; offset += 7)
    weeks.push({
      start: addDays(range.from, offset),
      pain: 0,
      drainage: 0,
      flareDays: 0,
      loggedDays: 0,
      drainageDays: 0,
      heavyDrainageDays: 0,
    });
  for (const day of days) {
    if (day.date < range.from || day.date > range.to) continue;
    const week = weeks[Math.floor(daysBetween(range.from, day.date) / 7)];
    if (!week) continue;
    week.pain += day.pain;
    week.drainage += day.drainage;
    week.flareDays += day.flare ? 1 : 0;
    week.loggedDays += 1;
    week.drainageDays += day.drainage > 0 ? 1 : 0;
    week.heavyDrainageDays += day.drainage >= HEAVY_DRAINAGE ? 1 : 0;
  }
  return weeks.map((week) => ({
    start: week.start,
    meanPainX10: week.loggedDays === 0 ? null : round((week.pain / week.loggedDays) * 10),
    meanDrainageX10: week.loggedDays === 0 ? null : round((week.drainage / week.loggedDays) * 10),
    flareDays: week.flareDays,
    loggedDays: week.loggedDays,
    drainageDays: week.drainageDays,
    heavyDrainageDays: week.heavyDrainageDays,
  }));
}

/** The visits in the range with a clinician's IHS4 or Hurley stage, oldest first, the most recent within the limit. */
function scoredVisits(visits: readonly Visit[], range: DateRange): SummaryVisit[] {
  return visits
    .filter((visit) => range.from <= visit.date && visit.date <= range.to)
    .filter((visit) => visit.ihs4 !== undefined || visit.hurley !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(-SUMMARY_LIMITS.maxVisits)
    .map((visit) => ({
      date: visit.date,
      ...(visit.ihs4 !== undefined && { ihs4: visit.ihs4 }),
      ...(visit.hurley !== undefined && { hurley: visit.hurley }),
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

/**
 * The raw facts of a summary of `range`, chosen from the whole diary: the days in the range; each
 * medication with a phase in it (its events up to the range's end, the most recent within the limit; its
 * baseline from the whole diary; adherence per phase within the range); the last visit and the next one,
 * with the questions written at the last visit; the clinician's scores of the visits in the range; and the
 * patient's name only when they chose to put it in the code.
 */
export function buildSummarySource(
  records: SummaryRecords,
  requested: DateRange,
  today: IsoDate,
  resolution: SummaryResolution,
  options: { patientName?: string } = {},
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
      dressingChanges: day.dressingChanges,
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
      name: cutToLength(medication.name, SUMMARY_LIMITS.maxNameChars),
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
    questions: cutToLength(visit?.questions ?? '', SUMMARY_LIMITS.maxQuestionsChars),
    visits: scoredVisits(records.visits, range),
  };
  const patientName = cutToLength(options.patientName?.trim() ?? '', SUMMARY_LIMITS.maxNameChars);
  if (patientName) source.patientName = patientName;
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

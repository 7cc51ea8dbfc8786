/**
 * How the summary model reads in the patient's (or the viewer's) language: the same words on the screen,
 * in the viewer and in the PDF. Phase figures reuse the Trends screen's wording.
 */
import { ihs4Band } from '../../domain/ihs4';
import type { PhaseMeasures } from '../../domain/measures';
import type { RegimenEvent } from '../../domain/medication';
import {
  overviewFigures,
  type OverviewFigure,
  type SummaryMedicationModel,
  type SummaryModel,
} from '../../domain/summary-model';
import { i18n } from '../../i18n/locale.svelte';
import { eventText, medicationName } from '../medications/medication-text';
import { phaseFigures, type PhaseFigure } from '../trends/phase-text';
import { markerLabel, meanText, percentText, phaseDates, phaseTreatment, shortDate } from '../trends/trends-text';

export { meanText, percentText, shortDate };

export function nameOf(medication: Pick<SummaryMedicationModel, 'name' | 'presetId'>): string {
  return medicationName(medication);
}

export function ihs4Text(score: number): string {
  return i18n.t.summary.overview.ihs4(score, i18n.t.summary.visits.form.bands[ihs4Band(score)]);
}

/** An overview figure in words: its label, and its value in one or more lines (a visit with its scores). */
export interface OverviewText {
  kind: OverviewFigure['kind'];
  label: string;
  lines: string[];
  /** A date or words rather than a number. */
  isText: boolean;
}

/** The overview as both the screen and the PDF show it. */
export function overviewText(model: SummaryModel): OverviewText[] {
  const t = i18n.t.summary.overview;
  return overviewFigures(model).map((figure): OverviewText => {
    switch (figure.kind) {
      case 'mean-pain':
        return { kind: figure.kind, label: t.meanPain, lines: [meanText(figure.mean)], isText: false };
      case 'mean-drainage':
        return { kind: figure.kind, label: t.meanDrainage, lines: [meanText(figure.mean)], isText: false };
      case 'flare-days':
        return { kind: figure.kind, label: t.flareDays, lines: [String(figure.days)], isText: false };
      case 'heavy-drainage-days':
        return { kind: figure.kind, label: t.heavyDrainage, lines: [String(figure.days)], isText: false };
      case 'last-visit': {
        const { visit } = figure;
        const lines = visit
          ? [
              shortDate(visit.date),
              ...(visit.ihs4 !== undefined ? [ihs4Text(visit.ihs4)] : []),
              ...(visit.hurley ? [t.hurley(visit.hurley)] : []),
            ]
          : [t.none];
        return { kind: figure.kind, label: t.lastVisit, lines, isText: true };
      }
      case 'next-visit':
        return {
          kind: figure.kind,
          label: t.nextVisit,
          lines: [figure.date ? shortDate(figure.date) : t.none],
          isText: true,
        };
    }
  });
}

/** What the chart shows, under it on the screen and in the PDF: daily pain and its mean, or weekly means. */
export function chartCaption(model: SummaryModel): string {
  const t = i18n.t.summary.chart;
  const from = shortDate(model.range.from);
  const to = shortDate(model.range.to);
  return model.resolution === 'weekly' ? t.captionWeekly(from, to) : t.captionDaily(from, to);
}

/**
 * The clinician's scores over the visits in the range, oldest first, one line each:
 * "3 Oct 2026 · IHS4 12 (severe) · Hurley II". Entered at the visits, never computed (docs/measures.md).
 */
export function visitScoreLines(model: SummaryModel): { date: string; text: string }[] {
  const t = i18n.t.summary.overview;
  return model.visits.map((visit) => ({
    date: shortDate(visit.date),
    text: [
      ...(visit.ihs4 !== undefined ? [ihs4Text(visit.ihs4)] : []),
      ...(visit.hurley ? [t.hurley(visit.hurley)] : []),
    ].join(' · '),
  }));
}

export function rangeLine(model: SummaryModel): string {
  return i18n.t.summary.heading.range(shortDate(model.range.from), shortDate(model.range.to), model.lengthDays);
}

/** The medication's events in the range's story, oldest first: "12 Mar 2026 · Started 15 mg once daily". */
export function timelineLines(medication: SummaryMedicationModel): { date: string; text: string }[] {
  let dose: RegimenEvent['dose'];
  let frequency: RegimenEvent['frequency'];
  return medication.events.map((event) => {
    const text = eventText(event, { ...(dose && { dose }), ...(frequency && { frequency }) });
    if (event.dose) dose = event.dose;
    if (event.frequency) frequency = event.frequency;
    return { date: shortDate(event.date), text };
  });
}

export interface PhaseCells {
  treatment: string;
  dates: string;
  length: string;
  /** The same figures, in the same words, as the Trends phase table (see ../trends/phase-text.ts). */
  figures: PhaseFigure[];
  isPaused: boolean;
}

export function phaseCells(row: PhaseMeasures, model: SummaryModel): PhaseCells {
  const t = i18n.t.trends.phases;
  const isWeekly = model.unavailable.length > 0;
  return {
    treatment: phaseTreatment(row.phase),
    dates: phaseDates(row.phase),
    length: isWeekly ? t.lengthOnly(row.lengthDays) : t.length(row.lengthDays, row.loggedDays),
    figures: phaseFigures(row, { isUnmeasured: isWeekly }),
    isPaused: row.phase.kind !== 'on',
  };
}

/**
 * The flare line over the regions table: "No flare was logged" only when no day had a flare, never just
 * because the flares were logged without a body region.
 */
export function flareTotalText(model: SummaryModel): string {
  const t = i18n.t.summary.flares;
  if (model.flareDays === 0) return t.none;
  if (model.resolution === 'daily' && model.flareRegions.length === 0) return t.noRegions(model.flareDays);
  return t.total(model.flareDays);
}

export function baselineText(medication: SummaryMedicationModel): string {
  const t = i18n.t.summary.medications;
  return medication.baseline === null ? t.baselineMissing : t.baseline(meanText(medication.baseline));
}

export function adherenceText(medication: SummaryMedicationModel): string {
  const t = i18n.t.summary.medications;
  const { adherence } = medication;
  return adherence === null
    ? t.noAdherence
    : t.adherence(adherence.taken, adherence.scheduled, percentText(adherence.ratio));
}

/** "Upa" plus what happened, for an event line's label on the chart: the Trends chart's wording. */
export function eventLabel(model: SummaryModel, index: number): string {
  const event = model.chart.events[index];
  if (!event) return '';
  const medication = model.medications.find((candidate) => candidate.id === event.medicationId);
  return markerLabel(event, medication ? nameOf(medication) : undefined);
}

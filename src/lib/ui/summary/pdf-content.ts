/**
 * The summary worded for the PDF in the current language: plain strings and numbers only, so the PDF
 * layout (loaded on demand with its library) knows nothing of i18n, and the PDF says exactly what the
 * screen says.
 */
import { chartGeometry } from '../../domain/chart-geometry';
import type { PatientDetails } from '../../domain/patient';
import type { SummaryModel } from '../../domain/summary-model';
import { i18n } from '../../i18n/locale.svelte';
import type { PdfContent } from '../../export/summary-pdf';
import type { PhaseColumn } from '../trends/phase-text';
import { tickLabel } from '../trends/trends-text';
import {
  adherenceText,
  baselineText,
  chartCaption,
  eventLabel,
  nameOf,
  overviewText,
  flareTotalText,
  phaseCells,
  rangeLine,
  shortDate,
  timelineLines,
  visitScoreLines,
} from './summary-text';

/** Letter paper where the locale uses it (the US and Canada), A4 everywhere else. */
export function pageSizeFor(languages: readonly string[]): 'a4' | 'letter' {
  const region = /^[a-z]{2,3}-([A-Z]{2})\b/.exec(languages[0] ?? '')?.[1];
  return region === 'US' || region === 'CA' ? 'letter' : 'a4';
}

export function pdfFileName(madeOn: string): string {
  return `hs-summary-${madeOn}.pdf`;
}

/**
 * Who the report is about, from the details the patient entered on this device, or (in the viewer) the
 * name the code carries when the patient chose so; `null` when neither says.
 */
export function patientLine(model: SummaryModel, details: PatientDetails | undefined): string | null {
  const t = i18n.t.summary.heading;
  const name = details?.name ?? model.patientName;
  const parts = [
    name,
    details?.dateOfBirth ? t.born(shortDate(details.dateOfBirth)) : undefined,
    details?.clinicNumber ? t.clinicNumber(details.clinicNumber) : undefined,
  ].filter((part): part is string => Boolean(part));
  return parts.length === 0 ? null : parts.join(' · ');
}

export function pdfContent(
  model: SummaryModel,
  chartWidth: number,
  chartHeight: number,
  details?: PatientDetails,
): PdfContent {
  const t = i18n.t.summary;
  const columns = i18n.t.trends.phases.columns;
  const isWeekly = model.resolution === 'weekly';
  // The screen's figures, a figure's lines joined on one line.
  const overview = overviewText(model).map((figure): [string, string] => [figure.label, figure.lines.join(' · ')]);
  const geometry = chartGeometry(model, {
    width: chartWidth,
    height: chartHeight,
    left: 18,
    right: 4,
    top: 6,
    bottom: 14,
    maxTicks: 8,
  });
  return {
    language: i18n.code,
    title: t.heading.title,
    rangeLine: rangeLine(model),
    patientLine: patientLine(model, details),
    madeLine: `${t.heading.made(shortDate(model.madeOn))} · ${t.heading.logged(model.loggedDays, model.lengthDays)}`,
    notice: isWeekly ? `${t.weekly.notice} ${t.weekly.unavailable}` : null,
    overview,
    medicationsTitle: t.medications.title,
    noMedications: t.medications.none,
    medications: model.medications.map((medication) => ({
      name: nameOf(medication),
      color: medication.color,
      lines: [
        baselineText(medication),
        adherenceText(medication),
        ...(medication.startsBeforeRange ? [t.medications.startedBefore(shortDate(model.range.from))] : []),
      ],
      timeline: timelineLines(medication),
    })),
    chart: {
      title: t.chart.title,
      caption: chartCaption(model),
      geometry,
      xLabels: geometry.xTicks.map(({ tick }) => tickLabel(tick)),
      eventLabels: model.chart.events.map((_, index) => eventLabel(model, index)),
      key: isWeekly ? [t.chart.keyWeekly] : [t.chart.keyPain, t.chart.keyMean, t.chart.keyDrainage, t.chart.keyFlare],
    },
    phasesTitle: t.phases.title,
    phaseHeader: [
      columns.phase,
      columns.meanPain,
      i18n.t.trends.phases.responseColumn,
      columns.drainage,
      columns.dressings,
      columns.flares,
      columns.adherence,
    ],
    phaseRows: model.medications.flatMap((medication) =>
      medication.rows.map((row) => {
        const cells = phaseCells(row, model);
        const figure = (...keys: PhaseColumn[]) =>
          cells.figures.find((candidate) => keys.includes(candidate.key))?.lines ?? [i18n.t.trends.phases.none];
        return {
          color: medication.color,
          isPaused: cells.isPaused,
          // The same figures as the screen; the change sits under the mean, as on the Trends table.
          cells: [
            [`${nameOf(medication)}: ${cells.treatment}`, cells.dates, cells.length],
            [...figure('meanPain'), ...figure('change')],
            figure('nrs30', 'afterInterruption'),
            figure('drainage'),
            figure('dressings'),
            figure('flares'),
            figure('adherence'),
          ],
        };
      }),
    ),
    flaresTitle: t.flares.title,
    flaresHeader: [t.flares.region, t.flares.days],
    flaresTotal: flareTotalText(model),
    flareRows: model.flareRegions.map((entry) => [i18n.t.regions[entry.region], String(entry.days)]),
    scoresTitle: t.scores.title,
    scores: visitScoreLines(model),
    interventionsTitle: t.interventions.title,
    interventions: isWeekly
      ? []
      : model.interventions.length === 0
        ? [t.interventions.none]
        : model.interventions.map(
            (entry) =>
              `${i18n.t.form.interventionNames[entry.kind]}: ${entry.dates.map((date) => shortDate(date)).join(', ')}`,
          ),
    notesTitle: t.notes.title,
    notes:
      model.notes === null
        ? [{ date: '', text: t.notes.notCarried }]
        : model.notes.shown.length === 0
          ? [{ date: '', text: t.notes.none }]
          : [
              ...model.notes.shown.map((note) => ({ date: shortDate(note.date), text: note.text })),
              ...(model.notes.more > 0 ? [{ date: '', text: t.notes.more(model.notes.more) }] : []),
            ],
    questionsTitle: t.questions.title,
    questions: model.questions || t.questions.none,
    disclaimer: t.heading.disclaimer,
    pageLabel: t.heading.page,
  };
}

const MM = 72 / 25.4;

/** The page: A4 or Letter, margins 15 mm (in PDF points). */
export function pdfFrame(size: 'a4' | 'letter'): { width: number; height: number; margin: number } {
  return size === 'letter'
    ? { width: 612, height: 792, margin: 15 * MM }
    : { width: 210 * MM, height: 297 * MM, margin: 15 * MM };
}

/** How the Trends screen words its figures in the patient's language: dates, signed changes, labels, sentences. */
import type { IsoDate } from '../../domain/dates';
import type { PhaseMeasures } from '../../domain/measures';
import type { RegimenEvent } from '../../domain/medication';
import type { Dose, Phase } from '../../domain/phases';
import type { AxisTick } from '../../domain/chart-axis';
import type { EventMarker } from '../../domain/chart-marks';
import { firstGraphemes, isolated, withoutBidiControls } from '../../domain/user-text';
import { cachedFormatter } from '../../i18n/intl-cache';
import { i18n } from '../../i18n/locale.svelte';
import { doseText } from '../medications/medication-text';

/**
 * One `Intl` formatter per language and options (a weekly table of five years formats hundreds of dates),
 * found by a fixed name rather than by its options written out on every call.
 */
function dateFormat(name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const tag = i18n.intlTag;
  return cachedFormatter(
    `trends-date|${tag}|${name}`,
    () => new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }),
  );
}

function numberFormat(name: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const tag = i18n.intlTag;
  return cachedFormatter(`trends-number|${tag}|${name}`, () => new Intl.NumberFormat(tag, options));
}

function utc(date: IsoDate): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

/** "27 Nov 2025" / "2025年11月27日". */
export function shortDate(date: IsoDate): string {
  return dateFormat('day-month-year', { day: 'numeric', month: 'short', year: 'numeric' }).format(utc(date));
}

/** "27 Nov" / "11月27日". */
export function dayMonth(date: IsoDate): string {
  return dateFormat('day-month', { day: 'numeric', month: 'short' }).format(utc(date));
}

export function rangeText(from: IsoDate, to: IsoDate): string {
  return i18n.t.trends.range.shown(shortDate(from), shortDate(to));
}

/** The word under an x-axis tick: "3 Mar" for weeks, "Mar" or "Jan 2026" for months. */
export function tickLabel(tick: AxisTick): string {
  if (tick.unit === 'week') return dayMonth(tick.date);
  return (
    tick.showYear
      ? dateFormat('month-year', { month: 'short', year: 'numeric' })
      : dateFormat('month', { month: 'short' })
  ).format(utc(tick.date));
}

/** A pain or drainage mean: "6.1", "3". */
export function meanText(value: number | null | undefined): string {
  return value === null || value === undefined ? i18n.t.trends.phases.none : i18n.formatNumber(value, 1);
}

/** A change with its sign: "-2.9", "+1", "0". */
export function signedText(value: number | null): string {
  if (value === null) return i18n.t.trends.phases.none;
  return numberFormat('signed', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(
    Math.round(value * 10) / 10,
  );
}

export function percentText(ratio: number): string {
  return numberFormat('percent', { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** "30 mg", without the schedule: short enough for a label on the chart. */
export function shortDose(dose: Dose | undefined): string {
  if (!dose) return '';
  return `${i18n.formatNumber(dose.amount, 2)} ${i18n.t.medications.units[dose.unit]}`;
}

/**
 * A few letters of a medication's name, to tell the lines apart when more than one drug is on the chart:
 * whole graphemes without bidi controls (a cut through a name once left an override open, and the label
 * read backwards), isolated from the words beside it.
 */
export function shortName(name: string): string {
  const letters = withoutBidiControls(name);
  return isolated(firstGraphemes(letters, /^[A-Za-z]/.test(letters) ? 3 : 2));
}

/** The label on an event line: "Start 15 mg", "30 mg", "Interrupted", "Resume 30 mg", "Stopped". */
export function markerLabel(marker: EventMarker, name: string | undefined): string {
  const t = i18n.t.trends.marker;
  const dose = shortDose(marker.dose);
  let label: string;
  switch (marker.kind) {
    case 'start':
      label = t.start(dose);
      break;
    case 'dose-change':
      label = t['dose-change'](dose);
      break;
    case 'resume':
      label = t.resume(dose);
      break;
    case 'interruption':
      label = t.interruption;
      break;
    case 'stop':
      label = t.stop;
      break;
  }
  return name ? t.withName(shortName(name), label.trim()) : label.trim();
}

/**
 * The shortest wording of a marker, tried before its number when nothing longer fits: the dose alone for a
 * start, dose change or resume (the line's style tells which), a single word for a pause or stop.
 */
export function compactMarkerLabel(marker: EventMarker): string {
  const t = i18n.t.trends.marker;
  if (marker.kind === 'interruption') return t.compactInterruption;
  if (marker.kind === 'stop') return t.compactStop;
  return shortDose(marker.dose).trim() || markerLabel(marker, undefined);
}

/** The marker as the event it stands for, for the Medications screen's wording of it. */
export function markerEvent(marker: EventMarker): RegimenEvent {
  return {
    id: `${marker.medicationId}-${marker.date}`,
    medicationId: marker.medicationId,
    date: marker.date,
    kind: marker.kind,
    ...(marker.dose && { dose: marker.dose }),
    ...(marker.frequency && { frequency: marker.frequency }),
    ...(marker.reason && { reason: marker.reason }),
  };
}

/** What the patient took in a phase: "30 mg once daily", "Interrupted: infection", "Stopped: side effect". */
export function phaseTreatment(phase: Phase): string {
  const t = i18n.t.trends.phases;
  const reason = phase.reason ? i18n.t.medications.reasons[phase.reason] : '';
  if (phase.kind === 'interrupted') return t.interrupted(reason);
  if (phase.kind === 'stopped') return t.stopped(reason);
  return doseText(phase.dose, phase.frequency);
}

export function phaseDates(phase: Phase): string {
  const t = i18n.t.trends.phases;
  return phase.isOngoing ? t.ongoing(shortDate(phase.start)) : t.dates(shortDate(phase.start), shortDate(phase.end));
}

/** A phase's doses: "83 of 90 (92%)", or none when no dose was logged in it. */
export function phaseAdherenceText(row: PhaseMeasures): string {
  const t = i18n.t.trends.phases;
  return row.adherence === null
    ? t.none
    : t.adherence(row.adherence.taken, row.adherence.scheduled, percentText(row.adherence.ratio));
}

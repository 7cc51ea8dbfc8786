/**
 * The rows of the two CSV exports (days, medication events): stable English columns, one row per record.
 * Coded columns (regions, frequency) keep their codes for formulas and get a `_label` column beside them in
 * the export's language, for the people reading the sheet.
 */
import type { DayEntry } from '../domain/day';
import type { Medication, RegimenEvent } from '../domain/medication';
import type { RegionId } from '../domain/regions';
import type { Frequency } from '../domain/schedule';
import type { CsvCell } from './csv';

/** Each body region's name in the export's language (the messages' `regions`). */
export type RegionLabels = Readonly<Record<RegionId, string>>;
/** Each dosing frequency in the export's language (the messages' `medications.frequencies`). */
export type FrequencyLabels = Readonly<Record<Frequency, string>>;

/** English column names, stable so a spreadsheet built on them keeps working. */
export const DAY_CSV_COLUMNS = [
  'date',
  'pain',
  'drainage',
  'dressing_changes',
  'itch',
  'odor',
  'sleep_disturbed',
  'flare',
  'regions',
  'regions_label',
  'nodules',
  'abscesses',
  'draining_tunnels',
  'interventions',
  'note',
  'updated_at',
] as const;

export const MEDICATION_EVENT_CSV_COLUMNS = [
  'date',
  'medication',
  'drug_class',
  'event',
  'dose_amount',
  'dose_unit',
  'frequency',
  'frequency_label',
  'reason',
  'note',
  'medication_id',
  'event_id',
] as const;

/** One row per logged day, oldest first, after the header. Lists are joined with "; ". */
export function dayCsvRows(days: readonly DayEntry[], regionLabels: RegionLabels): CsvCell[][] {
  const rows = [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day): CsvCell[] => [
      day.date,
      day.pain,
      day.drainage,
      day.dressingChanges,
      day.itch ?? null,
      day.odor ?? null,
      day.sleepDisturbed ?? null,
      day.flare,
      day.regions.join('; '),
      day.regions.map((region) => regionLabels[region]).join('; '),
      day.lesions?.nodules ?? null,
      day.lesions?.abscesses ?? null,
      day.lesions?.drainingTunnels ?? null,
      day.interventions.join('; '),
      day.note,
      new Date(day.updatedAt).toISOString(),
    ]);
  return [[...DAY_CSV_COLUMNS], ...rows];
}

/** One row per start, dose change, interruption, resume or stop, in date order, after the header. */
export function medicationEventCsvRows(
  medications: readonly Medication[],
  events: readonly RegimenEvent[],
  frequencyLabels: FrequencyLabels,
): CsvCell[][] {
  const byId = new Map(medications.map((medication) => [medication.id, medication]));
  const rows = [...events]
    .sort(
      (a, b) =>
        a.date.localeCompare(b.date) || a.medicationId.localeCompare(b.medicationId) || a.id.localeCompare(b.id),
    )
    .map((event): CsvCell[] => {
      const medication = byId.get(event.medicationId);
      return [
        event.date,
        medication?.name ?? '',
        medication?.drugClass ?? '',
        event.kind,
        event.dose?.amount ?? null,
        event.dose?.unit ?? null,
        event.frequency ?? null,
        event.frequency ? frequencyLabels[event.frequency] : null,
        event.reason ?? null,
        event.note ?? '',
        event.medicationId,
        event.id,
      ];
    });
  return [[...MEDICATION_EVENT_CSV_COLUMNS], ...rows];
}

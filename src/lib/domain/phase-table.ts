/**
 * The phase table of each medication: its baseline and the measures of every phase (docs/measures.md),
 * which the Trends table, the sentences under it, the summary, the PDF and the viewer all read, so that no
 * two of them can show different figures; plus the days all of that needs.
 */
import { addDays, type IsoDate } from './dates';
import type { DateRange } from './date-range';
import type { MedicationPhases } from './chart-marks';
import { BASELINE_DAYS, measurePhases, type Baseline, type DaysByDate, type PhaseMeasures } from './measures';
import type { DoseLog } from './medication';

export interface PhaseTable {
  medicationId: string;
  baseline: Baseline | null;
  rows: PhaseMeasures[];
}

/**
 * The days the phase table needs, whatever the chart's range: from the week before the first medication
 * event (the baseline) up to `today`; `null` without medications.
 */
export function phaseDaysNeeded(
  medications: readonly Pick<MedicationPhases, 'phases'>[],
  today: IsoDate,
): DateRange | null {
  let from: IsoDate | undefined;
  for (const medication of medications) {
    const first = medication.phases[0];
    if (first && (from === undefined || first.start < from)) from = first.start;
  }
  return from === undefined ? null : { from: addDays(from, -BASELINE_DAYS), to: today };
}

/** The phase table of every medication, from one set of days and dose logs. */
export function buildPhaseTables(
  medications: readonly Pick<MedicationPhases, 'id' | 'phases'>[],
  days: DaysByDate,
  doseLogs: readonly DoseLog[],
): PhaseTable[] {
  return medications
    .filter((medication) => medication.phases.length > 0)
    .map((medication) => ({ medicationId: medication.id, ...measurePhases(medication.phases, days, doseLogs) }));
}

/**
 * The phase table of each medication: its baseline, the measures of every treatment phase (docs/measures.md),
 * and the numbers behind the "what each change did" sentences; plus the days all of that needs.
 */
import { addDays, daysBetween, type IsoDate } from './dates';
import type { DateRange } from './date-range';
import type { MedicationPhases } from './chart-marks';
import {
  CHANGE_WINDOW_DAYS,
  changeAroundEvent,
  measurePhases,
  type Baseline,
  type ChangeAroundEvent,
  type DaysByDate,
  type PhaseMeasures,
} from './measures';
import type { DoseLog } from './medication';
import type { Phase } from './phases';

/** A pain difference smaller than this (on 0-10) reads as "stayed about the same". */
export const SAME_PAIN_MARGIN = 0.5;

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

/**
 * The days the phase table needs, whatever the chart's range: from 4 weeks before the first medication
 * event (the baseline and the "before" side of each change) up to `today`; `null` without medications.
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
  return from === undefined ? null : { from: addDays(from, -CHANGE_WINDOW_DAYS), to: today };
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
  medications: readonly Pick<MedicationPhases, 'id' | 'phases'>[],
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

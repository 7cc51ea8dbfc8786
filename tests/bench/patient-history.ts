/**
 * The medication history the Trends and Summary benches share: five years like a real patient's.
 * Adalimumab weekly for a few months, stopped for side effects; then upadacitinib from 4.5 years ago, raised
 * from 15 to 30 mg, interrupted twice (infection; surgery in the last year) and resumed each time, the second
 * time at 15 mg and raised to 30 mg again later.
 */
import { addDays, dateRange, weekdayMondayFirst, type IsoDate } from '../../src/lib/domain/dates';
import type { DoseLog, Medication, RegimenEvent } from '../../src/lib/domain/medication';
import { buildPhases, phaseOn, type Phase } from '../../src/lib/domain/phases';
import { mulberry32 } from '../factories/diary-generator';

export const BENCH_MEDICATIONS: Medication[] = [
  { id: 'adalimumab', name: 'Adalimumab', presetId: 'adalimumab', drugClass: 'tnf', color: '#d55e00' },
  { id: 'upadacitinib', name: 'Upadacitinib', presetId: 'upadacitinib', drugClass: 'jak1-selective', color: '#0072b2' },
];

export function patientHistory(endDate: IsoDate): RegimenEvent[] {
  const at = (days: number) => addDays(endDate, days);
  let count = 0;
  const event = (
    medicationId: string,
    date: IsoDate,
    kind: RegimenEvent['kind'],
    extra: Partial<RegimenEvent> = {},
  ) => {
    count += 1;
    return { id: `bench-event-${count}`, medicationId, date, kind, ...extra } satisfies RegimenEvent;
  };
  return [
    event('adalimumab', at(-1790), 'start', { dose: { amount: 40, unit: 'mg' }, frequency: 'weekly' }),
    event('adalimumab', at(-1680), 'stop', { reason: 'side-effect' }),
    event('upadacitinib', at(-1643), 'start', { dose: { amount: 15, unit: 'mg' }, frequency: 'once-daily' }),
    event('upadacitinib', at(-1460), 'dose-change', { dose: { amount: 30, unit: 'mg' }, frequency: 'once-daily' }),
    event('upadacitinib', at(-1000), 'interruption', { reason: 'infection' }),
    event('upadacitinib', at(-986), 'resume', { dose: { amount: 30, unit: 'mg' }, frequency: 'once-daily' }),
    event('upadacitinib', at(-300), 'interruption', { reason: 'surgery' }),
    event('upadacitinib', at(-272), 'resume', { dose: { amount: 15, unit: 'mg' }, frequency: 'once-daily' }),
    event('upadacitinib', at(-150), 'dose-change', { dose: { amount: 30, unit: 'mg' }, frequency: 'once-daily' }),
  ];
}

/** Each bench medication with its phases up to `endDate`. */
export function benchPhases(events: readonly RegimenEvent[], endDate: IsoDate): (Medication & { phases: Phase[] })[] {
  return BENCH_MEDICATIONS.map((medication) => ({
    ...medication,
    phases: buildPhases(
      events.filter((event) => event.medicationId === medication.id),
      endDate,
    ),
  }));
}

/** A log for every scheduled dose (08:00; weekly on the start's weekday), about 93 % taken, the rest skipped. */
export function patientDoseLogs(events: readonly RegimenEvent[], endDate: IsoDate): DoseLog[] {
  const random = mulberry32(7);
  const doseLogs: DoseLog[] = [];
  for (const medication of benchPhases(events, endDate)) {
    const first = medication.phases[0];
    if (!first) continue;
    for (const date of dateRange(first.start, endDate)) {
      const phase = phaseOn(medication.phases, date);
      if (phase?.kind !== 'on') continue;
      if (phase.frequency === 'weekly' && weekdayMondayFirst(date) !== weekdayMondayFirst(phase.start)) continue;
      doseLogs.push({
        id: `bench-dose-${doseLogs.length}`,
        medicationId: medication.id,
        scheduledFor: `${date}T08:00`,
        status: random() < 0.93 ? 'taken' : 'skipped',
        at: 0,
      });
    }
  }
  return doseLogs;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

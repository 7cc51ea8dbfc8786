/**
 * The medication history the Trends and Summary benches share: five years like a real patient's.
 * Adalimumab weekly for a few months, stopped for side effects; then upadacitinib from 4.5 years ago, raised
 * from 15 to 30 mg, interrupted twice (infection; surgery in the last year) and resumed each time, the second
 * time at 15 mg and raised to 30 mg again later.
 */
import { addDays, type IsoDate } from '../../src/lib/domain/dates';
import type { Medication, RegimenEvent } from '../../src/lib/domain/medication';

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

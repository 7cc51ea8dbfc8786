/** A medication history shared by the chart and phase-table tests: upadacitinib with every kind of event. */
import { eventFactory } from './regimen-factory';
import type { MedicationPhases } from '../../src/lib/domain/chart-marks';
import { buildPhases } from '../../src/lib/domain/phases';

export const TODAY = '2026-06-30';

/** Upadacitinib from 1 March: 15 mg, 30 mg on 1 April, interrupted 1 May, resumed 15 May. */
export function upadacitinib(today = TODAY): MedicationPhases {
  const events = [
    eventFactory.start('2026-03-01', 15),
    eventFactory.doseChange('2026-04-01', 30),
    eventFactory.interruption('2026-05-01', 'infection'),
    eventFactory.resume('2026-05-15'),
  ];
  return { id: 'med-1', color: '#0072b2', phases: buildPhases(events, today) };
}

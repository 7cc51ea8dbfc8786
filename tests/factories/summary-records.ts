/** A small diary for the summary tests: upadacitinib from 1 April, interrupted in June, with three dose logs. */
import type { DoseLog, Medication } from '../../src/lib/domain/medication';
import type { SummaryRecords } from '../../src/lib/domain/summary-pick';
import { daysFrom, eventFactory, repeat } from './regimen-factory';

export const TODAY = '2026-06-30';

export const upa: Medication = { id: 'upa', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1F77B4' };

export function records(overrides: Partial<SummaryRecords> = {}): SummaryRecords {
  // 7 baseline days at pain 7 before the start on 1 Apr, then pain 4 (NRS30 level is 4.9).
  const days = daysFrom('2026-03-25', [...repeat(7, 7), ...repeat(4, 91)]);
  const events = [
    eventFactory.build({
      medicationId: 'upa',
      date: '2026-04-01',
      kind: 'start',
      dose: { amount: 15, unit: 'mg' },
      frequency: 'once-daily',
    }),
    eventFactory.build({ medicationId: 'upa', date: '2026-06-01', kind: 'interruption', reason: 'infection' }),
    eventFactory.build({ medicationId: 'upa', date: '2026-06-10', kind: 'resume' }),
  ];
  const doseLogs: DoseLog[] = ['2026-06-10', '2026-06-11', '2026-06-12'].map((date, index) => ({
    id: `log-${index}`,
    medicationId: 'upa',
    scheduledFor: `${date}T08:00`,
    status: index === 1 ? 'skipped' : 'taken',
    at: 0,
  }));
  return { days, medications: [upa], events, doseLogs, visits: [], ...overrides };
}

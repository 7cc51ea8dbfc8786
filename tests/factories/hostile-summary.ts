/**
 * Summary sources an attacker might put in a viewer link: valid in shape, built to cost the viewer as much
 * as the limits allow. Shared by the viewer's browser test and the fuzz test.
 */
import { addDays } from '../../src/lib/domain/dates';
import type { SummarySource } from '../../src/lib/domain/summary-source';

/**
 * The audit's payload: 12 medicines, each started in 2000 and changed 59 times in 2200, inside a
 * three-month range in 2200 (about 600 characters).
 */
export function longAgoMedicines(resolution: SummarySource['resolution'] = 'daily'): SummarySource {
  const from = '2200-10-01';
  return {
    range: { from, to: '2200-12-31' },
    madeOn: '2200-12-31',
    resolution,
    days: [],
    weeks: [],
    medications: Array.from({ length: 12 }, (_, index) => ({
      name: `M${index}`,
      drugClass: 'other' as const,
      color: '#112233',
      events: [
        {
          date: '2000-01-01',
          kind: 'start' as const,
          dose: { amount: 1, unit: 'mg' as const },
          frequency: 'once-daily' as const,
        },
        ...Array.from({ length: 59 }, (_, change) => ({
          date: addDays(from, change + 1),
          kind: 'dose-change' as const,
          dose: { amount: change + 2, unit: 'mg' as const },
        })),
      ],
      baselineX100: 500,
      adherence: [],
    })),
    questions: '',
  };
}

/**
 * A year of daily values, every day logged with a flare, 12 medicines interrupted and resumed 30 times
 * each (bands on the chart), long names: still under the largest QR code's 2,331 bytes.
 */
export function busyYear(): SummarySource {
  const from = '2025-01-01';
  return {
    range: { from, to: '2025-12-31' },
    madeOn: '2025-12-31',
    resolution: 'daily',
    days: Array.from({ length: 365 }, (_, offset) => ({
      date: addDays(from, offset),
      pain: offset % 11,
      drainage: offset % 4,
      flare: true,
      regions: ['groin-left' as const],
      interventions: [],
      dressingChanges: 0,
    })),
    weeks: [],
    medications: Array.from({ length: 12 }, (_, index) => ({
      name: `Medicine ${index}`,
      drugClass: 'tnf' as const,
      color: '#d55e00',
      events: [
        {
          date: '2001-01-01',
          kind: 'start' as const,
          dose: { amount: 40, unit: 'mg' as const },
          frequency: 'weekly' as const,
        },
        ...Array.from({ length: 59 }, (_, change) => ({
          date: addDays(from, change * 6 + 1 + (index % 5)),
          kind: change % 2 === 0 ? ('interruption' as const) : ('resume' as const),
          ...(change % 2 === 0 && { reason: 'infection' as const }),
        })),
      ],
      baselineX100: 800,
      adherence: [],
    })),
    questions: '',
  };
}

/**
 * The viewer measures a scanned code on the clinician's phone: the work must be bounded by the summary's
 * range, not by how long ago a medicine began. A payload under 700 characters (12 medicines, each started
 * in 2000 and changed 59 times in 2200) once walked every day since 2000 and froze the viewer for seconds.
 * Here the calendar work of the model is counted: every date stepped to (`addDays`), every distance taken
 * (`daysBetween`) and every day of a listed span (`dateRange`).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Dates from './dates';
import { addDays as realAddDays } from './dates';
import { decodeSummary, encodeSummary } from './summary-codec';
import { buildSummaryModel } from './summary-model';
import type { SummarySource } from './summary-source';

const dateWork = vi.hoisted(() => ({ count: 0 }));

vi.mock('./dates', async (importOriginal) => {
  const dates = await importOriginal<typeof Dates>();
  return {
    ...dates,
    addDays: (date: string, days: number) => {
      dateWork.count += 1;
      return dates.addDays(date, days);
    },
    daysBetween: (from: string, to: string) => {
      dateWork.count += 1;
      return dates.daysBetween(from, to);
    },
    dateRange: (from: string, to: string) => {
      const range = dates.dateRange(from, to);
      dateWork.count += range.length;
      return range;
    },
  };
});

const RANGE = { from: '2200-10-01', to: '2200-12-31' } as const;

/** Every other day of the range logged; 12 medicines first started on `firstStart`, changed 59 times in the range. */
function hostileSource(firstStart: string, resolution: SummarySource['resolution']): SummarySource {
  const rangeDays = Array.from({ length: 46 }, (_, index) => realAddDays(RANGE.from, index * 2));
  return {
    range: RANGE,
    madeOn: RANGE.to,
    resolution,
    days:
      resolution === 'daily'
        ? rangeDays.map((date, index) => ({
            date,
            pain: index % 11,
            drainage: index % 4,
            flare: index % 5 === 0,
            regions: [],
            interventions: [],
            dressingChanges: 0,
          }))
        : [],
    weeks: [],
    medications: Array.from({ length: 12 }, (_, index) => ({
      name: `Medicine ${index}`,
      drugClass: 'other' as const,
      color: '#112233',
      events: [
        {
          date: firstStart,
          kind: 'start' as const,
          dose: { amount: 1, unit: 'mg' as const },
          frequency: 'once-daily' as const,
        },
        ...Array.from({ length: 59 }, (_, change) => ({
          date: realAddDays(RANGE.from, change + 1),
          kind: 'dose-change' as const,
          dose: { amount: change + 2, unit: 'mg' as const },
        })),
      ],
      baselineX100: 600,
      adherence: [],
    })),
    questions: '',
  };
}

function dateWorkOf(source: SummarySource): number {
  // Through the codec, as the viewer gets it: the payload is what a QR code carries.
  const decoded = decodeSummary(encodeSummary(source));
  if (!decoded.ok) throw new Error(`the test's payload does not decode: ${decoded.reason}`);
  dateWork.count = 0;
  const model = buildSummaryModel(decoded.source);
  expect(model.medications.every((medication) => medication.rows.length === 60)).toBe(true);
  return dateWork.count;
}

describe('the summary model is bounded by its range', () => {
  beforeEach(() => {
    dateWork.count = 0;
  });

  for (const resolution of ['daily', 'weekly'] as const) {
    it(`does no more calendar work for medicines begun 200 years before the range (${resolution})`, () => {
      const nearby = dateWorkOf(hostileSource(realAddDays(RANGE.from, -1), resolution));
      const longAgo = dateWorkOf(hostileSource('2000-01-01', resolution));
      // 73,000 days lie between 2000 and the range: walking them once for one medicine would show here.
      expect(longAgo).toBeLessThanOrEqual(nearby + 100);
      // And the work itself stays within a small multiple of the range's days and the phases measured.
      expect(nearby).toBeLessThan(20 * (92 + 12 * 60));
    });
  }
});

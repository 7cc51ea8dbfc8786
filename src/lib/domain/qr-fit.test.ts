import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../tests/factories/diary-generator';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { addDays } from './dates';
import { fitSummaryUrl, MAX_SCANNABLE_QR_VERSION, QR_BYTE_CAPACITY_M, qrVersionFor, viewerUrl } from './qr-fit';
import { buildSummarySource, type SummaryRecords } from './summary-pick';

const TODAY = '2026-11-26';
const APP_URL = 'https://hs-diary.example.org/app/';

function diaryRecords(): SummaryRecords {
  const medicationId = 'adalimumab';
  const events = [
    eventFactory.build({
      medicationId,
      date: '2025-09-01',
      kind: 'start',
      dose: { amount: 40, unit: 'mg' },
      frequency: 'weekly',
    }),
    eventFactory.build({ medicationId, date: '2026-02-01', kind: 'dose-change', dose: { amount: 80, unit: 'mg' } }),
    eventFactory.build({ medicationId, date: '2026-05-01', kind: 'interruption', reason: 'infection' }),
    eventFactory.build({ medicationId, date: '2026-05-20', kind: 'resume' }),
  ];
  return {
    days: generateDiary({ years: 5, endDate: TODAY, seed: 7 }),
    medications: [{ id: medicationId, name: 'Adalimumab', presetId: 'adalimumab', drugClass: 'tnf', color: '#1f77b4' }],
    events,
    doseLogs: [],
    visits: [],
  };
}

describe('QR capacity', () => {
  it('knows the byte capacity of every version at error correction M', () => {
    expect(QR_BYTE_CAPACITY_M).toHaveLength(40);
    expect(qrVersionFor(14)).toBe(1);
    expect(qrVersionFor(15)).toBe(2);
    expect(qrVersionFor(666)).toBe(20);
    expect(qrVersionFor(667)).toBe(21);
    expect(qrVersionFor(2331)).toBe(40);
    expect(qrVersionFor(2332)).toBeNull();
  });

  it('puts the payload after the app address, without an old fragment', () => {
    expect(viewerUrl('https://a.example/app/#/summary', '1.abc')).toBe('https://a.example/app/#/v/1.abc');
  });
});

describe('fitSummaryUrl', () => {
  const records = diaryRecords();
  const fit = (from: string) =>
    fitSummaryUrl(APP_URL, (resolution) => buildSummarySource(records, { from, to: TODAY }, TODAY, resolution));

  it('fits a year of daily values with the medication timeline in version 20 or lower', () => {
    const year = fit(addDays(TODAY, -364));
    expect(year.resolution).toBe('daily');
    expect(year.version).not.toBeNull();
    expect(year.version ?? 99).toBeLessThanOrEqual(MAX_SCANNABLE_QR_VERSION);
    expect(year.url).toMatch(new RegExp(`^${APP_URL}#/v/3-[1-9][0-9]+$`));
  });

  it('falls back to weekly values when daily ones do not fit', () => {
    // Daily values of two years fit since layout 3 (range-coded, as digits in numeric mode); three do not.
    expect(fit(addDays(TODAY, -729)).resolution).toBe('daily');
    const longer = fit(addDays(TODAY, -1094));
    expect(longer.resolution).toBe('weekly');
    expect(longer.isWeeklyFallback).toBe(true);
    expect(longer.isTooLarge).toBe(false);
  });

  it('says when even weekly values are too many for a scannable code', () => {
    const fiveYears = fit(addDays(TODAY, -1824));
    expect(fiveYears.resolution).toBe('weekly');
    expect(fiveYears.isTooLarge).toBe(true);
  });
});

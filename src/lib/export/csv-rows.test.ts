/** The rows of the CSV exports: one stable English header, then one row per day or medication event. */
import { describe, expect, it } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import type { Medication } from '../domain/medication';
import { coreEn } from '../i18n/core.en';
import { coreZhCN } from '../i18n/core.zh-CN';
import { medicationsEn } from '../i18n/medications.en';
import { medicationsZhCN } from '../i18n/medications.zh-CN';
import { toCsv } from './csv';
import { dayCsvRows, medicationEventCsvRows, type RegionLabels } from './csv-rows';

const medication: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };

describe('CSV rows', () => {
  it('has one stable English header and one row per day, oldest first', () => {
    const rows = dayCsvRows(
      [
        dayFactory.build({ date: '2026-11-02', flare: true, regions: ['back', 'buttocks'], note: 'ouch' }),
        dayFactory.build({ date: '2026-11-01', itch: 4, lesions: { nodules: 1, abscesses: 2, drainingTunnels: 3 } }),
      ],
      coreEn.regions,
    );
    // Written out rather than taken from DAY_CSV_COLUMNS: renaming a column must fail here first.
    expect(rows[0]).toEqual([
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
    ]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['2026-11-01', '2026-11-02']);
    expect(rows[1]).toEqual([
      '2026-11-01',
      3,
      1,
      1,
      4,
      null,
      null,
      false,
      '',
      '',
      1,
      2,
      3,
      '',
      '',
      '2026-11-20T20:00:00.000Z',
    ]);
    expect(rows[2]?.slice(8, 10)).toEqual(['back; buttocks', 'Back; Buttocks']);
  });

  it('names the regions beside their codes in the export’s language', () => {
    const flare = dayFactory.build({ flare: true, regions: ['axilla-left', 'groin-right'] });
    expect(dayCsvRows([flare], coreEn.regions)[1]?.slice(8, 10)).toEqual([
      'axilla-left; groin-right',
      'Left armpit; Right groin',
    ]);
    expect(dayCsvRows([flare], coreZhCN.regions)[1]?.slice(8, 10)).toEqual([
      'axilla-left; groin-right',
      `${coreZhCN.regions['axilla-left']}; ${coreZhCN.regions['groin-right']}`,
    ]);
  });

  it('keeps a label cell that reads like a formula as text, as every other text cell', () => {
    const hostile: RegionLabels = { ...coreEn.regions, back: '=1+1', buttocks: '@SUM(A1)' };
    const csv = toCsv(dayCsvRows([dayFactory.build({ flare: true, regions: ['back', 'buttocks'] })], hostile));
    expect(csv.split('\r\n')[1]).toContain(`,"'=1+1; @SUM(A1)",`);
  });

  it('names the medication of every event', () => {
    const rows = medicationEventCsvRows(
      [medication],
      [eventFactory.interruption('2026-05-02'), eventFactory.start('2026-03-12', 15)],
      medicationsEn.frequencies,
    );
    expect(rows[0]).toEqual([
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
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '2026-03-12',
        'Upadacitinib',
        'jak1-selective',
        'start',
        15,
        'mg',
        'once-daily',
        'once daily',
        null,
        '',
        'med-1',
        expect.any(String),
      ],
      [
        '2026-05-02',
        'Upadacitinib',
        'jak1-selective',
        'interruption',
        null,
        null,
        null,
        null,
        'infection',
        '',
        'med-1',
        expect.any(String),
      ],
    ]);
  });

  it('names the frequency beside its code in the export’s language', () => {
    const rows = medicationEventCsvRows(
      [medication],
      [eventFactory.start('2026-03-12', 15)],
      medicationsZhCN.frequencies,
    );
    expect(rows[1]?.slice(6, 8)).toEqual(['once-daily', medicationsZhCN.frequencies['once-daily']]);
  });
});

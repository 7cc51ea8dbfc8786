/** The rows of the CSV exports: one stable English header, then one row per day or medication event. */
import { describe, expect, it } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import type { Medication } from '../domain/medication';
import { dayCsvRows, medicationEventCsvRows } from './csv-rows';

const medication: Medication = { id: 'med-1', name: 'Upadacitinib', drugClass: 'jak1-selective', color: '#1f77b4' };

describe('CSV rows', () => {
  it('has one stable English header and one row per day, oldest first', () => {
    const rows = dayCsvRows([
      dayFactory.build({ date: '2026-11-02', flare: true, regions: ['back', 'buttocks'], note: 'ouch' }),
      dayFactory.build({ date: '2026-11-01', itch: 4, lesions: { nodules: 1, abscesses: 2, drainingTunnels: 3 } }),
    ]);
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
      1,
      2,
      3,
      '',
      '',
      '2026-11-20T20:00:00.000Z',
    ]);
    expect(rows[2]?.[8]).toBe('back; buttocks');
  });

  it('names the medication of every event', () => {
    const rows = medicationEventCsvRows(
      [medication],
      [eventFactory.interruption('2026-05-02'), eventFactory.start('2026-03-12', 15)],
    );
    expect(rows.slice(1)).toEqual([
      [
        '2026-03-12',
        'Upadacitinib',
        'jak1-selective',
        'start',
        15,
        'mg',
        'once-daily',
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
        'infection',
        '',
        'med-1',
        expect.any(String),
      ],
    ]);
  });
});

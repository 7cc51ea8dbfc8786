import { describe, expect, it } from 'vitest';
import { daysFrom, repeat } from '../../../tests/factories/regimen-factory';
import { TODAY, upadacitinib } from '../../../tests/factories/trend-medications';
import { indexDays } from './measures';
import { buildPhaseTables, phaseDaysNeeded } from './phase-table';

describe('the days the phase table needs', () => {
  it('loads from the week before the first event (the baseline), and nothing without medications', () => {
    expect(phaseDaysNeeded([], TODAY)).toBeNull();
    expect(phaseDaysNeeded([upadacitinib()], TODAY)).toEqual({ from: '2026-02-22', to: TODAY });
  });
});

describe('the phase table of every medication', () => {
  const days = indexDays([
    ...daysFrom('2026-02-22', repeat(7, 7)), // baseline: 7
    ...daysFrom('2026-03-01', repeat(5, 31)), // 15 mg: 5
    ...daysFrom('2026-04-01', repeat(3, 30)), // 30 mg: 3
    ...daysFrom('2026-05-01', [3, null, null, null, null, null, null, null, null, 6]), // interrupted
    ...daysFrom('2026-05-15', repeat(3, 20)),
  ]);

  it('measures each phase once, for the table and its sentences alike', () => {
    const tables = buildPhaseTables([upadacitinib(), { id: 'med-2', color: '#009e73', phases: [] }], days, []);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table?.baseline).toEqual({ value: 7, loggedDays: 7 });
    expect(table?.rows.map((row) => row.meanPain)).toEqual([5, 3, 4.5, 3]);
    // 15 mg (5 > 4.9) never reached NRS30; 30 mg reached it in its own first week, not from day 1.
    expect(table?.rows[0]?.response?.nrs30).toEqual({ status: 'not-reached' });
    expect(table?.rows[1]?.response?.nrs30).toMatchObject({ status: 'reached', dayOfPhase: 7 });
    expect(table?.rows[2]?.afterInterruption).toEqual({ firstFlareDay: null, pain: { status: 'not-enough-days' } });
    // The ongoing phase ends on its last logged day (3 June), not on today (30 June).
    expect(table?.rows[3]).toMatchObject({ lengthDays: 20, loggedDays: 20 });
    expect(table?.rows[3]?.phase.end).toBe('2026-06-03');
  });
});

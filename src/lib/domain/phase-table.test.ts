import { describe, expect, it } from 'vitest';
import { daysFrom, eventFactory, repeat } from '../../../tests/factories/regimen-factory';
import { TODAY, upadacitinib } from '../../../tests/factories/trend-medications';
import { indexDays } from './measures';
import { buildPhaseTables, changeSummaries, phaseDaysNeeded } from './phase-table';
import { buildPhases } from './phases';

describe('the days the phase table needs', () => {
  it('loads from 4 weeks before the first event, and nothing without medications', () => {
    expect(phaseDaysNeeded([], TODAY)).toBeNull();
    expect(phaseDaysNeeded([upadacitinib()], TODAY)).toEqual({ from: '2026-02-01', to: TODAY });
  });
});

describe('what each change did', () => {
  const phases = upadacitinib().phases;
  const days = indexDays([
    ...daysFrom('2026-02-01', repeat(7, 28)), // February: 7
    ...daysFrom('2026-03-01', repeat(5, 31)), // 15 mg: 5
    ...daysFrom('2026-04-01', repeat(3, 30)), // 30 mg: 3
    ...daysFrom('2026-05-01', [3, null, null, null, null, null, null, null, null, 6]), // interrupted
    ...daysFrom('2026-05-15', repeat(3, 20)),
  ]);

  it('compares the 4 weeks before each event with the 4 weeks from it', () => {
    const summaries = changeSummaries(days, phases, TODAY);
    expect(summaries.map((summary) => [summary.phase.startedBy, summary.direction])).toEqual([
      ['start', 'fell'],
      ['dose-change', 'fell'],
      ['interruption', 'same'],
      ['resume', 'same'],
    ]);
    expect(summaries[0]).toMatchObject({ before: 7, after: 5, afterDays: 28, previous: undefined });
    expect(summaries[1]).toMatchObject({ before: 5, after: 3 });
    expect(summaries[1]?.previous?.dose?.amount).toBe(15);
    // 1-28 May: 3 and 6 while interrupted, then 14 days of 3 after the resume.
    expect(summaries[2]).toMatchObject({ loggedAfter: 16, before: 3 });
  });

  it('says when there are not enough entries on either side', () => {
    const sparse = indexDays([...daysFrom('2026-02-26', [7, 7]), ...daysFrom('2026-03-01', repeat(5, 10))]);
    const [start] = changeSummaries(sparse, phases, TODAY);
    expect(start).toMatchObject({ direction: 'not-enough', before: null, after: 5, loggedBefore: 2 });
  });

  it('says a pain that rose, and counts only the days since a recent event', () => {
    const recent = buildPhases([eventFactory.start('2026-06-01', 15), eventFactory.stop('2026-06-21')], TODAY);
    const logged = indexDays([...daysFrom('2026-05-04', repeat(3, 28)), ...daysFrom('2026-06-01', repeat(6, 30))]);
    const [start, stop] = changeSummaries(logged, recent, TODAY);
    expect(start).toMatchObject({ direction: 'rose', before: 3, after: 6 });
    expect(stop).toMatchObject({ afterDays: 10 });
  });

  it('builds the phase table of every medication with events, with its sentences', () => {
    const tables = buildPhaseTables([upadacitinib(), { id: 'med-2', color: '#009e73', phases: [] }], days, [], TODAY);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table?.baseline).toEqual({ value: 7, loggedDays: 7 });
    expect(table?.rows.map((row) => row.meanPain)).toEqual([5, 3, 4.5, 3]);
    expect(table?.rows[0]?.nrs30).toEqual({ status: 'not-reached' });
    expect(table?.rows[1]?.nrs30).toMatchObject({ status: 'reached', dayOfPhase: 3 });
    expect(table?.changes).toHaveLength(4);
  });
});

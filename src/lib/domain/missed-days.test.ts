import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import type { DayEntry } from './day';
import { copiesOf, fillableRun, findMissedDays, missedDayRows, MISSED_DAYS_LOOKBACK } from './missed-days';

const TODAY = '2026-11-26';

describe('findMissedDays', () => {
  it('lists the gap between the last entry and yesterday, oldest first', () => {
    expect(findMissedDays(['2026-11-20', '2026-11-22'], TODAY)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
  });

  it('has nothing to offer when yesterday is logged, or before the first entry', () => {
    expect(findMissedDays(['2026-11-25'], TODAY)).toEqual([]);
    expect(findMissedDays([], TODAY)).toEqual([]);
    expect(findMissedDays([TODAY], TODAY)).toEqual([]);
  });

  it('does not count today as missed', () => {
    expect(findMissedDays(['2026-11-24'], TODAY)).toEqual(['2026-11-25']);
  });

  it('reaches back at most two weeks after a long break', () => {
    const missed = findMissedDays(['2026-01-01'], TODAY);
    expect(missed).toHaveLength(MISSED_DAYS_LOOKBACK);
    expect(missed[0]).toBe(addDays(TODAY, -MISSED_DAYS_LOOKBACK));
    expect(missed.at(-1)).toBe(addDays(TODAY, -1));
  });

  it('never lists a logged day, today, or a future day, whatever the input order', () => {
    const offsets = fc.uniqueArray(fc.integer({ min: -40, max: 3 }), { maxLength: 30 });
    fc.assert(
      fc.property(offsets, (list) => {
        const logged = list.map((offset) => addDays(TODAY, offset));
        const missed = findMissedDays(logged, TODAY);
        expect(missed.every((date) => !logged.includes(date) && date < TODAY)).toBe(true);
        expect(findMissedDays([...logged].reverse(), TODAY)).toEqual(missed);
      }),
    );
  });
});

function day(date: string, pain: number): DayEntry {
  return {
    date,
    pain,
    drainage: 1,
    dressingChanges: 2,
    flare: true,
    regions: ['axilla-left'],
    interventions: ['lesion-drained'],
    note: 'sore',
    updatedAt: 1,
  };
}

describe('missedDayRows', () => {
  const logged = new Map([['2026-11-22', day('2026-11-22', 4)]]);
  const entryOn = (date: string) => logged.get(date);

  it('offers "same as the day before" only where the day before is logged', () => {
    expect(missedDayRows(['2026-11-23', '2026-11-24'], new Map(), entryOn)).toEqual([
      { date: '2026-11-23', isFilled: false, dayBefore: '2026-11-22' },
      { date: '2026-11-24', isFilled: false, dayBefore: undefined },
    ]);
  });

  it('keeps the days filled in from the card, in date order among the missed ones', () => {
    const withFilled = new Map([...logged, ['2026-11-23', day('2026-11-23', 4)]]);
    const rows = missedDayRows(['2026-11-24', '2026-11-25'], new Map([['2026-11-23', '2026-11-22']]), (date) =>
      withFilled.get(date),
    );
    expect(rows).toEqual([
      { date: '2026-11-23', isFilled: true, copiedFrom: '2026-11-22' },
      { date: '2026-11-24', isFilled: false, dayBefore: '2026-11-23' },
      { date: '2026-11-25', isFilled: false, dayBefore: undefined },
    ]);
  });
});

describe('fillableRun', () => {
  it('is the consecutive missed days after the logged day before the first of them', () => {
    const rows = missedDayRows(['2026-11-23', '2026-11-24', '2026-11-25'], new Map(), (date) =>
      date === '2026-11-22' ? day(date, 4) : undefined,
    );
    expect(fillableRun(rows)).toEqual({ source: '2026-11-22', dates: ['2026-11-23', '2026-11-24', '2026-11-25'] });
  });

  it('stops at a gap, and is absent when no missed day follows a logged one', () => {
    const isLogged = (date: string) => (['2026-11-10', '2026-11-13'].includes(date) ? day(date, 2) : undefined);
    const rows = missedDayRows(['2026-11-11', '2026-11-12', '2026-11-14'], new Map(), isLogged);
    expect(fillableRun(rows)).toEqual({ source: '2026-11-10', dates: ['2026-11-11', '2026-11-12'] });
    expect(fillableRun(missedDayRows(['2026-11-12'], new Map(), () => undefined))).toBeUndefined();
  });
});

describe('copiesOf', () => {
  it('copies the measures to each date, without the flare, note or treatments of the source', () => {
    const copies = copiesOf(day('2026-11-22', 6), ['2026-11-23', '2026-11-24'], 99);
    expect(copies.map((copy) => [copy.date, copy.pain, copy.drainage, copy.dressingChanges])).toEqual([
      ['2026-11-23', 6, 1, 2],
      ['2026-11-24', 6, 1, 2],
    ]);
    expect(copies.every((copy) => !copy.flare && copy.note === '' && copy.interventions.length === 0)).toBe(true);
    expect(copies.every((copy) => copy.updatedAt === 99)).toBe(true);
  });
});

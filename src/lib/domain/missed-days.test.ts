import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { findMissedDays, MISSED_DAYS_LOOKBACK } from './missed-days';

const TODAY = '2026-11-26';

describe('findMissedDays', () => {
  it('lists the gap between the last entry and yesterday, newest first', () => {
    expect(findMissedDays(['2026-11-20', '2026-11-22'], TODAY)).toEqual(['2026-11-25', '2026-11-24', '2026-11-23']);
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
    expect(missed.at(-1)).toBe(addDays(TODAY, -MISSED_DAYS_LOOKBACK));
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

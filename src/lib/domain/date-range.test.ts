import { describe, expect, it } from 'vitest';
import { covers, customRange, dayIndex, presetRange, rangeLengthDays, startAtDiary } from './date-range';

const TODAY = '2026-06-30';

describe('presets', () => {
  it('gives 30 days, 90 days and a year ending today', () => {
    expect(presetRange('30d', TODAY)).toEqual({ from: '2026-06-01', to: TODAY });
    expect(presetRange('90d', TODAY)).toEqual({ from: '2026-04-02', to: TODAY });
    expect(presetRange('1y', TODAY)).toEqual({ from: '2025-07-01', to: TODAY });
  });

  it('runs "all" from the earliest entry, and from today when there is nothing', () => {
    expect(presetRange('all', TODAY, { earliest: '2021-07-02' })).toEqual({ from: '2021-07-02', to: TODAY });
    expect(presetRange('all', TODAY)).toEqual({ from: TODAY, to: TODAY });
  });

  it('runs "since the last visit" from that visit, else 90 days', () => {
    expect(presetRange('since-visit', TODAY, { lastVisit: '2026-05-12' })).toEqual({ from: '2026-05-12', to: TODAY });
    expect(presetRange('since-visit', TODAY)).toEqual(presetRange('90d', TODAY));
  });
});

describe('a preset on a short diary', () => {
  it('starts at the first logged day when the diary is shorter than the range, else is left alone', () => {
    const range = { from: '2026-09-04', to: '2026-12-02' };
    expect(startAtDiary(range, '2026-11-12')).toEqual({ from: '2026-11-12', to: '2026-12-02' });
    expect(startAtDiary(range, '2026-01-01')).toEqual(range);
    expect(startAtDiary(range, undefined)).toEqual(range);
    // Nothing logged inside the range: the range as chosen, not an empty one.
    expect(startAtDiary(range, '2026-12-05')).toEqual(range);
  });
});

describe('custom ranges and day numbers', () => {
  it('takes two real dates in order, not after today', () => {
    expect(customRange('2026-05-01', '2026-05-31', TODAY)).toEqual({ from: '2026-05-01', to: '2026-05-31' });
    expect(customRange('2026-05-01', '2026-05-01', TODAY)).toEqual({ from: '2026-05-01', to: '2026-05-01' });
    expect(customRange('2026-05-31', '2026-05-01', TODAY)).toBeNull();
    expect(customRange('2026-05-01', '2026-07-01', TODAY)).toBeNull();
    expect(customRange('', '2026-05-01', TODAY)).toBeNull();
    expect(customRange('2026-02-30', '2026-05-01', TODAY)).toBeNull();
  });

  it('numbers days from the first, counts both ends, and knows when one range holds another', () => {
    const june = { from: '2026-06-01', to: TODAY };
    expect(dayIndex(june, '2026-06-01')).toBe(0);
    expect(dayIndex(june, TODAY)).toBe(29);
    expect(rangeLengthDays(june)).toBe(30);
    expect(rangeLengthDays({ from: TODAY, to: '2026-06-01' })).toBe(0);
    expect(covers({ from: '2026-01-01', to: TODAY }, { from: '2026-02-01', to: TODAY })).toBe(true);
    expect(covers(june, { from: '2026-02-01', to: TODAY })).toBe(false);
  });
});

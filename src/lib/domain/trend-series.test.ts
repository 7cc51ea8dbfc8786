import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../tests/factories/diary-generator';
import { daysFrom } from '../../../tests/factories/regimen-factory';
import { TODAY, upadacitinib } from '../../../tests/factories/trend-medications';
import { addDays, daysBetween, weekdayMondayFirst } from './dates';
import { presetRange } from './date-range';
import { indexDays } from './measures';
import {
  WEEKLY_AFTER_DAYS,
  buildTrendSeries,
  chartDaysNeeded,
  dateAtX,
  earliestDate,
  type TrendSeries,
} from './trend-series';

function weeksOf(series: TrendSeries) {
  if (series.points.resolution !== 'weekly') throw new Error('expected weekly points');
  return series.points.weeks;
}

function daysOf(series: TrendSeries) {
  if (series.points.resolution !== 'daily') throw new Error('expected daily points');
  return series.points;
}

describe('the days to load', () => {
  it('starts "all" at the earliest logged day or event', () => {
    const days = daysFrom('2026-02-10', [5, 6]);
    expect(earliestDate(days, [upadacitinib()])).toBe('2026-02-10');
    expect(earliestDate(daysFrom('2026-03-10', [5]), [upadacitinib()])).toBe('2026-03-01');
    expect(earliestDate([], [])).toBeUndefined();
  });

  it('loads 6 days before the range for the 7-day mean', () => {
    expect(chartDaysNeeded(presetRange('30d', TODAY))).toEqual({ from: '2026-05-26', to: TODAY });
  });
});

describe('daily series', () => {
  it('has a point per logged day, numbered from the range start, and missing days left out', () => {
    const range = { from: '2026-06-01', to: '2026-06-10' };
    const days = indexDays(daysFrom('2026-06-01', [4, null, { pain: 6, flare: true, drainage: 2 }, 5]));
    const series = buildTrendSeries(days, range, []);
    expect(series.lengthDays).toBe(10);
    const points = daysOf(series);
    expect(points.days.map((point) => [point.x, point.pain, point.flare])).toEqual([
      [0, 4, false],
      [2, 6, true],
      [3, 5, false],
    ]);
    expect(points.days[1]?.drainage).toBe(2);
  });

  it('draws the weekly mean (4 of 7 days logged), looking back before the range', () => {
    const range = { from: '2026-06-04', to: '2026-06-09' };
    // 1-3 June lie before the range but count towards its first weekly means.
    const days = indexDays(daysFrom('2026-06-01', [3, 6, 3, 9, null, null, null, null, null]));
    const means = daysOf(buildTrendSeries(days, range, [])).sevenDayMean;
    expect(means).toHaveLength(6);
    expect(means[0]).toEqual({ x: 0, date: '2026-06-04', value: 5.25 });
    // From 8 June the window (2-8 June) holds only 3 logged days: no mean.
    expect(means.map((point) => point.value)).toEqual([5.25, 5.25, 5.25, 5.25, null, null]);
  });

  it('stays daily up to the weekly threshold', () => {
    const range = { from: addDays(TODAY, -(WEEKLY_AFTER_DAYS - 1)), to: TODAY };
    expect(buildTrendSeries(new Map(), range, []).points.resolution).toBe('daily');
    const longer = { from: addDays(range.from, -1), to: TODAY };
    expect(buildTrendSeries(new Map(), longer, []).points.resolution).toBe('weekly');
  });
});

describe('weekly series', () => {
  const range = { from: '2025-06-01', to: TODAY };

  it('averages the logged days of a week only: missing days are never zero', () => {
    // Week of Monday 2 June 2025: only Tuesday (6) and Friday (8) logged.
    const days = indexDays([...daysFrom('2025-06-03', [6, null, null, { pain: 8, flare: true, drainage: 3 }])]);
    const weeks = weeksOf(buildTrendSeries(days, range, []));
    const week = weeks.find((candidate) => candidate.from === '2025-06-02');
    expect(week).toMatchObject({
      to: '2025-06-08',
      meanPain: 7,
      meanDrainage: 2,
      flareDays: 1,
      loggedDays: 2,
      firstLogged: '2025-06-03',
    });
    const empty = weeks.find((candidate) => candidate.from === '2025-06-09');
    expect(empty).toMatchObject({ meanPain: null, meanDrainage: null, loggedDays: 0, firstLogged: null });
  });

  it('cuts weeks at Mondays and clips the first and last week to the range', () => {
    const weeks = weeksOf(buildTrendSeries(new Map(), range, []));
    // 1 June 2025 is a Sunday: the first "week" is that one day.
    expect(weeks[0]).toMatchObject({ from: '2025-06-01', to: '2025-06-01', x: 0 });
    expect(weeks[1]).toMatchObject({ from: '2025-06-02', to: '2025-06-08', x: 4 });
    expect(weeks.at(-1)?.to).toBe(TODAY);
    for (const week of weeks.slice(1)) expect(weekdayMondayFirst(week.from)).toBe(0);
    const covered = weeks.reduce((sum, week) => sum + daysBetween(week.from, week.to) + 1, 0);
    expect(covered).toBe(daysBetween(range.from, range.to) + 1);
  });

  it('keeps every weekly mean within the logged values of its week (property)', () => {
    const dayValue = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 3 });
    fc.assert(
      fc.property(fc.array(dayValue, { minLength: 181, maxLength: 400 }), (values) => {
        const start = '2025-01-01';
        const days = daysFrom(start, values);
        const byDate = indexDays(days);
        const series = buildTrendSeries(byDate, { from: start, to: addDays(start, values.length - 1) }, []);
        let logged = 0;
        for (const week of weeksOf(series)) {
          const pains = days.filter((day) => week.from <= day.date && day.date <= week.to).map((day) => day.pain);
          logged += week.loggedDays;
          expect(week.loggedDays).toBe(pains.length);
          if (pains.length === 0) expect(week.meanPain).toBeNull();
          else expect(week.meanPain).toBeCloseTo(pains.reduce((sum, pain) => sum + pain, 0) / pains.length);
        }
        expect(logged).toBe(days.length);
      }),
      { numRuns: 40 },
    );
  });

  it('draws five years of diary as at most about 270 weekly points', () => {
    const diary = generateDiary({ years: 5, endDate: '2026-11-26', seed: 42 });
    const all = presetRange('all', '2026-11-26', { earliest: earliestDate(diary, []) });
    const series = buildTrendSeries(indexDays(diary), all, []);
    expect(series.points.resolution).toBe('weekly');
    expect(weeksOf(series).length).toBeLessThanOrEqual(270);
    expect(weeksOf(series).length).toBeGreaterThan(250);
    const year = buildTrendSeries(indexDays(diary), presetRange('1y', '2026-11-26'), []);
    expect(weeksOf(year).length).toBeLessThanOrEqual(54);
  });
});

describe('taps and ticks', () => {
  it('opens the tapped day, or the first logged day of a tapped week', () => {
    const daily = buildTrendSeries(
      indexDays([...daysFrom('2026-06-01', [4]), ...daysFrom('2026-06-03', [5]), ...daysFrom(TODAY, [6])]),
      { from: '2026-06-01', to: TODAY },
      [],
    );
    expect(dateAtX(daily, 2.4)).toBe('2026-06-03');
    expect(dateAtX(daily, -3)).toBe('2026-06-01');
    expect(dateAtX(daily, 400)).toBe(TODAY);
    const days = indexDays(daysFrom('2025-06-04', [5]));
    const weekly = buildTrendSeries(days, { from: '2025-06-01', to: TODAY }, []);
    expect(dateAtX(weekly, 4)).toBe('2025-06-04');
  });

  it('opens nothing on empty chart space: a day or a week without an entry', () => {
    const daily = buildTrendSeries(indexDays(daysFrom('2026-06-03', [5])), { from: '2026-06-01', to: TODAY }, []);
    expect(dateAtX(daily, 0)).toBeNull();
    expect(dateAtX(daily, 1.4)).toBeNull();
    expect(dateAtX(daily, 2.4)).toBe('2026-06-03');
    const weekly = buildTrendSeries(indexDays(daysFrom('2025-06-04', [5])), { from: '2025-06-01', to: TODAY }, []);
    expect(dateAtX(weekly, 11)).toBeNull();
    expect(dateAtX(buildTrendSeries(new Map(), { from: '2026-06-01', to: TODAY }, []), 2)).toBeNull();
  });
});

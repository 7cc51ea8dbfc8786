import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../tests/factories/diary-generator';
import { daysFrom, eventFactory, repeat } from '../../../tests/factories/regimen-factory';
import { addDays, daysBetween, weekdayMondayFirst } from './dates';
import { indexDays } from './measures';
import { buildPhases } from './phases';
import {
  WEEKLY_AFTER_DAYS,
  axisTicks,
  buildPhaseTables,
  buildTrendSeries,
  changeSummaries,
  dateAtX,
  chartDaysNeeded,
  covers,
  phaseDaysNeeded,
  earliestDate,
  pointCount,
  presetRange,
  layoutLabels,
  type MedicationPhases,
  type TrendSeries,
} from './trend-series';

const TODAY = '2026-06-30';

function weeksOf(series: TrendSeries) {
  if (series.points.resolution !== 'weekly') throw new Error('expected weekly points');
  return series.points.weeks;
}

function daysOf(series: TrendSeries) {
  if (series.points.resolution !== 'daily') throw new Error('expected daily points');
  return series.points;
}

/** Upadacitinib from 1 March: 15 mg, 30 mg on 1 April, interrupted 1 May, resumed 15 May. */
function upadacitinib(today = TODAY): MedicationPhases {
  const events = [
    eventFactory.start('2026-03-01', 15),
    eventFactory.doseChange('2026-04-01', 30),
    eventFactory.interruption('2026-05-01', 'infection'),
    eventFactory.resume('2026-05-15'),
  ];
  return { id: 'med-1', color: '#0072b2', phases: buildPhases(events, today) };
}

describe('presets and the days to load', () => {
  it('gives 30 days, 90 days and a year ending today', () => {
    expect(presetRange('30d', TODAY)).toEqual({ from: '2026-06-01', to: TODAY });
    expect(presetRange('90d', TODAY)).toEqual({ from: '2026-04-02', to: TODAY });
    expect(presetRange('1y', TODAY)).toEqual({ from: '2025-07-01', to: TODAY });
  });

  it('runs "all" from the earliest logged day or event, and from today when there is nothing', () => {
    expect(presetRange('all', TODAY, '2021-07-02')).toEqual({ from: '2021-07-02', to: TODAY });
    expect(presetRange('all', TODAY)).toEqual({ from: TODAY, to: TODAY });
    const days = daysFrom('2026-02-10', [5, 6]);
    expect(earliestDate(days, [upadacitinib()])).toBe('2026-02-10');
    expect(earliestDate(daysFrom('2026-03-10', [5]), [upadacitinib()])).toBe('2026-03-01');
    expect(earliestDate([], [])).toBeUndefined();
  });

  it('loads 6 days before the range for the 7-day mean, and 4 weeks before the first event for the phase table', () => {
    const range = presetRange('30d', TODAY);
    expect(chartDaysNeeded(range)).toEqual({ from: '2026-05-26', to: TODAY });
    expect(phaseDaysNeeded([], TODAY)).toBeNull();
    expect(phaseDaysNeeded([upadacitinib()], TODAY)).toEqual({ from: '2026-02-01', to: TODAY });
    const all = { from: '2026-01-01', to: TODAY };
    expect(covers(all, { from: '2026-02-01', to: TODAY })).toBe(true);
    expect(covers(range, { from: '2026-02-01', to: TODAY })).toBe(false);
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

  it('draws a trailing 7-day mean with at least 3 logged days, looking back before the range', () => {
    const range = { from: '2026-06-04', to: '2026-06-08' };
    // 1-3 June lie before the range but count towards its first 7-day means.
    const days = indexDays(daysFrom('2026-06-01', [3, 6, null, 9, null, null, null, null]));
    const means = daysOf(buildTrendSeries(days, range, [])).sevenDayMean;
    expect(means).toHaveLength(5);
    expect(means[0]).toEqual({ x: 0, date: '2026-06-04', value: 6 });
    expect(means.map((point) => point.value)).toEqual(
      [6, 6, 6, 6, 7.5].map((value, index) => (index < 4 ? value : null)),
    );
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
    const all = presetRange('all', '2026-11-26', earliestDate(diary, []));
    const series = buildTrendSeries(indexDays(diary), all, []);
    expect(series.points.resolution).toBe('weekly');
    expect(weeksOf(series).length).toBeLessThanOrEqual(270);
    expect(weeksOf(series).length).toBeGreaterThan(250);
    expect(pointCount(series)).toBeLessThanOrEqual(540);
    const year = buildTrendSeries(indexDays(diary), presetRange('1y', '2026-11-26'), []);
    expect(weeksOf(year).length).toBeLessThanOrEqual(54);
  });
});

describe('medication events and interruptions', () => {
  it('marks each event inside the range with its medication colour and the dose before it', () => {
    const series = buildTrendSeries(new Map(), { from: '2026-03-01', to: TODAY }, [upadacitinib()]);
    expect(series.markers.map((marker) => [marker.x, marker.kind])).toEqual([
      [0, 'start'],
      [31, 'dose-change'],
      [61, 'interruption'],
      [75, 'resume'],
    ]);
    expect(series.markers[1]).toMatchObject({
      color: '#0072b2',
      dose: { amount: 30, unit: 'mg' },
      previousDose: { amount: 15, unit: 'mg' },
    });
    expect(series.markers[2]).toMatchObject({ reason: 'infection', previousDose: { amount: 30 } });
    expect(series.markers[2]?.dose).toBeUndefined();
    expect(series.markers[3]).toMatchObject({ dose: { amount: 30 } });
    expect(series.bands).toEqual([
      {
        medicationId: 'med-1',
        color: '#0072b2',
        from: '2026-05-01',
        to: '2026-05-14',
        xFrom: 60.5,
        xTo: 74.5,
        reason: 'infection',
      },
    ]);
  });

  it('leaves out events outside the range', () => {
    const series = buildTrendSeries(new Map(), { from: '2026-04-15', to: '2026-04-30' }, [upadacitinib()]);
    expect(series.markers).toEqual([]);
    expect(series.bands).toEqual([]);
    const later = buildTrendSeries(new Map(), { from: '2026-05-20', to: TODAY }, [upadacitinib()]);
    expect(later.markers).toEqual([]);
  });

  it('clips a band to the range on both sides', () => {
    const series = buildTrendSeries(new Map(), { from: '2026-05-05', to: '2026-05-10' }, [upadacitinib()]);
    expect(series.markers).toEqual([]);
    expect(series.bands).toMatchObject([{ from: '2026-05-05', to: '2026-05-10', xFrom: -0.5, xTo: 5.5 }]);
  });

  it('keeps an ongoing interruption up to the end of the range', () => {
    const events = [eventFactory.start('2026-06-01', 15), eventFactory.interruption('2026-06-20', 'surgery')];
    const medication = { id: 'med-1', color: '#d55e00', phases: buildPhases(events, TODAY) };
    const series = buildTrendSeries(new Map(), presetRange('30d', TODAY), [medication]);
    expect(series.bands).toMatchObject([{ from: '2026-06-20', to: TODAY, xTo: 29.5, reason: 'surgery' }]);
  });
});

describe('taps and ticks', () => {
  it('opens the tapped day, or the first logged day of a tapped week', () => {
    const daily = buildTrendSeries(new Map(), { from: '2026-06-01', to: TODAY }, []);
    expect(dateAtX(daily, 2.4)).toBe('2026-06-03');
    expect(dateAtX(daily, -3)).toBe('2026-06-01');
    expect(dateAtX(daily, 400)).toBe(TODAY);
    const days = indexDays(daysFrom('2025-06-04', [5]));
    const weekly = buildTrendSeries(days, { from: '2025-06-01', to: TODAY }, []);
    expect(dateAtX(weekly, 4)).toBe('2025-06-04');
    expect(dateAtX(weekly, 11)).toBe('2025-06-09');
  });

  it('puts weekly ticks on Mondays and monthly ticks on the first, never more than asked', () => {
    const month = axisTicks({ from: '2026-06-01', to: TODAY }, 6);
    expect(month.map((tick) => tick.date)).toEqual([
      '2026-06-01',
      '2026-06-08',
      '2026-06-15',
      '2026-06-22',
      '2026-06-29',
    ]);
    expect(axisTicks({ from: '2026-06-01', to: TODAY }, 3).map((tick) => tick.date)).toEqual([
      '2026-06-01',
      '2026-06-15',
      '2026-06-29',
    ]);
    const quarter = axisTicks(presetRange('90d', TODAY), 5);
    expect(quarter.map((tick) => tick.date)).toEqual(['2026-05-01', '2026-06-01']);
    expect(quarter[0]).toMatchObject({ unit: 'month', showYear: true, x: 29 });
    const fiveYears = axisTicks({ from: '2021-11-27', to: '2026-11-26' }, 6);
    expect(fiveYears.length).toBeLessThanOrEqual(6);
    expect(fiveYears.every((tick) => tick.date.endsWith('-01') && tick.showYear)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2500 }), fc.integer({ min: 1, max: 12 }), (length, maxTicks) => {
        const ticks = axisTicks({ from: addDays(TODAY, -(length - 1)), to: TODAY }, maxTicks);
        expect(ticks.length).toBeLessThanOrEqual(maxTicks);
        for (const tick of ticks) expect(tick.x).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('lays labels out in lanes, on either side of their line, shorter wordings when needed', () => {
    const bounds = { left: 0, right: 300 };
    // Far apart: all long wordings, in the first lane, to the right of their lines.
    expect(
      layoutLabels(
        [
          { at: 0, widths: [80, 20] },
          { at: 100, widths: [80, 20] },
        ],
        bounds,
        3,
        2,
      ),
    ).toEqual([
      { option: 0, lane: 0, side: 'right' },
      { option: 0, lane: 0, side: 'right' },
    ]);
    // Near the right edge a label opens to the left; crowded ones take the next lane.
    expect(
      layoutLabels(
        [
          { at: 250, widths: [80, 20] },
          { at: 240, widths: [80, 20] },
        ],
        bounds,
        3,
        2,
      ),
    ).toEqual([
      { option: 0, lane: 1, side: 'left' },
      { option: 0, lane: 0, side: 'left' },
    ]);
    // No room for any long wording in one lane: the number, which always fits somewhere.
    const crowded = layoutLabels(
      [
        { at: 100, widths: [150, 20] },
        { at: 110, widths: [150, 20] },
        { at: 120, widths: [150, 20] },
      ],
      bounds,
      1,
      2,
    );
    expect(crowded.map((slot) => slot.option)).toEqual([0, 1, 1]);
    // Out of room even for numbers: placed anyway, never dropped.
    const full = layoutLabels(
      Array.from({ length: 6 }, (_, index) => ({ at: 100 + index, widths: [20] })),
      bounds,
      2,
    );
    expect(full).toHaveLength(6);
    expect(full.every((slot) => slot.option === 0)).toBe(true);
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

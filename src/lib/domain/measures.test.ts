import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFrom, eventFactory, repeat } from '../../../tests/factories/regimen-factory';
import { addDays, dateRange } from './dates';
import {
  adherence,
  afterInterruption,
  changeInWords,
  drainageMeasures,
  flareEpisodes,
  flareMeasures,
  indexDays,
  measuredEnd,
  measurePhases,
  nrs30Level,
  phaseResponse,
  treatmentBaseline,
  weeklyMean,
  weeklyMeans,
} from './measures';
import type { DoseLog } from './medication';
import { buildPhases } from './phases';

describe('weekly mean and baseline', () => {
  it('treatment baseline needs 4 logged days in the 7 before the first start', () => {
    const days = indexDays(daysFrom('2026-02-22', [7, null, 6, null, 5, 8, null]));
    expect(treatmentBaseline(days, '2026-03-01')).toEqual({ value: 6.5, loggedDays: 4 });
    const thin = indexDays(daysFrom('2026-02-22', [7, null, 6, null, null, 8, null]));
    expect(treatmentBaseline(thin, '2026-03-01')).toEqual({ value: null, loggedDays: 3 });
  });

  it('weekly mean is of the 7 days up to the date, with at least 4 logged, a missing day never zero', () => {
    const days = indexDays(daysFrom('2026-03-01', [9, null, 9, 1, null, 3, null, 4]));
    // 2 to 8 March: 9, 1, 3, 4 logged.
    expect(weeklyMean(days, '2026-03-08')).toBe(17 / 4);
    // 1 to 7 March: 9, 9, 1, 3.
    expect(weeklyMean(days, '2026-03-07')).toBe(22 / 4);
    // 27 Feb to 5 March: only 9, 9, 1 logged.
    expect(weeklyMean(days, '2026-03-05')).toBeNull();
  });

  it('NRS30 level is at least 30 % and at least 1 point below a baseline of 3 or more', () => {
    expect(nrs30Level(7)).toBeCloseTo(4.9);
    expect(nrs30Level(3)).toBe(2);
    expect(nrs30Level(2.9)).toBeNull();
    expect(nrs30Level(null)).toBeNull();
  });
});

describe('NRS30 per phase', () => {
  const phase = { start: '2026-04-01', end: '2026-04-28' };

  it('is never reached before day 7, even when pain is low from day 1', () => {
    // Low pain carried over from the dose before: the window needs a whole week inside the phase.
    const days = indexDays([...daysFrom('2026-03-25', repeat(2, 7)), ...daysFrom('2026-04-01', repeat(2, 28))]);
    expect(phaseResponse(days, phase, 7).nrs30).toEqual({ status: 'reached', dayOfPhase: 7, date: '2026-04-07' });
  });

  it('uses only days inside the phase: low days before it do not count', () => {
    const days = indexDays([...daysFrom('2026-03-25', repeat(0, 7)), ...daysFrom('2026-04-01', repeat(6, 28))]);
    expect(phaseResponse(days, phase, 7).nrs30).toEqual({ status: 'not-reached' });
  });

  it('reaches on the first day from 7 whose weekly mean meets the level', () => {
    // Days 1-9 at 6, then 3. Weekly means: day 10 (6x6 + 3)/7 = 5.57, day 11 5.14, day 12 4.71 <= 4.9.
    const days = indexDays(daysFrom('2026-04-01', [...repeat(6, 9), ...repeat(3, 19)]));
    expect(phaseResponse(days, phase, 7).nrs30).toEqual({ status: 'reached', dayOfPhase: 12, date: '2026-04-12' });
  });

  it('says "continued" when the phase before ended in response, and still counts its weeks', () => {
    const days = indexDays(daysFrom('2026-04-01', repeat(2, 28)));
    expect(phaseResponse(days, phase, 7, true)).toEqual({
      nrs30: { status: 'continued' },
      endedInResponse: true,
      weeks: { counted: 4, inResponse: 4 },
    });
  });

  it('calls a phase shorter than a week too short', () => {
    const days = indexDays(daysFrom('2026-04-01', repeat(2, 5)));
    expect(phaseResponse(days, { start: '2026-04-01', end: '2026-04-05' }, 7)).toEqual({
      nrs30: { status: 'too-short' },
      endedInResponse: null,
      weeks: null,
    });
  });

  it('tells whether the phase ended in response and the share of whole weeks in response', () => {
    // Weeks: 2 (in), 6 (out), 3 logged only (not counted), 4 (in); the last 3 days are not a whole week.
    const days = indexDays(
      daysFrom('2026-04-01', [...repeat(2, 7), ...repeat(6, 7), 3, null, 3, null, 3, null, null, ...repeat(4, 10)]),
    );
    const result = phaseResponse(days, { start: '2026-04-01', end: '2026-05-01' }, 7);
    expect(result.weeks).toEqual({ counted: 3, inResponse: 2 });
    expect(result.endedInResponse).toBe(true);
    const worse = indexDays(daysFrom('2026-04-01', [...repeat(2, 21), ...repeat(8, 7)]));
    expect(phaseResponse(worse, phase, 7)).toMatchObject({
      endedInResponse: false,
      weeks: { counted: 4, inResponse: 3 },
    });
  });

  it('says why when there is no level', () => {
    const days = indexDays(daysFrom('2026-04-01', repeat(1, 28)));
    expect(phaseResponse(days, phase, null).nrs30).toEqual({ status: 'no-baseline' });
    expect(phaseResponse(days, phase, 2).nrs30).toEqual({ status: 'baseline-too-low' });
  });
});

describe('after an interruption', () => {
  const pause = { start: '2026-02-01', end: '2026-02-09' };

  it('gives the first flare day and the first day the 3-day mean is above the level', () => {
    const days = indexDays(
      daysFrom('2026-02-01', [3, 4, { pain: 6, flare: true }, { pain: 8, flare: true, drainage: 3 }, 7, 7, 7, 7, 7]),
    );
    // 3-day means: d2 3.5, d3 4.33, d4 6 > 4.9.
    expect(afterInterruption(days, pause, 7)).toEqual({
      firstFlareDay: 3,
      pain: { status: 'back-above', dayOfPhase: 4 },
    });
  });

  it('says the pain stayed at the response level, or that too few days were logged', () => {
    const calm = indexDays(daysFrom('2026-02-01', repeat(3, 9)));
    expect(afterInterruption(calm, pause, 7)).toEqual({ firstFlareDay: null, pain: { status: 'stayed' } });
    const thin = indexDays(daysFrom('2026-02-01', [8, null, null, 8, null, null, 8, null, null]));
    expect(afterInterruption(thin, pause, 7).pain).toEqual({ status: 'not-enough-days' });
    expect(afterInterruption(calm, pause, null).pain).toEqual({ status: 'no-baseline' });
  });

  it('looks at interruption days only: high pain before the pause does not count', () => {
    const days = indexDays([...daysFrom('2026-01-29', [9, 9, 9]), ...daysFrom('2026-02-01', repeat(3, 9))]);
    expect(afterInterruption(days, pause, 7).pain).toEqual({ status: 'stayed' });
  });
});

describe('flares', () => {
  it('joins episodes across a one-day gap but not two', () => {
    const days = daysFrom('2026-05-01', [
      { flare: true },
      { flare: false },
      { flare: true },
      null,
      { flare: true },
      { flare: false },
      { flare: false },
      { flare: true },
    ]);
    expect(flareEpisodes(days)).toEqual([
      { start: '2026-05-01', end: '2026-05-05' },
      { start: '2026-05-08', end: '2026-05-08' },
    ]);
  });

  it('counts an episode in the phase it began, and says when one was running at the start', () => {
    const logged = daysFrom('2026-05-01', [{ flare: true }, { flare: true }, { flare: true }, { flare: false }]);
    const episodes = flareEpisodes(logged);
    const first = flareMeasures(episodes, logged.slice(0, 1), { start: '2026-05-01', end: '2026-05-01' });
    const second = flareMeasures(episodes, logged.slice(1), { start: '2026-05-02', end: '2026-05-04' });
    expect(first).toMatchObject({ episodes: 1, wasRunningAtStart: false });
    expect(second).toMatchObject({ episodes: 0, wasRunningAtStart: true, flareDays: 2 });
  });

  it('gives a rate per 30 days only for phases of 28 days or more', () => {
    const logged = daysFrom('2026-05-01', [{ flare: true }, ...repeat({ flare: false }, 27)]);
    const episodes = flareEpisodes(logged);
    expect(flareMeasures(episodes, logged.slice(0, 4), { start: '2026-05-01', end: '2026-05-04' })).toMatchObject({
      episodes: 1,
      ratePer30Days: null,
    });
    expect(flareMeasures(episodes, logged, { start: '2026-05-01', end: '2026-05-28' }).ratePer30Days).toBeCloseTo(
      30 / 28,
    );
  });
});

describe('drainage, change in words, measured end, adherence', () => {
  it('gives mean drainage, the share of days with any, heavy days and dressing changes a day', () => {
    const logged = daysFrom('2026-05-01', [
      { drainage: 0, dressingChanges: 0 },
      { drainage: 1, dressingChanges: 1 },
      { drainage: 3, dressingChanges: 4 },
      { drainage: 0, dressingChanges: 0 },
    ]);
    expect(drainageMeasures(logged)).toEqual({
      mean: 1,
      daysShare: 0.5,
      drainageDays: 2,
      heavyDays: 1,
      dressingChangesPerDay: 1.25,
    });
    expect(drainageMeasures([])).toMatchObject({ mean: null, daysShare: null, drainageDays: 0 });
  });

  it('puts a change in words only from 1 point and 7 logged days each side', () => {
    expect(changeInWords(-0.8, 30, 30)).toBe('changed-little');
    expect(changeInWords(-1, 30, 30)).toBe('fell');
    expect(changeInWords(1.2, 30, 30)).toBe('rose');
    expect(changeInWords(-3, 6, 30)).toBeNull();
    expect(changeInWords(-3, 30, 6)).toBeNull();
    expect(changeInWords(null, 30, 30)).toBeNull();
  });

  it('ends the ongoing phase on its last logged day, never on an unlogged today', () => {
    const days = indexDays(daysFrom('2026-05-01', [3, 3, 3, null, null]));
    const ongoing = { start: '2026-05-01', end: '2026-05-05', isOngoing: true };
    expect(measuredEnd(days, ongoing)).toBe('2026-05-03');
    expect(measuredEnd(days, { ...ongoing, isOngoing: false })).toBe('2026-05-05');
    expect(measuredEnd(indexDays([]), ongoing)).toBe('2026-05-01');
  });

  it('adherence is doses taken over doses scheduled, per medication and range', () => {
    const log = (scheduledFor: string, status: DoseLog['status'], medicationId = 'med-1'): DoseLog => ({
      id: `${medicationId}-${scheduledFor}`,
      medicationId,
      scheduledFor,
      status,
      at: 0,
    });
    const logs = [
      log('2026-03-01T08:00', 'taken'),
      log('2026-03-02T08:00', 'skipped'),
      log('2026-03-03T08:00', 'taken'),
      log('2026-03-04T08:00', 'taken'),
      log('2026-03-02T08:00', 'skipped', 'med-2'),
      log('2026-04-01T08:00', 'skipped'),
    ];
    expect(adherence(logs, 'med-1', '2026-03-01', '2026-03-31')).toEqual({ taken: 3, scheduled: 4, ratio: 0.75 });
    expect(adherence(logs, 'med-3', '2026-03-01', '2026-03-31')).toBeNull();
  });

  it('counts doses up to today in the ongoing phase, though the diary stops earlier', () => {
    const days = indexDays([...daysFrom('2026-05-25', repeat(8, 7)), ...daysFrom('2026-06-01', repeat(4, 3))]);
    const dose: DoseLog = { id: 'd', medicationId: 'med-1', scheduledFor: '2026-06-06T08:00', status: 'taken', at: 1 };
    const { rows } = measurePhases(buildPhases([eventFactory.start('2026-06-01', 15)], '2026-06-06'), days, [dose]);
    expect(rows[0]).toMatchObject({ lengthDays: 3, adherence: { taken: 1, scheduled: 1, ratio: 1 } });
  });

  it('marks a row from fewer than 7 logged days as "few days"', () => {
    const days = indexDays([...daysFrom('2026-05-25', repeat(8, 7)), ...daysFrom('2026-06-01', repeat(4, 6))]);
    const { rows } = measurePhases(buildPhases([eventFactory.start('2026-06-01', 15)], '2026-06-06'), days, []);
    expect(rows[0]).toMatchObject({ loggedDays: 6, fewDays: true });
  });
});

describe('properties', () => {
  const painOrGap = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 3 });
  const dayValues = (minLength: number, maxLength: number) => fc.array(painOrGap, { minLength, maxLength });

  it('the sliding weekly means equal the definition on every day', () => {
    fc.assert(
      fc.property(dayValues(1, 60), fc.nat(20), (values, offset) => {
        const days = indexDays(daysFrom('2026-01-01', values));
        const from = addDays('2026-01-01', offset);
        const to = addDays('2026-01-01', values.length + 3);
        const actual = weeklyMeans(days, from, to);
        const expected = dateRange(from, to).map((date) => weeklyMean(days, date));
        expect(actual).toHaveLength(expected.length);
        actual.forEach((value, index) => {
          if (expected[index] === null) expect(value).toBeNull();
          else expect(value).toBeCloseTo(expected[index] as number, 10);
        });
      }),
    );
  });

  it('NRS30 is never reached before day 7 nor on a window with days outside the phase', () => {
    fc.assert(
      fc.property(dayValues(1, 50), fc.integer({ min: 3, max: 10 }), (values, baseline) => {
        const days = indexDays(daysFrom('2026-01-01', values));
        const phase = { start: '2026-01-01', end: addDays('2026-01-01', values.length - 1) };
        const { nrs30 } = phaseResponse(days, phase, baseline);
        if (nrs30.status === 'reached') {
          expect(nrs30.dayOfPhase).toBeGreaterThanOrEqual(7);
          const level = nrs30Level(baseline) as number;
          expect(weeklyMean(days, nrs30.date) ?? Infinity).toBeLessThanOrEqual(level + 1e-9);
        }
        if (values.length < 7) expect(nrs30.status).toBe('too-short');
      }),
    );
  });

  it('weeks in response never exceed the weeks counted, nor the whole weeks of the phase', () => {
    fc.assert(
      fc.property(dayValues(0, 70), fc.integer({ min: 3, max: 10 }), (values, baseline) => {
        const days = indexDays(daysFrom('2026-01-01', values));
        const phase = { start: '2026-01-01', end: addDays('2026-01-01', Math.max(values.length, 1) - 1) };
        const { weeks } = phaseResponse(days, phase, baseline);
        if (weeks === null) return;
        expect(weeks.inResponse).toBeLessThanOrEqual(weeks.counted);
        expect(weeks.counted).toBeLessThanOrEqual(Math.floor(values.length / 7));
      }),
    );
  });

  it('a missing day never counts as zero: filling gaps with 0 can only lower the phase mean', () => {
    fc.assert(
      fc.property(dayValues(7, 40), (values) => {
        const logged = values.filter((value): value is number => value !== null);
        fc.pre(logged.length > 0);
        const end = addDays('2026-01-01', values.length - 1);
        const phases = buildPhases([eventFactory.start('2026-01-01', 15)], end).map((phase) => ({
          ...phase,
          isOngoing: false,
        }));
        const real = measurePhases(phases, indexDays(daysFrom('2026-01-01', values)), []).rows[0];
        const zeros = measurePhases(
          phases,
          indexDays(
            daysFrom(
              '2026-01-01',
              values.map((v) => v ?? 0),
            ),
          ),
          [],
        ).rows[0];
        expect(real?.meanPain).toBeCloseTo(logged.reduce((sum, value) => sum + value, 0) / logged.length);
        expect((zeros?.meanPain ?? 0) <= (real?.meanPain ?? 0) + 1e-9).toBe(true);
      }),
    );
  });

  it('every flare episode is counted in exactly one phase', () => {
    const flareOrGap = fc.option(fc.boolean(), { nil: null });
    fc.assert(
      fc.property(
        fc.array(flareOrGap, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(59), { maxLength: 4 }),
        (flags, cuts) => {
          const logged = daysFrom(
            '2026-01-01',
            flags.map((flag) => (flag === null ? null : { flare: flag })),
          );
          const episodes = flareEpisodes(logged);
          const end = addDays('2026-01-01', flags.length - 1);
          const starts = [
            ...new Set(cuts.filter((cut) => cut < flags.length).map((cut) => addDays('2026-01-01', cut))),
          ];
          const bounds = [...new Set(['2026-01-01', ...starts])].sort();
          const total = bounds
            .map((start, index) => ({ start, end: index + 1 < bounds.length ? addDays(bounds[index + 1]!, -1) : end }))
            .reduce((sum, phase) => sum + flareMeasures(episodes, logged, phase).episodes, 0);
          expect(total).toBe(episodes.length);
        },
      ),
    );
  });

  it('change in words agrees with the sign and size of the change', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (change) => {
        const words = changeInWords(change, 7, 7);
        if (Math.abs(change) < 1) expect(words).toBe('changed-little');
        else expect(words).toBe(change < 0 ? 'fell' : 'rose');
      }),
    );
  });
});

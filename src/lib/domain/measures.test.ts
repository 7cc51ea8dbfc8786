import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFrom, eventFactory, repeat } from '../../../tests/factories/regimen-factory';
import { addDays } from './dates';
import {
  adherence,
  changeAroundEvent,
  flareEpisodes,
  indexDays,
  lossOfResponse,
  measurePhases,
  nrs30Level,
  nrs30Response,
  sevenDayMean,
  trailingMeans,
  treatmentBaseline,
} from './measures';
import type { DoseLog } from './medication';
import { buildPhases } from './phases';

describe('definitions', () => {
  it('treatment baseline needs 3 logged days in the 7 before the first start', () => {
    const days = indexDays(daysFrom('2026-02-22', [7, null, 6, null, null, 8, null]));
    expect(treatmentBaseline(days, '2026-03-01')).toEqual({ value: 7, loggedDays: 3 });
    const thin = indexDays(daysFrom('2026-02-22', [7, null, null, null, null, 8, null]));
    expect(treatmentBaseline(thin, '2026-03-01')).toEqual({ value: null, loggedDays: 2 });
  });

  it('7-day mean stays inside its phase and needs 3 logged days', () => {
    const days = indexDays(daysFrom('2026-03-01', [9, 9, 9, 1, 2, 3, null, 4]));
    // Window clipped to the phase that starts on 3 March: 9, 1, 2.
    expect(sevenDayMean(days, '2026-03-03', '2026-03-05')).toBe(4);
    expect(sevenDayMean(days, '2026-03-04', '2026-03-05')).toBeNull();
    // 2 to 8 March: 9, 9, 1, 2, 3, 4 (7 March missing, not zero).
    expect(sevenDayMean(days, '2026-01-01', '2026-03-08')).toBeCloseTo(28 / 6);
  });

  it('NRS30 level is at least 30 % and at least 1 point below a baseline of 3 or more', () => {
    expect(nrs30Level(7)).toBeCloseTo(4.9);
    expect(nrs30Level(3)).toBe(2);
    expect(nrs30Level(2.9)).toBeNull();
    expect(nrs30Level(null)).toBeNull();
  });

  it('flare episodes join across a one-day gap but not two', () => {
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
});

describe('scenario (a): upadacitinib 15 mg with residual drainage, raised to 30 mg', () => {
  const start = eventFactory.start('2026-03-01', 15);
  const raise = eventFactory.doseChange('2026-04-01', 30);
  const days = indexDays([
    ...daysFrom('2026-02-22', repeat(7, 7)),
    ...daysFrom('2026-03-01', repeat({ pain: 5, drainage: 2, dressingChanges: 2 }, 31)),
    ...daysFrom('2026-04-01', repeat({ pain: 3, drainage: 1, dressingChanges: 1 }, 30)),
  ]);
  const phases = buildPhases([raise, start], '2026-04-30');
  const { baseline, rows } = measurePhases(phases, days, []);

  it('has a baseline of 7 and two phases, 15 then 30 mg', () => {
    expect(baseline).toEqual({ value: 7, loggedDays: 7 });
    expect(rows.map((row) => [row.phase.start, row.phase.end, row.phase.dose?.amount])).toEqual([
      ['2026-03-01', '2026-03-31', 15],
      ['2026-04-01', '2026-04-30', 30],
    ]);
  });

  it('misses NRS30 on 15 mg (mean 5 > 4.9) and reaches it on day 3 of 30 mg', () => {
    expect(rows[0]?.nrs30).toEqual({ status: 'not-reached' });
    expect(rows[1]?.nrs30).toEqual({ status: 'reached', dayOfPhase: 3, date: '2026-04-03' });
  });

  it('shows drainage falling and pain 2 points lower than the phase before', () => {
    expect(rows[0]).toMatchObject({ meanPain: 5, meanDrainage: 2, dressingChangesPerDay: 2, changeFromPrevious: null });
    expect(rows[1]).toMatchObject({ meanPain: 3, meanDrainage: 1, dressingChangesPerDay: 1, changeFromPrevious: -2 });
  });

  it('compares the 4 weeks either side of the dose change', () => {
    expect(changeAroundEvent(days, '2026-04-01', '2026-04-30')).toEqual({
      before: 5,
      after: 3,
      loggedBefore: 28,
      loggedAfter: 28,
    });
  });
});

describe('scenario (b): tofacitinib without an NRS30 response', () => {
  const days = indexDays([
    ...daysFrom('2026-01-25', repeat(6, 7)),
    ...daysFrom('2026-02-01', [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6]),
  ]);
  const phases = buildPhases([eventFactory.start('2026-02-01', 5, 'twice-daily')], '2026-02-14');

  it('never brings the 7-day mean to 4.2 or below', () => {
    const { baseline, rows } = measurePhases(phases, days, []);
    expect(baseline?.value).toBe(6);
    expect(rows[0]?.nrs30).toEqual({ status: 'not-reached' });
    expect(rows[0]?.meanPain).toBe(5.5);
    expect(rows[0]?.phase).toMatchObject({ isOngoing: true, frequency: 'twice-daily' });
  });
});

describe('scenario (c): interruption for an infection, a flare within days, then resume', () => {
  const events = [
    eventFactory.start('2026-01-01', 15),
    eventFactory.interruption('2026-02-01', 'infection'),
    eventFactory.resume('2026-02-10'),
  ];
  const days = indexDays([
    ...daysFrom('2025-12-25', repeat(7, 7)),
    ...daysFrom('2026-01-01', repeat(3, 31)),
    ...daysFrom('2026-02-01', [
      3,
      4,
      { pain: 6, flare: true, regions: ['groin-left'] },
      { pain: 7, flare: true },
      7,
      7,
      7,
      7,
      7,
    ]),
    ...daysFrom('2026-02-10', [6, 5, 4, 3, 3, 3, 3, 3, 3, 3]),
  ]);
  const phases = buildPhases(events, '2026-02-19');
  const { rows } = measurePhases(phases, days, []);

  it('has on, interrupted and resumed phases, the resume keeping the dose', () => {
    expect(rows.map((row) => [row.phase.kind, row.phase.start, row.phase.end, row.phase.dose?.amount])).toEqual([
      ['on', '2026-01-01', '2026-01-31', 15],
      ['interrupted', '2026-02-01', '2026-02-09', 15],
      ['on', '2026-02-10', '2026-02-19', 15],
    ]);
    expect(rows[1]?.phase.reason).toBe('infection');
  });

  it('finds the first flare on day 3 and the NRS30 level lost on day 4 of the interruption', () => {
    // Interruption days only: day 3 mean (3+4+6)/3 = 4.33 ≤ 4.9; day 4 mean (3+4+6+7)/4 = 5 > 4.9.
    expect(rows[1]?.loss).toEqual({ firstFlareDay: 3, nrs30LostDay: 4 });
    expect(rows[1]?.flareEpisodes).toBe(1);
    expect(rows[1]?.flareRatePer30Days).toBeCloseTo((1 / 9) * 30);
  });

  it('recovers NRS30 after the resume, on the first day the 7-day mean is back at or below 4.9', () => {
    // Resume phase: 6, 5, 4 → mean 5 on day 3; 6, 5, 4, 3 → 4.5 on day 4.
    expect(rows[0]?.nrs30).toEqual({ status: 'reached', dayOfPhase: 3, date: '2026-01-03' });
    expect(rows[2]?.nrs30).toEqual({ status: 'reached', dayOfPhase: 4, date: '2026-02-13' });
    expect(rows[2]?.changeFromPrevious).toBeCloseTo(3.6 - 6.11111, 4);
  });
});

describe('scenario (d): gaps in logging', () => {
  const events = [eventFactory.start('2026-06-01', 30)];

  it('says "no baseline" rather than guess from two days', () => {
    const days = indexDays([
      ...daysFrom('2026-05-25', [8, null, null, null, null, null, 8]),
      ...daysFrom('2026-06-01', [2, 2, 2]),
    ]);
    const { baseline, rows } = measurePhases(buildPhases(events, '2026-06-03'), days, []);
    expect(baseline).toEqual({ value: null, loggedDays: 2 });
    expect(rows[0]?.nrs30).toEqual({ status: 'no-baseline' });
    expect(lossOfResponse(days, { start: '2026-06-01', end: '2026-06-03' }, null)).toMatchObject({
      nrs30Unavailable: 'no-baseline',
    });
  });

  it('never counts a missing day as zero pain', () => {
    const days = indexDays([
      ...daysFrom('2026-05-25', repeat(8, 7)),
      ...daysFrom('2026-06-01', [6, null, null, null, null, null, null, 6, null, null, null, null, null, null, 6]),
    ]);
    const { rows } = measurePhases(buildPhases(events, '2026-06-15'), days, []);
    expect(rows[0]).toMatchObject({ meanPain: 6, loggedDays: 3, lengthDays: 15 });
    // Never 3 logged days inside one 7-day window, so no 7-day mean and no NRS30.
    expect(rows[0]?.nrs30).toEqual({ status: 'not-reached' });
  });

  it('leaves the flare rate empty for a phase with nothing logged', () => {
    const days = indexDays(daysFrom('2026-05-25', repeat(8, 7)));
    const { rows } = measurePhases(buildPhases(events, '2026-06-15'), days, []);
    expect(rows[0]).toMatchObject({ meanPain: null, flareRatePer30Days: null, meanDrainage: null, loggedDays: 0 });
  });
});

describe('properties', () => {
  const painOrGap = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 3 });

  it('a missing day never lowers a mean: filling gaps with the lowest logged pain can only lower it', () => {
    fc.assert(
      fc.property(fc.array(painOrGap, { minLength: 7, maxLength: 40 }), (values) => {
        const days = indexDays(daysFrom('2026-01-01', values));
        const logged = values.filter((value): value is number => value !== null);
        fc.pre(logged.length > 0);
        const filled = indexDays(
          daysFrom(
            '2026-01-01',
            values.map((value) => value ?? 0),
          ),
        );
        const end = addDays('2026-01-01', values.length - 1);
        const phase = { start: '2026-01-01', end };
        const real = measurePhases(buildPhases([eventFactory.start('2026-01-01', 15)], end), days, []).rows[0];
        const zeros = measurePhases(buildPhases([eventFactory.start('2026-01-01', 15)], end), filled, []).rows[0];
        expect(real?.meanPain).toBeCloseTo(logged.reduce((sum, value) => sum + value, 0) / logged.length);
        expect((zeros?.meanPain ?? 0) <= (real?.meanPain ?? 0) + 1e-9).toBe(true);
        expect(nrs30Response(days, phase, 8)).toEqual(nrs30Response(indexDays([...days.values()].reverse()), phase, 8));
      }),
    );
  });

  it('the sliding 7-day window gives the definition’s mean on every day of a phase', () => {
    fc.assert(
      fc.property(fc.array(painOrGap, { minLength: 1, maxLength: 60 }), fc.nat(10), (values, startOffset) => {
        const days = indexDays(daysFrom('2026-01-01', values));
        const phase = { start: addDays('2026-01-01', startOffset), end: addDays('2026-01-01', values.length + 5) };
        const expected: (number | null)[] = [];
        for (let date = phase.start; date <= phase.end; date = addDays(date, 1)) {
          expected.push(sevenDayMean(days, phase.start, date));
        }
        const actual = trailingMeans(days, phase);
        expect(actual).toHaveLength(expected.length);
        actual.forEach((value, index) => {
          if (expected[index] === null) expect(value).toBeNull();
          else expect(value).toBeCloseTo(expected[index] as number, 10);
        });
      }),
    );
  });
});

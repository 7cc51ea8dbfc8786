/**
 * Diaries shaped like the case series' patients (docs/measures.md), each checked against figures worked out
 * by hand from the definitions, and against what a dermatologist saw wrong in version 1.
 */
import { describe, expect, it } from 'vitest';
import { daysFrom, eventFactory, repeat } from '../../../tests/factories/regimen-factory';
import { indexDays, measurePhases } from './measures';
import { buildPhases } from './phases';

describe('15 mg with residual drainage, raised to 30 mg, drainage resolves', () => {
  const start = eventFactory.start('2026-03-01', 15);
  const raise = eventFactory.doseChange('2026-04-01', 30);
  const days = indexDays([
    ...daysFrom('2026-02-22', repeat({ pain: 7, drainage: 3, dressingChanges: 3 }, 7)),
    ...daysFrom('2026-03-01', repeat({ pain: 4, drainage: 2, dressingChanges: 2 }, 31)),
    ...daysFrom('2026-04-01', [
      ...repeat({ pain: 3, drainage: 1, dressingChanges: 1 }, 6),
      ...repeat({ pain: 2, drainage: 0, dressingChanges: 0 }, 24),
    ]),
  ]);
  const { baseline, rows } = measurePhases(buildPhases([raise, start], '2026-04-30'), days, []);
  const [low, high] = rows;

  it('has a baseline of 7 and ends the ongoing 30 mg phase on its last logged day', () => {
    expect(baseline).toEqual({ value: 7, loggedDays: 7 });
    expect(high?.phase).toMatchObject({ start: '2026-04-01', end: '2026-04-30', isOngoing: true });
    expect(high).toMatchObject({ lengthDays: 30, loggedDays: 30 });
    // On 1 May, before the check-in, the phase still ends on 30 April.
    const notYet = measurePhases(buildPhases([raise, start], '2026-05-01'), days, []).rows[1];
    expect(notYet).toMatchObject({ lengthDays: 30, loggedDays: 30 });
  });

  it('credits 15 mg with its own response on day 7, and calls 30 mg a continued response', () => {
    expect(low?.response).toEqual({
      nrs30: { status: 'reached', dayOfPhase: 7, date: '2026-03-07' },
      endedInResponse: true,
      weeks: { counted: 4, inResponse: 4 },
    });
    // Version 1 said "reached on day 3" for 30 mg, from the 15 mg days carried over.
    expect(high?.response?.nrs30).toEqual({ status: 'continued' });
    expect(high?.response?.weeks).toEqual({ counted: 4, inResponse: 4 });
  });

  it('shows the drainage that 15 mg left and 30 mg controlled', () => {
    expect(low?.drainage).toEqual({ mean: 2, daysShare: 1, drainageDays: 31, heavyDays: 0, dressingChangesPerDay: 2 });
    expect(high?.drainage).toEqual({
      mean: 0.2,
      daysShare: 0.2,
      drainageDays: 6,
      heavyDays: 0,
      dressingChangesPerDay: 0.2,
    });
  });

  it('puts the change in pain into words from the same figures as the table', () => {
    expect(high?.meanPain).toBeCloseTo((3 * 6 + 2 * 24) / 30);
    expect(high?.changeFromPrevious).toBeCloseTo(2.2 - 4);
    expect(high?.changeInWords).toBe('fell');
  });
});

describe('tofacitinib without a response', () => {
  const days = indexDays([
    ...daysFrom('2026-01-25', repeat(7, 7)),
    ...daysFrom('2026-02-01', repeat(7, 30)),
    ...daysFrom('2026-03-03', [6, 6, 6, 6, 6, 6, 7, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6]),
  ]);
  const events = [eventFactory.start('2026-02-01', 5, 'twice-daily'), eventFactory.doseChange('2026-03-03', 10)];
  const { rows } = measurePhases(buildPhases(events, '2026-03-30'), days, []);

  it('never reaches NRS30 (level 4.9) and never ends in response', () => {
    expect(rows.map((row) => row.response?.nrs30.status)).toEqual(['not-reached', 'not-reached']);
    expect(rows.map((row) => row.response?.weeks?.inResponse)).toEqual([0, 0]);
    expect(rows[1]?.response?.endedInResponse).toBe(false);
  });

  it('calls a fall of less than a point "changed little", not "fell"', () => {
    expect(rows[1]?.changeFromPrevious).toBeCloseTo(6.0357 - 7, 3);
    expect(rows[1]?.changeInWords).toBe('changed-little');
  });
});

describe('interruption for an infection, a flare on day 4, then resume', () => {
  const events = [
    eventFactory.start('2026-01-01', 15),
    eventFactory.interruption('2026-02-01', 'infection'),
    eventFactory.resume('2026-02-05'),
  ];
  const days = indexDays([
    ...daysFrom('2025-12-25', repeat(7, 7)),
    ...daysFrom('2026-01-01', repeat(3, 31)),
    ...daysFrom('2026-02-01', [3, 5, 6, { pain: 8, flare: true, drainage: 3, interventions: ['lesion-drained'] }]),
    ...daysFrom('2026-02-05', [{ pain: 7, flare: true }, { pain: 6, flare: true }, ...repeat(3, 40)]),
  ]);
  const { rows } = measurePhases(buildPhases(events, '2026-03-17'), days, []);
  const [before, pause, resumed] = rows;

  it('puts the flare and the return of pain under the interruption, never an NRS30 result', () => {
    expect(pause?.phase).toMatchObject({ kind: 'interrupted', reason: 'infection' });
    expect(pause?.response).toBeUndefined();
    // 3-day means: day 2 4, day 3 4.67, day 4 6.33 > 4.9 (version 1 said "NRS30 level kept").
    expect(pause?.afterInterruption).toEqual({ firstFlareDay: 4, pain: { status: 'back-above', dayOfPhase: 4 } });
  });

  it('counts the flare once, in the interruption where it began, with no rate for 4 days', () => {
    expect(pause?.flares).toEqual({ episodes: 1, ratePer30Days: null, wasRunningAtStart: false, flareDays: 1 });
    expect(resumed?.flares).toMatchObject({ episodes: 0, wasRunningAtStart: true, flareDays: 2 });
    expect(pause).toMatchObject({ loggedDays: 4, fewDays: true, changeInWords: null });
  });

  it('does not continue a response across the interruption', () => {
    expect(before?.response?.endedInResponse).toBe(true);
    expect(resumed?.response?.nrs30).toEqual({ status: 'reached', dayOfPhase: 7, date: '2026-02-11' });
  });
});

describe('slow responder reaching NRS30 in week 3-4', () => {
  const pains = [...repeat(8, 14), 7, 7, 6, 6, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, ...repeat(4, 28)];
  const days = indexDays([...daysFrom('2026-05-25', repeat(8, 7)), ...daysFrom('2026-06-01', pains)]);
  const { rows } = measurePhases(buildPhases([eventFactory.start('2026-06-01', 15)], '2026-07-27'), days, []);

  it('reaches NRS30 (level 5.6) on day 22, in the fourth week', () => {
    // Day 20: 8, 7, 7, 6, 6, 5, 5 = 6.29; day 21: 7, 7, 6, 6, 5, 5, 4 = 5.71; day 22: 7, 6, 6, 5, 5, 4, 4 = 5.29.
    expect(rows[0]?.response?.nrs30).toEqual({ status: 'reached', dayOfPhase: 22, date: '2026-06-22' });
    expect(rows[0]?.response?.weeks).toEqual({ counted: 8, inResponse: 5 });
    expect(rows[0]?.response?.endedInResponse).toBe(true);
  });
});

describe('gaps in logging', () => {
  const events = [eventFactory.start('2026-06-01', 30)];

  it('says "no baseline" rather than guess from three days', () => {
    const days = indexDays([
      ...daysFrom('2026-05-25', [8, null, null, 8, null, null, 8]),
      ...daysFrom('2026-06-01', repeat(2, 10)),
    ]);
    const { baseline, rows } = measurePhases(buildPhases(events, '2026-06-10'), days, []);
    expect(baseline).toEqual({ value: null, loggedDays: 3 });
    expect(rows[0]?.response?.nrs30).toEqual({ status: 'no-baseline' });
  });

  it('needs 4 logged days in a week: a sparse diary is "not reached", its mean flagged "few days"', () => {
    const days = indexDays([
      ...daysFrom('2026-05-25', repeat(8, 7)),
      ...daysFrom('2026-06-01', [2, null, null, 2, null, null, 2, null, null, 2, null, null, 2, null]),
    ]);
    const { rows } = measurePhases(buildPhases(events, '2026-06-14'), days, []);
    expect(rows[0]).toMatchObject({ meanPain: 2, loggedDays: 5, lengthDays: 13, fewDays: true });
    expect(rows[0]?.response).toEqual({
      nrs30: { status: 'not-reached' },
      endedInResponse: null,
      weeks: { counted: 0, inResponse: 0 },
    });
  });

  it('leaves every mean and the flare rate empty for a phase with nothing logged', () => {
    const days = indexDays(daysFrom('2026-05-25', repeat(8, 7)));
    const { rows } = measurePhases(buildPhases(events, '2026-07-15'), days, []);
    expect(rows[0]).toMatchObject({ meanPain: null, loggedDays: 0, fewDays: true });
    expect(rows[0]?.flares.ratePer30Days).toBeNull();
    expect(rows[0]?.drainage.mean).toBeNull();
  });
});

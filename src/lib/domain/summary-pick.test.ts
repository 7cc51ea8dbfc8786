import { describe, expect, it } from 'vitest';
import { daysFrom, eventFactory } from '../../../tests/factories/regimen-factory';
import { records, TODAY } from '../../../tests/factories/summary-records';
import { buildSummarySource, weeklyFromDays } from './summary-pick';
import { summarySourceSchema } from './summary-source';
import type { Visit } from './visit';

describe('buildSummarySource', () => {
  it('picks the days, phases, baseline, adherence and visit of the range', () => {
    const visit: Visit = {
      id: 'v1',
      date: '2026-05-01',
      ihs4: 12,
      hurley: 'II',
      notes: 'x',
      questions: 'Can I swim?',
      nextVisit: '2026-08-01',
    };
    const source = buildSummarySource(records({ visits: [visit] }), { from: '2026-05-01', to: TODAY }, TODAY, 'daily');
    expect(summarySourceSchema.safeParse(source).success).toBe(true);
    expect(source.days).toHaveLength(61);
    expect(source.days[0]?.date).toBe('2026-05-01');
    const [medication] = source.medications;
    // The baseline lies before the range: it comes from the whole diary.
    expect(medication?.baselineX100).toBe(700);
    expect(medication?.color).toBe('#1f77b4');
    expect(medication?.events.map((event) => event.kind)).toEqual(['start', 'interruption', 'resume']);
    expect(medication?.adherence).toEqual([{ phaseStart: '2026-06-10', taken: 2, scheduled: 3 }]);
    expect(source.lastVisit).toEqual({ date: '2026-05-01', ihs4: 12, hurley: 'II' });
    expect(source.nextVisit).toBe('2026-08-01');
    expect(source.questions).toBe('Can I swim?');
  });

  it('leaves out a medication stopped before the range, and events after it', () => {
    const stopped = buildSummarySource(
      records({
        events: [eventFactory.start('2026-01-01', 10), eventFactory.stop('2026-02-01')].map((event) => ({
          ...event,
          medicationId: 'upa',
        })),
      }),
      { from: '2026-04-01', to: TODAY },
      TODAY,
      'daily',
    );
    expect(stopped.medications).toEqual([]);
    const early = buildSummarySource(records(), { from: '2026-04-01', to: '2026-05-15' }, TODAY, 'daily');
    expect(early.medications[0]?.events.map((event) => event.date)).toEqual(['2026-04-01']);
  });

  it('gives weekly values on request', () => {
    const source = buildSummarySource(records(), { from: '2026-04-01', to: TODAY }, TODAY, 'weekly');
    expect(source.days).toEqual([]);
    expect(source.weeks).toHaveLength(13);
    expect(source.weeks[0]).toEqual({
      start: '2026-04-01',
      meanPainX10: 40,
      meanDrainageX10: 10,
      flareDays: 0,
      loggedDays: 7,
      drainageDays: 7,
      heavyDrainageDays: 0,
    });
    expect(summarySourceSchema.safeParse(source).success).toBe(true);
  });
});

describe('weeklyFromDays', () => {
  it('takes means of logged days only, in 7-day blocks from the first day', () => {
    const days = daysFrom('2026-01-01', [2, null, 4, null, null, null, null, 9]).map((day) => ({
      ...day,
      flare: day.pain > 5,
      drainage: day.pain > 5 ? 3 : day.pain > 3 ? 1 : 0,
    }));
    expect(weeklyFromDays(days, { from: '2026-01-01', to: '2026-01-09' })).toEqual([
      {
        start: '2026-01-01',
        meanPainX10: 30,
        meanDrainageX10: 5,
        flareDays: 0,
        loggedDays: 2,
        drainageDays: 1,
        heavyDrainageDays: 0,
      },
      {
        start: '2026-01-08',
        meanPainX10: 90,
        meanDrainageX10: 30,
        flareDays: 1,
        loggedDays: 1,
        drainageDays: 1,
        heavyDrainageDays: 1,
      },
    ]);
  });
});

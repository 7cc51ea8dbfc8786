/** Tests of calendar-plan.ts: which recurring events the next .ics file holds, and how it replaces the last. */
import { describe, expect, it } from 'vitest';
import { dosePlan } from '../../../tests/factories/dose-plan-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { calendarDrafts, diaryCalendarDraft, doseCalendarDrafts, planCalendar, utcStamp } from './calendar-plan';
import type { RegimenEvent, Reminder } from './medication';
import type { DosePlan } from './schedule';

const LONDON = 'Europe/London';
const TODAY = '2026-11-26';

const plan = (events: RegimenEvent[], today = TODAY, reminder?: Partial<Reminder>): DosePlan =>
  dosePlan(events, today, reminder);

function weekly(date: string, frequency: RegimenEvent['frequency'] = 'weekly'): RegimenEvent {
  return eventFactory.build({ date, kind: 'start', dose: { amount: 40, unit: 'mg' }, frequency });
}

describe('calendar drafts', () => {
  it('gives a medication one recurring event per dose time of its current regimen, with stable uids', () => {
    const twice = plan([eventFactory.start('2026-07-01', 5, 'twice-daily')], '2026-07-03');
    expect(doseCalendarDrafts(twice, 'Take it')).toEqual([
      { uid: 'med-1-0800@hs-diary', start: '2026-07-01T08:00', intervalDays: 1, summary: 'Take it' },
      { uid: 'med-1-2000@hs-diary', start: '2026-07-01T20:00', intervalDays: 1, summary: 'Take it' },
    ]);
    const injection = plan([
      weekly('2026-03-02', 'every-2-weeks'),
      eventFactory.interruption('2026-03-20'),
      eventFactory.resume('2026-03-26'),
    ]);
    expect(doseCalendarDrafts(injection, 'Inject')).toEqual([
      { uid: 'med-1-0800@hs-diary', start: '2026-03-26T08:00', intervalDays: 14, summary: 'Inject' },
    ]);
  });

  it('has no event while a medication is interrupted or stopped, or taken as needed', () => {
    expect(
      doseCalendarDrafts(plan([eventFactory.start('2026-07-01', 5), eventFactory.interruption('2026-07-02')]), 'x'),
    ).toEqual([]);
    expect(
      doseCalendarDrafts(plan([eventFactory.start('2026-07-01', 5), eventFactory.stop('2026-07-02')]), 'x'),
    ).toEqual([]);
    expect(doseCalendarDrafts(plan([eventFactory.start('2026-07-01', 5, 'as-needed')]), 'x')).toEqual([]);
  });
});

describe('the diary and all reminders together', () => {
  it('adds the diary at its time from today, unless it is switched off', () => {
    const diary: Reminder = { id: 'diary', kind: 'diary', times: ['21:30'], days: [], enabled: true };
    expect(diaryCalendarDraft(diary, '2026-07-03', 'Diary')).toEqual([
      { uid: 'diary@hs-diary', start: '2026-07-03T21:30', intervalDays: 1, summary: 'Diary' },
    ]);
    expect(diaryCalendarDraft({ ...diary, enabled: false }, '2026-07-03', 'Diary')).toEqual([]);
  });

  it('words each medication by its current phase, then the diary', () => {
    const daily = plan([eventFactory.start('2026-07-01', 5)], '2026-07-03');
    const drafts = calendarDrafts([daily], undefined, '2026-07-03', {
      dose: (each, current) => `${each.medicationId} ${current.dose?.amount ?? ''}`,
      diary: 'Diary',
    });
    expect(drafts.map((draft) => [draft.uid, draft.summary])).toEqual([
      ['med-1-0800@hs-diary', 'med-1 5'],
      ['diary@hs-diary', 'Diary'],
    ]);
  });
});

describe('replacing the last file', () => {
  const draft = { uid: 'a@hs-diary', start: '2026-03-01T08:00', intervalDays: 1, summary: 'Take it' };

  it('keeps SEQUENCE while nothing changed and raises it when the words change', () => {
    const first = planCalendar([draft], {}, '2026-03-01', LONDON);
    expect(first.events).toEqual([{ ...draft, sequence: 0 }]);
    expect(planCalendar([draft], first.next, '2026-03-05', LONDON).events[0]?.sequence).toBe(0);
    expect(planCalendar([{ ...draft, summary: 'Take 2' }], first.next, '2026-03-05', LONDON).events[0]?.sequence).toBe(
      1,
    );
  });

  it('ends an event that no longer applies at the end of yesterday, once', () => {
    const first = planCalendar([draft], {}, '2026-03-01', LONDON);
    const ended = planCalendar([], first.next, '2026-07-10', LONDON);
    // Midnight of 10 July in London is 23:00 UTC the day before.
    expect(ended.events).toEqual([{ ...draft, sequence: 1, until: '20260709T225959Z' }]);
    expect(planCalendar([], ended.next, '2026-07-12', LONDON).events).toEqual(ended.events);
    expect(utcStamp(Date.parse('2026-07-09T22:59:59Z'))).toBe('20260709T225959Z');
  });
});

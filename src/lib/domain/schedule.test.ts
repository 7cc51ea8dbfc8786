import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dosePlan } from '../../../tests/factories/dose-plan-factory';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { addDays, dateRange } from './dates';
import type { DoseLog, RegimenEvent, Reminder } from './medication';
import { buildPhases, phaseOn } from './phases';
import { EMPTY_REMINDER_STATE } from './reminder-state';
import {
  cycleAnchors,
  doseLogId,
  dosePlans,
  findDoses,
  doseTimes,
  isDiaryReminderDue,
  isTakenLate,
  scheduledDoses,
  weekdayOf,
  type DoseContext,
  type DosePlan,
  type DoseQuery,
} from './schedule';
import { instantOf } from './zoned-time';

// vitest runs with TZ=Europe/London (vite.config.ts); the zone is also passed explicitly, as the app does.
const LONDON = 'Europe/London';
const TODAY = '2026-11-26';

const plan = (events: RegimenEvent[], today = TODAY, reminder?: Partial<Reminder>): DosePlan =>
  dosePlan(events, today, reminder);

const times = (doses: { scheduledFor: string }[]) => doses.map((dose) => dose.scheduledFor);
const utc = (iso: string) => Date.parse(iso);

function log(scheduledFor: string, status: DoseLog['status'], at: number, medicationId = 'med-1'): DoseLog {
  return { id: doseLogId(medicationId, scheduledFor), medicationId, scheduledFor, status, at };
}

/** Ask the schedule as the app does, in London. */
function ask(
  query: DoseQuery,
  plans: DoseContext['plans'],
  logs: DoseContext['logs'],
  state: DoseContext['state'],
  today: string,
  nowMs = utc(`${today}T12:00:00Z`),
) {
  return findDoses(query, { plans, logs, state, today, nowMs, timeZone: LONDON });
}

function weekly(date: string, frequency: RegimenEvent['frequency'] = 'weekly'): RegimenEvent {
  return eventFactory.build({ date, kind: 'start', dose: { amount: 40, unit: 'mg' }, frequency });
}

describe('dose plans', () => {
  it('gives each medication the phases of its own events and its own reminder row', () => {
    const reminder: Reminder = {
      id: 'dose:med-2',
      kind: 'dose',
      medicationId: 'med-2',
      times: [],
      days: [],
      enabled: false,
    };
    const plans = dosePlans(
      {
        medications: [{ id: 'med-1' }, { id: 'med-2' }],
        events: [
          eventFactory.start('2026-07-01', 15),
          { ...eventFactory.start('2026-07-02', 5), medicationId: 'med-2' },
        ],
        reminders: [reminder],
      },
      '2026-07-03',
    );
    expect(plans.map((each) => [each.medicationId, each.phases.map((phase) => phase.start), each.reminder])).toEqual([
      ['med-1', ['2026-07-01'], undefined],
      ['med-2', ['2026-07-02'], reminder],
    ]);
  });
});

describe('dose times from the regimen', () => {
  it('gives once daily 08:00 and twice daily 08:00 and 20:00 by default', () => {
    expect(times(scheduledDoses(plan([eventFactory.start('2026-03-02', 15)]), '2026-03-01', '2026-03-04'))).toEqual([
      '2026-03-02T08:00',
      '2026-03-03T08:00',
      '2026-03-04T08:00',
    ]);
    const twice = plan([eventFactory.start('2026-03-02', 5, 'twice-daily')]);
    expect(times(scheduledDoses(twice, '2026-03-02', '2026-03-03'))).toEqual([
      '2026-03-02T08:00',
      '2026-03-02T20:00',
      '2026-03-03T08:00',
      '2026-03-03T20:00',
    ]);
  });

  it('uses the times the patient chose while their number fits the regimen', () => {
    expect(doseTimes('once-daily', { times: ['09:30'] })).toEqual(['09:30']);
    expect(doseTimes('twice-daily', { times: ['21:00', '07:15', 'nonsense'] })).toEqual(['07:15', '21:00']);
    // Switched from once to twice daily: one chosen time cannot say when the second dose is.
    expect(doseTimes('twice-daily', { times: ['09:30'] })).toEqual(['08:00', '20:00']);
    expect(doseTimes('as-needed', { times: ['09:30'] })).toEqual([]);
  });

  it('has no doses for "as needed" and "other", and none when the reminder is switched off', () => {
    expect(
      scheduledDoses(plan([eventFactory.start('2026-03-02', 1, 'as-needed')]), '2026-03-01', '2026-03-09'),
    ).toEqual([]);
    expect(scheduledDoses(plan([eventFactory.start('2026-03-02', 1, 'other')]), '2026-03-01', '2026-03-09')).toEqual(
      [],
    );
    const off = plan([eventFactory.start('2026-03-02', 15)], TODAY, { enabled: false });
    expect(scheduledDoses(off, '2026-03-01', '2026-03-09')).toEqual([]);
  });

  it('keeps the ongoing regimen going past today, so tomorrow can be asked for', () => {
    const doses = scheduledDoses(
      plan([eventFactory.start('2026-03-02', 15)], '2026-03-03'),
      '2026-03-04',
      '2026-03-05',
    );
    expect(times(doses)).toEqual(['2026-03-04T08:00', '2026-03-05T08:00']);
  });

  it('names each dose by a stable log id', () => {
    const [dose] = scheduledDoses(plan([eventFactory.start('2026-03-02', 15)]), '2026-03-02', '2026-03-02');
    expect(dose?.id).toBe('med-1@2026-03-02T08:00');
    expect(doseLogId('x'.repeat(64), '2026-03-02T08:00')).toHaveLength(64);
  });
});

describe('weekly and every-N-weeks cycles', () => {
  it('falls on the weekday of the start by default, or on the weekday the patient chose', () => {
    // 2026-03-02 is a Monday.
    expect(weekdayOf('2026-03-02')).toBe(1);
    const doses = scheduledDoses(plan([weekly('2026-03-02')]), '2026-03-01', '2026-03-20');
    expect(times(doses)).toEqual(['2026-03-02T08:00', '2026-03-09T08:00', '2026-03-16T08:00']);
    const thursday = scheduledDoses(plan([weekly('2026-03-02')], TODAY, { days: [4] }), '2026-03-01', '2026-03-20');
    expect(times(thursday)).toEqual(['2026-03-05T08:00', '2026-03-12T08:00', '2026-03-19T08:00']);
  });

  it('anchors every 2 weeks on the start, restarts the cycle on resume, and keeps it through a same-frequency dose change', () => {
    const events = [
      weekly('2026-03-02', 'every-2-weeks'),
      eventFactory.interruption('2026-03-20'),
      eventFactory.resume('2026-03-26'), // a Thursday
      eventFactory.doseChange('2026-04-01', 80), // same frequency: the cycle goes on from 26 Mar
    ];
    const doses = scheduledDoses(plan(events), '2026-03-01', '2026-04-30');
    expect(times(doses)).toEqual([
      '2026-03-02T08:00',
      '2026-03-16T08:00',
      // 30 Mar would have been next; interrupted. The first injection after the break is on the resume day.
      '2026-03-26T08:00',
      '2026-04-09T08:00',
      '2026-04-23T08:00',
    ]);
    expect([...cycleAnchors(buildPhases(events, TODAY)).values()]).toEqual(['2026-03-02', '2026-03-26', '2026-03-26']);
  });

  it('starts a new cycle when a dose change changes the frequency', () => {
    const events = [
      weekly('2026-03-02', 'every-4-weeks'),
      eventFactory.build({
        date: '2026-04-14',
        kind: 'dose-change',
        dose: { amount: 40, unit: 'mg' },
        frequency: 'weekly',
      }),
    ];
    expect(times(scheduledDoses(plan(events), '2026-03-01', '2026-04-28'))).toEqual([
      '2026-03-02T08:00',
      '2026-03-30T08:00',
      '2026-04-14T08:00',
      '2026-04-21T08:00',
      '2026-04-28T08:00',
    ]);
  });

  it('moves an every-2-weeks cycle to the chosen weekday on or after its anchor', () => {
    const doses = scheduledDoses(
      plan([weekly('2026-03-02', 'every-2-weeks')], TODAY, { days: [3] }),
      '2026-03-01',
      '2026-04-01',
    );
    expect(times(doses)).toEqual(['2026-03-04T08:00', '2026-03-18T08:00', '2026-04-01T08:00']);
  });
});

describe('interruptions, resumes and stops', () => {
  it('pauses on an interruption, restarts on resume and ends on a stop', () => {
    const events = [
      eventFactory.start('2026-03-01', 15),
      eventFactory.interruption('2026-03-03'),
      eventFactory.resume('2026-03-05'),
      eventFactory.stop('2026-03-07'),
    ];
    expect(times(scheduledDoses(plan(events), '2026-03-01', '2026-03-10'))).toEqual([
      '2026-03-01T08:00',
      '2026-03-02T08:00',
      '2026-03-05T08:00',
      '2026-03-06T08:00',
    ]);
  });

  it('never puts a dose on a day that is not an "on" day, and puts every dose time on every "on" day', () => {
    const kinds = ['dose-change', 'interruption', 'resume', 'stop', 'start'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...kinds)), { maxLength: 8 }),
        fc.constantFrom('once-daily', 'twice-daily') satisfies fc.Arbitrary<RegimenEvent['frequency']>,
        (steps, frequency) => {
          let date = '2026-01-05';
          const events: RegimenEvent[] = [eventFactory.start(date, 15, frequency)];
          for (const [gap, kind] of steps) {
            date = addDays(date, gap);
            events.push(
              kind === 'interruption' || kind === 'stop'
                ? eventFactory.build({ date, kind, reason: 'infection' })
                : eventFactory.build({ date, kind, dose: { amount: 15, unit: 'mg' } }),
            );
          }
          const today = addDays(date, 3);
          const built = plan(events, today);
          const doses = scheduledDoses(built, '2026-01-01', today);
          const perDay = frequency === 'twice-daily' ? 2 : 1;
          for (const day of dateRange('2026-01-01', today)) {
            const isOn = phaseOn(built.phases, day)?.kind === 'on';
            expect(doses.filter((dose) => dose.date === day)).toHaveLength(isOn ? perDay : 0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a regimen changed in the middle of a day', () => {
  const events = [
    eventFactory.start('2026-03-01', 15),
    eventFactory.build({
      date: '2026-03-05',
      kind: 'dose-change',
      dose: { amount: 30, unit: 'mg' },
      frequency: 'twice-daily',
    }),
  ];

  it('applies the new regimen to the whole day of the change', () => {
    const doses = scheduledDoses(plan(events, '2026-03-05'), '2026-03-04', '2026-03-05');
    expect(doses.map((dose) => [dose.scheduledFor, dose.phase.dose?.amount])).toEqual([
      ['2026-03-04T08:00', 15],
      ['2026-03-05T08:00', 30],
      ['2026-03-05T20:00', 30],
    ]);
  });

  it('keeps the 08:00 dose logged before the change (same id), now part of the new phase', () => {
    const taken = log('2026-03-05T08:00', 'taken', utc('2026-03-05T08:05:00Z'));
    const day = ask(
      'today',
      [plan(events, '2026-03-05')],
      [taken],
      EMPTY_REMINDER_STATE,
      '2026-03-05',
      utc('2026-03-05T12:00:00Z'),
    );
    expect(day.map((dose) => [dose.time, dose.state, dose.phase.startedBy])).toEqual([
      ['08:00', 'taken', 'dose-change'],
      ['20:00', 'upcoming', 'dose-change'],
    ]);
  });

  it('drops the day’s doses when an interruption is recorded for it', () => {
    const paused = [eventFactory.start('2026-03-01', 15), eventFactory.interruption('2026-03-05')];
    expect(scheduledDoses(plan(paused, '2026-03-05'), '2026-03-05', '2026-03-05')).toEqual([]);
  });
});

describe('daylight saving', () => {
  it('keeps a daily 08:00 dose at 08:00 on the wall clock across the March change in London', () => {
    const doses = scheduledDoses(plan([eventFactory.start('2026-03-01', 15)]), '2026-03-28', '2026-03-30');
    const instants = doses.map((dose) => instantOf(dose.scheduledFor, LONDON));
    expect(instants[1]! - instants[0]!).toBe(23 * 3_600_000);
    expect(instants[2]! - instants[1]!).toBe(24 * 3_600_000);
  });
});

describe('late, due and missed doses', () => {
  it('calls a dose late when taken more than 2 hours after it was due, across a clock change too', () => {
    expect(isTakenLate(log('2026-07-01T08:00', 'taken', utc('2026-07-01T08:59:00Z')), LONDON)).toBe(false);
    expect(isTakenLate(log('2026-07-01T08:00', 'taken', utc('2026-07-01T09:01:00Z')), LONDON)).toBe(true);
    // 08:00 on 29 Mar is 07:00 UTC: taken at 09:30 UTC is 2.5 hours later.
    expect(isTakenLate(log('2026-03-29T08:00', 'taken', utc('2026-03-29T09:30:00Z')), LONDON)).toBe(true);
    expect(isTakenLate(log('2026-07-01T08:00', 'skipped', utc('2026-07-02T09:01:00Z')), LONDON)).toBe(false);
  });

  it('gives each of today’s doses its state', () => {
    const twice = plan([eventFactory.start('2026-07-01', 5, 'twice-daily')], '2026-07-03');
    const now = utc('2026-07-03T09:00:00Z'); // 10:00 in London
    expect(ask('today', [twice], [], EMPTY_REMINDER_STATE, '2026-07-03', now).map((dose) => dose.state)).toEqual([
      'due',
      'upcoming',
    ]);
    const snoozed = { notifiedAt: {}, snoozedUntil: { 'med-1@2026-07-03T08:00': now + 60_000 } };
    expect(ask('today', [twice], [], snoozed, '2026-07-03', now)[0]?.state).toBe('snoozed');
    const late = log('2026-07-03T08:00', 'taken', now + 60_000);
    expect(ask('today', [twice], [late], EMPTY_REMINDER_STATE, '2026-07-03', now)[0]).toMatchObject({
      state: 'taken',
      isLate: true,
    });
  });

  it('lists the last week’s doses with nothing logged, and no more', () => {
    const daily = plan([eventFactory.start('2026-06-01', 15)], '2026-07-03');
    const logs = [log('2026-07-01T08:00', 'taken', 0), log('2026-06-30T08:00', 'skipped', 0)];
    const tracked = { ...EMPTY_REMINDER_STATE, trackedSince: { 'med-1': utc('2026-06-01T00:00:00Z') } };
    expect(times(ask('missed', [daily], logs, tracked, '2026-07-03'))).toEqual([
      '2026-06-26T08:00',
      '2026-06-27T08:00',
      '2026-06-28T08:00',
      '2026-06-29T08:00',
      '2026-07-02T08:00',
    ]);
  });

  it('notifies doses due in the last 12 hours that nobody logged; the background check looks back a day', () => {
    const twice = plan([eventFactory.start('2026-07-01', 5, 'twice-daily')], '2026-07-03');
    const now = utc('2026-07-03T07:30:00Z'); // 08:30 in London: last night's 20:00 dose is 12.5 hours old
    const logs = [log('2026-07-02T08:00', 'taken', 0)];
    const tracked = { ...EMPTY_REMINDER_STATE, trackedSince: { 'med-1': utc('2026-07-01T00:00:00Z') } };
    expect(times(ask('to-notify', [twice], logs, tracked, '2026-07-03', now))).toEqual(['2026-07-03T08:00']);
    expect(times(ask('unlogged', [twice], logs, tracked, '2026-07-03', now))).toEqual([
      '2026-07-02T20:00',
      '2026-07-03T08:00',
    ]);
  });
});

describe('doses due before the app followed the medication', () => {
  // Upadacitinib taken since June, added to the app on 3 July at 10:00 (09:00 UTC).
  const daily = plan([eventFactory.start('2026-06-01', 15)], '2026-07-05');
  const added = { ...EMPTY_REMINDER_STATE, trackedSince: { 'med-1': utc('2026-07-03T09:00:00Z') } };

  it('are never called missed, nor announced', () => {
    expect(times(ask('missed', [daily], [], added, '2026-07-05'))).toEqual(['2026-07-04T08:00']);
    expect(ask('missed', [daily], [], EMPTY_REMINDER_STATE, '2026-07-05')).toEqual([]);
    const justAdded = utc('2026-07-03T09:00:00Z');
    expect(ask('to-notify', [daily], [], added, '2026-07-03', justAdded)).toEqual([]);
    expect(ask('unlogged', [daily], [], added, '2026-07-03', justAdded)).toEqual([]);
  });

  it('still show on Today as due, so today’s dose can be logged', () => {
    const today = ask('today', [daily], [], added, '2026-07-03', utc('2026-07-03T09:00:00Z'));
    expect(today.map((dose) => dose.state)).toEqual(['due']);
  });
});

describe('the diary reminder', () => {
  const now = utc('2026-07-03T19:05:00Z'); // 20:05 in London

  it('is due after 20:00 by default when today is not logged, once', () => {
    expect(isDiaryReminderDue(undefined, false, EMPTY_REMINDER_STATE, '2026-07-03', now, LONDON)).toBe(true);
    expect(isDiaryReminderDue(undefined, true, EMPTY_REMINDER_STATE, '2026-07-03', now, LONDON)).toBe(false);
    const shown = { notifiedAt: { 'diary@2026-07-03': now - 1 }, snoozedUntil: {} };
    expect(isDiaryReminderDue(undefined, false, shown, '2026-07-03', now, LONDON)).toBe(false);
  });

  it('follows the chosen time and can be switched off', () => {
    const reminder: Reminder = { id: 'diary', kind: 'diary', times: ['21:30'], days: [], enabled: true };
    expect(isDiaryReminderDue(reminder, false, EMPTY_REMINDER_STATE, '2026-07-03', now, LONDON)).toBe(false);
    const off = { ...reminder, enabled: false };
    expect(isDiaryReminderDue(off, false, EMPTY_REMINDER_STATE, '2026-07-03', now + 86_400_000, LONDON)).toBe(false);
  });
});

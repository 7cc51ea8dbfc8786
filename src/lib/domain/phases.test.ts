import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { addDays, daysBetween } from './dates';
import type { RegimenEvent } from './medication';
import { buildPhases, phaseLengthDays, phaseOn } from './phases';
import { checkRegimenChange, checkRegimenHistory } from './regimen';

const TODAY = '2026-11-26';

describe('checkRegimenHistory', () => {
  it('accepts a possible history', () => {
    const events = [
      eventFactory.start('2026-01-01', 15),
      eventFactory.doseChange('2026-02-01', 30),
      eventFactory.interruption('2026-03-01'),
      eventFactory.resume('2026-03-10'),
      eventFactory.stop('2026-05-01'),
      eventFactory.start('2026-07-01', 15),
    ];
    expect(checkRegimenHistory(events, TODAY)).toEqual([]);
  });

  it.each([
    [
      'a dose change before the start',
      [eventFactory.doseChange('2026-01-01', 30), eventFactory.start('2026-02-01', 15)],
      'before-start',
    ],
    [
      'a resume without an interruption',
      [eventFactory.start('2026-01-01', 15), eventFactory.resume('2026-02-01')],
      'resume-without-interruption',
    ],
    [
      'an event after a stop',
      [
        eventFactory.start('2026-01-01', 15),
        eventFactory.stop('2026-02-01'),
        eventFactory.doseChange('2026-03-01', 30),
      ],
      'after-stop',
    ],
    ['a date in the future', [eventFactory.start('2026-11-27', 15)], 'future'],
    [
      'a second start while on it',
      [eventFactory.start('2026-01-01', 15), eventFactory.start('2026-02-01', 30)],
      'already-on',
    ],
    [
      'two interruptions in a row',
      [
        eventFactory.start('2026-01-01', 15),
        eventFactory.interruption('2026-02-01'),
        eventFactory.interruption('2026-02-05'),
      ],
      'already-interrupted',
    ],
    [
      'two events on one day',
      [eventFactory.start('2026-01-01', 15), eventFactory.interruption('2026-01-01')],
      'same-day',
    ],
    [
      'an interruption without a reason',
      [eventFactory.start('2026-01-01', 15), eventFactory.build({ date: '2026-02-01', kind: 'interruption' })],
      'missing-reason',
    ],
    ['a start without a dose', [eventFactory.build({ date: '2026-01-01', kind: 'start' })], 'missing-dose'],
  ])('refuses %s', (_name, events, kind) => {
    expect(checkRegimenHistory(events, TODAY).map((problem) => problem.kind)).toContain(kind);
  });

  it('checks a change against the rest of the history', () => {
    const start = eventFactory.start('2026-03-01', 15);
    const raise = eventFactory.doseChange('2026-04-01', 30);
    expect(checkRegimenChange([start, raise], { put: { ...start, date: '2026-04-15' } }, TODAY)).toMatchObject([
      { eventId: raise.id, kind: 'before-start' },
    ]);
    expect(checkRegimenChange([start, raise], { removeId: start.id }, TODAY)).toMatchObject([{ kind: 'before-start' }]);
    expect(checkRegimenChange([start], { put: raise }, TODAY)).toEqual([]);
  });
});

describe('buildPhases', () => {
  it('cuts time into on, interrupted and stopped phases', () => {
    const phases = buildPhases(
      [
        eventFactory.start('2026-01-01', 15),
        eventFactory.interruption('2026-02-01', 'surgery'),
        eventFactory.resume('2026-02-08'),
        eventFactory.stop('2026-03-01', 'cost-or-supply'),
      ],
      '2026-03-10',
    );
    expect(phases.map(({ kind, start, end, isOngoing, reason }) => ({ kind, start, end, isOngoing, reason }))).toEqual([
      { kind: 'on', start: '2026-01-01', end: '2026-01-31', isOngoing: false, reason: undefined },
      { kind: 'interrupted', start: '2026-02-01', end: '2026-02-07', isOngoing: false, reason: 'surgery' },
      { kind: 'on', start: '2026-02-08', end: '2026-02-28', isOngoing: false, reason: undefined },
      { kind: 'stopped', start: '2026-03-01', end: '2026-03-10', isOngoing: true, reason: 'cost-or-supply' },
    ]);
    expect(phases[3]?.dose).toBeUndefined();
    expect(phaseOn(phases, '2026-02-05')?.kind).toBe('interrupted');
    expect(phaseOn(phases, '2025-12-31')).toBeUndefined();
  });

  it('leaves out events that would make the history impossible', () => {
    const phases = buildPhases([eventFactory.start('2026-01-01', 15), eventFactory.resume('2026-01-05')], '2026-01-10');
    expect(phases).toHaveLength(1);
    expect(phases[0]).toMatchObject({ start: '2026-01-01', end: '2026-01-10' });
  });
});

/** Random possible histories: a walk through the states, one event per chosen day. */
const histories = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(5, 15, 30)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((steps) => {
    const events: RegimenEvent[] = [];
    let date = '2025-01-01';
    let state: 'none' | 'on' | 'interrupted' | 'stopped' = 'none';
    for (const [gap, choice, amount] of steps) {
      date = addDays(date, gap);
      if (state === 'none' || state === 'stopped') {
        events.push(eventFactory.start(date, amount));
        state = 'on';
      } else if (state === 'on') {
        const kinds = ['dose-change', 'interruption', 'stop', 'dose-change'] as const;
        const kind = kinds[choice] as (typeof kinds)[number];
        events.push(
          kind === 'dose-change'
            ? eventFactory.doseChange(date, amount)
            : kind === 'interruption'
              ? eventFactory.interruption(date)
              : eventFactory.stop(date),
        );
        state = kind === 'interruption' ? 'interrupted' : kind === 'stop' ? 'stopped' : 'on';
      } else {
        events.push(choice % 2 === 0 ? eventFactory.resume(date) : eventFactory.stop(date));
        state = choice % 2 === 0 ? 'on' : 'stopped';
      }
    }
    return events;
  });

describe('phase properties', () => {
  it('never overlap and cover every day from the first start to today', () => {
    fc.assert(
      fc.property(histories, (events) => {
        expect(checkRegimenHistory(events, TODAY)).toEqual([]);
        const phases = buildPhases(events, TODAY);
        expect(phases).toHaveLength(events.length);
        expect(phases[0]?.start).toBe(events[0]?.date);
        expect(phases.at(-1)?.end).toBe(TODAY);
        for (let index = 1; index < phases.length; index += 1) {
          expect(phases[index]?.start).toBe(addDays(phases[index - 1]?.end as string, 1));
        }
        const covered = phases.reduce((sum, phase) => sum + phaseLengthDays(phase), 0);
        expect(covered).toBe(daysBetween(events[0]?.date as string, TODAY) + 1);
      }),
    );
  });

  it('do not depend on the order of the input', () => {
    fc.assert(
      fc.property(
        histories.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
        ),
        ([events, shuffled]) => {
          expect(buildPhases(shuffled, TODAY)).toEqual(buildPhases(events, TODAY));
          expect(checkRegimenHistory(shuffled, TODAY)).toEqual(checkRegimenHistory(events, TODAY));
        },
      ),
    );
  });
});

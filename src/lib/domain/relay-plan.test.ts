import { describe, expect, it } from 'vitest';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import type { Medication, RegimenEvent, Reminder } from './medication';
import {
  diaryRelaySchedule,
  doseRelaySchedule,
  finishedSnoozes,
  isInStep,
  keyOfRelayId,
  newRelayId,
  newRelaySecret,
  planRelaySync,
  readRelayPush,
  relaySchedules,
  relayStateOrNull,
  snoozeRelaySchedule,
  type RelaySnooze,
  type RelayState,
} from './relay-plan';
import { relayScheduleSchema, type RelaySchedule } from './relay-schedule';
import { dosePlans } from './schedule';

const TODAY = '2026-07-03';
const LONDON = 'Europe/London';
const upadacitinib: Medication = {
  id: 'med-upa',
  name: 'Upadacitinib',
  presetId: 'upadacitinib',
  drugClass: 'jak1-selective',
  color: '#0072b2',
};
const adalimumab: Medication = {
  id: 'med-ada',
  name: 'Adalimumab',
  presetId: 'adalimumab',
  drugClass: 'tnf',
  color: '#d55e00',
};

function plansOf(events: RegimenEvent[], reminders: Reminder[] = [], medications = [upadacitinib]) {
  return dosePlans({ medications, events, reminders }, TODAY);
}

const upa = (event: RegimenEvent): RegimenEvent => ({ ...event, medicationId: 'med-upa' });
const ada = (event: RegimenEvent): RegimenEvent => ({ ...event, medicationId: 'med-ada' });

describe('the relay schedule of a medication', () => {
  it('holds its dose times, its cycle, the zone and nothing about the medicine', () => {
    const events = [
      upa(eventFactory.start('2026-06-01', 15, 'twice-daily')),
      ada(eventFactory.start('2026-06-02', 40, 'weekly')),
    ];
    const reminders: Reminder[] = [
      { id: 'dose:med-ada', kind: 'dose', medicationId: 'med-ada', times: ['09:30'], days: [6], enabled: true },
    ];
    const wanted = relaySchedules(plansOf(events, reminders, [upadacitinib, adalimumab]), reminders, TODAY, LONDON);
    expect(Object.fromEntries(wanted)).toEqual({
      'dose:med-upa': { times: ['08:00', '20:00'], days: { everyDays: 1, anchor: '2026-06-01' }, timeZone: LONDON },
      // Weekly from 2 June (a Tuesday), moved to the chosen Saturday.
      'dose:med-ada': { times: ['09:30'], days: { everyDays: 7, anchor: '2026-06-06' }, timeZone: LONDON },
      diary: { times: ['20:00'], days: { everyDays: 1, anchor: TODAY }, timeZone: LONDON },
    });
    for (const schedule of wanted.values()) {
      expect(relayScheduleSchema.safeParse(schedule).success).toBe(true);
      const sent = JSON.stringify(schedule);
      for (const word of ['Upadacitinib', 'upadacitinib', 'Adalimumab', 'adalimumab', 'med-', 'mg', '15', '40'])
        expect(sent).not.toContain(word);
    }
  });

  it('has none while the medication is interrupted or stopped, taken as needed, or its reminder is off', () => {
    expect(doseRelaySchedule(plansOf([upa(eventFactory.start('2026-06-01', 15))])[0]!, LONDON)).not.toBeNull();
    const interrupted = [upa(eventFactory.start('2026-06-01', 15)), upa(eventFactory.interruption('2026-07-02'))];
    expect(doseRelaySchedule(plansOf(interrupted)[0]!, LONDON)).toBeNull();
    const stopped = [upa(eventFactory.start('2026-06-01', 15)), upa(eventFactory.stop('2026-07-02'))];
    expect(doseRelaySchedule(plansOf(stopped)[0]!, LONDON)).toBeNull();
    expect(doseRelaySchedule(plansOf([upa(eventFactory.start('2026-06-01', 15, 'as-needed'))])[0]!, LONDON)).toBeNull();
    const off: Reminder[] = [
      { id: 'dose:med-upa', kind: 'dose', medicationId: 'med-upa', times: [], days: [], enabled: false },
    ];
    expect(doseRelaySchedule(plansOf([upa(eventFactory.start('2026-06-01', 15))], off)[0]!, LONDON)).toBeNull();
  });

  it('follows a resume from its date and the diary only while it is on', () => {
    const resumed = [
      upa(eventFactory.start('2026-05-01', 15)),
      upa(eventFactory.interruption('2026-06-01')),
      upa(eventFactory.resume('2026-06-20')),
    ];
    expect(doseRelaySchedule(plansOf(resumed)[0]!, LONDON)?.days).toEqual({ everyDays: 1, anchor: '2026-06-20' });
    const diaryOff: Reminder = { id: 'diary', kind: 'diary', times: ['21:00'], days: [], enabled: false };
    expect(diaryRelaySchedule(diaryOff, TODAY, LONDON)).toBeNull();
    expect(diaryRelaySchedule({ ...diaryOff, enabled: true }, TODAY, LONDON)?.times).toEqual(['21:00']);
  });
});

const daily = (time: string, timeZone = LONDON): RelaySchedule => ({
  times: [time],
  days: { everyDays: 1, anchor: '2026-06-01' },
  timeZone,
});
const entry = (id: string, schedule: RelaySchedule) => ({ id: id.padEnd(22, 'x'), secret: 's'.repeat(43), schedule });

function stateWith(reminders: RelayState['reminders'], retired: RelayState['retired'] = []): RelayState {
  return {
    isOn: true,
    relayUrl: 'https://relay.example/relay/',
    endpoint: 'https://push.example/a',
    reminders,
    retired,
  };
}

describe('keeping the relay in step', () => {
  it('creates a new reminder, replaces a changed one, deletes one gone and leaves the rest', () => {
    const state = stateWith({
      'dose:kept': entry('kept', daily('08:00')),
      'dose:moved': entry('moved', daily('08:00')),
      'dose:gone': entry('gone', daily('08:00')),
    });
    const wanted = new Map([
      ['dose:kept', daily('08:00')],
      ['dose:moved', daily('09:00')],
      ['dose:new', daily('20:00')],
    ]);
    const plan = planRelaySync(state, wanted, 'https://push.example/a');
    expect(plan.creates).toEqual([{ key: 'dose:new', schedule: daily('20:00') }]);
    expect(plan.replaces).toEqual([
      { key: 'dose:moved', entry: state.reminders['dose:moved'], schedule: daily('09:00') },
    ]);
    expect(plan.deletes).toEqual([{ id: state.reminders['dose:gone']!.id, secret: 's'.repeat(43) }]);
  });

  it('replaces every reminder after the time zone or the push subscription changed', () => {
    const state = stateWith({ 'dose:a': entry('a', daily('08:00')), diary: entry('d', daily('20:00')) });
    const moved = new Map([
      ['dose:a', daily('08:00', 'Asia/Shanghai')],
      ['diary', daily('20:00')],
    ]);
    expect(planRelaySync(state, moved, 'https://push.example/a').replaces.map((item) => item.key)).toEqual(['dose:a']);
    const same = new Map([
      ['dose:a', daily('08:00')],
      ['diary', { ...daily('20:00'), days: { everyDays: 1, anchor: '2026-07-03' } }],
    ]);
    expect(isInStep(planRelaySync(state, same, 'https://push.example/a'))).toBe(true);
    expect(planRelaySync(state, same, 'https://push.example/b').replaces.map((item) => item.key)).toEqual([
      'dose:a',
      'diary',
    ]);
  });

  it('tries a delete that failed before again, and deletes everything when nothing is wanted', () => {
    const retired = [{ id: 'r'.repeat(22), secret: 't'.repeat(43) }];
    const state = stateWith({ 'dose:a': entry('a', daily('08:00')) }, retired);
    expect(planRelaySync(state, new Map(), 'https://push.example/a').deletes).toEqual([
      ...retired,
      { id: state.reminders['dose:a']!.id, secret: 's'.repeat(43) },
    ]);
    const off = planRelaySync(
      { ...state, isOn: false },
      new Map([['dose:a', daily('08:00')]]),
      'https://push.example/a',
    );
    expect(off.creates).toEqual([]);
    expect(off.deletes).toHaveLength(2);
  });
});

describe('ids, secrets and pushes', () => {
  it('makes ids and secrets from the device’s random bytes, in the shapes the relay takes', () => {
    expect(newRelayId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newRelaySecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newRelaySecret()).not.toBe(newRelaySecret());
    expect(newRelayId((bytes) => bytes.fill(255))).toBe('_____________________w');
  });

  it('finds the reminder a push is for, and none for an id the device no longer has', () => {
    const state = stateWith({ 'dose:med-upa': entry('upa', daily('08:00')) });
    expect(keyOfRelayId(state, 'upa'.padEnd(22, 'x'))).toBe('dose:med-upa');
    expect(keyOfRelayId(state, 'other'.padEnd(22, 'x'))).toBeUndefined();
    expect(keyOfRelayId(null, 'upa'.padEnd(22, 'x'))).toBeUndefined();
  });

  it('reads a relay push and nothing else', () => {
    const id = 'a'.repeat(22);
    expect(readRelayPush(JSON.stringify({ reminder: id, dueAtMs: 1000 }))).toEqual({ reminder: id, dueAtMs: 1000 });
    expect(readRelayPush('not json')).toBeNull();
    expect(readRelayPush(JSON.stringify({ reminder: id, dueAtMs: 1000, name: 'x' }))).toBeNull();
    expect(readRelayPush(null)).toBeNull();
  });

  it('reads back a stored state, and treats one that does not pass as no relay', () => {
    const state = stateWith({ 'dose:a': entry('a', daily('08:00')) });
    expect(relayStateOrNull(structuredClone(state))).toEqual(state);
    expect(relayStateOrNull({ ...state, relayUrl: 'javascript:alert(1)' })).toBeNull();
    expect(
      relayStateOrNull({ ...state, reminders: { 'dose:a': { ...entry('a', daily('08:00')), secret: 'short' } } }),
    ).toBeNull();
    expect(relayStateOrNull(undefined)).toBeNull();
  });
});

describe('a snooze on the relay', () => {
  it('is one time on one day: the minute the 15-minute snooze runs out, rounded up, in the zone', () => {
    expect(snoozeRelaySchedule(Date.parse('2026-07-03T07:03:20Z'), LONDON)).toEqual({
      schedule: {
        times: ['08:19'],
        days: { everyDays: 1, anchor: '2026-07-03' },
        timeZone: LONDON,
        endDate: '2026-07-03',
      },
      dueAtMs: Date.parse('2026-07-03T07:19:00Z'),
    });
    // Exactly on a minute it is not moved; past midnight it is the next local day.
    expect(snoozeRelaySchedule(Date.parse('2026-07-03T07:04:00Z'), LONDON).dueAtMs).toBe(
      Date.parse('2026-07-03T07:19:00Z'),
    );
    expect(snoozeRelaySchedule(Date.parse('2026-07-03T22:50:00Z'), LONDON).schedule).toEqual({
      times: ['00:05'],
      days: { everyDays: 1, anchor: '2026-07-04' },
      timeZone: LONDON,
      endDate: '2026-07-04',
    });
    expect(relayScheduleSchema.safeParse(snoozeRelaySchedule(0, 'Asia/Shanghai').schedule).success).toBe(true);
  });

  it('is finished once its dose is logged, an hour after it fell due, or when closed-app reminders are off', () => {
    const dueAtMs = Date.parse('2026-07-03T07:19:00Z');
    const snooze = (id: string, medicationId: string): RelaySnooze => ({
      id: id.padEnd(22, 'x'),
      secret: 's'.repeat(43),
      schedule: snoozeRelaySchedule(dueAtMs - 15 * 60_000, LONDON).schedule,
      medicationId,
      scheduledFor: '2026-07-03T08:00',
      dueAtMs,
    });
    const state: RelayState = { ...stateWith({}), snoozes: [snooze('a', 'med-a'), snooze('b', 'med-b')] };
    const isLogged = (id: string) => id === 'med-b@2026-07-03T08:00';
    const ids = (snoozes: RelaySnooze[]) => snoozes.map((item) => item.id[0]);
    expect(ids(finishedSnoozes(state, dueAtMs + 10 * 60_000, isLogged))).toEqual(['b']);
    expect(ids(finishedSnoozes(state, dueAtMs + 61 * 60_000, () => false))).toEqual(['a', 'b']);
    expect(ids(finishedSnoozes({ ...state, isOn: false }, dueAtMs, () => false))).toEqual(['a', 'b']);
    expect(relayStateOrNull(structuredClone(state))).toEqual(state);
  });
});

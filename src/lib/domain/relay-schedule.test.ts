/** Tests of relay-schedule.ts: the relay's next send in UTC, across daylight saving, cycles, end dates and zones. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  isTimeZone,
  nextRelaySendMs,
  relayPushSchema,
  relayScheduleSchema,
  type RelaySchedule,
} from './relay-schedule';
import { localDateTimeAt } from './zoned-time';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const utc = (iso: string) => Date.parse(iso);
const daily = (times: string[], timeZone = LONDON): RelaySchedule => ({
  times,
  days: { weekdays: [0, 1, 2, 3, 4, 5, 6] },
  timeZone,
});

/** Every send from `fromMs` on, `count` of them, as wall-clock times in the schedule's zone. */
function sends(schedule: RelaySchedule, fromMs: number, count: number): string[] {
  const out: string[] = [];
  let at: number | null = fromMs;
  while (out.length < count && at !== null) {
    at = nextRelaySendMs(schedule, at);
    if (at !== null) out.push(localDateTimeAt(at, schedule.timeZone));
  }
  return out;
}

describe('nextRelaySendMs', () => {
  it('keeps 08:00 at 08:00 local when London springs forward and falls back (UTC moves, the wall clock does not)', () => {
    const schedule = daily(['08:00']);
    expect(nextRelaySendMs(schedule, utc('2026-03-28T12:00:00Z'))).toBe(utc('2026-03-29T07:00:00Z'));
    expect(nextRelaySendMs(schedule, utc('2026-03-29T07:00:00Z'))).toBe(utc('2026-03-30T07:00:00Z'));
    expect(nextRelaySendMs(schedule, utc('2026-10-24T12:00:00Z'))).toBe(utc('2026-10-25T08:00:00Z'));
    expect(sends(schedule, utc('2026-10-23T12:00:00Z'), 3)).toEqual([
      '2026-10-24T08:00',
      '2026-10-25T08:00',
      '2026-10-26T08:00',
    ]);
  });

  it('sends a time in the spring-forward gap just after it, and a repeated autumn time once', () => {
    // New York skips 02:00–03:00 on 8 March 2026 and repeats 01:00–02:00 on 1 November 2026.
    const gap = daily(['02:30'], NEW_YORK);
    expect(sends(gap, utc('2026-03-07T12:00:00Z'), 2)).toEqual(['2026-03-08T03:30', '2026-03-09T02:30']);
    const repeated = daily(['01:30'], NEW_YORK);
    const first = nextRelaySendMs(repeated, utc('2026-10-31T12:00:00Z'));
    expect(first).toBe(utc('2026-11-01T05:30:00Z'));
    // The second 01:30 that night (06:30 UTC) is not a second send: the next is the following night.
    expect(nextRelaySendMs(repeated, first ?? 0)).toBe(utc('2026-11-02T06:30:00Z'));
  });

  it('sends every N days from the anchor, not before it, several times a day in time order', () => {
    const schedule: RelaySchedule = {
      times: ['20:00', '08:00'],
      days: { everyDays: 14, anchor: '2026-05-04' },
      timeZone: LONDON,
    };
    expect(sends(schedule, utc('2026-04-01T00:00:00Z'), 5)).toEqual([
      '2026-05-04T08:00',
      '2026-05-04T20:00',
      '2026-05-18T08:00',
      '2026-05-18T20:00',
      '2026-06-01T08:00',
    ]);
  });

  it('sends on the chosen weekdays only (Sunday 0)', () => {
    const schedule: RelaySchedule = { times: ['09:15'], days: { weekdays: [1, 4] }, timeZone: LONDON };
    // 2026-06-01 is a Monday.
    expect(sends(schedule, utc('2026-05-31T00:00:00Z'), 4)).toEqual([
      '2026-06-01T09:15',
      '2026-06-04T09:15',
      '2026-06-08T09:15',
      '2026-06-11T09:15',
    ]);
  });

  it('sends on the end date and never after it', () => {
    const schedule = { ...daily(['08:00', '20:00']), endDate: '2026-06-02' };
    expect(sends(schedule, utc('2026-06-01T12:00:00Z'), 10)).toEqual([
      '2026-06-01T20:00',
      '2026-06-02T08:00',
      '2026-06-02T20:00',
    ]);
    // 20:00 in London in June is 19:00 UTC; once it is sent, the schedule has ended.
    expect(nextRelaySendMs(schedule, utc('2026-06-02T18:00:00Z'))).toBe(utc('2026-06-02T19:00:00Z'));
    expect(nextRelaySendMs(schedule, utc('2026-06-02T19:00:00Z'))).toBeNull();
    const everyFour = { times: ['08:00'], days: { everyDays: 28, anchor: '2026-06-01' }, timeZone: LONDON };
    expect(nextRelaySendMs({ ...everyFour, endDate: '2026-06-20' }, utc('2026-06-01T12:00:00Z'))).toBeNull();
  });

  it('follows a change of zone: the same 08:00 in Shanghai is eight hours earlier in UTC than in London (winter)', () => {
    const after = utc('2026-01-10T12:00:00Z');
    expect(nextRelaySendMs(daily(['08:00']), after)).toBe(utc('2026-01-11T08:00:00Z'));
    expect(nextRelaySendMs(daily(['08:00'], 'Asia/Shanghai'), after)).toBe(utc('2026-01-11T00:00:00Z'));
  });

  it('always moves forward to a listed time on a listed day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc('2025-01-01T00:00:00Z'), max: utc('2028-01-01T00:00:00Z') }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        fc.constantFrom(LONDON, NEW_YORK, 'Asia/Shanghai', 'Australia/Sydney'),
        fc.constantFrom('00:00', '01:30', '02:30', '08:00', '23:59'),
        (after, weekdays, timeZone, time) => {
          const schedule: RelaySchedule = { times: [time], days: { weekdays }, timeZone };
          const next = nextRelaySendMs(schedule, after);
          expect(next).not.toBeNull();
          expect(next ?? 0).toBeGreaterThan(after);
          expect(next ?? 0).toBeLessThanOrEqual(after + 8 * 86_400_000);
          const wall = localDateTimeAt(next ?? 0, timeZone);
          // In a gap the time is moved an hour on (or 30 minutes on Lord Howe; none of these zones).
          expect([time, `${String(Number(time.slice(0, 2)) + 1).padStart(2, '0')}${time.slice(2)}`]).toContain(
            wall.slice(11),
          );
        },
      ),
    );
  });
});

describe('relayScheduleSchema', () => {
  it('takes times, days, zone and an end date, and nothing else', () => {
    expect(relayScheduleSchema.safeParse(daily(['08:00'])).success).toBe(true);
    expect(relayScheduleSchema.safeParse({ ...daily(['08:00']), medication: 'Rinvoq' }).success).toBe(false);
    expect(relayScheduleSchema.safeParse({ ...daily(['8:00']) }).success).toBe(false);
    expect(relayScheduleSchema.safeParse({ ...daily(['08:00'], 'Mars/Olympus') }).success).toBe(false);
    expect(relayScheduleSchema.safeParse({ ...daily(['08:00']), days: { weekdays: [] } }).success).toBe(false);
    expect(
      relayScheduleSchema.safeParse({ ...daily(['08:00']), days: { everyDays: 0, anchor: '2026-01-01' } }).success,
    ).toBe(false);
    expect(relayScheduleSchema.safeParse({ ...daily(['08:00']), endDate: '2026-02-30' }).success).toBe(false);
  });

  it('reads a push: an opaque id and an instant', () => {
    expect(relayPushSchema.safeParse({ reminder: 'abcdefghijklmnop', dueAtMs: 1 }).success).toBe(true);
    expect(relayPushSchema.safeParse({ reminder: 'short', dueAtMs: 1 }).success).toBe(false);
  });
});

describe('isTimeZone', () => {
  it('asks the engine once per zone: the relay reads every reminder back through it on every plan', () => {
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect([isTimeZone('Pacific/Chatham'), isTimeZone('Pacific/Chatham')]).toEqual([true, true]);
      expect([isTimeZone('Mars/Olympus_Mons'), isTimeZone('Mars/Olympus_Mons')]).toEqual([false, false]);
      expect(made).toHaveBeenCalledTimes(2);
    } finally {
      made.mockRestore();
    }
  });
});

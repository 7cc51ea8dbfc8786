/** Tests of zoned-time.ts: wall-clock times and offsets across daylight-saving changes, in several zones. */
import { describe, expect, it, vi } from 'vitest';
import { DEVICE_ZONE, instantOf, isLocalTime, localDateTimeAt, zoneOffsetMs, zoneTransitions } from './zoned-time';

// vitest runs with TZ=Europe/London (vite.config.ts); the zone is also passed explicitly, as the app does.
const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const utc = (iso: string) => Date.parse(iso);

describe('time zones and daylight saving', () => {
  it('keeps 08:00 at 08:00 on the wall clock across the March and October changes in London', () => {
    expect(instantOf('2026-03-28T08:00', LONDON)).toBe(utc('2026-03-28T08:00:00Z'));
    expect(instantOf('2026-03-29T08:00', LONDON)).toBe(utc('2026-03-29T07:00:00Z'));
    expect(instantOf('2026-10-24T08:00', LONDON)).toBe(utc('2026-10-24T07:00:00Z'));
    expect(instantOf('2026-10-25T08:00', LONDON)).toBe(utc('2026-10-25T08:00:00Z'));
  });

  it('moves a time in the spring-forward gap as far after it, and takes the first of a repeated autumn time', () => {
    // London skips 01:00–02:00 on 29 Mar 2026; New York skips 02:00–03:00 on 8 Mar 2026.
    expect(localDateTimeAt(instantOf('2026-03-29T01:30', LONDON), LONDON)).toBe('2026-03-29T02:30');
    expect(localDateTimeAt(instantOf('2026-03-08T02:30', NEW_YORK), NEW_YORK)).toBe('2026-03-08T03:30');
    // 01:30 happens twice in London on 25 Oct 2026: first in summer time (00:30 UTC).
    expect(instantOf('2026-10-25T01:30', LONDON)).toBe(utc('2026-10-25T00:30:00Z'));
  });

  it('agrees with how the page’s Date reads local times (TZ is Europe/London in tests)', () => {
    for (const local of ['2026-03-29T01:30', '2026-03-29T08:00', '2026-10-25T01:30', '2026-07-01T20:00']) {
      const [date = '', time = ''] = local.split('T');
      const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
      const [hour = 0, minute = 0] = time.split(':').map(Number);
      expect(instantOf(local, LONDON)).toBe(new Date(year, month - 1, day, hour, minute).getTime());
    }
  });

  it('reads the device’s own zone from Date alone, as the named zone would (TZ is Europe/London in tests)', () => {
    const original = Intl.DateTimeFormat;
    let madeFormatters = 0;
    Intl.DateTimeFormat = new Proxy(original, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        madeFormatters += 1;
        return new target(...args);
      },
    });
    try {
      const gapAndOverlap = ['2026-03-29T01:30', '2026-03-29T02:00', '2026-10-25T01:30', '2026-10-25T02:00'];
      const everyFiveHours = Array.from({ length: 2 * 365 * 5 }, (_, index) =>
        new Date(utc('2026-01-01T00:00:00Z') + index * 5 * 3_600_000 + 17 * 60_000).toISOString().slice(0, 16),
      );
      for (const local of [...gapAndOverlap, ...everyFiveHours]) {
        const instant = instantOf(local, DEVICE_ZONE);
        madeFormatters = 0;
        expect(instant).toBe(instantOf(local, LONDON));
        expect(localDateTimeAt(instant, DEVICE_ZONE)).toBe(localDateTimeAt(instant, LONDON));
        expect(zoneOffsetMs(instant, DEVICE_ZONE)).toBe(zoneOffsetMs(instant, LONDON));
      }
      // The London answers above come from a formatter made once; the device zone never makes one.
      madeFormatters = 0;
      instantOf('2027-06-01T08:00', DEVICE_ZONE);
      localDateTimeAt(utc('2027-06-01T08:00:00Z'), DEVICE_ZONE);
      expect(madeFormatters).toBe(0);
    } finally {
      Intl.DateTimeFormat = original;
    }
  });

  it('works in a zone without daylight saving and east of UTC', () => {
    expect(instantOf('2026-03-29T08:00', 'Asia/Shanghai')).toBe(utc('2026-03-29T00:00:00Z'));
    expect(localDateTimeAt(utc('2026-12-31T20:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01T04:00');
  });
});

describe('offsets and their changes', () => {
  it('reads the offset at an instant and finds each change to the minute', () => {
    expect(zoneOffsetMs(utc('2026-01-15T12:00:00Z'), LONDON)).toBe(0);
    expect(zoneOffsetMs(utc('2026-07-15T12:00:00Z'), LONDON)).toBe(3_600_000);
    expect(zoneTransitions(LONDON, utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'))).toEqual([
      { atMs: utc('2026-03-29T01:00:00Z'), fromMs: 0, toMs: 3_600_000 },
      { atMs: utc('2026-10-25T01:00:00Z'), fromMs: 3_600_000, toMs: 0 },
    ]);
    expect(zoneTransitions('Asia/Shanghai', utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'))).toEqual([]);
  });

  it('accepts only HH:mm wall-clock times', () => {
    expect(['08:00', '23:59', '00:00'].every(isLocalTime)).toBe(true);
    expect(['8:00', '24:00', '12:60', '08:00:00', ''].some(isLocalTime)).toBe(false);
  });
});

describe('the offset cache', () => {
  it('reads an instant’s offset from the zone data once, and keeps zones and instants apart', () => {
    const read = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      const summer = utc('2031-07-01T12:00:00Z');
      expect([zoneOffsetMs(summer, LONDON), zoneOffsetMs(summer, LONDON)]).toEqual([3_600_000, 3_600_000]);
      expect(read).toHaveBeenCalledTimes(1);
      expect(zoneOffsetMs(summer, NEW_YORK)).toBe(-4 * 3_600_000);
      expect(zoneOffsetMs(utc('2031-01-01T12:00:00Z'), LONDON)).toBe(0);
      expect(read).toHaveBeenCalledTimes(3);
    } finally {
      read.mockRestore();
    }
  });
});

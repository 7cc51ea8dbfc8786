import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dateRange,
  daysBetween,
  isIsoDate,
  isIsoMonth,
  lastDayOfMonth,
  localDateOf,
  monthGrid,
  weekdayMondayFirst,
} from './dates';

const isoDates = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('isIsoDate', () => {
  it('accepts real calendar dates and refuses the rest', () => {
    expect(isIsoDate('2026-11-26')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-11-2026')).toBe(false);
    expect(isIsoDate('2026-11-26T00:00')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-03-05', '2026-03-01')).toBe(-4);
  });

  it('is not moved by a daylight-saving change in the device time zone', () => {
    // Europe/London springs forward on 2026-03-29 (TZ is pinned in vite.config.ts).
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(daysBetween('2026-03-28', '2026-10-26')).toBe(212);
  });

  it('addDays and daysBetween are inverse for any date and offset', () => {
    fc.assert(
      fc.property(isoDates, fc.integer({ min: -4000, max: 4000 }), (date, offset) => {
        const moved = addDays(date, offset);
        expect(isIsoDate(moved)).toBe(true);
        expect(daysBetween(date, moved)).toBe(offset);
      }),
    );
  });

  it('dateRange lists every day once, in order', () => {
    expect(dateRange('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(dateRange('2026-03-02', '2026-03-01')).toEqual([]);
  });

  it('reads the local calendar date of an instant', () => {
    // BST starts at 01:00 UTC on 29 March, so 23:30 UTC on the 28th is still the 28th in London.
    expect(localDateOf(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(localDateOf(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
  });
});

describe('months', () => {
  it('steps across years and knows month lengths', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
    expect(isIsoMonth('2026-11')).toBe(true);
    expect(isIsoMonth('2026-13')).toBe(false);
  });

  it('lays a month out in Monday-first weeks', () => {
    // 1 November 2026 is a Sunday.
    expect(weekdayMondayFirst('2026-11-01')).toBe(6);
    const weeks = monthGrid('2026-11');
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks.at(-1)?.[0]).toBe('2026-11-30');
  });
});

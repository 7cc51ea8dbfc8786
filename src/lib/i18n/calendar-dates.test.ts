/** Tests of calendar-dates.ts: the app's own date words match Intl's, day by day, in both languages. */
import { describe, expect, it } from 'vitest';
import { addDays } from '../domain/dates';
import { DATE_OPTIONS, formatCalendarDate, type DateStyle } from './calendar-dates';

const STYLES = Object.keys(DATE_OPTIONS) as DateStyle[];
const TAGS = { en: 'en-GB', 'zh-CN': 'zh-CN' } as const;

describe('calendar dates in words', () => {
  it('reads as Intl.DateTimeFormat does for every day of 2024-2027, every style, English and Chinese', () => {
    for (const [locale, tag] of Object.entries(TAGS) as [keyof typeof TAGS, string][]) {
      for (const style of STYLES) {
        const intl = new Intl.DateTimeFormat(tag, { ...DATE_OPTIONS[style], timeZone: 'UTC' });
        for (let date = '2024-01-01'; date < '2028-01-01'; date = addDays(date, 1)) {
          const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
          expect(formatCalendarDate(date, style, locale), `${locale} ${style} ${date}`).toBe(
            intl.format(new Date(Date.UTC(year, month - 1, day))),
          );
        }
      }
    }
  });

  it('shows the stored day, not the day it already is elsewhere', () => {
    expect(formatCalendarDate('2026-12-31', 'full', 'en')).toBe('Thursday, 31 December 2026');
    expect(formatCalendarDate('2026-09-02', 'medium', 'en')).toBe('Wed 2 Sept');
    expect(formatCalendarDate('2026-09-02', 'full', 'zh-CN')).toBe('2026年9月2日星期三');
  });
});

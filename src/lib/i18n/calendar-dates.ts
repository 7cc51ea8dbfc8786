/**
 * Calendar dates in words, for the app's two languages, without Intl. The first Intl formatter a page
 * makes costs 20-50 ms of main-thread time (ICU sets up its locale data), and Today's heading is a date:
 * formatting it here keeps that cost off the start of the app. The output is exactly what
 * `Intl.DateTimeFormat` gives for the same options in en-GB and zh-CN (calendar-dates.test.ts compares
 * every day of several years in every style), so screens look the same whichever path made a date.
 */
import type { IsoDate } from '../domain/dates';
import type { Locale } from '../domain/settings';

export type DateStyle = 'full' | 'long' | 'medium' | 'short' | 'month' | 'weekday-short' | 'weekday-narrow' | 'day';

/** The Intl options each style stands for (used where Intl formats anyway, and by the tests). */
export const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  medium: { weekday: 'short', day: 'numeric', month: 'short' },
  short: { day: 'numeric', month: 'short' },
  month: { month: 'long', year: 'numeric' },
  'weekday-short': { weekday: 'short' },
  'weekday-narrow': { weekday: 'narrow' },
  day: { day: 'numeric' },
};

interface CalendarParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
// British English abbreviates September as "Sept" and keeps June and July at three letters.
const EN_MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_WEEKDAYS_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZH_WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const ZH_WEEKDAYS_SHORT = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const WRITERS: Record<Locale, Record<DateStyle, (parts: CalendarParts) => string>> = {
  en: {
    full: (d) => `${EN_WEEKDAYS[d.weekday]}, ${d.day} ${EN_MONTHS[d.month - 1]} ${d.year}`,
    long: (d) => `${d.day} ${EN_MONTHS[d.month - 1]} ${d.year}`,
    medium: (d) => `${EN_WEEKDAYS_SHORT[d.weekday]} ${d.day} ${EN_MONTHS_SHORT[d.month - 1]}`,
    short: (d) => `${d.day} ${EN_MONTHS_SHORT[d.month - 1]}`,
    month: (d) => `${EN_MONTHS[d.month - 1]} ${d.year}`,
    'weekday-short': (d) => EN_WEEKDAYS_SHORT[d.weekday] ?? '',
    'weekday-narrow': (d) => EN_WEEKDAYS[d.weekday]?.charAt(0) ?? '',
    day: (d) => String(d.day),
  },
  'zh-CN': {
    full: (d) => `${d.year}年${d.month}月${d.day}日${ZH_WEEKDAYS[d.weekday]}`,
    long: (d) => `${d.year}年${d.month}月${d.day}日`,
    medium: (d) => `${d.month}月${d.day}日${ZH_WEEKDAYS_SHORT[d.weekday]}`,
    short: (d) => `${d.month}月${d.day}日`,
    month: (d) => `${d.year}年${d.month}月`,
    'weekday-short': (d) => ZH_WEEKDAYS_SHORT[d.weekday] ?? '',
    'weekday-narrow': (d) => ZH_WEEKDAYS[d.weekday]?.slice(2) ?? '',
    day: (d) => `${d.day}日`,
  },
};

function partsOf(date: IsoDate): CalendarParts {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** A stored calendar day in words: the day as stored, whatever the device's time zone. */
export function formatCalendarDate(date: IsoDate, style: DateStyle, locale: Locale): string {
  return WRITERS[locale][style](partsOf(date));
}

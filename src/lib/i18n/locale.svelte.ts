/**
 * The chosen language and everything formatted in it. Components read `i18n.t` for text and the
 * `format*` helpers for dates and numbers, so switching language re-renders without a reload.
 * Only the language in use is downloaded: each is its own chunk, loaded by `use()`.
 */
import type { IsoDate } from '../domain/dates';
import type { Locale } from '../domain/settings';
import type { Messages } from './en';

const LOADERS: Record<Locale, () => Promise<Messages>> = {
  en: () => import('./en').then((module) => module.en),
  'zh-CN': () => import('./zh-CN').then((module) => module.zhCN),
};

/** `Intl` wants a full tag; English dates read "26 Nov 2026" in the day-month-year order most of the world uses. */
const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', 'zh-CN': 'zh-CN' };

export type DateStyle = 'full' | 'long' | 'medium' | 'short' | 'month' | 'weekday-short' | 'day';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  medium: { weekday: 'short', day: 'numeric', month: 'short' },
  short: { day: 'numeric', month: 'short' },
  month: { month: 'long', year: 'numeric' },
  'weekday-short': { weekday: 'short' },
  day: { day: 'numeric' },
};

function utcDate(date: IsoDate): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

class LocaleState {
  code = $state<Locale>('en');
  #messages = $state.raw<Messages | undefined>();

  /** Load a language's messages if needed, then switch to it. */
  async use(locale: Locale): Promise<void> {
    const messages = await LOADERS[locale]();
    this.#messages = messages;
    this.code = locale;
  }

  get t(): Messages {
    if (!this.#messages) throw new Error('i18n.use() must finish before the first screen is drawn');
    return this.#messages;
  }

  get intlTag(): string {
    return INTL_TAGS[this.code];
  }

  /** Format a calendar date; the sums run in UTC so the shown day is the stored day in every time zone. */
  formatDate(date: IsoDate, style: DateStyle): string {
    return new Intl.DateTimeFormat(this.intlTag, { ...DATE_OPTIONS[style], timeZone: 'UTC' }).format(utcDate(date));
  }

  formatNumber(value: number, maximumFractionDigits = 1): string {
    return new Intl.NumberFormat(this.intlTag, { maximumFractionDigits }).format(value);
  }

  formatBytes(bytes: number): string {
    const units = this.t.units.bytes;
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${this.formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
  }

  /** A list of names joined as the language joins them ("a, b and c", "a、b和c"). */
  formatList(items: string[]): string {
    return new Intl.ListFormat(this.intlTag, { style: 'long', type: 'conjunction' }).format(items);
  }
}

export const i18n = new LocaleState();

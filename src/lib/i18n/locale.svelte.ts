/**
 * The chosen language and everything formatted in it. Components read `i18n.t` for text and the
 * `format*` helpers for dates and numbers, so switching language re-renders without a reload.
 * Only what is on screen is downloaded: the core messages of the language in use at start-up, and each
 * screen's section (`need('trends')`) when that screen opens; switching language reloads what was loaded.
 */
import type { IsoDate } from '../domain/dates';
import type { Locale } from '../domain/settings';
import type { CoreMessages, Messages, SectionName } from './en';
import { cachedFormatter } from './intl-cache';

type Sections = Omit<Messages, keyof CoreMessages>;

const CORE_LOADERS: Record<Locale, () => Promise<CoreMessages>> = {
  en: () => import('./core.en').then((module) => module.coreEn),
  'zh-CN': () => import('./core.zh-CN').then((module) => module.coreZhCN),
};

const SECTION_LOADERS: { [L in Locale]: { [S in SectionName]: () => Promise<Sections[S]> } } = {
  en: {
    medications: () => import('./medications.en').then((module) => module.medicationsEn),
    backup: () => import('./backup.en').then((module) => module.backupEn),
    trends: () => import('./trends.en').then((module) => module.trendsEn),
    summary: () => import('./summary.en').then((module) => module.summaryEn),
    reminders: () => import('./reminders.en').then((module) => module.remindersEn),
  },
  'zh-CN': {
    medications: () => import('./medications.zh-CN').then((module) => module.medicationsZhCN),
    backup: () => import('./backup.zh-CN').then((module) => module.backupZhCN),
    trends: () => import('./trends.zh-CN').then((module) => module.trendsZhCN),
    summary: () => import('./summary.zh-CN').then((module) => module.summaryZhCN),
    reminders: () => import('./reminders.zh-CN').then((module) => module.remindersZhCN),
  },
};

async function loadSections(locale: Locale, names: Iterable<SectionName>): Promise<Partial<Sections>> {
  const entries = await Promise.all(
    [...names].map(async (name) => [name, await SECTION_LOADERS[locale][name]()] as const),
  );
  return Object.fromEntries(entries);
}

/** `Intl` wants a full tag; English dates read "26 Nov 2026" in the day-month-year order most of the world uses. */
const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', 'zh-CN': 'zh-CN' };

export type DateStyle = 'full' | 'long' | 'medium' | 'short' | 'month' | 'weekday-short' | 'weekday-narrow' | 'day';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  medium: { weekday: 'short', day: 'numeric', month: 'short' },
  short: { day: 'numeric', month: 'short' },
  month: { month: 'long', year: 'numeric' },
  'weekday-short': { weekday: 'short' },
  'weekday-narrow': { weekday: 'narrow' },
  day: { day: 'numeric' },
};

function utcDate(date: IsoDate): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

class LocaleState {
  code = $state<Locale>('en');
  #core = $state.raw<CoreMessages | undefined>();
  #sections = $state.raw<Partial<Sections>>({});
  /** Every language switch and section load gets a number, so a slow older load never wins. */
  #generation = 0;

  // Plain mirrors of what is loaded: `need()` reads these, not runes state, so an `{#await}` that calls
  // it does not re-run (and remount its screen) when a language or section load lands later.
  #loadedLocale: Locale | undefined;
  #loadedNames = new Set<SectionName>();

  /** Load a language's core and every section already in use, then switch to it in one step. */
  async use(locale: Locale): Promise<void> {
    const generation = ++this.#generation;
    const names = [...this.#loadedNames];
    const [core, sections] = await Promise.all([CORE_LOADERS[locale](), loadSections(locale, names)]);
    if (generation !== this.#generation) return;
    this.#loadedLocale = locale;
    this.#core = core;
    this.#sections = sections;
    this.code = locale;
  }

  /** Make sure a screen's sections are loaded in the current language; resolves at once when they are. */
  async need(...names: SectionName[]): Promise<void> {
    const missing = names.filter((name) => !this.#loadedNames.has(name));
    const locale = this.#loadedLocale;
    if (missing.length === 0 || locale === undefined) return;
    const sections = await loadSections(locale, missing);
    if (locale !== this.#loadedLocale) return this.need(...names);
    for (const name of missing) this.#loadedNames.add(name);
    this.#sections = { ...this.#sections, ...sections };
  }

  /** Core messages and the sections loaded so far; a screen reads only the sections it asked for. */
  readonly #t = $derived(this.#core ? ({ ...this.#core, ...this.#sections } as Messages) : undefined);

  get t(): Messages {
    if (!this.#t) throw new Error('i18n.use() must finish before the first screen is drawn');
    return this.#t;
  }

  get intlTag(): string {
    return INTL_TAGS[this.code];
  }

  /** Format a calendar date; the sums run in UTC so the shown day is the stored day in every time zone. */
  formatDate(date: IsoDate, style: DateStyle): string {
    const tag = this.intlTag;
    return cachedFormatter(
      `date|${tag}|${style}`,
      () => new Intl.DateTimeFormat(tag, { ...DATE_OPTIONS[style], timeZone: 'UTC' }),
    ).format(utcDate(date));
  }

  formatNumber(value: number, maximumFractionDigits = 1): string {
    const tag = this.intlTag;
    return cachedFormatter(
      `number|${tag}|${maximumFractionDigits}`,
      () => new Intl.NumberFormat(tag, { maximumFractionDigits }),
    ).format(value);
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
    const tag = this.intlTag;
    return cachedFormatter(
      `list|${tag}`,
      () => new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }),
    ).format(items);
  }
}

export const i18n = new LocaleState();

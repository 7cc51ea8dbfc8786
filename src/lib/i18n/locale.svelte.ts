/**
 * The chosen language and everything formatted in it. Components read `i18n.t` for text and the
 * `format*` helpers for dates and numbers, so switching language re-renders without a reload.
 * Only what is on screen is downloaded: the core messages of both languages come in the entry script, and
 * each screen's section (`need('trends')`) when that screen opens; switching language reloads what was loaded.
 */
import type { IsoDate } from '../domain/dates';
import type { Locale } from '../domain/settings';
import type { CoreMessages, Messages, SectionName } from './en';
import { formatCalendarDate, type DateStyle } from './calendar-dates';
import { cachedFormatter } from './intl-cache';
import { formatDecimal } from './plain-numbers';
import { coreEn } from './core.en';
import { coreZhCN } from './core.zh-CN';

type Sections = Omit<Messages, keyof CoreMessages>;

/**
 * Both languages' first-screen text, in the entry script: Today needs the stored language's before it can be
 * drawn, and that is only known once the settings are read. As files of their own (about 4 KB each,
 * preloaded by the HTML) they were two more requests on the critical path, which on a phone's connection
 * cost more than their bytes.
 */
const CORE_MESSAGES: Record<Locale, CoreMessages> = { en: coreEn, 'zh-CN': coreZhCN };

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

export type { DateStyle };

// Not en.ts's list: importing a value from en.ts would bring every English section into the entry script.
const SECTION_NAMES = Object.keys(SECTION_LOADERS.en) as SectionName[];

/** One section's messages, reactive on their own: loading one section re-runs only what reads it. */
class SectionSlot<S> {
  messages = $state.raw<S | undefined>();
}

type SectionSlots = { [S in SectionName]: SectionSlot<Sections[S]> };

export class LocaleState {
  code = $state<Locale>('en');
  #core = $state.raw<CoreMessages | undefined>();
  #slots = Object.fromEntries(SECTION_NAMES.map((name) => [name, new SectionSlot()])) as SectionSlots;
  /** Every language switch and section load gets a number, so a slow older load never wins. */
  #generation = 0;

  // Plain mirrors of what is loaded: `need()` reads these, not runes state, so an `{#await}` that calls
  // it does not re-run (and remount its screen) when a language or section load lands later.
  #loadedLocale: Locale | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain on purpose, see above
  #loadedNames = new Set<SectionName>();

  /** Load a language's core and every section already in use, then switch to it in one step. */
  async use(locale: Locale): Promise<void> {
    const generation = ++this.#generation;
    const names = [...this.#loadedNames];
    const core = CORE_MESSAGES[locale];
    const sections = await loadSections(locale, names);
    if (generation !== this.#generation) return;
    this.#loadedLocale = locale;
    this.#core = core;
    for (const name of SECTION_NAMES) this.#fill(name, sections);
    this.code = locale;
  }

  /** Make sure a screen's sections are loaded in the current language; resolves at once when they are. */
  async need(...names: SectionName[]): Promise<void> {
    const missing = names.filter((name) => !this.#loadedNames.has(name));
    const locale = this.#loadedLocale;
    if (missing.length === 0 || locale === undefined) return;
    const sections = await loadSections(locale, missing);
    if (locale !== this.#loadedLocale) return this.need(...names);
    for (const name of missing) {
      this.#loadedNames.add(name);
      this.#fill(name, sections);
    }
  }

  #fill<S extends SectionName>(name: S, sections: Partial<Sections>): void {
    this.#slots[name].messages = sections[name];
  }

  /**
   * Core messages and the sections loaded so far; a screen reads only the sections it asked for. Made anew
   * only when the language changes: each section is read through its own slot, so the backup texts
   * arriving after Today is drawn no longer re-render every text on the page (three such loads were
   * three long tasks on a slow phone).
   */
  readonly #t = $derived.by(() => {
    const core = this.#core;
    if (!core) return undefined;
    const messages = { ...core } as Messages;
    for (const name of SECTION_NAMES) {
      const slot = this.#slots[name];
      Object.defineProperty(messages, name, { enumerable: true, get: () => slot.messages });
    }
    return messages;
  });

  get t(): Messages {
    if (!this.#t) throw new Error('i18n.use() must finish before the first screen is drawn');
    return this.#t;
  }

  get intlTag(): string {
    return INTL_TAGS[this.code];
  }

  /** Format a calendar date, as stored (the same day in every time zone), without Intl: see calendar-dates.ts. */
  formatDate(date: IsoDate, style: DateStyle): string {
    return formatCalendarDate(date, style, this.code);
  }

  formatNumber(value: number, maximumFractionDigits = 1): string {
    return formatDecimal(value, maximumFractionDigits, this.intlTag);
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

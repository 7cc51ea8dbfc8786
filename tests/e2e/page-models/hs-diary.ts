/**
 * A small page model of HS Diary. Everything is found by role and accessible name, and every name comes
 * from the app's own message objects, so the tests follow the copy (and work in both languages).
 */
import type { Locator, Page } from 'playwright-core';
import { en } from '../../../src/lib/i18n/en';
import { zhCN } from '../../../src/lib/i18n/zh-CN';
import { gotoApp } from '../support';

export type Lang = 'en' | 'zh-CN';
export type Messages = typeof en;

export const MESSAGES: Record<Lang, Messages> = { en, 'zh-CN': zhCN };

/** Each language is named in itself on the Settings screen (deliberately, so anyone can find theirs). */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * How the app formats dates (src/lib/i18n/locale.svelte.ts: DATE_OPTIONS and INTL_TAGS). Formatting runs in
 * the browser, so the labels come from the same Intl data the app uses.
 */
const INTL_TAGS: Record<Lang, string> = { en: 'en-GB', 'zh-CN': 'zh-CN' };
const DATE_OPTIONS = {
  full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  medium: { weekday: 'short', day: 'numeric', month: 'short' },
  month: { month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof DATE_OPTIONS;

export class HsDiary {
  readonly page: Page;
  readonly url: string;
  lang: Lang;

  constructor(page: Page, url: string, lang: Lang = 'en') {
    this.page = page;
    this.url = url;
    this.lang = lang;
  }

  get t(): Messages {
    return MESSAGES[this.lang];
  }

  /** Load (or reload) the app at a route and wait for its screen. */
  async goto(hash = '#/'): Promise<void> {
    await gotoApp(this.page, this.url + hash);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.h1.waitFor();
  }

  async formatDate(date: string, style: DateStyle): Promise<string> {
    return this.page.evaluate(
      ({ date, tag, options }) => {
        const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
        return new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).format(
          new Date(Date.UTC(year, month - 1, day)),
        );
      },
      { date, tag: INTL_TAGS[this.lang], options: DATE_OPTIONS[style] },
    );
  }

  get h1(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: this.t.app.navLabel, exact: true });
  }

  navLink(screen: 'today' | 'diary' | 'settings'): Locator {
    return this.nav.getByRole('link', { name: this.t.nav[screen], exact: true });
  }

  /** The notice at the foot of the screen ("Saved.", "Entry … deleted." with Undo). */
  get notice(): Locator {
    return this.page.getByRole('status').filter({ has: this.page.locator('p') });
  }

  get undoButton(): Locator {
    return this.page.getByRole('button', { name: this.t.day.undo, exact: true });
  }

  get today(): TodayScreen {
    return new TodayScreen(this);
  }

  get diary(): DiaryScreen {
    return new DiaryScreen(this);
  }

  day(date: string): DayScreen {
    return new DayScreen(this, date);
  }

  get settings(): SettingsScreen {
    return new SettingsScreen(this);
  }

  /** The check-in form (Today, or a Day screen). */
  get form(): CheckInForm {
    return new CheckInForm(this, this.page.locator('main'));
  }

  /** Switch language in Settings, the way a patient does (no reload). */
  async chooseLanguage(lang: Lang): Promise<void> {
    await this.navLink('settings').click();
    await this.settings.heading.waitFor();
    await this.settings.language(lang).check();
    this.lang = lang;
    await this.navLink('settings').waitFor();
  }
}

export class CheckInForm {
  constructor(
    private readonly app: HsDiary,
    private readonly root: Locator,
  ) {}

  private get t(): Messages['form'] {
    return this.app.t.form;
  }

  get painGroup(): Locator {
    return this.root.getByRole('group', { name: this.t.pain, exact: true });
  }

  /** The pain radio for `score`: its name is the number, with the anchor words at 0 and 10. */
  pain(score: number): Locator {
    const name = score === 0 ? `0, ${this.t.painLow}` : score === 10 ? `10, ${this.t.painHigh}` : String(score);
    return this.painGroup.getByRole('radio', { name, exact: true });
  }

  get drainageGroup(): Locator {
    return this.root.getByRole('group', { name: this.t.drainage, exact: true });
  }

  drainage(level: number): Locator {
    return this.drainageGroup.getByRole('radio', { name: this.t.drainageLevels[level], exact: true });
  }

  flare(answer: boolean): Locator {
    return this.root
      .getByRole('group', { name: this.t.flare, exact: true })
      .getByRole('radio', { name: answer ? this.t.yes : this.t.no, exact: true });
  }

  get whereGroup(): Locator {
    return this.root.getByRole('group', { name: this.t.where, exact: true });
  }

  region(id: keyof Messages['regions']): Locator {
    return this.whereGroup.getByRole('checkbox', { name: this.app.t.regions[id], exact: true });
  }

  /** The "More details (optional)" disclosure (a <summary>, which has no ARIA role of its own). */
  get moreDetails(): Locator {
    return this.root.locator('summary').filter({ hasText: this.t.moreDetails });
  }

  async openMoreDetails(): Promise<void> {
    await this.moreDetails.click();
    await this.note.waitFor();
  }

  get note(): Locator {
    return this.root.getByRole('textbox', { name: this.t.note, exact: true });
  }

  get save(): Locator {
    return this.root.getByRole('button', { name: this.t.save, exact: true });
  }

  get saveChanges(): Locator {
    return this.root.getByRole('button', { name: this.t.saveChanges, exact: true });
  }

  get problems(): Locator {
    return this.root.getByRole('alert');
  }

  /** Pick pain and drainage and save a new day. */
  async fill(pain: number, drainage: number): Promise<void> {
    await this.pain(pain).check();
    await this.drainage(drainage).check();
  }
}

export class TodayScreen {
  constructor(private readonly app: HsDiary) {}

  private get t(): Messages['today'] {
    return this.app.t.today;
  }

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.t.title, exact: true });
  }

  /** The "Today is logged" card. */
  get saved(): Locator {
    return this.app.page.getByRole('region', { name: this.t.savedTitle, exact: true });
  }

  get savedHeading(): Locator {
    return this.app.page.getByRole('heading', { name: this.t.savedTitle, exact: true });
  }

  /** The pain shown on the saved card ("4 / 10"), as a number. */
  async savedPain(): Promise<number> {
    const text = await this.saved.innerText();
    const match = /(\d+)\s*\/\s*10/.exec(text);
    if (!match) throw new Error(`No "n / 10" pain on the saved card: ${JSON.stringify(text)}`);
    return Number(match[1]);
  }

  get edit(): Locator {
    return this.app.page.getByRole('button', { name: this.t.edit, exact: true });
  }

  get missed(): Locator {
    return this.app.page.getByRole('region', { name: this.t.missedTitle, exact: true });
  }

  get missedLinks(): Locator {
    return this.missed.getByRole('link');
  }

  async missedLink(date: string): Promise<Locator> {
    const name = this.t.fillIn(await this.app.formatDate(date, 'long'));
    return this.missed.getByRole('link', { name, exact: true });
  }

  get sameAsYesterday(): Locator {
    return this.app.page.getByRole('button', { name: this.t.sameAsYesterday, exact: true });
  }
}

export class DiaryScreen {
  constructor(private readonly app: HsDiary) {}

  private get t(): Messages['diary'] {
    return this.app.t.diary;
  }

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.t.title, exact: true });
  }

  async open(month?: string): Promise<void> {
    await this.app.goto(month ? `#/diary/${month}` : '#/diary');
    await this.heading.waitFor();
  }

  /** The "Entries in <month>" list for the month of `date`. */
  async entries(date: string): Promise<Locator> {
    const monthName = await this.app.formatDate(`${date.slice(0, 7)}-01`, 'month');
    return this.app.page.getByRole('region', { name: this.t.listTitle(monthName), exact: true });
  }

  /** The list entry (a link) for `date`; its name reads "<pain> <date> Pain n · Drainage: …". */
  async entry(date: string): Promise<Locator> {
    const medium = await this.app.formatDate(date, 'medium');
    return (await this.entries(date)).getByRole('link').filter({ hasText: medium });
  }

  async calendarCell(date: string): Promise<Locator> {
    const long = await this.app.formatDate(date, 'long');
    return this.app.page.getByRole('link', { name: new RegExp(`^${escapeRegExp(long)}[:：]`) });
  }

  get otherDate(): Locator {
    return this.app.page.getByLabel(this.t.date, { exact: true });
  }

  get openButton(): Locator {
    return this.app.page.getByRole('button', { name: this.t.open, exact: true });
  }

  get problem(): Locator {
    return this.app.page.getByRole('alert');
  }
}

export class DayScreen {
  constructor(
    private readonly app: HsDiary,
    readonly date: string,
  ) {}

  private get t(): Messages['day'] {
    return this.app.t.day;
  }

  async open(): Promise<void> {
    await this.app.goto(`#/day/${this.date}`);
  }

  async heading(): Promise<Locator> {
    const name = await this.app.formatDate(this.date, 'full');
    return this.app.page.getByRole('heading', { level: 1, name, exact: true });
  }

  get invalidHeading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.t.titleInvalid, exact: true });
  }

  get alert(): Locator {
    return this.app.page.getByRole('alert');
  }

  get deleteButton(): Locator {
    return this.app.page.getByRole('button', { name: this.t.deleteDay, exact: true });
  }

  get dialog(): Locator {
    return this.app.page.getByRole('dialog', { name: this.t.deleteConfirmTitle, exact: true });
  }

  get confirmDelete(): Locator {
    return this.dialog.getByRole('button', { name: this.t.deleteConfirm, exact: true });
  }

  get cancelDelete(): Locator {
    return this.dialog.getByRole('button', { name: this.t.cancel, exact: true });
  }

  get back(): Locator {
    return this.app.page.getByRole('link', { name: this.t.back });
  }

  /** Open this day directly, log it and wait until the app has left the Day screen. */
  async log(pain: number, drainage: number): Promise<void> {
    await this.open();
    await (await this.heading()).waitFor();
    await this.app.form.fill(pain, drainage);
    await this.app.form.save.click();
    await this.app.page.waitForURL((url) => !url.hash.startsWith('#/day/'));
  }
}

export class SettingsScreen {
  constructor(private readonly app: HsDiary) {}

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.app.t.settings.title, exact: true });
  }

  language(lang: Lang): Locator {
    return this.app.page
      .getByRole('group', { name: this.app.t.settings.language, exact: true })
      .getByRole('radio', { name: LANGUAGE_NAMES[lang], exact: true });
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

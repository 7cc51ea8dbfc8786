/**
 * Page models of the Medications and Trends screens for the browser tests, found by role and accessible
 * name with the app's own messages (so they follow the copy and both languages), and a raw-IndexedDB
 * seeding helper for logged days.
 */
import type { Locator, Page } from 'playwright-core';
import { writeStoredRows } from '../support';
import type { HsDiary, Messages } from './hs-diary';

/** A `days` row as the app stores it (src/lib/domain/day.ts: `dayEntrySchema`). */
export interface SeedDay {
  date: string;
  pain: number;
  drainage: number;
  dressingChanges: number;
  flare: boolean;
  regions: string[];
  interventions: string[];
  note: string;
  updatedAt: number;
}

export function seedDay(date: string, pain: number, extra: Partial<SeedDay> = {}): SeedDay {
  return {
    date,
    pain,
    drainage: 1,
    dressingChanges: 1,
    flare: false,
    regions: [],
    interventions: [],
    note: '',
    updatedAt: Date.UTC(2026, 0, 1),
    ...extra,
  };
}

/**
 * Write days straight into the app's database with the raw IndexedDB API (the app must have opened it
 * once, so the schema exists). The app does not hear of these writes: load the screen afterwards.
 */
export async function writeDays(page: Page, days: readonly SeedDay[]): Promise<void> {
  await writeStoredRows(page, { days });
}

export class MedicationsScreen {
  constructor(private readonly app: HsDiary) {}

  private get t(): Messages['medications'] {
    return this.app.t.medications;
  }

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.t.title, exact: true });
  }

  async open(): Promise<void> {
    await this.app.goto('#/medications');
    await this.heading.waitFor();
  }

  /** Add the first preset (upadacitinib, 15 mg once daily preselected) started on `date`. */
  async addFirstPreset(date: string): Promise<void> {
    const page = this.app.page;
    await page.getByRole('button', { name: this.t.add, exact: true }).click();
    const form = page.getByRole('form', { name: this.t.addTitle, exact: true });
    await form.locator('input[name=startDate]').fill(date);
    await form.getByRole('button', { name: this.t.save, exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }

  /** Record a dose change, interruption or resume on the (only) medication's card. */
  async recordChange(
    kind: 'dose-change' | 'interruption' | 'resume',
    date: string,
    details: { amount?: number; reason?: string } = {},
  ): Promise<void> {
    const page = this.app.page;
    await page.getByRole('button', { name: this.t.recordEvent, exact: true }).click();
    const form = page.getByRole('form', { name: this.t.recordEvent, exact: true });
    await form.getByRole('radio', { name: this.t.kindActions[kind], exact: true }).check();
    await form.locator('input[name=date]').fill(date);
    if (details.amount !== undefined) await form.locator('input[name=amount]').fill(String(details.amount));
    if (details.reason !== undefined) await form.locator('select[name=reason]').selectOption(details.reason);
    await form.getByRole('button', { name: this.t.save, exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }
}

export interface PhaseCard {
  treatment: string;
  detail: string;
  /** Column name → value, as the card shows them. */
  figures: Record<string, string>;
}

export class TrendsScreen {
  constructor(private readonly app: HsDiary) {}

  get t(): Messages['trends'] {
    return this.app.t.trends;
  }

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.t.title, exact: true });
  }

  async open(): Promise<void> {
    await this.app.goto('#/trends');
    await this.heading.waitFor();
  }

  range(preset: keyof Messages['trends']['range']['presets']): Locator {
    return this.app.page
      .getByRole('group', { name: this.t.range.legend, exact: true })
      .getByRole('radio', { name: this.t.range.presets[preset], exact: true });
  }

  /** The heading of the chart card: the range shown, e.g. "29 Aug 2026 – 26 Nov 2026". */
  get rangeHeading(): Locator {
    return this.app.page.getByRole('heading', { level: 2 }).first();
  }

  get figure(): Locator {
    return this.app.page.getByRole('figure');
  }

  get canvas(): Locator {
    return this.app.page.locator('figure canvas');
  }

  get events(): Locator {
    return this.app.page.getByRole('region', { name: this.t.events.title, exact: true }).getByRole('listitem');
  }

  /** The "Show the chart as a table" disclosure (a <summary>, which has no ARIA role of its own). */
  get showTable(): Locator {
    return this.app.page.locator('summary').filter({ hasText: this.t.table.show });
  }

  get dayTable(): Locator {
    return this.app.page.locator('details table');
  }

  phaseSection(name: string): Locator {
    return this.app.page.getByRole('region', { name, exact: true });
  }

  /** The phases of a medication as cards (the layout on a phone). */
  async phaseCards(name: string): Promise<PhaseCard[]> {
    const list = this.app.page.getByRole('list', { name: this.t.phases.tableLabel(name), exact: true });
    await list.waitFor();
    return list.evaluate((element) =>
      [...element.querySelectorAll(':scope > li')].map((item) => ({
        treatment: item.querySelector('.treatment')?.textContent?.trim() ?? '',
        detail: item.querySelector('.detail')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
        figures: Object.fromEntries(
          [...item.querySelectorAll('dl > div')].map((pair) => [
            pair.querySelector('dt')?.textContent?.trim() ?? '',
            [...pair.querySelectorAll('dd .line')].map((line) => line.textContent?.trim() ?? '').join(' | '),
          ]),
        ),
      })),
    );
  }

  /** The phase table as rows of cell texts (the layout where there is room for it). */
  async phaseTableRows(name: string): Promise<string[][]> {
    const region = this.app.page.getByRole('region', { name: this.t.phases.tableLabel(name), exact: true });
    await region.getByRole('table').waitFor();
    return region
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('th, td')].map((cell) =>
            [...cell.querySelectorAll('.line, .treatment')].length > 0
              ? [...cell.querySelectorAll('.line, .treatment')]
                  .map((part) => part.textContent?.trim() ?? '')
                  .join(' | ')
              : (cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
          ),
        ),
      );
  }

  changeSentences(name: string): Locator {
    return this.phaseSection(name).getByRole('list', { name: this.t.changes.title, exact: true }).getByRole('listitem');
  }
}

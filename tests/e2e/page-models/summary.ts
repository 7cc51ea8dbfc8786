/**
 * Page models of the Visit summary, Visits and the read-only viewer, plus a raw-IndexedDB seeding helper for
 * any table (medications, events, dose logs, visits) beside `writeDays`.
 */
import type { Locator, Page } from 'playwright-core';
import { writeStoredRows } from '../support';
import type { HsDiary, Messages } from './hs-diary';

/** Put rows straight into one store of the app's database (the app must have opened it once). */
export async function writeRows(page: Page, store: string, rows: readonly object[]): Promise<void> {
  await writeStoredRows(page, { [store]: rows });
}

/** The figures a clinician reads first, as text, from the summary on any screen that draws it. */
export async function summaryFigures(
  page: Page,
): Promise<{ range: string; meanPain: string; phases: Record<string, string>[] }> {
  const range = (await page.getByTestId('summary-range').textContent()) ?? '';
  const meanPain = (await page.getByTestId('summary-mean-pain').textContent()) ?? '';
  // Each phase's figures by their label, lines joined by " | ", as the Trends page model reads its cards.
  const phases = await page
    .getByTestId('summary-phase')
    .evaluateAll((items) =>
      items.map((item) =>
        Object.fromEntries(
          [...item.querySelectorAll('dl > div')].map((pair) => [
            pair.querySelector('dt')?.textContent?.trim() ?? '',
            [...pair.querySelectorAll('dd .line')].map((line) => line.textContent?.trim() ?? '').join(' | '),
          ]),
        ),
      ),
    );
  return { range, meanPain, phases };
}

export class SummaryScreen {
  constructor(private readonly app: HsDiary) {}

  private get t(): Messages['summary'] {
    return this.app.t.summary;
  }

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.t.title, exact: true });
  }

  /** Open the summary in a fresh page load, so rows seeded behind the app's back are read anew. */
  async open(): Promise<void> {
    await this.app.goto('#/summary');
    await this.app.reload();
    await this.heading.waitFor();
    await this.app.page.getByTestId('summary-range').waitFor();
  }

  button(name: 'pdf' | 'qr' | 'print'): Locator {
    return this.app.page.getByRole('button', { name: this.t.actions[name], exact: true });
  }

  preset(name: keyof Messages['summary']['range']['presets']): Locator {
    return this.app.page.getByRole('radio', { name: this.t.range.presets[name], exact: true });
  }

  get qrCode(): Locator {
    return this.app.page.getByTestId('summary-qr');
  }

  get showAnyway(): Locator {
    return this.app.page.getByRole('button', { name: this.t.qr.unreachable.showAnyway, exact: true });
  }

  get linkField(): Locator {
    return this.app.page.getByRole('textbox', { name: this.t.qr.linkLabel, exact: true });
  }
}

export class VisitsScreen {
  constructor(private readonly app: HsDiary) {}

  get t(): Messages['summary']['visits'] {
    return this.app.t.summary.visits;
  }

  get heading(): Locator {
    return this.app.page.getByRole('heading', { level: 1, name: this.t.title, exact: true });
  }

  async open(): Promise<void> {
    await this.app.goto('#/visits');
    await this.heading.waitFor();
  }
}

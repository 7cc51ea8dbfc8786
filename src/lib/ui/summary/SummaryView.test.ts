import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { busyYear, longAgoMedicines } from '../../../../tests/factories/hostile-summary';
import { records, TODAY } from '../../../../tests/factories/summary-records';
import { buildSummaryModel } from '../../domain/summary-model';
import { buildSummarySource } from '../../domain/summary-pick';
import { i18n } from '../../i18n/locale.svelte';
import { pdfContent } from './pdf-content';
import SummaryView from './SummaryView.svelte';

beforeEach(async () => {
  // jsdom has no layout: the chart's bind:clientWidth needs an observer that never reports.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  await i18n.use('en');
  await i18n.need('summary', 'medications', 'trends');
});

/** Twelve medicines drawn a task each take well over vi.waitFor's default second on a loaded machine. */
const SLOW_DRAW = { timeout: 10_000 };

const visit = { id: 'v1', date: '2026-05-01', notes: '', questions: '', ihs4: 12, hurley: 'II' as const };

function model(resolution: 'daily' | 'weekly') {
  const source = buildSummarySource(records({ visits: [visit] }), { from: '2026-04-01', to: TODAY }, TODAY, resolution);
  return buildSummaryModel(source);
}

/** The overview as the screen shows it: each label with its value's lines (the first bare, the rest in spans). */
function screenOverview(): [string, string[]][] {
  const list = screen.getByRole('heading', { level: 2 }).closest('header')?.querySelector('dl');
  if (!list) throw new Error('no overview');
  return [...list.querySelectorAll(':scope > div')].map((item) => {
    const value = item.querySelector('dd')?.cloneNode(true) as HTMLElement | undefined;
    const spans = [...(value?.querySelectorAll('.line') ?? [])];
    const rest = spans.map((span) => span.textContent?.trim() ?? '');
    for (const span of spans) span.remove();
    return [item.querySelector('dt')?.textContent ?? '', [value?.textContent?.trim() ?? '', ...rest]];
  });
}

describe('SummaryView', () => {
  it('shows the very overview figures the PDF prints, daily and weekly', () => {
    for (const resolution of ['daily', 'weekly'] as const) {
      const summary = model(resolution);
      const view = render(SummaryView, { model: summary, idPrefix: 'test' });
      const shown = screenOverview();
      const printed = pdfContent(summary, 500, 150).overview;
      expect(shown.map(([label, lines]) => [label, lines.join(' · ')])).toEqual(printed);
      expect(shown.length).toBe(resolution === 'daily' ? 6 : 5);
      view.unmount();
    }
  });

  it('names the patient when the shared link carries the name, and nobody when it does not', () => {
    const withName = buildSummaryModel(
      buildSummarySource(records({ visits: [visit] }), { from: '2026-04-01', to: TODAY }, TODAY, 'daily', {
        patientName: 'Wang Fang',
      }),
    );
    const view = render(SummaryView, { model: withName, idPrefix: 'named' });
    expect(screen.getByTestId('summary-patient').textContent).toBe('Patient: Wang Fang');
    view.unmount();
    render(SummaryView, { model: model('daily'), idPrefix: 'anonymous' });
    expect(screen.queryByTestId('summary-patient')).toBeNull();
  });

  it('draws each medicine with its phases', () => {
    render(SummaryView, { model: model('daily'), idPrefix: 'test' });
    const medicine = screen.getByRole('region', { name: /Upadacitinib/ });
    expect(within(medicine).getAllByTestId('summary-phase')).toHaveLength(3);
    expect(screen.getByTestId('summary-mean-pain').textContent?.trim()).toBe('4');
  });

  it('draws the first medicine at once and each of the others in a task of its own, all of them in the end', async () => {
    const summary = buildSummaryModel(busyYear());
    const medicines = () => screen.queryAllByRole('region', { name: /^Medicine \d+/ }).length;
    render(SummaryView, { model: summary, idPrefix: 'busy' });
    // Twelve medicines with their phases, drawn at once, held a phone's main thread for several tenths of a second.
    expect(medicines()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(medicines()).toBe(2);
    await vi.waitFor(() => expect(medicines()).toBe(12), SLOW_DRAW);
  });

  it('redraws the same medicines at once (a new range), and starts again one at a time for others (a new code)', async () => {
    const view = render(SummaryView, { model: buildSummaryModel(busyYear()), idPrefix: 'busy' });
    const regions = (name: RegExp) => screen.queryAllByRole('region', { name }).length;
    await vi.waitFor(() => expect(regions(/^Medicine \d+/)).toBe(12), SLOW_DRAW);
    await view.rerender({
      model: buildSummaryModel({ ...busyYear(), range: { from: '2025-07-01', to: '2025-12-31' } }),
    });
    expect(regions(/^Medicine \d+/)).toBe(12);
    await view.rerender({ model: buildSummaryModel(longAgoMedicines()) });
    expect(regions(/^M\d+/)).toBe(1);
    await vi.waitFor(() => expect(regions(/^M\d+/)).toBe(12), SLOW_DRAW);
  });

  it('lists the clinician’s IHS4 and Hurley stage at each visit in the range, on screen and in the PDF', () => {
    const second = { ...visit, id: 'v2', date: '2026-06-15', ihs4: 6, hurley: undefined };
    const source = buildSummarySource(
      records({ visits: [second, visit] }),
      { from: '2026-04-01', to: TODAY },
      TODAY,
      'daily',
    );
    const withVisits = buildSummaryModel(source);
    render(SummaryView, { model: withVisits, idPrefix: 'test' });
    const items = within(screen.getByTestId('summary-scores'))
      .getAllByRole('listitem')
      .map((item) => item.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual(['1 May 2026 IHS4 12 (severe) · Hurley II', '15 Jun 2026 IHS4 6 (moderate)']);
    expect(pdfContent(withVisits, 500, 150).scores).toEqual([
      { date: '1 May 2026', text: 'IHS4 12 (severe) · Hurley II' },
      { date: '15 Jun 2026', text: 'IHS4 6 (moderate)' },
    ]);
  });
});

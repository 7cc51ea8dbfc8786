import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import type { ChartGeometry } from '../domain/chart-geometry';
import { layoutSummary, type PdfContent, type SummaryLayout } from './summary-pdf';

const A4 = { width: 595.28, height: 841.89, margin: 42.52 };
const CHART_WIDTH = A4.width - 2 * A4.margin;

function geometry(height: number): ChartGeometry {
  const plot = { left: 18, top: 6, right: CHART_WIDTH - 4, bottom: height - 16 };
  const yOf = (pain: number) => plot.bottom - (pain / 10) * (plot.bottom - plot.top);
  const dots = Array.from({ length: 90 }, (_, day) => ({ x: plot.left + day * 5, y: yOf((day * 7) % 11) }));
  return {
    width: CHART_WIDTH,
    height,
    plot,
    drainageBars: [{ x: plot.left, width: 3, height: 10 }],
    flareMarks: [plot.left + 50],
    dots,
    lines: [dots.map(({ x }, day) => ({ x, y: yOf(3 + (day % 3)) }))],
    events: [{ x: 100, color: '#0072b2', index: 0 }],
    bands: [{ x: 200, width: 40, color: '#0072b2' }],
    yTicks: [0, 5, 10].map((value) => ({ y: yOf(value), value })),
    xTicks: [{ x: 60, tick: { x: 12, date: '2026-09-01', unit: 'month', showYear: true } }],
  };
}

/** A summary with `flareRegions` rows in the flare table and `phases` rows in the phase table. */
function content({ flareRegions = 3, phases = 1 } = {}): PdfContent {
  return {
    language: 'en',
    title: 'HS Diary – visit summary',
    patientLine: 'Wang Xiaoming · born 3 Mar 1990 · clinic no. 12345',
    rangeLine: '29 Aug 2026 – 26 Nov 2026 (90 days)',
    madeLine: 'Made on 26 Nov 2026 · 77 of 90 days logged',
    notice: null,
    overview: [
      ['Mean pain (0–10)', '2.8'],
      ['Mean drainage (0–3)', '0.2'],
      ['Flare days', '4'],
      ['Last visit', '22 Oct 2025'],
    ],
    medicationsTitle: 'Medicines',
    noMedications: 'No medicines recorded.',
    medications: [
      {
        name: 'Upadacitinib',
        color: '#0072b2',
        lines: ['Baseline pain before the first start: 3', 'Doses taken in the range: 83 of 90 (92%)'],
        timeline: Array.from({ length: 3 }, (_, index) => ({
          date: `${index + 1} Mar 2024`,
          text: 'Dose changed to 30 mg once daily',
        })),
      },
    ],
    chart: {
      title: 'Pain over the range',
      caption: 'Daily pain (dots) and its 7-day mean (line).',
      geometry: geometry(150),
      xLabels: ['Sept 2026'],
      eventLabels: ['Upa: 30 mg'],
      key: ['Daily pain', '7-day mean'],
    },
    phasesTitle: 'Treatment phases',
    phaseHeader: ['Phase', 'Mean pain', 'Change', 'NRS30', 'Flares per 30 days', 'Doses taken'],
    phaseRows: Array.from({ length: phases }, (_, index) => ({
      color: '#0072b2',
      isPaused: index % 2 === 1,
      cells: [
        ['Upadacitinib: 30 mg once daily', '29 Jun 2026 – now', '151 days'],
        ['2.8'],
        ['—'],
        ['Day 73'],
        ['0.4'],
        ['83 of 90'],
      ],
    })),
    flaresTitle: 'Flare days by region',
    flaresHeader: ['Region', 'Days'],
    flaresTotal: `${flareRegions} days with a flare`,
    flareRows: Array.from({ length: flareRegions }, (_, index) => [`Region ${index + 1}`, String(index + 1)]),
    scoresTitle: 'IHS4 and Hurley stage at the visits',
    scores: [{ date: '22 Oct 2025', text: 'IHS4 12 (severe) · Hurley II' }],
    interventionsTitle: 'Interventions',
    interventions: ['Surgery: 19 Nov 2026'],
    notesTitle: 'Notes from the diary',
    notes: [
      { date: '20 Nov 2026', text: 'Bad night, new lump under the left arm.' },
      { date: '', text: 'And 2 more notes in the diary.' },
    ],
    questionsTitle: 'Questions for this visit',
    questions: 'Can I stay on 30 mg?',
    disclaimer: 'Patient-reported data, not a diagnosis.',
    pageLabel: (page, pages) => `Page ${page} of ${pages}`,
  };
}

async function layout(summary: PdfContent): Promise<SummaryLayout & { savedPages: number }> {
  const doc = await PDFDocument.create();
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const result = layoutSummary(doc, summary, fonts, A4);
  const saved = await PDFDocument.load(await doc.save());
  return { ...result, savedPages: saved.getPageCount() };
}

describe('summary PDF layout', () => {
  it('a short summary is one page with the full-height chart', async () => {
    const result = await layout(content({ flareRegions: 0 }));
    expect(result).toMatchObject({ pages: 1, savedPages: 1, isChartCompact: false });
  });

  it('draws the chart shorter exactly when that keeps the summary on one page', async () => {
    const results = [];
    for (let flareRegions = 0; flareRegions <= 30; flareRegions += 1)
      results.push({ flareRegions, ...(await layout(content({ flareRegions }))) });
    const compact = results.filter((result) => result.isChartCompact);
    // Some sizes need the shorter chart to fit, and with it they do fit; longer ones take two full pages.
    expect(compact.length).toBeGreaterThan(0);
    expect(compact.every((result) => result.pages === 1)).toBe(true);
    const firstCompact = compact[0]?.flareRegions ?? -1;
    expect(results[firstCompact - 1]).toMatchObject({ pages: 1, isChartCompact: false });
    expect(results.at(-1)).toMatchObject({ pages: 2, isChartCompact: false });
    expect(results.every((result) => result.pages === result.savedPages)).toBe(true);
  });

  it('never leaves a heading at the foot of a page without its section', async () => {
    for (let flareRegions = 0; flareRegions <= 40; flareRegions += 2)
      for (const phases of [1, 4, 9]) {
        const { marks } = await layout(content({ flareRegions, phases }));
        marks.forEach((mark, index) => {
          if (mark.kind !== 'heading') return;
          const next = marks[index + 1];
          expect(next, `"${mark.text}" with ${flareRegions} regions, ${phases} phases`).toBeDefined();
          expect(next?.page, `"${mark.text}" with ${flareRegions} regions, ${phases} phases`).toBe(mark.page);
        });
      }
  });

  it('repeats the phase table header on every page the table runs onto', async () => {
    const { pages, marks } = await layout(content({ phases: 30 }));
    expect(pages).toBeGreaterThanOrEqual(2);
    const header = 'Phase Mean pain Change NRS30 Flares per 30 days Doses taken';
    const phasePages = new Set(marks.filter((mark) => mark.text.startsWith('Upadacitinib:')).map((mark) => mark.page));
    const headerPages = new Set(marks.filter((mark) => mark.text === header).map((mark) => mark.page));
    expect(phasePages.size).toBeGreaterThanOrEqual(2);
    expect([...headerPages]).toEqual([...phasePages]);
  });

  it('heads every page with who it is about, the range and "page x of y"', async () => {
    const doc = await PDFDocument.create();
    const fonts = {
      regular: await doc.embedFont(StandardFonts.Helvetica),
      bold: await doc.embedFont(StandardFonts.HelveticaBold),
    };
    const drawn: { page: number; text: string }[] = [];
    const addPage = doc.addPage.bind(doc);
    vi.spyOn(doc, 'addPage').mockImplementation((...args) => {
      const page = addPage(...args);
      const number = doc.getPageCount();
      const drawText = page.drawText.bind(page);
      vi.spyOn(page, 'drawText').mockImplementation((text, options) => {
        drawn.push({ page: number, text });
        drawText(text, options);
      });
      return page;
    });
    const { pages } = layoutSummary(doc, content({ phases: 30 }), fonts, A4);
    expect(pages).toBeGreaterThanOrEqual(2);
    const who = 'Wang Xiaoming · born 3 Mar 1990 · clinic no. 12345 · 29 Aug 2026 – 26 Nov 2026 (90 days)';
    for (let page = 1; page <= pages; page += 1) {
      const texts = drawn.filter((entry) => entry.page === page).map((entry) => entry.text);
      expect(texts).toContain(who);
      expect(texts).toContain(`Page ${page} of ${pages}`);
    }
  });
});

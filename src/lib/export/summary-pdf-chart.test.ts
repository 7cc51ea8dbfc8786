import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { ChartGeometry } from '../domain/chart-geometry';
import { drawChart, type PdfChartContent } from './summary-pdf-chart';
import { Writer } from './summary-pdf-writer';

const WIDTH = 500;

interface DrawnText {
  text: string;
  x: number;
  y: number;
  size: number;
}

/** A writer whose page records the text drawn on it. */
function recordingWriter(fonts: { regular: PDFFont; bold: PDFFont }): { writer: Writer; texts: DrawnText[] } {
  const texts: DrawnText[] = [];
  const page = {
    drawText: (text: string, options: { x: number; y: number; size: number }) => {
      texts.push({ text, x: options.x, y: options.y, size: options.size });
    },
    drawLine: () => undefined,
    drawRectangle: () => undefined,
    drawCircle: () => undefined,
  };
  const doc = { addPage: () => page } as unknown as PDFDocument;
  return { writer: new Writer(doc, { width: WIDTH + 40, height: 800, margin: 20 }, fonts), texts };
}

function chart(eventXs: readonly number[]): PdfChartContent {
  const geometry: ChartGeometry = {
    width: WIDTH,
    height: 150,
    drainageBars: [],
    flareMarks: [],
    plot: { left: 18, top: 6, right: WIDTH - 4, bottom: 136 },
    dots: [],
    lines: [],
    events: eventXs.map((x, index) => ({ x, color: '#0072b2', index })),
    bands: [],
    yTicks: [],
    xTicks: [],
  };
  return {
    title: 'Pain over the range',
    caption: 'Daily pain',
    geometry,
    xLabels: [],
    eventLabels: eventXs.map((_, index) => `Upa: dose changed ${index + 1}`),
    key: [],
  };
}

describe('the PDF chart', () => {
  it('lays event labels out in lanes: inside the chart, never overlapping in a lane', async () => {
    const doc = await PDFDocument.create();
    const fonts = {
      regular: await doc.embedFont(StandardFonts.Helvetica),
      bold: await doc.embedFont(StandardFonts.HelveticaBold),
    };
    const { writer, texts } = recordingWriter(fonts);
    drawChart(writer, chart([30, 40, 50, 260, 480, 495]), 1);
    const labels = texts.filter((text) => text.text.startsWith('Upa'));
    expect(labels).toHaveLength(6);
    const spans = labels.map((label) => ({
      y: label.y,
      start: label.x - writer.left,
      end: label.x - writer.left + fonts.regular.widthOfTextAtSize(label.text, label.size),
    }));
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeLessThanOrEqual(WIDTH + 0.001);
    }
    for (const [index, a] of spans.entries())
      for (const b of spans.slice(index + 1))
        if (a.y === b.y) expect(a.end + 4 <= b.start || b.end + 4 <= a.start).toBe(true);
    // The three crowded labels on the left need three lanes.
    expect(new Set(spans.map((span) => span.y)).size).toBeGreaterThanOrEqual(3);
  });
});

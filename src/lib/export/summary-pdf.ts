/**
 * The layout of the summary PDF: one to two pages, margins 15 mm, header, medicines with their timeline,
 * the chart drawn with PDF lines, the phase table, flares by region, interventions, notes, questions, and on every
 * page "patient-reported data, not a diagnosis" with the page number. It receives worded content (see
 * src/lib/ui/summary/pdf-content.ts) and fonts; pdf-lib comes with it, so it is reached only through pdf.chunk.ts.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { layoutLabels } from '../domain/chart-axis';
import type { ChartGeometry } from '../domain/chart-geometry';

export interface PdfContent {
  language: string;
  title: string;
  rangeLine: string;
  madeLine: string;
  notice: string | null;
  overview: [string, string][];
  medicationsTitle: string;
  noMedications: string;
  medications: { name: string; color: string; lines: string[]; timeline: { date: string; text: string }[] }[];
  chart: {
    title: string;
    caption: string;
    geometry: ChartGeometry;
    xLabels: string[];
    eventLabels: string[];
    key: string[];
  };
  phasesTitle: string;
  phaseHeader: string[];
  phaseRows: { color: string; isPaused: boolean; cells: string[][] }[];
  flaresTitle: string;
  flaresHeader: [string, string];
  flaresTotal: string;
  flareRows: string[][];
  interventionsTitle: string;
  interventions: string[];
  notesTitle: string;
  /** Dated notes (a date may be empty, for a line that is not a note). */
  notes: { date: string; text: string }[];
  questionsTitle: string;
  questions: string;
  disclaimer: string;
  pageLabel: (page: number, pages: number) => string;
}

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface PdfPageFrame {
  width: number;
  height: number;
  margin: number;
}

const BLACK = rgb(0.1, 0.12, 0.13);
const MUTED = rgb(0.3, 0.34, 0.36);
const RULE = rgb(0.78, 0.8, 0.8);
const FOOTER_HEIGHT = 20;
/** A heading's 11.5 pt line, its space above and its gap below. */
const HEADING_HEIGHT = 24;
/** How much shorter the chart is drawn when that keeps the summary on one page. */
const COMPACT_CHART_SCALE = 0.6;
/** Points between two event labels in one lane. */
const LABEL_GAP = 4;

function hexColor(hex: string): RGB {
  const value = Number.parseInt(hex.slice(1), 16);
  return rgb(((value >> 16) & 0xff) / 255, ((value >> 8) & 0xff) / 255, (value & 0xff) / 255);
}

const CJK = '\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F';
const TOKEN = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'g');

/** Lines of `text` no wider than `maxWidth`: breaks at spaces, between CJK characters, and inside over-long words. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const token of paragraph.match(TOKEN) ?? []) {
      const candidate = line + token;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = /^\s+$/.test(token) ? '' : token;
      while (font.widthOfTextAtSize(line, size) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > maxWidth) cut -= 1;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** What the layout draws on: a pdf-lib page, or nothing at all while the layout is only measured. */
type Canvas = Pick<PDFPage, 'drawText' | 'drawLine' | 'drawRectangle' | 'drawCircle'>;

const BLANK_CANVAS: Canvas = {
  drawText: () => undefined,
  drawLine: () => undefined,
  drawRectangle: () => undefined,
  drawCircle: () => undefined,
};

/** Where each heading and the block after it landed: a heading must never end a page. */
export interface LayoutMark {
  page: number;
  kind: 'heading' | 'block';
  text: string;
}

export interface SummaryLayout {
  pages: number;
  /** True when the chart was drawn shorter so that the summary fits on one page. */
  isChartCompact: boolean;
  marks: LayoutMark[];
}

class Writer {
  page: Canvas;
  pageCount = 0;
  y: number;
  readonly left: number;
  readonly right: number;
  readonly marks: LayoutMark[] = [];

  constructor(
    /** `null` measures the layout without drawing it. */
    readonly doc: PDFDocument | null,
    readonly frame: PdfPageFrame,
    readonly fonts: PdfFonts,
  ) {
    this.left = frame.margin;
    this.right = frame.width - frame.margin;
    this.page = this.newPage();
    this.y = frame.height - frame.margin;
  }

  private newPage(): Canvas {
    this.pageCount += 1;
    return this.doc?.addPage([this.frame.width, this.frame.height]) ?? BLANK_CANVAS;
  }

  get width(): number {
    return this.right - this.left;
  }

  /** Start a new page unless `height` still fits above the footer. */
  ensure(height: number): void {
    if (this.y - height >= this.frame.margin + FOOTER_HEIGHT) return;
    this.page = this.newPage();
    this.y = this.frame.height - this.frame.margin;
  }

  mark(kind: LayoutMark['kind'], text: string): void {
    this.marks.push({ page: this.pageCount, kind, text });
  }

  text(
    text: string,
    options: { size?: number; font?: PDFFont; color?: RGB; x?: number; maxWidth?: number; gap?: number } = {},
  ): void {
    const size = options.size ?? 9;
    const font = options.font ?? this.fonts.regular;
    const x = options.x ?? this.left;
    const lines = wrapText(text, font, size, options.maxWidth ?? this.right - x);
    const leading = size * 1.35;
    for (const line of lines) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, { x, y: this.y + size * 0.3, size, font, color: options.color ?? BLACK });
    }
    this.y -= options.gap ?? 0;
    this.mark('block', text);
  }

  /** A date in bold in its own column, with its text wrapped beside it (the medicine timeline, the notes). */
  datedLine(date: string, text: string, options: { size?: number; x?: number } = {}): void {
    const x = options.x ?? this.left;
    this.ensure(12);
    const top = this.y;
    this.text(date, { size: options.size, font: this.fonts.bold, x, maxWidth: 70 });
    const afterDate = this.y;
    this.y = top;
    this.text(text, { size: options.size, x: x + 74 });
    this.y = Math.min(this.y, afterDate);
  }

  /** A section heading, moved to the next page with the section unless `keepWithNext` points fit below it. */
  heading(text: string, keepWithNext: number): void {
    this.ensure(HEADING_HEIGHT + keepWithNext);
    this.y -= 6;
    this.text(text, { size: 11.5, font: this.fonts.bold, gap: 2 });
    const last = this.marks.at(-1);
    if (last) last.kind = 'heading';
  }

  rule(): void {
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.right, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
  }

  /** A table row: cells of wrapped lines in columns; returns nothing, moves down by the tallest cell. */
  row(
    cells: string[][],
    widths: number[],
    options: { font?: PDFFont; size?: number; color?: RGB; bar?: RGB } = {},
  ): void {
    const size = options.size ?? 8.5;
    const leading = size * 1.3;
    const font = options.font ?? this.fonts.regular;
    const wrapped = cells.map((lines, index) =>
      lines.flatMap((line) => wrapText(line, font, size, (widths[index] ?? 40) - 6)),
    );
    const height = Math.max(...wrapped.map((lines) => lines.length)) * leading + 5;
    this.ensure(height);
    let x = this.left;
    wrapped.forEach((lines, index) => {
      lines.forEach((line, lineIndex) => {
        this.page.drawText(line, {
          x: x + (index === 0 && options.bar ? 5 : 0),
          y: this.y - (lineIndex + 1) * leading + size * 0.3,
          size,
          font: lineIndex === 0 && index === 0 && options.bar ? this.fonts.bold : font,
          color: lineIndex > 0 && index === 0 ? MUTED : (options.color ?? BLACK),
        });
      });
      x += widths[index] ?? 40;
    });
    if (options.bar)
      this.page.drawRectangle({
        x: this.left,
        y: this.y - height + 3,
        width: 2,
        height: height - 4,
        color: options.bar,
      });
    this.y -= height;
    this.rule();
    this.mark('block', cells.flat().join(' '));
  }
}

/** The chart drawn `scale` times its height: every y of the geometry is measured from the top, so it scales. */
function scaledChart(geometry: ChartGeometry, scale: number): ChartGeometry {
  if (scale === 1) return geometry;
  const point = ({ x, y }: { x: number; y: number }) => ({ x, y: y * scale });
  return {
    ...geometry,
    height: geometry.height * scale,
    plot: { ...geometry.plot, top: geometry.plot.top * scale, bottom: geometry.plot.bottom * scale },
    dots: geometry.dots.map(point),
    lines: geometry.lines.map((line) => line.map(point)),
    yTicks: geometry.yTicks.map((tick) => ({ ...tick, y: tick.y * scale })),
  };
}

/** The chart with its heading, which never stays behind on the page before. */
function drawChart(writer: Writer, content: PdfContent, scale: number): void {
  const { xLabels, eventLabels } = content.chart;
  const geometry = scaledChart(content.chart.geometry, scale);
  const fonts = writer.fonts;
  const labelSize = 6.5;
  // Event labels above the chart, in lanes so neighbours do not overlap (as many lanes as it takes).
  const texts = geometry.events.map((event) => eventLabels[event.index] ?? '');
  const widths = texts.map((text) => fonts.regular.widthOfTextAtSize(text, labelSize));
  const slots = layoutLabels(
    geometry.events.map((event, index) => ({ at: event.x, widths: [widths[index] ?? 0] })),
    { left: 0, right: geometry.width },
    geometry.events.length,
    LABEL_GAP,
  );
  const labels = geometry.events.map((event, index) => {
    const slot = slots[index] ?? { lane: 0, side: 'right' };
    const start = slot.side === 'right' ? event.x : event.x - (widths[index] ?? 0);
    return { text: texts[index] ?? '', start, lane: slot.lane, color: hexColor(event.color) };
  });
  const laneHeight = labelSize * 1.4;
  const labelsHeight = labels.length === 0 ? 0 : (Math.max(...labels.map((label) => label.lane)) + 1) * laneHeight;
  writer.heading(content.chart.title, geometry.height + labelsHeight + 30);
  const top = writer.y - labelsHeight;
  const originX = writer.left;
  const X = (x: number) => originX + x;
  const Y = (y: number) => top - y;
  const page = writer.page;
  for (const label of labels) {
    const y = writer.y - (label.lane + 1) * laneHeight + 2;
    page.drawText(label.text, { x: X(label.start), y, size: labelSize, font: fonts.regular, color: label.color });
  }
  const { plot } = geometry;
  for (const band of geometry.bands)
    page.drawRectangle({
      x: X(band.x),
      y: Y(plot.bottom),
      width: band.width,
      height: plot.bottom - plot.top,
      color: hexColor(band.color),
      opacity: 0.15,
    });
  for (const tick of geometry.yTicks) {
    page.drawLine({
      start: { x: X(plot.left), y: Y(tick.y) },
      end: { x: X(plot.right), y: Y(tick.y) },
      thickness: 0.4,
      color: RULE,
    });
    const text = String(tick.value);
    page.drawText(text, {
      x: X(plot.left) - 4 - fonts.regular.widthOfTextAtSize(text, 7),
      y: Y(tick.y) - 2.5,
      size: 7,
      font: fonts.regular,
      color: MUTED,
    });
  }
  geometry.xTicks.forEach((tick, index) => {
    const text = xLabels[index] ?? '';
    const width = fonts.regular.widthOfTextAtSize(text, 7);
    page.drawText(text, {
      x: X(tick.x) - width / 2,
      y: Y(plot.bottom) - 10,
      size: 7,
      font: fonts.regular,
      color: MUTED,
    });
  });
  for (const event of geometry.events)
    page.drawLine({
      start: { x: X(event.x), y: Y(plot.top) },
      end: { x: X(event.x), y: Y(plot.bottom) },
      thickness: 1.2,
      color: hexColor(event.color),
      dashArray: [3, 2],
    });
  const dotRadius = geometry.dots.length > 150 ? 0.8 : 1.2;
  for (const dot of geometry.dots) page.drawCircle({ x: X(dot.x), y: Y(dot.y), size: dotRadius, color: MUTED });
  for (const line of geometry.lines)
    for (let index = 1; index < line.length; index += 1) {
      const from = line[index - 1];
      const to = line[index];
      if (from && to)
        page.drawLine({
          start: { x: X(from.x), y: Y(from.y) },
          end: { x: X(to.x), y: Y(to.y) },
          thickness: 1.4,
          color: rgb(0.12, 0.44, 0.47),
        });
    }
  writer.y = top - geometry.height - 2;
  writer.text(`${content.chart.key.join(' · ')} — ${content.chart.caption}`, { size: 7, color: MUTED, gap: 2 });
}

/**
 * Lay the summary out into `doc`. It is measured first: when it would run onto a second page but fits on
 * one with a shorter chart, the chart is drawn shorter (a clinician reads one page faster than two).
 */
export function layoutSummary(
  doc: PDFDocument,
  content: PdfContent,
  fonts: PdfFonts,
  frame: PdfPageFrame,
): SummaryLayout {
  const pagesAt = (scale: number) => {
    const measuring = new Writer(null, frame, fonts);
    drawSummary(measuring, content, scale);
    return measuring.pageCount;
  };
  const isChartCompact = pagesAt(1) > 1 && pagesAt(COMPACT_CHART_SCALE) === 1;
  const writer = new Writer(doc, frame, fonts);
  drawSummary(writer, content, isChartCompact ? COMPACT_CHART_SCALE : 1);
  drawFooters(doc, content, fonts, frame);
  return { pages: writer.pageCount, isChartCompact, marks: writer.marks };
}

function drawSummary(writer: Writer, content: PdfContent, chartScale: number): void {
  const fonts = writer.fonts;
  writer.text(content.title, { size: 16, font: fonts.bold, gap: 2 });
  writer.text(content.rangeLine, { size: 12, font: fonts.bold });
  writer.text(content.madeLine, { size: 8.5, color: MUTED, gap: 4 });
  if (content.notice) writer.text(content.notice, { size: 8.5, font: fonts.bold, gap: 4 });

  // At a glance: label over figure, three to a row.
  const columnWidth = writer.width / 3;
  for (let start = 0; start < content.overview.length; start += 3) {
    const items = content.overview.slice(start, start + 3);
    writer.ensure(30);
    const top = writer.y;
    let lowest = top;
    items.forEach(([label, value], index) => {
      writer.y = top;
      const x = writer.left + index * columnWidth;
      writer.text(label, { size: 7.5, color: MUTED, x, maxWidth: columnWidth - 8 });
      writer.text(value, { size: 11, font: fonts.bold, x, maxWidth: columnWidth - 8 });
      lowest = Math.min(lowest, writer.y);
    });
    writer.y = lowest - 4;
  }

  writer.heading(content.medicationsTitle, 40);
  if (content.medications.length === 0) writer.text(content.noMedications);
  for (const medication of content.medications) {
    writer.ensure(40);
    writer.y -= 2;
    writer.page.drawRectangle({
      x: writer.left,
      y: writer.y - 10,
      width: 7,
      height: 7,
      color: hexColor(medication.color),
    });
    writer.text(medication.name, { size: 10, font: fonts.bold, x: writer.left + 11 });
    for (const line of medication.lines) writer.text(line, { size: 8.5, x: writer.left + 11 });
    for (const event of medication.timeline)
      writer.datedLine(event.date, event.text, { size: 8.5, x: writer.left + 11 });
    writer.y -= 3;
  }

  drawChart(writer, content, chartScale);

  // The header row and the first phase.
  writer.heading(content.phasesTitle, 60);
  const widths = [0.3, 0.1, 0.09, 0.23, 0.13, 0.15].map((share) => share * writer.width);
  writer.row(
    content.phaseHeader.map((label) => [label]),
    widths,
    { font: fonts.bold, size: 7.5, color: MUTED },
  );
  for (const row of content.phaseRows)
    writer.row(row.cells, widths, { bar: hexColor(row.isPaused ? '#b3261e' : row.color) });

  // The total, the header row and the first region.
  writer.heading(content.flaresTitle, 50);
  writer.text(content.flaresTotal, { gap: 2 });
  if (content.flareRows.length > 0) {
    const flareWidths = [0.35 * writer.width, 0.12 * writer.width];
    writer.row([[content.flaresHeader[0]], [content.flaresHeader[1]]], flareWidths, {
      font: fonts.bold,
      size: 7.5,
      color: MUTED,
    });
    for (const row of content.flareRows)
      writer.row(
        row.map((cell) => [cell]),
        flareWidths,
      );
  }

  if (content.interventions.length > 0) {
    writer.heading(content.interventionsTitle, 26);
    for (const line of content.interventions) writer.text(line);
  }

  writer.heading(content.notesTitle, 26);
  for (const note of content.notes) {
    if (note.date === '') {
      writer.text(note.text, { color: MUTED });
      continue;
    }
    writer.datedLine(note.date, note.text);
    writer.y -= 1;
  }

  writer.heading(content.questionsTitle, 26);
  writer.text(content.questions);
}

/** "Patient-reported data, not a diagnosis" and the page number, on every page. */
function drawFooters(doc: PDFDocument, content: PdfContent, fonts: PdfFonts, frame: PdfPageFrame): void {
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const y = frame.margin - 2;
    page.drawLine({
      start: { x: frame.margin, y: y + 12 },
      end: { x: frame.width - frame.margin, y: y + 12 },
      thickness: 0.5,
      color: RULE,
    });
    page.drawText(content.disclaimer, { x: frame.margin, y, size: 8, font: fonts.bold, color: BLACK });
    const label = content.pageLabel(index + 1, pages.length);
    page.drawText(label, {
      x: frame.width - frame.margin - fonts.regular.widthOfTextAtSize(label, 8),
      y,
      size: 8,
      font: fonts.regular,
      color: MUTED,
    });
  });
}

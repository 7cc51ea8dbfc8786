/**
 * The layout of the summary PDF: one to two pages, margins 15 mm, header, medicines with their timeline,
 * the chart drawn with PDF lines, the phase table, flares by region, interventions, notes, questions, and on every
 * page "patient-reported data, not a diagnosis" with the page number. It receives worded content (see
 * src/lib/ui/summary/pdf-content.ts) and fonts; pdf-lib comes with it, so it is reached only through pdf.chunk.ts.
 */
import type { PDFDocument } from 'pdf-lib';
import { drawChart, type PdfChartContent } from './summary-pdf-chart';
import {
  BLACK,
  hexColor,
  MUTED,
  RULE,
  Writer,
  wrapText,
  type LayoutMark,
  type PdfFonts,
  type PdfPageFrame,
} from './summary-pdf-writer';

export type { PdfFonts, PdfPageFrame } from './summary-pdf-writer';

export interface PdfContent {
  language: string;
  title: string;
  rangeLine: string;
  /** Who the report is about (name, date of birth, clinic number), as the patient entered it; `null` when not. */
  patientLine: string | null;
  madeLine: string;
  notice: string | null;
  overview: [string, string][];
  medicationsTitle: string;
  noMedications: string;
  medications: { name: string; color: string; lines: string[]; timeline: { date: string; text: string }[] }[];
  chart: PdfChartContent;
  phasesTitle: string;
  phaseHeader: string[];
  phaseRows: { color: string; isPaused: boolean; cells: string[][] }[];
  flaresTitle: string;
  flaresHeader: [string, string];
  flaresTotal: string;
  flareRows: string[][];
  scoresTitle: string;
  /** IHS4 and Hurley at each visit in the range, oldest first. */
  scores: { date: string; text: string }[];
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

/** How much shorter the chart is drawn when that keeps the summary on one page. */
const COMPACT_CHART_SCALE = 0.6;

export interface SummaryLayout {
  pages: number;
  /** True when the chart was drawn shorter so that the summary fits on one page. */
  isChartCompact: boolean;
  marks: LayoutMark[];
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

  drawChart(writer, content.chart, chartScale);

  // The header row and the first phase.
  writer.heading(content.phasesTitle, 60);
  // Phase, mean pain (with the change), response, drainage, dressings, flares, doses: the screen's figures.
  const widths = [0.23, 0.1, 0.2, 0.16, 0.08, 0.12, 0.11].map((share) => share * writer.width);
  const phaseHeader = {
    cells: content.phaseHeader.map((label) => [label]),
    widths,
    options: { font: fonts.bold, size: 7.5, color: MUTED },
  };
  writer.row(phaseHeader.cells, phaseHeader.widths, phaseHeader.options);
  writer.tableHeader = phaseHeader;
  for (const row of content.phaseRows)
    writer.row(row.cells, widths, { bar: hexColor(row.isPaused ? '#b3261e' : row.color) });
  writer.tableHeader = null;

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

  if (content.scores.length > 0) {
    writer.heading(content.scoresTitle, 26);
    for (const score of content.scores) writer.datedLine(score.date, score.text);
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
/**
 * On every page: a header with who the report is about and its range, with "page x of y" (a clinic files
 * pages that may come apart), and a footer saying the data are the patient's own.
 */
function drawFooters(doc: PDFDocument, content: PdfContent, fonts: PdfFonts, frame: PdfPageFrame): void {
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const label = content.pageLabel(index + 1, pages.length);
    const labelWidth = fonts.regular.widthOfTextAtSize(label, 8);
    const top = frame.height - frame.margin - 6;
    const who = content.patientLine ? `${content.patientLine} · ${content.rangeLine}` : content.rangeLine;
    const [whoLine = ''] = wrapText(who, fonts.bold, 8, frame.width - 2 * frame.margin - labelWidth - 12);
    page.drawText(whoLine, { x: frame.margin, y: top, size: 8, font: fonts.bold, color: BLACK });
    page.drawText(label, {
      x: frame.width - frame.margin - labelWidth,
      y: top,
      size: 8,
      font: fonts.regular,
      color: MUTED,
    });
    page.drawLine({
      start: { x: frame.margin, y: top - 4 },
      end: { x: frame.width - frame.margin, y: top - 4 },
      thickness: 0.5,
      color: RULE,
    });
    const y = frame.margin - 2;
    page.drawLine({
      start: { x: frame.margin, y: y + 12 },
      end: { x: frame.width - frame.margin, y: y + 12 },
      thickness: 0.5,
      color: RULE,
    });
    page.drawText(content.disclaimer, { x: frame.margin, y, size: 8, font: fonts.bold, color: BLACK });
  });
}

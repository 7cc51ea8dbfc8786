/**
 * The PDF's pen: writes wrapped text, dated lines, headings and table rows down a pdf-lib page, starting a
 * new page when one is full, and records where each heading and block landed; with no document it only
 * measures. Part of the summary PDF, reached only through pdf.chunk.ts.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

export const BLACK = rgb(0.1, 0.12, 0.13);
export const MUTED = rgb(0.3, 0.34, 0.36);
export const RULE = rgb(0.78, 0.8, 0.8);
const FOOTER_HEIGHT = 20;
/** Room at the top of every page for the running header (who, the range, page x of y). */
export const HEADER_HEIGHT = 13;
/** A heading's 11.5 pt line, its space above and its gap below. */
const HEADING_HEIGHT = 24;

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface PdfPageFrame {
  width: number;
  height: number;
  margin: number;
}

/** `#rrggbb` as a pdf-lib colour. */
export function hexColor(hex: string): RGB {
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

export interface RowOptions {
  font?: PDFFont;
  size?: number;
  color?: RGB;
  bar?: RGB;
}

/** Writes the summary down the page: wrapped text, dated lines, headings kept with their section, table rows. */
export class Writer {
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
    this.y = frame.height - frame.margin - HEADER_HEIGHT;
  }

  /** The header row of the table being written, drawn again at the top of each page the table runs onto. */
  tableHeader: { cells: string[][]; widths: number[]; options: RowOptions } | null = null;

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
    this.y = this.frame.height - this.frame.margin - HEADER_HEIGHT;
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
  row(cells: string[][], widths: number[], options: RowOptions = {}): void {
    const size = options.size ?? 8.5;
    const leading = size * 1.3;
    const font = options.font ?? this.fonts.regular;
    const wrapped = cells.map((lines, index) =>
      lines.flatMap((line) => wrapText(line, font, size, (widths[index] ?? 40) - 6)),
    );
    const height = Math.max(...wrapped.map((lines) => lines.length)) * leading + 5;
    const pageBefore = this.pageCount;
    this.ensure(height);
    // A table split across pages repeats its header, so each page can be read on its own.
    if (this.pageCount !== pageBefore && this.tableHeader) {
      const header = this.tableHeader;
      this.tableHeader = null;
      this.row(header.cells, header.widths, header.options);
      this.tableHeader = header;
    }
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

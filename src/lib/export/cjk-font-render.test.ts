/**
 * The Chinese PDF font draws every character it claims: a grid of characters embedded the way the app
 * does (pdf-lib subsetting the build's subset with fontkit), rendered by poppler (pdftoppm), matches the
 * same grid drawn with the font embedded whole, cell by cell, and no cell is blank. @pdf-lib/fontkit 1.1
 * fails this (glyphs drawn from the wrong offset, pdf-lib issue 1232) though pdftotext still reads them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appChineseText,
  CJK_SUBSET_MAX_BYTES,
  FULL_CJK_FONT,
  fullFontRanges,
  makeCjkSubset,
} from '../../build/cjk-font.mjs';
import { fontkit } from './fontkit.chunk';

const COLUMNS = 24;
const CELL = 24;
const SIZE = 16;
const DPI = 72;

/**
 * About 150 of the app's own Chinese characters, then Latin and words of the summary: as many as a summary
 * uses, few enough that the PDF's font subset is small and gets the short `loca` format (offsets halved),
 * where an odd-length glyph breaks every glyph after it.
 */
function sampleText(): string {
  const own = [...new Set(appChineseText().replace(/[\s\p{ASCII}]/gu, ''))];
  const chosen = [...own.slice(0, 150), ...'Pain 7 drainage 2 μg 乌帕替尼 左腋窝 可以游泳吗？（）、。：□'];
  return [...new Set(chosen)].filter((char) => char.trim() !== '').join('');
}

async function gridPdf(font: Uint8Array, text: string, subset: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const embedded = await doc.embedFont(font, { subset });
  const chars = [...text];
  const rows = Math.ceil(chars.length / COLUMNS);
  const page = doc.addPage([COLUMNS * CELL, rows * CELL]);
  chars.forEach((char, index) => {
    const x = (index % COLUMNS) * CELL + 4;
    const y = (rows - 1 - Math.floor(index / COLUMNS)) * CELL + 6;
    page.drawText(char, { x, y, size: SIZE, font: embedded });
  });
  return doc.save();
}

function render(pdf: Uint8Array, name: string, folder: string): PNG {
  const file = join(folder, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', String(DPI), '-singlefile', file, join(folder, name)]);
  return PNG.sync.read(readFileSync(join(folder, `${name}.png`)));
}

/** Dark pixels in each cell, and how many pixels differ between the two images, cell by cell. */
function cells(image: PNG, count: number): number[][] {
  const out: number[][] = [];
  for (let index = 0; index < count; index += 1) {
    const left = (index % COLUMNS) * CELL;
    const top = Math.floor(index / COLUMNS) * CELL;
    const pixels: number[] = [];
    for (let y = top; y < top + CELL; y += 1)
      for (let x = left; x < left + CELL; x += 1) pixels.push(image.data[(y * image.width + x) * 4] ?? 255);
    out.push(pixels);
  }
  return out;
}

describe('the Chinese PDF font', () => {
  let subset: Buffer;
  beforeAll(async () => {
    subset = await makeCjkSubset();
  });

  it('is a subset of at most 2.5 MB that has every character of the app', () => {
    expect(subset.length).toBeLessThanOrEqual(CJK_SUBSET_MAX_BYTES);
    const font = fontkit.create(subset);
    const missing = [...new Set(appChineseText().replace(/\s/gu, ''))].filter(
      (char) => !font.hasGlyphForCodePoint(char.codePointAt(0) ?? 0),
    );
    expect(missing).toEqual([]);
  });

  it("knows the full font's characters, so it is fetched only for a character it has", () => {
    const ranges = fullFontRanges();
    const has = (char: string) => {
      const codePoint = char.codePointAt(0) ?? 0;
      for (let index = 0; index < ranges.length; index += 2)
        if (codePoint >= (ranges[index] ?? 0) && codePoint <= (ranges[index + 1] ?? -1)) return true;
      return false;
    };
    // A rare hanzi outside GB 2312 is in the full font (and not in the subset); an emoji is in neither.
    expect(has('䶮')).toBe(true);
    expect(fontkit.create(subset).hasGlyphForCodePoint('䶮'.codePointAt(0) ?? 0)).toBe(false);
    expect(has('🩹')).toBe(false);
    expect(ranges.length).toBeLessThan(1000);
  });

  // The subset for most PDFs, the full font when a note needs a character the subset lacks.
  it.each(['subset', 'full'] as const)(
    'draws every character as the whole font does, none blank (%s font)',
    async (which) => {
      const text = sampleText();
      const folder = mkdtempSync(join(tmpdir(), 'hs-cjk-'));
      const count = [...text].length;
      const font = which === 'subset' ? subset : readFileSync(FULL_CJK_FONT);
      const made = cells(render(await gridPdf(font, text, true), which, folder), count);
      // The reference: the build's subset embedded as it is, so no PDF subsetter touches its glyphs.
      const reference = cells(render(await gridPdf(subset, text, false), 'reference', folder), count);
      const wrong = [...text].filter((_, index) => {
        const ink = (pixels: number[]) => pixels.filter((value) => value < 200).length;
        const differing = made[index]?.filter((value, at) => Math.abs(value - (reference[index]?.[at] ?? 255)) > 64);
        return ink(made[index] ?? []) === 0 || (differing?.length ?? CELL * CELL) > 4;
      });
      expect(wrong.join('')).toBe('');
    },
    60_000,
  );
});

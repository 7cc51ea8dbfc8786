import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { wrapText } from './summary-pdf-writer';

describe('wrapText', () => {
  it('breaks at spaces, at line breaks, and inside a word too long for the line', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const width = font.widthOfTextAtSize('Upadacitinib 30', 9);
    expect(wrapText('Upadacitinib 30 mg once daily', font, 9, width)).toEqual(['Upadacitinib 30', 'mg once daily']);
    const long = wrapText('x'.repeat(200), font, 9, 100);
    expect(long.length).toBeGreaterThan(1);
    expect(long.every((line) => font.widthOfTextAtSize(line, 9) <= 100)).toBe(true);
    expect(long.join('')).toBe('x'.repeat(200));
    expect(wrapText('first\nsecond', font, 9, 500)).toEqual(['first', 'second']);
  });
});

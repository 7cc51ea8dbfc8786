/** Characters a PDF font lacks are replaced visibly, never dropped. */
import { describe, expect, it } from 'vitest';
import { drawableText, MISSING_GLYPH_MARK } from './pdf-glyphs';

const latinAndMark = (codePoint: number) => codePoint < 0x2000 || codePoint === MISSING_GLYPH_MARK.codePointAt(0);

describe('drawableText', () => {
  it('replaces each emoji with one visible mark, keeping the text around it', () => {
    expect(drawableText('Sore 🩹 today', latinAndMark)).toBe(`Sore ${MISSING_GLYPH_MARK} today`);
    // A family emoji is one grapheme of several code points: one mark, not five.
    expect(drawableText('a👨‍👩‍👧b', latinAndMark)).toBe(`a${MISSING_GLYPH_MARK}b`);
    expect(drawableText('ok ❤️', latinAndMark)).toBe(`ok ${MISSING_GLYPH_MARK}`);
  });

  it('drops bidi controls, which pdf-lib cannot apply and its fonts cannot draw', () => {
    // An override in a name would otherwise print as a mark before "gnp.exe" (issue 12, item 9).
    expect(drawableText('\u202Egnp.exe\u202C 40 mg \u2068x\u2069', latinAndMark)).toBe('gnp.exe 40 mg x');
  });

  it('leaves drawable text alone, and falls back to "?" when the mark itself is missing', () => {
    expect(drawableText('Pain 7, drainage 2', latinAndMark)).toBe('Pain 7, drainage 2');
    expect(drawableText('x 🩹', (codePoint) => codePoint < 0x2000)).toBe('x ?');
  });
});

/**
 * Characters the PDF's font cannot draw (an emoji in a note, with the Chinese font or Helvetica) are
 * replaced by a visible mark, never dropped without a trace: a clinician should see that something was
 * written there.
 */
import { withoutBidiControls } from '../domain/user-text';
import type { PdfContent } from './summary-pdf';

/** What stands in for a character the font lacks. */
export const MISSING_GLYPH_MARK = '□';
const FALLBACK_MARK = '?';

/** Zero-width joiner and the text/emoji variation selectors. */
const INVISIBLE = new Set(['\u200D', '\uFE0E', '\uFE0F']);
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` with every grapheme the font cannot draw replaced by the mark (or "?" when the mark is missing too). */
export function drawableText(text: string, canDraw: (codePoint: number) => boolean): string {
  const mark = canDraw(MISSING_GLYPH_MARK.codePointAt(0) ?? 0) ? MISSING_GLYPH_MARK : FALLBACK_MARK;
  let out = '';
  // pdf-lib lays text out left to right, code point by code point, and its fonts have no glyph for bidi
  // controls: they are dropped (the screen isolates the same names instead).
  for (const { segment } of graphemes.segment(withoutBidiControls(text))) {
    // Variation selectors and joiners are drawn by no font; what they belong to decides.
    const base = [...segment].filter((char) => !INVISIBLE.has(char));
    const isDrawable = base.every((char) => /\s/.test(char) || canDraw(char.codePointAt(0) ?? 0));
    out += isDrawable ? base.join('') : mark;
  }
  return out;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
  return value;
}

/** The PDF content with every text made drawable in the chosen font (numbers and geometry untouched). */
export function drawableContent(content: PdfContent, canDraw: (codePoint: number) => boolean): PdfContent {
  const map = (text: string) => drawableText(text, canDraw);
  const { pageLabel, chart, ...texts } = content;
  const { geometry, ...chartTexts } = chart;
  return {
    ...(mapStrings(texts, map) as Omit<PdfContent, 'pageLabel' | 'chart'>),
    chart: { ...(mapStrings(chartTexts, map) as Omit<PdfContent['chart'], 'geometry'>), geometry },
    pageLabel: (page, pages) => map(pageLabel(page, pages)),
  };
}

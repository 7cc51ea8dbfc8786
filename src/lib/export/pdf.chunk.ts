/**
 * Make the summary PDF (pdf-lib, about 200 KB gzipped, loaded only when the patient asks for a PDF).
 * Latin text uses the PDF's built-in Helvetica, so English PDFs download no font at all. Chinese text (or
 * any text Helvetica cannot encode) uses the build's Noto Sans SC subset (see ./cjk-font.ts: cached for
 * offline use once the app is used in Chinese), and the full font only when a note needs a character the
 * subset lacks; either is subset again into the PDF so the file stays small.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { fullFontRanges, subsetUrl } from 'virtual:cjk-font';
// A fingerprinted asset URL: the 10 MB font is emitted beside the app but kept out of every cache until needed.
import fullFontUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import { fontBytes } from './cjk-font';
import type { fontkit as fontkitType } from './fontkit.chunk';
import { drawableContent } from './pdf-glyphs';
import { layoutSummary, type PdfContent, type PdfPageFrame } from './summary-pdf';

/** Chinese, Japanese and Korean scripts and their punctuation: what the CJK font is fetched for. */
const CJK_TEXT = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/** Letters, digits, punctuation and symbols a text font has; not emoji, which no font here draws. */
const FONT_TEXT = /^(?!\p{Extended_Pictographic})[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Whether the content needs the CJK font: Chinese, or CJK text in an English summary (a note). Anything
 * else Helvetica cannot encode (an emoji) is replaced visibly instead (see ./pdf-glyphs.ts), so an
 * English PDF never waits for a font it would not use.
 */
function needsCjkFont(content: PdfContent): boolean {
  return content.language.startsWith('zh') || CJK_TEXT.test(JSON.stringify(content));
}

/** Whether the full font has a character (its ranges are known at build time, so nothing is fetched to ask). */
function isInFullFont(codePoint: number): boolean {
  for (let index = 0; index < fullFontRanges.length; index += 2)
    if (codePoint >= (fullFontRanges[index] ?? 0) && codePoint <= (fullFontRanges[index + 1] ?? -1)) return true;
  return false;
}

/** Every character of the content's text. */
function contentCharacters(content: PdfContent): Set<string> {
  return new Set([...JSON.stringify(content), ...content.pageLabel(88, 88)]);
}

/** A Chinese PDF cannot be made: the device is offline and has never cached the Chinese font. */
export class CjkFontOfflineError extends Error {
  constructor() {
    super('The Chinese PDF font is not on this device and it is offline.');
    this.name = 'CjkFontOfflineError';
  }
}

export interface MakePdfOptions {
  frame: PdfPageFrame;
  /** Told before a font is downloaded, so the screen can say why this takes a moment. */
  onFontLoading?: (font: 'subset' | 'full') => void;
}

export interface SummaryPdf {
  bytes: Uint8Array;
  /**
   * Characters the PDF shows as □ because only the full font has them and it could not be fetched
   * (offline). Empty when everything was drawn.
   */
  notDrawn: string[];
}

type Fontkit = typeof fontkitType;

/** The font bytes to embed, and what they leave undrawn; `null` when there is no Chinese font at all. */
async function chooseCjkFont(
  content: PdfContent,
  fontkit: Fontkit,
  onFontLoading: MakePdfOptions['onFontLoading'],
): Promise<{ bytes: ArrayBuffer; notDrawn: string[] } | null> {
  const subset = await fontBytes(subsetUrl, () => onFontLoading?.('subset'));
  const font = subset && fontkit.create(new Uint8Array(subset));
  // What the subset cannot draw and the full font can: only that is worth 10 MB (an emoji is not).
  const lacking = [...contentCharacters(content)].filter((char) => {
    const codePoint = char.codePointAt(0) ?? 0;
    return FONT_TEXT.test(char) && !font?.hasGlyphForCodePoint(codePoint) && isInFullFont(codePoint);
  });
  if (subset && lacking.length === 0) return { bytes: subset, notDrawn: [] };
  const full = await fontBytes(fullFontUrl, () => onFontLoading?.('full'));
  if (full) return { bytes: full, notDrawn: [] };
  return subset ? { bytes: subset, notDrawn: lacking } : null;
}

export async function makeSummaryPdf(content: PdfContent, options: MakePdfOptions): Promise<SummaryPdf> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${content.title} ${content.rangeLine}`);
  doc.setLanguage(content.language);
  doc.setCreator('HS Diary');
  doc.setProducer('HS Diary');
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  let fonts = { regular: helvetica, bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  let notDrawn: string[] = [];
  if (needsCjkFont(content)) {
    // Offline on a device that never cached it, the fontkit chunk does not load either.
    const fontkit = await import('./fontkit.chunk').then(
      (module) => module.fontkit,
      () => null,
    );
    const chosen = fontkit && (await chooseCjkFont(content, fontkit, options.onFontLoading));
    if (fontkit && chosen) {
      doc.registerFontkit(fontkit);
      const cjk = await doc.embedFont(chosen.bytes, { subset: true });
      fonts = { regular: cjk, bold: cjk };
      notDrawn = chosen.notDrawn;
    } else if (content.language.startsWith('zh')) {
      throw new CjkFontOfflineError();
    } else {
      // An English summary with a Chinese note: made with Helvetica, the note's Chinese shown as □.
      notDrawn = [...contentCharacters(content)].filter((char) => CJK_TEXT.test(char));
    }
  }
  const drawable = new Set([...fonts.regular.getCharacterSet(), ...fonts.bold.getCharacterSet()]);
  layoutSummary(
    doc,
    drawableContent(content, (codePoint) => drawable.has(codePoint)),
    fonts,
    options.frame,
  );
  return { bytes: await doc.save(), notDrawn };
}

/**
 * Make the summary PDF (pdf-lib, about 200 KB gzipped, loaded only when the patient asks for a PDF).
 * Latin text uses the PDF's built-in Helvetica, so English PDFs download no font at all. Chinese text (or
 * any text Helvetica cannot encode) uses Noto Sans SC, fetched from the app's own origin only then, kept
 * in a runtime cache for next time, and subset into the PDF so the file stays small.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { drawableContent } from './pdf-glyphs';
// A fingerprinted asset URL: the 10 MB font is emitted beside the app but kept out of the precache.
import cjkFontUrl from '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url';
import { layoutSummary, type PdfContent, type PdfPageFrame } from './summary-pdf';

const FONT_CACHE = 'hs-diary-fonts';

async function fetchCjkFont(): Promise<ArrayBuffer> {
  const cache = typeof caches === 'undefined' ? null : await caches.open(FONT_CACHE).catch(() => null);
  const cached = await cache?.match(cjkFontUrl);
  if (cached) return cached.arrayBuffer();
  const response = await fetch(cjkFontUrl);
  if (!response.ok) throw new Error(`font: HTTP ${response.status}`);
  await cache?.put(cjkFontUrl, response.clone()).catch(() => undefined);
  return response.arrayBuffer();
}

/** Chinese, Japanese and Korean scripts and their punctuation: what the CJK font is fetched for. */
const CJK_TEXT = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/**
 * Whether the content needs the CJK font: Chinese, or CJK text in an English summary (a note). Anything
 * else Helvetica cannot encode (an emoji) is replaced visibly instead (see ./pdf-glyphs.ts), so an
 * English PDF never waits for 10 MB it would not use.
 */
function needsCjkFont(content: PdfContent): boolean {
  return content.language.startsWith('zh') || CJK_TEXT.test(JSON.stringify(content));
}

export interface MakePdfOptions {
  frame: PdfPageFrame;
  /** Told before the CJK font is fetched, so the screen can say why this takes a moment. */
  onFontLoading?: () => void;
}

export async function makeSummaryPdf(content: PdfContent, options: MakePdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${content.title} ${content.rangeLine}`);
  doc.setLanguage(content.language);
  doc.setCreator('HS Diary');
  doc.setProducer('HS Diary');
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  let fonts = { regular: helvetica, bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  if (needsCjkFont(content)) {
    options.onFontLoading?.();
    const [{ fontkit }, fontBytes] = await Promise.all([import('./fontkit.chunk'), fetchCjkFont()]);
    doc.registerFontkit(fontkit);
    const cjk = await doc.embedFont(fontBytes, { subset: true });
    fonts = { regular: cjk, bold: cjk };
  }
  const drawable = new Set([...fonts.regular.getCharacterSet(), ...fonts.bold.getCharacterSet()]);
  layoutSummary(
    doc,
    drawableContent(content, (codePoint) => drawable.has(codePoint)),
    fonts,
    options.frame,
  );
  return doc.save();
}

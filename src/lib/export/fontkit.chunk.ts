/**
 * fontkit (upstream foliojs/fontkit 2, its browser build), needed only to embed the Chinese font: its own
 * chunk, loaded for Chinese PDFs only, kept out of the service worker's precache (see vite.config.ts) and
 * cached with the font once the app is used in Chinese (see ./cjk-font.ts).
 *
 * Upstream fontkit replaces @pdf-lib/fontkit 1.1, whose TrueType subsetter wrote `loca` without padding
 * glyphs to an even length, so Chinese glyphs went missing (pdf-lib issue 1232; caught by
 * cjk-font-render.test.ts). fontkit 2 pads them, and it returns the subset from `encode()` where pdf-lib
 * 1.17 asks for the older `encodeStream()`: the one thing adapted here, through public API only.
 */
import * as fontkitUpstream from 'fontkit';
import type { PDFDocument } from 'pdf-lib';

type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];
type PdfLibFont = ReturnType<PdfLibFontkit['create']>;

interface SubsetStream {
  on(event: 'data' | 'end' | 'error', listener: (data: Uint8Array) => unknown): SubsetStream;
}

/** A stream that hands over `encode()`'s bytes once, as pdf-lib 1.17 reads a subset. */
function streamOf(encode: () => Uint8Array): SubsetStream {
  const listeners: Partial<Record<'data' | 'end' | 'error', (data: Uint8Array) => unknown>> = {};
  const stream: SubsetStream = {
    on(event, listener) {
      listeners[event] = listener;
      // pdf-lib attaches 'data', 'end' and 'error' in one go; deliver once all three are there.
      if (listeners.data && listeners.end && listeners.error)
        queueMicrotask(() => {
          try {
            listeners.data?.(encode());
            listeners.end?.(new Uint8Array());
          } catch (error) {
            listeners.error?.(error as Uint8Array);
          }
        });
      return stream;
    },
  };
  return stream;
}

export const fontkit: PdfLibFontkit = {
  create(buffer, postscriptName) {
    const font = fontkitUpstream.create(buffer, postscriptName) as PdfLibFont;
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset() as ReturnType<PdfLibFont['createSubset']> & { encode(): Uint8Array };
      subset.encodeStream = () => streamOf(() => subset.encode());
      return subset;
    };
    return font;
  },
};

/**
 * fontkit (about 300 KB gzipped), needed only to embed a CJK font: its own chunk, loaded for Chinese PDFs
 * only and kept out of the service worker's precache (see vite.config.ts) so English users never fetch it.
 *
 * It carries one fix: @pdf-lib/fontkit 1.1's TrueType subsetter writes a short `loca` table without padding
 * glyphs to an even length, so in Noto Sans SC every glyph after an odd-length one is drawn from the wrong
 * offset (letters go missing, though pdftotext still finds them). Padding each glyph, as fontkit 2 does,
 * fixes it.
 */
import fontkitBase from '@pdf-lib/fontkit';

type Fontkit = typeof fontkitBase;

interface PaddableBuffer extends Uint8Array {
  constructor: { concat(list: Uint8Array[]): PaddableBuffer; alloc(size: number): PaddableBuffer };
}

/** The subsetter's internals this fix touches (fontkit's TTFSubset). */
interface TtfSubsetInternals {
  glyf?: PaddableBuffer[];
  offset: number;
  _addGlyph?: (gid: number) => number;
}

export const fontkit: Fontkit = {
  create(buffer, postscriptName) {
    const font = fontkitBase.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      const internals = subset as unknown as TtfSubsetInternals;
      const addGlyph = internals._addGlyph?.bind(subset);
      if (addGlyph)
        internals._addGlyph = (gid) => {
          const index = addGlyph(gid);
          const glyph = internals.glyf?.[index];
          if (internals.glyf && glyph && glyph.length % 2 === 1) {
            internals.glyf[index] = glyph.constructor.concat([glyph, glyph.constructor.alloc(1)]);
            internals.offset += 1;
          }
          return index;
        };
      return subset;
    };
    return font;
  },
};

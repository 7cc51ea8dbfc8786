// @ts-check
/**
 * The Chinese PDF font, subset at build time. Noto Sans SC is 10 MB; the subset keeps what a Chinese
 * summary needs in practice (GB 2312: its 6,763 hanzi, CJK punctuation, fullwidth forms), Latin, and every
 * character of the app's own Chinese text, so a note is the only thing that can ever need the full font.
 * HarfBuzz does the subsetting (the `subset-font` package), so no font table is rewritten by hand.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';

export const FULL_CJK_FONT = 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';

/** The most the subset may weigh (issue 14, item 4): it is cached on the device of every Chinese user. */
export const CJK_SUBSET_MAX_BYTES = 2_500_000;

/**
 * @param {number} first
 * @param {number} last
 */
function range(first, last) {
  let text = '';
  for (let codePoint = first; codePoint <= last; codePoint += 1) text += String.fromCodePoint(codePoint);
  return text;
}

/**
 * GB 2312's characters, read from the GB 2312 decoder every JavaScript runtime ships: rows 1-3 (punctuation,
 * numbers, fullwidth Latin), 6 (Greek, for units such as μg) and 16-87 (the 6,763 hanzi). Kana, Cyrillic,
 * pinyin and box drawing (rows 4, 5, 7-9) are left to the full font.
 */
export function gb2312Text() {
  const decoder = new TextDecoder('gb2312');
  const rows = [1, 2, 3, 6, ...Array.from({ length: 72 }, (_, index) => 16 + index)];
  let text = '';
  for (const row of rows)
    for (let cell = 1; cell <= 94; cell += 1) {
      const char = decoder.decode(new Uint8Array([0xa0 + row, 0xa0 + cell]));
      if (char !== '\uFFFD' && char.length > 0) text += char;
    }
  return text;
}

/** Every character in the app's Simplified Chinese messages (src/lib/i18n/*.zh-CN.ts). */
export function appChineseText(root = '.') {
  const folder = join(root, 'src/lib/i18n');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.zh-CN.ts'))
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('');
}

/** What the subset covers. */
export function cjkSubsetText(root = '.') {
  const text =
    range(0x20, 0x7e) + // ASCII
    range(0xa0, 0x17f) + // Latin-1 and Latin Extended-A: names and units
    range(0x2000, 0x206f) + // general punctuation (dashes, quotes, ellipsis)
    range(0x2190, 0x2193) + // arrows
    '□' + // what stands in for a missing character (see src/lib/export/pdf-glyphs.ts)
    range(0x3000, 0x303f) + // CJK punctuation
    range(0xff00, 0xffef) + // fullwidth and halfwidth forms
    gb2312Text() +
    appChineseText(root);
  return [...new Set(text)].filter((char) => !/\p{C}/u.test(char) || char === '\u3000').join('');
}

/** @returns {Promise<Buffer>} */
export async function makeCjkSubset(root = '.') {
  const full = readFileSync(join(root, FULL_CJK_FONT));
  return subsetFont(full, cjkSubsetText(root), { targetFormat: 'truetype' });
}

/**
 * The code points the full font has, as flat [first, last, first, last, …] ranges (448 ranges for Noto Sans
 * SC): the page fetches the full font only for a character in these that the subset lacks, never for one
 * no font here could draw.
 * @returns {number[]}
 */
export function fullFontRanges(root = '.') {
  const font = /** @type {{ characterSet: number[] }} */ (fontkit.create(readFileSync(join(root, FULL_CJK_FONT))));
  const codePoints = [...font.characterSet].sort((a, b) => a - b);
  /** @type {number[]} */
  const ranges = [];
  for (const codePoint of codePoints) {
    if (ranges.length > 0 && ranges[ranges.length - 1] === codePoint - 1) ranges[ranges.length - 1] = codePoint;
    else ranges.push(codePoint, codePoint);
  }
  return ranges;
}

/** @param {Uint8Array} bytes */
function contentHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

const VIRTUAL_ID = 'virtual:cjk-font';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
/** What the page caches once the app is used in Chinese: written beside index.html by the build. */
export const CJK_FONT_FILES = 'cjk-font-files.json';

/**
 * `virtual:cjk-font` gives the subset's address; the build emits the subset as a hashed asset and
 * `cjk-font-files.json`, the files a Chinese PDF needs offline (the subset and the fontkit chunk), which
 * the page caches once the app is used in Chinese (src/lib/export/cjk-font.ts). The full font stays an
 * ordinary asset, fetched only for a note the subset cannot draw.
 */
/** @returns {import('vite').Plugin} */
export function cjkFont() {
  /** @type {Promise<Buffer> | undefined} */
  let subset;
  /** @type {string | undefined} */
  let subsetFileName;
  let isServe = false;
  return {
    name: 'hs-diary:cjk-font',
    configResolved(config) {
      isServe = config.command === 'serve';
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const bytes = await (subset ??= makeCjkSubset());
      const ranges = `export const fullFontRanges = ${JSON.stringify(fullFontRanges())};\n`;
      if (bytes.length > CJK_SUBSET_MAX_BYTES)
        this.error(`The Chinese font subset is ${bytes.length} bytes, over ${CJK_SUBSET_MAX_BYTES}.`);
      if (isServe) {
        // The dev server serves the file from the cache folder.
        const file = resolve('node_modules/.cache/hs-diary/NotoSansSC-subset.ttf');
        mkdirSync(resolve('node_modules/.cache/hs-diary'), { recursive: true });
        writeFileSync(file, bytes);
        return `${ranges}export const subsetUrl = ${JSON.stringify(`/@fs${file}`)};`;
      }
      subsetFileName = `assets/NotoSansSC-subset-${contentHash(bytes)}.ttf`;
      this.emitFile({ type: 'asset', fileName: subsetFileName, source: bytes });
      // Relative to this chunk (in assets/), so the build works under any sub-path.
      const name = subsetFileName.slice('assets/'.length);
      return `${ranges}const here = import.meta.url;\nexport const subsetUrl = new URL(${JSON.stringify(`./${name}`)}, here).href;`;
    },
    generateBundle(_options, bundle) {
      const fontkitChunk = Object.values(bundle).find(
        (file) => file.type === 'chunk' && file.fileName.includes('fontkit.chunk'),
      );
      if (!fontkitChunk || fontkitChunk.type !== 'chunk' || !subsetFileName)
        return this.error('The Chinese PDF font or its fontkit chunk is missing from the build.');
      const files = [subsetFileName, fontkitChunk.fileName, ...fontkitChunk.imports];
      this.emitFile({ type: 'asset', fileName: CJK_FONT_FILES, source: `${JSON.stringify({ files })}\n` });
    },
  };
}

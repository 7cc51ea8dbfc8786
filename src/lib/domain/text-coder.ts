/**
 * Text for the summary pack's layout 3: exact strings (any Unicode, lone surrogates too) by code point,
 * through a learned symbol tree that starts from English letter odds, so a question in English costs
 * about 4.5 bits a character rather than 8; Chinese characters cost 15 bits rather than UTF-8's 24.
 */
import { codeUniform, SymbolModel, UintModel, type BitCoder } from './range-coder';

/** Odds per 1,000 characters of English text, the starting point of the text model. */
const ENGLISH_WEIGHTS: Record<string, number> = {
  ' ': 170,
  e: 95,
  t: 68,
  a: 62,
  o: 58,
  i: 55,
  n: 54,
  s: 50,
  r: 46,
  h: 45,
  d: 33,
  l: 32,
  c: 22,
  u: 22,
  m: 19,
  w: 17,
  f: 17,
  g: 16,
  y: 15,
  p: 15,
  b: 12,
  v: 8,
  k: 6,
  x: 1.5,
  j: 1,
  q: 1,
  z: 0.7,
  '.': 9,
  ',': 8,
  '?': 4,
  "'": 2,
  '-': 2,
  '/': 0.5,
  '+': 0.5,
  ':': 0.5,
  '!': 0.5,
  '(': 0.3,
  ')': 0.3,
};

/** Text symbols: 0-94 printable ASCII, then a line break, Chinese characters, CJK punctuation, anything else. */
const LINE_BREAK = 95;
const CJK = 96;
const CJK_FIRST = 0x4e00;
const CJK_COUNT = 0xa000 - CJK_FIRST;
const CJK_PUNCTUATION = 97;
const CJK_PUNCTUATION_FIRST = 0x3000;
const CJK_PUNCTUATION_COUNT = 0x40;
const FULLWIDTH_FIRST = 0xff00;
const FULLWIDTH_COUNT = 0xf0;
const OTHER_CODE_POINT = 98;
const CODE_POINTS = 0x110000;

function textPrior(): number[] {
  const prior = Array.from({ length: 128 }, () => 0);
  for (let code = 32; code < 127; code += 1) {
    const char = String.fromCharCode(code);
    const lower = ENGLISH_WEIGHTS[char.toLowerCase()];
    prior[code - 32] =
      ENGLISH_WEIGHTS[char] ?? (char !== char.toLowerCase() && lower ? lower * 0.08 + 0.5 : /\d/.test(char) ? 2 : 0.1);
  }
  prior[LINE_BREAK] = 1;
  prior[CJK] = 5;
  prior[CJK_PUNCTUATION] = 1;
  prior[OTHER_CODE_POINT] = 1;
  return prior;
}

/** One per pack: every text in it (names, questions) teaches the same model. */
export class TextModel {
  readonly #symbols = new SymbolModel(7, textPrior(), 120);
  readonly #length = new UintModel();

  /** A string of at most `maxLength` code points, exactly as given (any Unicode, lone surrogates too). */
  code(coder: BitCoder, maxLength: number, value = ''): string {
    const codePoints = Array.from(value, (char) => char.codePointAt(0) ?? 0);
    const length = this.#length.code(coder, maxLength, codePoints.length);
    let text = '';
    for (let index = 0; index < length; index += 1)
      text += String.fromCodePoint(this.#codePoint(coder, codePoints[index] ?? 0));
    return text;
  }

  #codePoint(coder: BitCoder, codePoint: number): number {
    const symbol = this.#symbols.code(coder, symbolOf(codePoint));
    if (symbol < LINE_BREAK) return symbol + 32;
    if (symbol === LINE_BREAK) return 10;
    if (symbol === CJK) return CJK_FIRST + codeUniform(coder, CJK_COUNT, codePoint - CJK_FIRST);
    if (symbol === CJK_PUNCTUATION) {
      const index =
        codePoint >= FULLWIDTH_FIRST
          ? codePoint - FULLWIDTH_FIRST + CJK_PUNCTUATION_COUNT
          : codePoint - CJK_PUNCTUATION_FIRST;
      const decoded = codeUniform(coder, CJK_PUNCTUATION_COUNT + FULLWIDTH_COUNT, index);
      return decoded < CJK_PUNCTUATION_COUNT
        ? CJK_PUNCTUATION_FIRST + decoded
        : FULLWIDTH_FIRST + decoded - CJK_PUNCTUATION_COUNT;
    }
    if (symbol === OTHER_CODE_POINT) return codeUniform(coder, CODE_POINTS, codePoint);
    throw new RangeError(`unknown text symbol ${symbol}`);
  }
}

function symbolOf(codePoint: number): number {
  if (codePoint >= 32 && codePoint < 127) return codePoint - 32;
  if (codePoint === 10) return LINE_BREAK;
  if (codePoint >= CJK_FIRST && codePoint < CJK_FIRST + CJK_COUNT) return CJK;
  const isCjkPunctuation =
    codePoint >= CJK_PUNCTUATION_FIRST && codePoint < CJK_PUNCTUATION_FIRST + CJK_PUNCTUATION_COUNT;
  const isFullwidth = codePoint >= FULLWIDTH_FIRST && codePoint < FULLWIDTH_FIRST + FULLWIDTH_COUNT;
  return isCjkPunctuation || isFullwidth ? CJK_PUNCTUATION : OTHER_CODE_POINT;
}

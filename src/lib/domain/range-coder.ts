/**
 * A small adaptive binary range coder (the carry-handling scheme of LZMA's), for the summary pack's
 * layout 3. A few hundred bytes of diary are too short for deflate to pay for its headers and Huffman
 * tables; coding each field with a probability learned from the fields before it (and from the previous
 * day) takes well under half of that.
 *
 * The decoder is safe on hostile input: each bit costs constant time, every value read is bounded by
 * its caller's maximum, and reading more than a few bytes past the end is a `TruncatedError`.
 */
import { TruncatedError } from './binary';

const PROBABILITY_BITS = 12;
const PROBABILITY_ONE = 1 << PROBABILITY_BITS;
const TOP = 2 ** 24;
const TWO_32 = 2 ** 32;
/** Counts are halved past this total, so a model follows a series that changes (a flare begins). */
const COUNT_LIMIT = 60;
/** Bytes the encoder may drop at the end (its flush's zero bytes), which the decoder reads back as zeros. */
const MAX_TRIMMED = 4;

/** The probability of one binary decision, learned from the decisions seen (counts are doubled, +1 each). */
export class BitModel {
  #zeros: number;
  #ones: number;
  readonly #limit: number;

  /**
   * `zeros` and `ones`: prior weights (by default an even, weak prior); `limit`: the total past which
   * both are halved (a higher one learns more slowly but keeps a strong prior longer).
   */
  constructor(zeros = 1, ones = 1, limit = COUNT_LIMIT) {
    this.#zeros = Math.max(1, Math.round(zeros));
    this.#ones = Math.max(1, Math.round(ones));
    this.#limit = limit;
  }

  /** P(0) in 1/4096, never 0 or 1 so any bit stays codable. */
  get probabilityOfZero(): number {
    const value = Math.floor((this.#zeros * PROBABILITY_ONE) / (this.#zeros + this.#ones));
    return Math.min(PROBABILITY_ONE - 16, Math.max(16, value));
  }

  update(bit: 0 | 1): void {
    if (bit === 0) this.#zeros += 2;
    else this.#ones += 2;
    if (this.#zeros + this.#ones > this.#limit) {
      this.#zeros = Math.ceil(this.#zeros / 2);
      this.#ones = Math.ceil(this.#ones / 2);
    }
  }
}

/** Either end of the coder: the pack's layout is written once, as calls on this interface. */
export interface BitCoder {
  /** True for the encoder: values passed in are checked (the decoder passes placeholders). */
  readonly isEncoding: boolean;
  /** Codes `bit` (encoder) or reads it (decoder; the argument is ignored), learning into `model`. */
  bit(model: BitModel, bit?: 0 | 1): 0 | 1;
  /** A bit at probability one half. */
  evenBit(bit?: 0 | 1): 0 | 1;
}

export class RangeEncoder implements BitCoder {
  readonly isEncoding = true;
  #low = 0;
  #range = 0xffffffff;
  #cache = 0;
  #cacheSize = 1;
  readonly #out: number[] = [];

  bit(model: BitModel, bit: 0 | 1 = 0): 0 | 1 {
    this.#encode(model.probabilityOfZero, bit);
    model.update(bit);
    return bit;
  }

  evenBit(bit: 0 | 1 = 0): 0 | 1 {
    this.#encode(PROBABILITY_ONE / 2, bit);
    return bit;
  }

  #encode(probabilityOfZero: number, bit: 0 | 1): void {
    const bound = (this.#range >>> PROBABILITY_BITS) * probabilityOfZero;
    if (bit === 0) this.#range = bound;
    else {
      this.#low += bound;
      this.#range -= bound;
    }
    while (this.#range < TOP) {
      this.#range = (this.#range * 256) >>> 0;
      this.#shiftLow();
    }
  }

  /** Moves the top byte of `low` out, holding back 0xff bytes until a carry can no longer reach them. */
  #shiftLow(): void {
    if (this.#low < 0xff000000 || this.#low >= TWO_32) {
      const carry = this.#low >= TWO_32 ? 1 : 0;
      let pending = this.#cache;
      do {
        this.#out.push((pending + carry) & 0xff);
        pending = 0xff;
        this.#cacheSize -= 1;
      } while (this.#cacheSize !== 0);
      this.#cache = Math.floor(this.#low / TOP) & 0xff;
    }
    this.#cacheSize += 1;
    this.#low = (this.#low % TOP) * 256;
  }

  /**
   * The coded bytes. The final value is the point of the last interval with the most trailing zero bits,
   * and those zero bytes are dropped (the decoder reads zeros past the end), so the flush costs about one
   * byte rather than LZMA's four.
   */
  finish(): Uint8Array {
    let alignment = TWO_32;
    while (alignment > TOP) {
      const candidate = Math.ceil(this.#low / alignment) * alignment;
      if (candidate < this.#low + this.#range) break;
      alignment /= 2;
    }
    this.#low = Math.ceil(this.#low / alignment) * alignment;
    for (let index = 0; index < 5; index += 1) this.#shiftLow();
    // LZMA's first byte is always 0 (nothing can carry into it): not sent.
    const bytes = this.#out.slice(1);
    let end = bytes.length;
    while (end > 0 && bytes.length - end < MAX_TRIMMED && bytes[end - 1] === 0) end -= 1;
    return Uint8Array.from(bytes.slice(0, end));
  }
}

export class RangeDecoder implements BitCoder {
  readonly isEncoding = false;
  #range = 0xffffffff;
  #code = 0;
  #offset = 0;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    for (let index = 0; index < 4; index += 1) this.#code = this.#code * 256 + this.#next();
  }

  #next(): number {
    const value = this.#bytes[this.#offset] ?? 0;
    this.#offset += 1;
    if (this.#offset > this.#bytes.length + MAX_TRIMMED) throw new TruncatedError();
    return value;
  }

  bit(model: BitModel): 0 | 1 {
    const bit = this.#decode(model.probabilityOfZero);
    model.update(bit);
    return bit;
  }

  evenBit(): 0 | 1 {
    return this.#decode(PROBABILITY_ONE / 2);
  }

  #decode(probabilityOfZero: number): 0 | 1 {
    const bound = (this.#range >>> PROBABILITY_BITS) * probabilityOfZero;
    let bit: 0 | 1;
    if (this.#code < bound) {
      this.#range = bound;
      bit = 0;
    } else {
      // Junk input can hold a code past the range; the bits are then junk too, which the caller's range
      // checks (and the pack's checksum) refuse.
      this.#code -= bound;
      this.#range -= bound;
      bit = 1;
    }
    while (this.#range < TOP) {
      this.#range = (this.#range * 256) >>> 0;
      this.#code = (this.#code % TOP) * 256 + this.#next();
    }
    return bit;
  }

  /** True when every byte was read: anything left over is not this coder's output. */
  get isAtEnd(): boolean {
    return this.#offset >= this.#bytes.length;
  }
}

/** A value below `count` at even odds (about log2(count) bits); the decoder refuses one at or past `count`. */
export function codeUniform(coder: BitCoder, count: number, value = 0): number {
  if (coder.isEncoding && !(Number.isInteger(value) && value >= 0 && value < count))
    throw new RangeError(`value ${value} not below ${count}`);
  let bits = 0;
  while (2 ** bits < count) bits += 1;
  let result = 0;
  for (let bit = bits - 1; bit >= 0; bit -= 1)
    result = result * 2 + coder.evenBit((Math.floor(value / 2 ** bit) % 2) as 0 | 1);
  if (result >= count) throw new RangeError(`value ${result} not below ${count}`);
  return result;
}

/**
 * Non-negative integers, small ones cheap: the bit length in unary (learned), then the bits under the top
 * one, the first of them learned too. `max` bounds what the decoder accepts.
 */
export class UintModel {
  readonly #length: BitModel[] = [];
  readonly #secondBit: BitModel[] = [];

  code(coder: BitCoder, max: number, value = 0): number {
    if (coder.isEncoding && !(Number.isInteger(value) && value >= 0 && value <= max))
      throw new RangeError(`value ${value} not in 0-${max}`);
    const maxLength = bitLength(max + 1);
    const length = bitLength(value + 1);
    let decodedLength = 1;
    // Unary: one "longer" bit per extra bit of length, no stop bit at the longest possible length.
    while (decodedLength < maxLength) {
      const model = (this.#length[decodedLength] ??= new BitModel());
      if (coder.bit(model, length > decodedLength ? 1 : 0) === 0) break;
      decodedLength += 1;
    }
    let result = 1;
    for (let bit = decodedLength - 2; bit >= 0; bit -= 1) {
      const wanted = (Math.floor((value + 1) / 2 ** bit) % 2) as 0 | 1;
      const next =
        bit === decodedLength - 2
          ? coder.bit((this.#secondBit[decodedLength] ??= new BitModel()), wanted)
          : coder.evenBit(wanted);
      result = result * 2 + next;
    }
    if (result - 1 > max) throw new RangeError(`value ${result - 1} over ${max}`);
    return result - 1;
  }
}

function bitLength(value: number): number {
  let length = 0;
  while (2 ** length <= value) length += 1;
  return length;
}

/** Signed integers: zero or not, the sign, then the magnitude less one, each learned. */
export class IntModel {
  readonly #isZero = new BitModel();
  readonly #isNegative = new BitModel();
  readonly #magnitude = new UintModel();

  code(coder: BitCoder, maxMagnitude: number, value = 0): number {
    if (coder.bit(this.#isZero, value === 0 ? 1 : 0) === 1) return 0;
    const isNegative = coder.bit(this.#isNegative, value < 0 ? 1 : 0) === 1;
    const magnitude = this.#magnitude.code(coder, maxMagnitude - 1, Math.max(0, Math.abs(value) - 1)) + 1;
    return isNegative ? -magnitude : magnitude;
  }
}

/** A symbol below `2 ** bits`, MSB first through a tree of learned decisions. */
export class SymbolModel {
  readonly #nodes: BitModel[];
  readonly #bits: number;

  /** `prior`: optional weights per symbol, turned into each node's starting odds. */
  constructor(bits: number, prior?: readonly number[], priorWeight = 0) {
    this.#bits = bits;
    this.#nodes = Array.from({ length: 2 ** bits }, () => new BitModel());
    if (!prior) return;
    const total = prior.reduce((sum, weight) => sum + weight, 0);
    // Node n covers the symbols under it; its odds are the weight of its 0 half against its 1 half.
    const weightUnder = (node: number, depth: number): number => {
      const first = (node - 2 ** depth) * 2 ** (bits - depth);
      let sum = 0;
      for (let symbol = first; symbol < first + 2 ** (bits - depth); symbol += 1) sum += prior[symbol] ?? 0;
      return sum;
    };
    for (let depth = 0; depth < bits; depth += 1)
      for (let node = 2 ** depth; node < 2 ** (depth + 1); node += 1) {
        const zeros = weightUnder(node * 2, depth + 1);
        const ones = weightUnder(node * 2 + 1, depth + 1);
        const scale = (priorWeight * (zeros + ones)) / total;
        if (zeros + ones > 0)
          this.#nodes[node] = new BitModel(
            1 + (scale * zeros) / (zeros + ones),
            1 + (scale * ones) / (zeros + ones),
            Math.max(COUNT_LIMIT, 2 * priorWeight),
          );
      }
  }

  code(coder: BitCoder, value = 0): number {
    if (coder.isEncoding && !(Number.isInteger(value) && value >= 0 && value < 2 ** this.#bits))
      throw new RangeError(`symbol ${value}`);
    let node = 1;
    for (let bit = this.#bits - 1; bit >= 0; bit -= 1) {
      const wanted = (Math.floor(value / 2 ** bit) % 2) as 0 | 1;
      node = node * 2 + coder.bit(this.#nodes[node] as BitModel, wanted);
    }
    return node - 2 ** this.#bits;
  }
}

/** Date deltas any valid source can need (its dates lie between 1900 and 2200). */
export const MAX_DATE_DELTA = 120_000;

/** A boolean as the bit a coder takes. */
export const flag = (value: boolean | undefined): 0 | 1 => (value ? 1 : 0);

/** The item at a decoded index; a junk index is a `RangeError`. */
export function itemAt<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`index ${index} out of range`);
  return value;
}

/** The index of `value` in `list` (0 when there is none, as the decoder passes); the encoder refuses a value it does not know. */
export function indexIn<T>(list: readonly T[], value: T | undefined): number {
  if (value === undefined) return 0;
  const index = list.indexOf(value);
  if (index === -1) throw new RangeError(`unknown value ${String(value)}`);
  return index;
}

/** A tiny byte writer and reader with unsigned LEB128 varints, for the compact summary payload. */

export class ByteWriter {
  #bytes: number[] = [];

  byte(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 255) throw new RangeError(`not a byte: ${value}`);
    this.#bytes.push(value);
    return this;
  }

  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a varint: ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.#bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.#bytes.push(rest);
    return this;
  }

  string(value: string): this {
    const encoded = new TextEncoder().encode(value);
    this.varint(encoded.length);
    for (const byte of encoded) this.#bytes.push(byte);
    return this;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }
}

/** Thrown when the bytes end early or hold a value out of bounds; the decoder turns it into a message. */
export class TruncatedError extends Error {
  constructor() {
    super('the data ends too early');
    this.name = 'TruncatedError';
  }
}

export class ByteReader {
  #offset = 0;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get isAtEnd(): boolean {
    return this.#offset >= this.#bytes.length;
  }

  byte(): number {
    const value = this.#bytes[this.#offset];
    if (value === undefined) throw new TruncatedError();
    this.#offset += 1;
    return value;
  }

  /** A varint no larger than `max`, so a corrupted length can never ask for gigabytes. */
  varint(max = Number.MAX_SAFE_INTEGER): number {
    let value = 0;
    let scale = 1;
    for (let index = 0; index < 8; index += 1) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (value > max) throw new RangeError(`value over ${max}`);
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new RangeError('varint too long');
  }

  string(maxBytes: number): string {
    const length = this.varint(maxBytes);
    if (this.#offset + length > this.#bytes.length) throw new TruncatedError();
    const slice = this.#bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return new TextDecoder('utf-8', { fatal: true }).decode(slice);
  }
}

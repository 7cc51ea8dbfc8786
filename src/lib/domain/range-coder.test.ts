import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TruncatedError } from './binary';
import {
  BitModel,
  codeUniform,
  IntModel,
  RangeDecoder,
  RangeEncoder,
  SymbolModel,
  UintModel,
  type BitCoder,
} from './range-coder';

/** One coding step: what it codes and, for the decoder, what it must give back. */
type Step =
  | { kind: 'bit'; model: number; value: 0 | 1 }
  | { kind: 'even'; value: 0 | 1 }
  | { kind: 'uniform'; count: number; value: number }
  | { kind: 'uint'; max: number; value: number }
  | { kind: 'int'; max: number; value: number }
  | { kind: 'symbol'; value: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('bit' as const), model: fc.nat(3), value: fc.constantFrom<0 | 1>(0, 1) }),
  // Long runs of one value push a model's odds to their limit, where carries happen.
  fc.record({ kind: fc.constant('bit' as const), model: fc.constant(4), value: fc.constant<0 | 1>(1) }),
  fc.record({ kind: fc.constant('even' as const), value: fc.constantFrom<0 | 1>(0, 1) }),
  fc
    .integer({ min: 1, max: 0x110000 })
    .chain((count) =>
      fc.record({ kind: fc.constant('uniform' as const), count: fc.constant(count), value: fc.nat(count - 1) }),
    ),
  fc
    .nat(1_000_000)
    .chain((max) => fc.record({ kind: fc.constant('uint' as const), max: fc.constant(max), value: fc.nat(max) })),
  fc
    .integer({ min: 1, max: 120_000 })
    .chain((max) =>
      fc.record({ kind: fc.constant('int' as const), max: fc.constant(max), value: fc.integer({ min: -max, max }) }),
    ),
  fc.record({ kind: fc.constant('symbol' as const), value: fc.nat(15) }),
);

/** Runs the steps on a coder with fresh models, returning what it coded or decoded. */
function run(coder: BitCoder, steps: readonly Step[]): number[] {
  const bits = Array.from({ length: 5 }, () => new BitModel());
  const uint = new UintModel();
  const int = new IntModel();
  const symbol = new SymbolModel(4, [8, 4, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 30);
  return steps.map((step) => {
    switch (step.kind) {
      case 'bit':
        return coder.bit(bits[step.model] as BitModel, step.value);
      case 'even':
        return coder.evenBit(step.value);
      case 'uniform':
        return codeUniform(coder, step.count, step.value);
      case 'uint':
        return uint.code(coder, step.max, step.value);
      case 'int':
        return int.code(coder, step.max, step.value);
      case 'symbol':
        return symbol.code(coder, step.value);
    }
  });
}

describe('the range coder', () => {
  it('decodes every sequence of decisions and values it encodes, and reads every byte', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 400 }), (steps) => {
        const encoder = new RangeEncoder();
        const coded = run(encoder, steps);
        const bytes = encoder.finish();
        const decoder = new RangeDecoder(bytes);
        expect(run(decoder, steps)).toEqual(coded);
        expect(coded).toEqual(steps.map((step) => step.value));
        expect(decoder.isAtEnd).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('spends close to the information: a long run of a likely decision costs well under a bit each', () => {
    const encoder = new RangeEncoder();
    const model = new BitModel();
    for (let index = 0; index < 800; index += 1) encoder.bit(model, index % 10 === 0 ? 1 : 0);
    // 800 decisions at 1 in 10: about 0.47 bits each, 47 bytes; a byte each would be 800.
    expect(encoder.finish().length).toBeLessThan(60);
    // Nothing coded: no bytes at all.
    expect(new RangeEncoder().finish().length).toBe(0);
  });

  it('refuses values past their bounds on either side', () => {
    const encoder = new RangeEncoder();
    expect(() => new UintModel().code(encoder, 10, 11)).toThrow(RangeError);
    expect(() => new UintModel().code(encoder, 10, -1)).toThrow(RangeError);
    expect(() => new IntModel().code(encoder, 10, 11)).toThrow(RangeError);
    expect(() => codeUniform(encoder, 5, 5)).toThrow(RangeError);
    expect(() => codeUniform(encoder, 5, -1)).toThrow(RangeError);
    expect(() => new SymbolModel(2).code(encoder, 4)).toThrow(RangeError);
    // A decoder reading a uniform value of 3 bits below 5 out of bytes that say 7.
    expect(() => codeUniform(new RangeDecoder(Uint8Array.from([0xff, 0xff, 0xff, 0xfe])), 5)).toThrow(RangeError);
  });

  it('on junk, gives values within bounds or throws a bounded error, and stops soon past the end', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(stepArbitrary, { maxLength: 400 }), (junk, steps) => {
        const decoder = new RangeDecoder(junk);
        try {
          const values = run(decoder, steps);
          steps.forEach((step, at) => {
            const value = values[at] ?? -1;
            if (step.kind === 'uint') expect(value).toBeLessThanOrEqual(step.max);
            if (step.kind === 'uniform') expect(value).toBeLessThan(step.count);
            if (step.kind === 'int') expect(Math.abs(value)).toBeLessThanOrEqual(step.max);
          });
        } catch (error) {
          expect(error instanceof TruncatedError || error instanceof RangeError).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

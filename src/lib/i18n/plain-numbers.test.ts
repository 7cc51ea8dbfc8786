/** Tests of plain-numbers.ts: the app's own number writing matches Intl's for its two languages. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal } from './plain-numbers';

describe('numbers without Intl', () => {
  it('writes what Intl.NumberFormat writes, in en-GB and zh-CN, for any number and 0-3 fraction digits', () => {
    const values = fc.oneof(
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      fc.integer({ min: -100_000, max: 100_000 }).map((hundredths) => hundredths / 100),
      fc.integer({ min: -100_000, max: 100_000 }).map((thousandths) => thousandths / 1000 + 0.0005),
      fc.constantFrom(0, -0, 0.125, 1.005, 2.5, 999.995, 1000, 1234567.891, 0.0001),
    );
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 3 }), fc.constantFrom('en-GB', 'zh-CN'), (value, digits, tag) => {
        expect(formatDecimal(value, digits, tag)).toBe(
          new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves other languages to Intl', () => {
    expect(formatDecimal(1234.5, 1, 'de-DE')).toBe('1.234,5');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutToLength, firstGraphemes, isolated, withoutBidiControls } from './user-text';

describe('cutting names by grapheme', () => {
  it('cuts plain ASCII without a segmenter, exactly as the segmenter would', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const bySegmenter = (text: string, count: number) =>
      [...segmenter.segment(text)]
        .slice(0, count)
        .map(({ segment }) => segment)
        .join('');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) }),
        fc.nat(40),
        (text, count) => {
          expect(firstGraphemes(text, count)).toBe(bySegmenter(text, count));
          expect(cutToLength(text, count)).toBe(bySegmenter(text, count));
        },
      ),
    );
  });

  it('never splits an emoji, a combining mark or a flag', () => {
    const nurse = '👩🏽‍⚕️';
    expect(firstGraphemes(`${nurse}${nurse}x`, 2)).toBe(`${nurse}${nurse}`);
    expect(firstGraphemes('e\u0301te\u0301', 2)).toBe('e\u0301t');
    expect(firstGraphemes('🇬🇧🇨🇳', 1)).toBe('🇬🇧');
    // A code-unit cut would have left half a surrogate pair.
    expect('🇬🇧🇨🇳'.slice(0, 3)).not.toBe('🇬🇧');
  });

  it('keeps the whole text when it is short enough', () => {
    expect(firstGraphemes('Up', 3)).toBe('Up');
    expect(cutToLength('Upadacitinib', 80)).toBe('Upadacitinib');
  });

  it('cuts to a length in UTF-16 units at a grapheme boundary', () => {
    const family = '👨‍👩‍👧';
    expect(family.length).toBe(8);
    expect(cutToLength(`ab${family}`, 9)).toBe('ab');
    expect(cutToLength(`ab${family}`, 10)).toBe(`ab${family}`);
    expect(cutToLength('abcdef', 4)).toBe('abcd');
  });
});

describe('bidi controls', () => {
  it('removes embeddings, overrides, isolates and marks for the PDF', () => {
    expect(withoutBidiControls('\u202Egnp.exe\u202C \u2068x\u2069\u200F')).toBe('gnp.exe x');
  });

  it('isolates a name for a string drawn in one piece', () => {
    expect(isolated('\u202Egnp.exe')).toBe('\u2068\u202Egnp.exe\u2069');
  });
});

import { describe, expect, it } from 'vitest';
import { contrastRatio, PAIN_COLORS, painSwatch, relativeLuminance } from './pain-scale';

describe('pain colour scale', () => {
  it('has one colour per score from 0 to 10', () => {
    expect(PAIN_COLORS).toHaveLength(11);
  });

  it('gets darker with every step, so it reads in order in greyscale and for colour-blind eyes', () => {
    const luminances = PAIN_COLORS.map(relativeLuminance);
    for (let pain = 1; pain <= 10; pain += 1) {
      expect(luminances[pain]).toBeLessThan(luminances[pain - 1] as number);
    }
  });

  it('puts the number in a colour with at least 4.5:1 contrast on every swatch', () => {
    for (let pain = 0; pain <= 10; pain += 1) {
      const { background, foreground } = painSwatch(pain);
      expect(contrastRatio(background, foreground)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('clamps and rounds what it is given', () => {
    expect(painSwatch(12)).toEqual(painSwatch(10));
    expect(painSwatch(-3)).toEqual(painSwatch(0));
    expect(painSwatch(6.4)).toEqual(painSwatch(6));
  });
});

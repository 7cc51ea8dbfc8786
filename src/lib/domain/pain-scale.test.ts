import { describe, expect, it } from 'vitest';
import { contrastRatio, PAIN_COLORS, painSwatch, relativeLuminance, textOn } from './pain-scale';

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

  it('picks black or white text by contrast, for any colour a medication may have', () => {
    const [dark, light] = [textOn('#ffe600'), textOn('#1d3f8c')];
    expect(contrastRatio(dark, '#000000')).toBeLessThan(1.5);
    expect(light).toBe('#ffffff');
    for (const background of ['#e11d48', '#0f766e', '#7c3aed', '#f59e0b', '#808080']) {
      const other = textOn(background) === dark ? light : dark;
      expect(contrastRatio(background, textOn(background))).toBeGreaterThanOrEqual(contrastRatio(background, other));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { clampRange } from '../domain/summary-range';
import { RangeChoice } from './range-choice.svelte';

describe('RangeChoice', () => {
  it('follows its default until the patient picks, then keeps the pick', () => {
    let fallback: '90d' | 'since-visit' = '90d';
    const choice = new RangeChoice<'90d' | '1y' | 'since-visit'>(() => fallback);
    expect(choice.preset).toBe('90d');
    fallback = 'since-visit';
    expect(choice.preset).toBe('since-visit');
    expect(choice.isDefault).toBe(true);
    choice.choose('1y');
    expect(choice.preset).toBe('1y');
    expect(choice.isDefault).toBe(false);
  });

  it('takes a typed range only when it is one, and changes nothing otherwise', () => {
    const choice = new RangeChoice<'90d'>(() => '90d');
    expect(choice.setCustom('2026-03-10', '2026-03-01', '2026-12-02')).toBe(false);
    expect(choice.setCustom('2026-03-01', '2027-01-01', '2026-12-02')).toBe(false);
    expect(choice.setCustom('not a date', '2026-03-01', '2026-12-02')).toBe(false);
    expect(choice.custom).toBeNull();
    expect(choice.preset).toBe('90d');
    expect(choice.setCustom('2026-03-01', '2026-03-10', '2026-12-02')).toBe(true);
    expect(choice.custom).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    expect(choice.preset).toBe('custom');
  });

  it("narrows a custom range to the screen's limit (the Summary's longest range)", () => {
    const choice = new RangeChoice<'90d'>(() => '90d', clampRange);
    expect(choice.setCustom('2000-01-01', '2026-12-02', '2026-12-02')).toBe(true);
    expect(choice.custom).toEqual(clampRange({ from: '2000-01-01', to: '2026-12-02' }, '2026-12-02'));
    expect(choice.custom?.from).not.toBe('2000-01-01');
  });
});

import { describe, expect, it } from 'vitest';
import { mean } from './stats';

describe('mean', () => {
  it('averages the values, and is null (not zero) for none', () => {
    expect(mean([2, 3, 7])).toBe(4);
    expect(mean([5])).toBe(5);
    expect(mean([])).toBeNull();
  });
});

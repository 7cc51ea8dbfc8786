import { describe, expect, it } from 'vitest';
import { ownValue } from './own-key';

describe('ownValue', () => {
  it('finds only the table’s own entries, never what every object inherits', () => {
    const names: Record<string, string> = { upadacitinib: 'Upadacitinib' };
    expect(ownValue(names, 'upadacitinib')).toBe('Upadacitinib');
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])
      expect(ownValue(names, key)).toBeUndefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ihs4Band, ihs4Score } from './ihs4';

describe('IHS4', () => {
  it('weighs abscesses twice and draining tunnels four times', () => {
    expect(ihs4Score({ nodules: 0, abscesses: 0, drainingTunnels: 0 })).toBe(0);
    expect(ihs4Score({ nodules: 3, abscesses: 2, drainingTunnels: 1 })).toBe(11);
    expect(ihs4Score({ nodules: 1, abscesses: 0, drainingTunnels: 0 })).toBe(1);
  });

  it('bands at 3 and 10', () => {
    expect([0, 3, 4, 10, 11, 40].map(ihs4Band)).toEqual(['mild', 'mild', 'moderate', 'moderate', 'severe', 'severe']);
  });

  it('is monotonic in every count', () => {
    const count = fc.integer({ min: 0, max: 99 });
    fc.assert(
      fc.property(count, count, count, (nodules, abscesses, drainingTunnels) => {
        const base = ihs4Score({ nodules, abscesses, drainingTunnels });
        expect(ihs4Score({ nodules: nodules + 1, abscesses, drainingTunnels })).toBe(base + 1);
        expect(ihs4Score({ nodules, abscesses: abscesses + 1, drainingTunnels })).toBe(base + 2);
        expect(ihs4Score({ nodules, abscesses, drainingTunnels: drainingTunnels + 1 })).toBe(base + 4);
      }),
    );
  });
});

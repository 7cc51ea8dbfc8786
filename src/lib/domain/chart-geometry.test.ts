import { describe, expect, it } from 'vitest';
import { chartGeometry, pathOf } from './chart-geometry';
import { buildSummaryModel } from './summary-model';
import type { SummarySource } from './summary-source';

const day = (date: string, pain: number) => ({ date, pain, drainage: 0, flare: false, regions: [], interventions: [] });

const source: SummarySource = {
  range: { from: '2026-06-01', to: '2026-06-10' },
  madeOn: '2026-06-10',
  resolution: 'daily',
  days: [day('2026-06-01', 10), day('2026-06-10', 0)],
  weeks: [],
  medications: [
    {
      name: 'Upadacitinib',
      drugClass: 'jak1-selective',
      color: '#1f77b4',
      events: [{ date: '2026-06-05', kind: 'start', dose: { amount: 15, unit: 'mg' }, frequency: 'once-daily' }],
      baselineX100: null,
      adherence: [],
    },
  ],
  questions: '',
};

describe('chartGeometry', () => {
  it('puts each day in the middle of its slot, pain 10 at the top, and events in their colour', () => {
    const frame = { width: 110, height: 100, left: 5, right: 5, top: 0, bottom: 0, maxTicks: 4 };
    const geometry = chartGeometry(buildSummaryModel(source), frame);
    expect(geometry.plot).toEqual({ left: 5, top: 0, right: 105, bottom: 100 });
    expect(geometry.dots).toEqual([
      { x: 10, y: 0 },
      { x: 100, y: 100 },
    ]);
    // Two logged days never make a 7-day mean: no line.
    expect(geometry.lines).toEqual([]);
    expect(geometry.events).toEqual([{ x: 50, color: '#1f77b4', index: 0 }]);
    expect(geometry.yTicks).toEqual([
      { y: 100, value: 0 },
      { y: 50, value: 5 },
      { y: 0, value: 10 },
    ]);
    expect(geometry.xTicks.map(({ tick }) => tick.date)).toEqual(['2026-06-01', '2026-06-08']);
  });

  it('writes line pieces as SVG path data', () => {
    expect(
      pathOf([
        [
          { x: 1, y: 2 },
          { x: 3, y: 4.25 },
        ],
        [{ x: 5, y: 6 }],
      ]),
    ).toBe('M1.0 2.0L3.0 4.3M5.0 6.0');
  });

  it('draws drainage as bars from the bottom (a fifth of the plot for heavy) and marks flare days', () => {
    const withDrainage = {
      ...source,
      days: [
        { ...day('2026-06-01', 10), drainage: 3, flare: true, regions: ['groin-left' as const] },
        { ...day('2026-06-10', 0), drainage: 0 },
      ],
    };
    const frame = { width: 110, height: 100, left: 5, right: 5, top: 0, bottom: 0, maxTicks: 4 };
    const geometry = chartGeometry(buildSummaryModel(withDrainage), frame);
    expect(geometry.drainageBars).toHaveLength(1);
    expect(geometry.drainageBars[0]?.height).toBeCloseTo(20);
    expect(geometry.flareMarks).toEqual([10]);
  });
});

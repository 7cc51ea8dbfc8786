import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisTicks, layoutLabels } from './chart-axis';
import { addDays } from './dates';
import { presetRange } from './date-range';

const TODAY = '2026-06-30';

describe('the x axis', () => {
  it('puts weekly ticks on Mondays and monthly ticks on the first, never more than asked', () => {
    const month = axisTicks({ from: '2026-06-01', to: TODAY }, 6);
    expect(month.map((tick) => tick.date)).toEqual([
      '2026-06-01',
      '2026-06-08',
      '2026-06-15',
      '2026-06-22',
      '2026-06-29',
    ]);
    expect(axisTicks({ from: '2026-06-01', to: TODAY }, 3).map((tick) => tick.date)).toEqual([
      '2026-06-01',
      '2026-06-15',
      '2026-06-29',
    ]);
    const quarter = axisTicks(presetRange('90d', TODAY), 5);
    expect(quarter.map((tick) => tick.date)).toEqual(['2026-05-01', '2026-06-01']);
    expect(quarter[0]).toMatchObject({ unit: 'month', showYear: true, x: 29 });
    const fiveYears = axisTicks({ from: '2021-11-27', to: '2026-11-26' }, 6);
    expect(fiveYears.length).toBeLessThanOrEqual(6);
    expect(fiveYears.every((tick) => tick.date.endsWith('-01') && tick.showYear)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2500 }), fc.integer({ min: 1, max: 12 }), (length, maxTicks) => {
        const ticks = axisTicks({ from: addDays(TODAY, -(length - 1)), to: TODAY }, maxTicks);
        expect(ticks.length).toBeLessThanOrEqual(maxTicks);
        for (const tick of ticks) expect(tick.x).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('lays labels out in lanes, on either side of their line, shorter wordings when needed', () => {
    const bounds = { left: 0, right: 300 };
    // Far apart: all long wordings, in the first lane, to the right of their lines.
    expect(
      layoutLabels(
        [
          { at: 0, widths: [80, 20] },
          { at: 100, widths: [80, 20] },
        ],
        bounds,
        3,
        2,
      ),
    ).toEqual([
      { option: 0, lane: 0, side: 'right' },
      { option: 0, lane: 0, side: 'right' },
    ]);
    // Near the right edge a label opens to the left; where no wording fits without crossing another line,
    // the number.
    expect(
      layoutLabels(
        [
          { at: 200, widths: [80, 20] },
          { at: 250, widths: [80, 20] },
        ],
        bounds,
        3,
        2,
      ),
    ).toEqual([
      { option: 0, lane: 0, side: 'left' },
      { option: 1, lane: 0, side: 'right' },
    ]);
    // No room for any long wording in one lane: the number, which always fits somewhere.
    const crowded = layoutLabels(
      [
        { at: 100, widths: [150, 20] },
        { at: 110, widths: [150, 20] },
        { at: 120, widths: [150, 20] },
      ],
      bounds,
      1,
      2,
    );
    expect(crowded.map((slot) => slot.option)).toEqual([1, 1, 1]);
    // An interruption and its resume a few days later: each label on its own side of the pair, never over
    // the other's line (the label "Interrupted" sat over the resume line, "Resume 30 mg" over the
    // interruption).
    const pair = layoutLabels(
      [
        { at: 100, widths: [80, 20] },
        { at: 130, widths: [90, 20] },
      ],
      bounds,
      3,
      2,
    );
    expect(pair).toEqual([
      { option: 0, lane: 0, side: 'left' },
      { option: 0, lane: 0, side: 'right' },
    ]);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 20, max: 120 }),
        (lines, width) => {
          const slots = layoutLabels(
            lines.map((at) => ({ at, widths: [width, 12] })),
            bounds,
            3,
            2,
          );
          slots.forEach((slot, index) => {
            if (slot.option !== 0) return;
            const at = lines[index] as number;
            const [start, end] = slot.side === 'right' ? [at, at + width] : [at - width, at];
            expect(lines.filter((other) => other !== at && other > start && other < end)).toEqual([]);
          });
        },
      ),
    );
    // Out of room even for numbers: placed anyway, never dropped.
    const full = layoutLabels(
      Array.from({ length: 6 }, (_, index) => ({ at: 100 + index, widths: [20] })),
      bounds,
      2,
    );
    expect(full).toHaveLength(6);
    expect(full.every((slot) => slot.option === 0)).toBe(true);
  });
});

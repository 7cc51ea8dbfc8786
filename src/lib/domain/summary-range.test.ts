import { describe, expect, it } from 'vitest';
import { addDays } from './dates';
import { clampRange, defaultSummaryPreset, summaryPresetRange } from './summary-range';
import type { Visit } from './visit';

const TODAY = '2026-06-30';

describe('summary ranges', () => {
  const visit: Visit = { id: 'v1', date: '2026-05-01', notes: '', questions: 'Can I swim?', nextVisit: '2026-08-01' };

  it('defaults to since the last visit, else 90 days', () => {
    expect(defaultSummaryPreset([], TODAY)).toBe('90d');
    expect(summaryPresetRange('since-visit', [], TODAY)).toEqual({ from: '2026-04-02', to: TODAY });
    expect(defaultSummaryPreset([visit], TODAY)).toBe('since-visit');
    expect(summaryPresetRange('since-visit', [visit], TODAY)).toEqual({ from: '2026-05-01', to: TODAY });
    expect(summaryPresetRange('1y', [visit], TODAY)).toEqual({ from: '2025-07-01', to: TODAY });
  });

  it('clamps a range to today and to the longest range a summary holds', () => {
    expect(clampRange({ from: '2026-07-01', to: '2026-08-01' }, TODAY)).toEqual({ from: TODAY, to: TODAY });
    expect(clampRange({ from: '2000-01-01', to: TODAY }, TODAY).from).toBe(addDays(TODAY, -3659));
  });
});

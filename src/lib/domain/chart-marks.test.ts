import { describe, expect, it } from 'vitest';
import { eventFactory } from '../../../tests/factories/regimen-factory';
import { TODAY, upadacitinib } from '../../../tests/factories/trend-medications';
import { chartMarks } from './chart-marks';
import { presetRange } from './date-range';
import { buildPhases } from './phases';

describe('medication events and interruptions', () => {
  it('marks each event inside the range with its medication colour and the dose before it', () => {
    const series = chartMarks({ from: '2026-03-01', to: TODAY }, [upadacitinib()]);
    expect(series.markers.map((marker) => [marker.x, marker.kind])).toEqual([
      [0, 'start'],
      [31, 'dose-change'],
      [61, 'interruption'],
      [75, 'resume'],
    ]);
    expect(series.markers[1]).toMatchObject({
      color: '#0072b2',
      dose: { amount: 30, unit: 'mg' },
      previousDose: { amount: 15, unit: 'mg' },
    });
    expect(series.markers[2]).toMatchObject({ reason: 'infection', previousDose: { amount: 30 } });
    expect(series.markers[2]?.dose).toBeUndefined();
    expect(series.markers[3]).toMatchObject({ dose: { amount: 30 } });
    expect(series.bands).toEqual([
      {
        medicationId: 'med-1',
        color: '#0072b2',
        from: '2026-05-01',
        to: '2026-05-14',
        xFrom: 60.5,
        xTo: 74.5,
        reason: 'infection',
      },
    ]);
  });

  it('leaves out events outside the range', () => {
    const series = chartMarks({ from: '2026-04-15', to: '2026-04-30' }, [upadacitinib()]);
    expect(series.markers).toEqual([]);
    expect(series.bands).toEqual([]);
    const later = chartMarks({ from: '2026-05-20', to: TODAY }, [upadacitinib()]);
    expect(later.markers).toEqual([]);
  });

  it('clips a band to the range on both sides', () => {
    const series = chartMarks({ from: '2026-05-05', to: '2026-05-10' }, [upadacitinib()]);
    expect(series.markers).toEqual([]);
    expect(series.bands).toMatchObject([{ from: '2026-05-05', to: '2026-05-10', xFrom: -0.5, xTo: 5.5 }]);
  });

  it('keeps an ongoing interruption up to the end of the range', () => {
    const events = [eventFactory.start('2026-06-01', 15), eventFactory.interruption('2026-06-20', 'surgery')];
    const medication = { id: 'med-1', color: '#d55e00', phases: buildPhases(events, TODAY) };
    const series = chartMarks(presetRange('30d', TODAY), [medication]);
    expect(series.bands).toMatchObject([{ from: '2026-06-20', to: TODAY, xTo: 29.5, reason: 'surgery' }]);
  });
});

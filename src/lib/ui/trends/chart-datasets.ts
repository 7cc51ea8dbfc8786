/**
 * The trend chart's data as chart.js datasets: daily pain dots coloured with the pain scale (triangles on
 * flare days), the 7-day mean line and drainage bars, or their weekly means for long ranges.
 */
import type { ChartDataset, PointStyle } from 'chart.js';
import { PAIN_COLORS } from '../../domain/pain-scale';
import type { TrendsChartInput } from './chart.chunk';

/** `#rrggbb` with an alpha channel. */
export function translucent(hex: string, alpha: number): string {
  return `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;
}

function painColor(pain: number): string {
  return PAIN_COLORS[Math.min(10, Math.max(0, Math.round(pain)))] as string;
}

export function datasets(
  input: TrendsChartInput,
  pxPerDay: number,
): ChartDataset<'line' | 'bar', { x: number; y: number | null }[]>[] {
  const { points } = input.series;
  const { colors } = input;
  const drainageColor = translucent(colors.muted.length === 7 ? colors.muted : '#4d5a60', 0.55);
  if (points.resolution === 'daily') {
    const radius = Math.min(4.5, Math.max(2.2, pxPerDay * 0.45));
    return [
      {
        type: 'line',
        label: 'pain',
        yAxisID: 'y',
        order: 1,
        showLine: false,
        data: points.days.map((day) => ({ x: day.x, y: day.pain })),
        pointBackgroundColor: points.days.map((day) => painColor(day.pain)),
        pointBorderColor: colors.text,
        pointBorderWidth: 1,
        pointStyle: points.days.map((day): PointStyle => (day.flare ? 'triangle' : 'circle')),
        pointRadius: points.days.map((day) => (day.flare ? radius + 2.5 : radius)),
        pointHoverRadius: points.days.map((day) => (day.flare ? radius + 3.5 : radius + 1)),
      },
      {
        type: 'line',
        label: 'mean',
        yAxisID: 'y',
        order: 0,
        data: points.sevenDayMean.map((point) => ({ x: point.x, y: point.value })),
        borderColor: colors.accent,
        borderWidth: 2.5,
        pointRadius: 0,
        pointHoverRadius: 0,
        spanGaps: false,
        tension: 0,
      },
      {
        type: 'bar',
        label: 'drainage',
        yAxisID: 'yDrainage',
        order: 2,
        data: points.days.map((day) => ({ x: day.x, y: day.drainage })),
        backgroundColor: drainageColor,
        barThickness: Math.max(1, pxPerDay * 0.7),
      },
    ];
  }
  const weeks = points.weeks.filter((week) => week.meanPain !== null);
  const radius = Math.min(4, Math.max(2.5, pxPerDay * 7 * 0.35));
  return [
    {
      type: 'line',
      label: 'pain',
      yAxisID: 'y',
      order: 0,
      // Every week, with `null` for weeks without entries, so the line breaks instead of inventing a value.
      data: points.weeks.map((week) => ({ x: week.x, y: week.meanPain })),
      borderColor: colors.accent,
      borderWidth: 2,
      spanGaps: false,
      tension: 0,
      pointBackgroundColor: points.weeks.map((week) => painColor(week.meanPain ?? 0)),
      pointBorderColor: colors.text,
      pointBorderWidth: 1,
      pointStyle: points.weeks.map((week): PointStyle => (week.flareDays > 0 ? 'triangle' : 'circle')),
      pointRadius: points.weeks.map((week) => (week.meanPain === null ? 0 : week.flareDays > 0 ? radius + 2 : radius)),
      pointHoverRadius: points.weeks.map((week) => (week.flareDays > 0 ? radius + 3 : radius + 1)),
    },
    {
      type: 'bar',
      label: 'drainage',
      yAxisID: 'yDrainage',
      order: 2,
      data: weeks.map((week) => ({ x: week.x, y: week.meanDrainage })),
      backgroundColor: drainageColor,
      barThickness: Math.max(1, pxPerDay * 5),
    },
  ];
}

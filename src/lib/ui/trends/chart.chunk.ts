/**
 * The chart library, reached only through `import('./chart.chunk')` from the Trends screen, so chart.js never
 * enters the Today bundle. It registers just the pieces the trend chart uses (lines, points, bars, a linear
 * scale, the tooltip) and the annotation plugin for medication events and interruptions.
 *
 * One canvas holds two panels on a shared day-number x axis: pain 0-10 above (dots coloured with the pain
 * scale, triangles on flare days, the 7-day mean as a line) and drainage 0-3 below (bars). Event labels sit
 * in a strip above pain 10, stacked in lanes so neighbours do not overlap. The datasets are built in
 * chart-datasets.ts, the event lines, labels and bands in chart-annotations.ts.
 */
import {
  BarController,
  BarElement,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import type { TrendSeries } from '../../domain/trend-series';
import { annotations, LANE_PX, placeLabels, unplacedLabels } from './chart-annotations';
import { datasets } from './chart-datasets';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  Tooltip,
  annotationPlugin,
);

/** Colours read from the page's CSS custom properties, so the chart follows light and dark. */
export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  surface: string;
}

export interface TrendsChartInput {
  series: TrendSeries;
  colors: ChartColors;
  fontFamily: string;
  /** Where the x axis has ticks, with their words ("1 Mar", "Jan 2026"). */
  ticks: readonly { x: number; label: string }[];
  /**
   * Wordings of the labels for `series.markers` (same order), longest first: each line gets the longest
   * that fits without overlap, else its number (1, 2, … as in the list under the chart).
   */
  markerLabels: readonly (readonly string[])[];
  painAxis: string;
  drainageAxis: string;
  tooltipTitle: (x: number) => string;
  tooltipLines: (x: number) => string[];
  /** A tap inside the plot, at day number `x`. */
  onOpen: (x: number) => void;
}

export interface TrendsChartHandle {
  /** True when the event lines carry their numbers because no wording fitted. */
  readonly isNumbered: boolean;
  destroy(): void;
}

/** Draw the trend chart on `canvas`; call `destroy()` before drawing again or when the screen goes away. */
export function drawTrendsChart(canvas: HTMLCanvasElement, input: TrendsChartInput): TrendsChartHandle {
  const { series, colors } = input;
  const estimatedPxPerDay =
    Math.max(100, (canvas.parentElement?.clientWidth ?? 320) - 60) / Math.max(1, series.lengthDays);
  const font = { family: input.fontFamily, size: 12 };
  const noLabels = unplacedLabels(series.markers.length);

  const config: ChartConfiguration<'line' | 'bar', { x: number; y: number | null }[]> = {
    type: 'line',
    // Drawn first without data (axes only, cheap), to learn where the lines fall before drawing it all.
    data: { datasets: [] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      color: colors.text,
      font,
      layout: { padding: { top: 2, right: 6 } },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      onClick: (event, _elements, chart) => {
        const area = chart.chartArea;
        if (event.x === null || event.y === null) return;
        if (event.x < area.left || event.x > area.right || event.y < area.top || event.y > area.bottom) return;
        const x = chart.scales.x?.getValueForPixel(event.x);
        if (x !== undefined) input.onOpen(x);
      },
      onHover: (event, _elements, chart) => {
        const area = chart.chartArea;
        const inside =
          event.x !== null &&
          event.y !== null &&
          event.x >= area.left &&
          event.x <= area.right &&
          event.y >= area.top &&
          event.y <= area.bottom;
        canvas.style.cursor = inside ? 'pointer' : 'default';
      },
      scales: {
        x: {
          type: 'linear',
          min: -0.5,
          max: series.lengthDays - 0.5,
          // A bar dataset would otherwise pad the axis, shifting the days away from the event lines' scale.
          offset: false,
          grid: { color: colors.grid },
          border: { color: colors.grid },
          afterBuildTicks: (scale) => {
            scale.ticks = input.ticks.map((tick) => ({ value: tick.x }));
          },
          ticks: {
            color: colors.muted,
            font,
            maxRotation: 0,
            autoSkip: false,
            callback: (value) => input.ticks.find((tick) => tick.x === value)?.label ?? '',
          },
        },
        // Stacked scales: the one declared first is drawn at the bottom.
        yDrainage: {
          type: 'linear',
          position: 'left',
          stack: 'panels',
          stackWeight: 1,
          offset: true,
          min: 0,
          max: 3,
          afterBuildTicks: (scale) => {
            scale.ticks = [0, 3].map((value) => ({ value }));
          },
          ticks: { color: colors.muted, font },
          grid: { color: colors.grid },
          border: { color: colors.grid },
          title: {
            display: true,
            text: input.drainageAxis,
            color: colors.muted,
            font: { ...font, size: 11 },
            padding: 1,
          },
        },
        y: {
          type: 'linear',
          position: 'left',
          stack: 'panels',
          stackWeight: 4,
          min: 0,
          max: 10,
          afterBuildTicks: (scale) => {
            scale.ticks = [0, 2, 4, 6, 8, 10].map((value) => ({ value }));
          },
          ticks: { color: colors.muted, font },
          grid: { color: colors.grid },
          border: { color: colors.grid },
          title: { display: true, text: input.painAxis, color: colors.muted, font, padding: 1 },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          displayColors: false,
          backgroundColor: colors.text,
          titleColor: colors.surface,
          bodyColor: colors.surface,
          titleFont: { ...font, weight: 'bold' },
          bodyFont: font,
          callbacks: {
            title: (items) => (items[0] ? input.tooltipTitle(items[0].parsed.x ?? 0) : ''),
            label: (item) => input.tooltipLines(item.parsed.x ?? 0),
          },
        },
        annotation: { annotations: annotations(input, noLabels, 10) },
      },
    },
  };
  const chart = new Chart(canvas, config);

  // Second pass, now that the axes are laid out: put the labels in lanes and make room for them above
  // pain 10 (the pain panel keeps its height in pixels, so the strip is exactly as tall as the lanes).
  const labels = placeLabels(chart, input);
  const painScale = chart.scales.y;
  const xScale = chart.scales.x;
  const pxPerDay = xScale ? (xScale.right - xScale.left) / Math.max(1, series.lengthDays) : estimatedPxPerDay;
  chart.data.datasets = datasets(input, pxPerDay);
  if (labels.length > 0 && painScale && chart.options.scales?.y && chart.options.plugins?.annotation) {
    const lanesUsed = Math.max(...labels.map((label) => label.lane)) + 1;
    const stripPx = lanesUsed * LANE_PX + 6;
    const panelPx = painScale.bottom - painScale.top;
    const painMax = panelPx > stripPx * 2 ? (10 * panelPx) / (panelPx - stripPx) : 10;
    chart.options.scales.y.max = painMax;
    chart.options.plugins.annotation.annotations = annotations(input, labels, painMax);
  }
  chart.update('none');
  const isNumbered = labels.some((label, index) => label.text === String(index + 1));
  return { isNumbered, destroy: () => chart.destroy() };
}

/**
 * The chart library, reached only through `import('./chart.chunk')` from the Trends screen, so chart.js never
 * enters the Today bundle. It registers just the pieces the trend chart uses (lines, points, bars, a linear
 * scale, the tooltip) and the annotation plugin for medication events and interruptions.
 *
 * One canvas holds two panels on a shared day-number x axis: pain 0-10 above (dots coloured with the pain
 * scale, triangles on flare days, the 7-day mean as a line) and drainage 0-3 below (bars). Event labels sit
 * in a strip above pain 10, stacked in lanes so neighbours do not overlap.
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
  type ChartDataset,
  type PointStyle,
} from 'chart.js';
import annotationPlugin, { type AnnotationOptions } from 'chartjs-plugin-annotation';
import { PAIN_COLORS, contrastRatio } from '../../domain/pain-scale';
import { layoutLabels } from '../../domain/chart-axis';
import type { TrendSeries } from '../../domain/trend-series';

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

const LABEL_FONT_PX = 12;
const LANE_PX = 20;
const MAX_LANES = 3;
const TEXT_PADDING_X = 5;
const NUMBER_PADDING_X = 4;
const DARK_TEXT = '#000000';
const LIGHT_TEXT = '#ffffff';

function textOn(background: string): string {
  return contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

/** `#rrggbb` with an alpha channel. */
function translucent(hex: string, alpha: number): string {
  return `${hex}${Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0')}`;
}

function painColor(pain: number): string {
  return PAIN_COLORS[Math.min(10, Math.max(0, Math.round(pain)))] as string;
}

interface PlacedLabel {
  text: string;
  lane: number;
  alignEnd: boolean;
  padding: number;
}

/**
 * Lay the event labels out in lanes from where the chart really put each line, measuring each wording with
 * the canvas's own font: each label gets the longest wording that fits, else the event's number (the list
 * under the chart says what each number is).
 */
function placeLabels(chart: Chart, input: TrendsChartInput): PlacedLabel[] {
  const { ctx, chartArea } = chart;
  const xScale = chart.scales.x;
  const { markers } = input.series;
  if (!xScale || markers.length === 0) return [];
  ctx.save();
  ctx.font = `bold ${LABEL_FONT_PX}px ${input.fontFamily}`;
  const options = markers.map((_, index) => {
    const texts = [...input.markerLabels.map((level) => level[index] ?? ''), String(index + 1)];
    // Numbers are narrow: they get a little less padding.
    return texts.map((text, option) => {
      const padding = option === texts.length - 1 ? NUMBER_PADDING_X : TEXT_PADDING_X;
      return { text, padding, width: ctx.measureText(text).width + 2 * padding + 2 };
    });
  });
  ctx.restore();
  const slots = layoutLabels(
    markers.map((marker, index) => ({
      at: xScale.getPixelForValue(marker.x),
      widths: (options[index] ?? []).map((option) => option.width),
    })),
    { left: chartArea.left, right: chartArea.right },
    MAX_LANES,
    2,
  );
  return slots.map((slot, index) => {
    const chosen = options[index]?.[slot.option];
    return {
      text: chosen?.text ?? '',
      padding: chosen?.padding ?? TEXT_PADDING_X,
      lane: slot.lane,
      alignEnd: slot.side === 'left',
    };
  });
}

function datasets(
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

function annotations(
  input: TrendsChartInput,
  labels: readonly PlacedLabel[],
  painMax: number,
): Record<string, AnnotationOptions> {
  const { series } = input;
  const result: Record<string, AnnotationOptions> = {};
  series.bands.forEach((band, index) => {
    result[`band-${index}`] = {
      type: 'box',
      xScaleID: 'x',
      xMin: band.xFrom,
      xMax: band.xTo,
      yScaleID: 'y',
      yMin: 0,
      yMax: 10,
      backgroundColor: translucent(band.color, 0.16),
      borderWidth: 0,
      drawTime: 'beforeDatasetsDraw',
    };
  });
  series.markers.forEach((marker, index) => {
    const placed = labels[index] ?? { text: '', lane: 0, alignEnd: false, padding: TEXT_PADDING_X };
    const isPause = marker.kind === 'interruption' || marker.kind === 'stop';
    result[`event-${index}`] = {
      type: 'line',
      xScaleID: 'x',
      xMin: marker.x,
      xMax: marker.x,
      yScaleID: 'y',
      yMin: 0,
      yMax: painMax,
      borderColor: marker.color,
      borderWidth: 2,
      borderDash: isPause ? [5, 4] : [],
      drawTime: 'beforeDatasetsDraw',
    };
    result[`label-${index}`] = {
      type: 'label',
      xScaleID: 'x',
      yScaleID: 'y',
      xValue: marker.x,
      yValue: painMax,
      xAdjust: placed.alignEnd ? 1 : -1,
      yAdjust: 3 + placed.lane * LANE_PX,
      position: { x: placed.alignEnd ? 'end' : 'start', y: 'start' },
      content: placed.text,
      color: textOn(marker.color),
      backgroundColor: marker.color,
      borderRadius: 4,
      padding: { x: placed.padding, y: 2 },
      font: { size: LABEL_FONT_PX, weight: 'bold', family: input.fontFamily },
      drawTime: 'afterDatasetsDraw',
    };
  });
  return result;
}

/** Draw the trend chart on `canvas`; call `destroy()` before drawing again or when the screen goes away. */
export function drawTrendsChart(canvas: HTMLCanvasElement, input: TrendsChartInput): TrendsChartHandle {
  const { series, colors } = input;
  const estimatedPxPerDay =
    Math.max(100, (canvas.parentElement?.clientWidth ?? 320) - 60) / Math.max(1, series.lengthDays);
  const font = { family: input.fontFamily, size: 12 };
  const noLabels = series.markers.map(() => ({ text: '', lane: 0, alignEnd: false, padding: TEXT_PADDING_X }));

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

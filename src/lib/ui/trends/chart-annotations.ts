/**
 * The trend chart's medication marks as chart.js annotations: event lines with their labels laid out in
 * lanes above pain 10 (chart-axis.ts), and interruption bands.
 */
import type { Chart } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import { layoutLabels } from '../../domain/chart-axis';
import { textOn } from '../../domain/pain-scale';
import { translucent } from './chart-datasets';
import type { TrendsChartInput } from './chart.chunk';

const LABEL_FONT_PX = 12;
/** Height of one lane of event labels. */
export const LANE_PX = 20;
const MAX_LANES = 3;
const TEXT_PADDING_X = 5;
const NUMBER_PADDING_X = 4;

export interface PlacedLabel {
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
export function placeLabels(chart: Chart, input: TrendsChartInput): PlacedLabel[] {
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

/** Labels not laid out yet: the first drawing, which only learns where the lines fall. */
export function unplacedLabels(count: number): PlacedLabel[] {
  return Array.from({ length: count }, () => ({ text: '', lane: 0, alignEnd: false, padding: TEXT_PADDING_X }));
}

export function annotations(
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

/**
 * The summary chart as plain geometry, so the screen (SVG) and the PDF (lines) draw the same picture:
 * pain dots and the 7-day mean (or weekly means), medication events as vertical lines, interruptions as
 * bands, and the axis ticks. Pain runs 0 (bottom) to 10 (top).
 */
import { axisTicks, type AxisTick } from './chart-axis';
import type { SummaryModel } from './summary-model';

export interface Point {
  x: number;
  y: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  dots: Point[];
  /** Daily drainage as bars rising from the bottom, a fifth of the plot at most (heavy, 3). */
  drainageBars: { x: number; width: number; height: number }[];
  /** The x of each flare day, marked along the top. */
  flareMarks: number[];
  /** Line pieces: the mean breaks where it is not defined. */
  lines: Point[][];
  /** `index` is the event's place in `model.chart.events`. */
  events: { x: number; color: string; index: number }[];
  bands: { x: number; width: number; color: string }[];
  yTicks: { y: number; value: number }[];
  xTicks: { x: number; tick: AxisTick }[];
}

export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  maxTicks: number;
}

export function chartGeometry(model: SummaryModel, frame: ChartFrame): ChartGeometry {
  const plot = {
    left: frame.left,
    top: frame.top,
    right: frame.width - frame.right,
    bottom: frame.height - frame.bottom,
  };
  const days = Math.max(1, model.chart.lengthDays);
  const xOf = (dayX: number) => plot.left + ((dayX + 0.5) / days) * (plot.right - plot.left);
  const yOf = (pain: number) => plot.bottom - (pain / 10) * (plot.bottom - plot.top);

  const lines: Point[][] = [];
  let current: Point[] = [];
  const pushPoint = (value: number | null, dayX: number) => {
    if (value === null) {
      if (current.length > 0) lines.push(current);
      current = [];
    } else current.push({ x: xOf(dayX), y: yOf(value) });
  };
  if (model.resolution === 'daily') for (const mean of model.chart.sevenDayMean) pushPoint(mean.value, mean.x);
  else for (const week of model.chart.weeks) pushPoint(week.meanPain, week.x);
  if (current.length > 0) lines.push(current);

  const dayWidth = (plot.right - plot.left) / days;
  return {
    width: frame.width,
    height: frame.height,
    plot,
    dots: model.chart.days.map((day) => ({ x: xOf(day.x), y: yOf(day.pain) })),
    drainageBars: model.chart.days
      .filter((day) => day.drainage > 0)
      .map((day) => ({
        x: xOf(day.x) - Math.max(0.6, dayWidth * 0.35),
        width: Math.max(1.2, dayWidth * 0.7),
        height: (day.drainage / 3) * (plot.bottom - plot.top) * 0.2,
      })),
    flareMarks: model.chart.days.filter((day) => day.flare).map((day) => xOf(day.x)),
    lines,
    events: model.chart.events.map((event, index) => ({ x: xOf(event.x), color: event.color, index })),
    bands: model.chart.bands.map((band) => ({
      x: xOf(band.xFrom),
      width: (band.xTo - band.xFrom) * dayWidth,
      color: band.color,
    })),
    yTicks: [0, 5, 10].map((value) => ({ y: yOf(value), value })),
    xTicks: axisTicks(model.range, frame.maxTicks).map((tick) => ({ x: xOf(tick.x), tick })),
  };
}

/** SVG path data of line pieces. */
export function pathOf(lines: Point[][]): string {
  return lines
    .map((line) =>
      line.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`).join(''),
    )
    .join('');
}

/**
 * The x axis of every chart (Trends canvas, Summary SVG, PDF): where the date ticks go, and how labels are
 * laid out along the axis in lanes so that neighbours do not overlap.
 */
import { addDays, addMonths, daysBetween, firstDayOfMonth, monthOf, weekdayMondayFirst, type IsoDate } from './dates';
import { dayIndex, rangeLengthDays, type DateRange } from './date-range';

export interface AxisTick {
  x: number;
  date: IsoDate;
  /** Month ticks: the first tick and every January carry the year. */
  unit: 'week' | 'month';
  showYear: boolean;
}

const MONTH_STEPS = [1, 2, 3, 4, 6, 12, 24, 60];

/**
 * Tick positions for the x axis: Mondays (every week or two) for short ranges, the first of the month (every
 * 1, 2, 3, 4, 6 or 12 months) for longer ones, never more than `maxTicks`.
 */
export function axisTicks(range: DateRange, maxTicks: number): AxisTick[] {
  const lengthDays = rangeLengthDays(range);
  if (lengthDays <= 0 || maxTicks < 1) return [];
  if (lengthDays <= 62) {
    const firstMonday = addDays(range.from, (7 - weekdayMondayFirst(range.from)) % 7);
    const mondays = Math.floor(daysBetween(firstMonday, range.to) / 7) + 1;
    const step = Math.max(1, Math.ceil(mondays / maxTicks));
    const ticks: AxisTick[] = [];
    for (let date = firstMonday; date <= range.to; date = addDays(date, 7 * step))
      ticks.push({ x: dayIndex(range, date), date, unit: 'week', showYear: false });
    return ticks;
  }
  const firstMonth = range.from.endsWith('-01') ? range.from : firstDayOfMonth(addMonths(monthOf(range.from), 1));
  const monthsSpan = monthsBetween(firstMonth, range.to) + 1;
  const step = MONTH_STEPS.find((candidate) => Math.ceil(monthsSpan / candidate) <= maxTicks) ?? 120;
  const ticks: AxisTick[] = [];
  for (let month = 0; month < monthsSpan; month += step) {
    const date = firstDayOfMonth(addMonths(monthOf(firstMonth), month));
    if (date > range.to) break;
    ticks.push({
      x: dayIndex(range, date),
      date,
      unit: 'month',
      showYear: ticks.length === 0 || date.slice(5, 7) === '01' || step >= 12,
    });
  }
  return ticks;
}

function monthsBetween(fromFirst: IsoDate, to: IsoDate): number {
  const [fromYear, fromMonth] = fromFirst.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

export interface LabelToPlace {
  /** Where the label's line is. */
  at: number;
  /** Width of each wording, longest first; the last (the event's number) is placed whatever happens. */
  widths: readonly number[];
}

export interface PlacedLabelSlot {
  /** Which of the wordings was placed. */
  option: number;
  lane: number;
  /** The label starts at its line and runs right, or ends at its line. */
  side: 'right' | 'left';
}

/**
 * Lay out labels along a line (in any unit, e.g. pixels) in up to `maxLanes` lanes, in order of position:
 * each takes the longest wording that fits in some lane, on either side of its line, inside `bounds` and at
 * least `gap` from its neighbours, and never across another label's line: every line runs through all the
 * lanes, so a label lying over a second line reads as that line's ("Interrupted" over the resume). A label
 * that fits in no wording gets its last one anyway (it may overlap; the list under the chart names every
 * event).
 */
export function layoutLabels(
  labels: readonly LabelToPlace[],
  bounds: { left: number; right: number },
  maxLanes: number,
  gap = 0,
): PlacedLabelSlot[] {
  const lanes: { start: number; end: number }[][] = Array.from({ length: Math.max(1, maxLanes) }, () => []);
  const crossesAnotherLine = (own: number, start: number, end: number) =>
    labels.some(({ at }) => at !== own && at > start - gap && at < end + gap);
  const isFree = (lane: number, own: number, start: number, end: number) =>
    start >= bounds.left &&
    end <= bounds.right &&
    !crossesAnotherLine(own, start, end) &&
    (lanes[lane] ?? []).every((taken) => end + gap <= taken.start || taken.end + gap <= start);
  const order = labels.map((_, index) => index).sort((a, b) => (labels[a]?.at ?? 0) - (labels[b]?.at ?? 0));
  const slots = new Array<PlacedLabelSlot>(labels.length);
  for (const index of order) {
    const { at, widths } = labels[index] as LabelToPlace;
    let slot: PlacedLabelSlot | undefined;
    for (const [option, width] of widths.entries()) {
      for (let lane = 0; lane < lanes.length && !slot; lane += 1) {
        if (isFree(lane, at, at, at + width)) slot = { option, lane, side: 'right' };
        else if (isFree(lane, at, at - width, at)) slot = { option, lane, side: 'left' };
      }
      if (slot) break;
    }
    if (!slot) {
      const width = widths.at(-1) ?? 0;
      slot = {
        option: widths.length - 1,
        lane: index % lanes.length,
        side: at + width <= bounds.right ? 'right' : 'left',
      };
    }
    const width = widths[slot.option] ?? 0;
    const span = slot.side === 'right' ? { start: at, end: at + width } : { start: at - width, end: at };
    lanes[slot.lane]?.push(span);
    slots[index] = slot;
  }
  return slots;
}

/**
 * The summary chart drawn with PDF lines from the chart geometry the screen draws too, with its event
 * labels in lanes above it (chart-axis.ts), its heading and its caption.
 */
import { rgb } from 'pdf-lib';
import { layoutLabels } from '../domain/chart-axis';
import type { ChartGeometry } from '../domain/chart-geometry';
import { hexColor, MUTED, RULE, type Writer } from './summary-pdf-writer';

/** Points between two event labels in one lane. */
const LABEL_GAP = 4;

/** The chart's worded parts, beside its geometry. */
export interface PdfChartContent {
  title: string;
  caption: string;
  geometry: ChartGeometry;
  xLabels: string[];
  eventLabels: string[];
  key: string[];
}

/** The chart drawn `scale` times its height: every y of the geometry is measured from the top, so it scales. */
function scaledChart(geometry: ChartGeometry, scale: number): ChartGeometry {
  if (scale === 1) return geometry;
  const point = ({ x, y }: { x: number; y: number }) => ({ x, y: y * scale });
  return {
    ...geometry,
    height: geometry.height * scale,
    plot: { ...geometry.plot, top: geometry.plot.top * scale, bottom: geometry.plot.bottom * scale },
    dots: geometry.dots.map(point),
    lines: geometry.lines.map((line) => line.map(point)),
    yTicks: geometry.yTicks.map((tick) => ({ ...tick, y: tick.y * scale })),
  };
}

/** The chart with its heading, which never stays behind on the page before. */
export function drawChart(writer: Writer, content: PdfChartContent, scale: number): void {
  const { xLabels, eventLabels } = content;
  const geometry = scaledChart(content.geometry, scale);
  const fonts = writer.fonts;
  const labelSize = 6.5;
  // Event labels above the chart, in lanes so neighbours do not overlap (as many lanes as it takes).
  const texts = geometry.events.map((event) => eventLabels[event.index] ?? '');
  const widths = texts.map((text) => fonts.regular.widthOfTextAtSize(text, labelSize));
  const slots = layoutLabels(
    geometry.events.map((event, index) => ({ at: event.x, widths: [widths[index] ?? 0] })),
    { left: 0, right: geometry.width },
    geometry.events.length,
    LABEL_GAP,
  );
  const labels = geometry.events.map((event, index) => {
    const slot = slots[index] ?? { lane: 0, side: 'right' };
    const start = slot.side === 'right' ? event.x : event.x - (widths[index] ?? 0);
    return { text: texts[index] ?? '', start, lane: slot.lane, color: hexColor(event.color) };
  });
  const laneHeight = labelSize * 1.4;
  const labelsHeight = labels.length === 0 ? 0 : (Math.max(...labels.map((label) => label.lane)) + 1) * laneHeight;
  writer.heading(content.title, geometry.height + labelsHeight + 30);
  const top = writer.y - labelsHeight;
  const originX = writer.left;
  const X = (x: number) => originX + x;
  const Y = (y: number) => top - y;
  const page = writer.page;
  for (const label of labels) {
    const y = writer.y - (label.lane + 1) * laneHeight + 2;
    page.drawText(label.text, { x: X(label.start), y, size: labelSize, font: fonts.regular, color: label.color });
  }
  const { plot } = geometry;
  for (const band of geometry.bands)
    page.drawRectangle({
      x: X(band.x),
      y: Y(plot.bottom),
      width: band.width,
      height: plot.bottom - plot.top,
      color: hexColor(band.color),
      opacity: 0.15,
    });
  for (const tick of geometry.yTicks) {
    page.drawLine({
      start: { x: X(plot.left), y: Y(tick.y) },
      end: { x: X(plot.right), y: Y(tick.y) },
      thickness: 0.4,
      color: RULE,
    });
    const text = String(tick.value);
    page.drawText(text, {
      x: X(plot.left) - 4 - fonts.regular.widthOfTextAtSize(text, 7),
      y: Y(tick.y) - 2.5,
      size: 7,
      font: fonts.regular,
      color: MUTED,
    });
  }
  geometry.xTicks.forEach((tick, index) => {
    const text = xLabels[index] ?? '';
    const width = fonts.regular.widthOfTextAtSize(text, 7);
    page.drawText(text, {
      x: X(tick.x) - width / 2,
      y: Y(plot.bottom) - 10,
      size: 7,
      font: fonts.regular,
      color: MUTED,
    });
  });
  for (const event of geometry.events)
    page.drawLine({
      start: { x: X(event.x), y: Y(plot.top) },
      end: { x: X(event.x), y: Y(plot.bottom) },
      thickness: 1.2,
      color: hexColor(event.color),
      dashArray: [3, 2],
    });
  // Drainage under the pain (the case series' dose-dependent finding), flares along the top.
  for (const bar of geometry.drainageBars)
    page.drawRectangle({
      x: X(bar.x),
      y: Y(plot.bottom),
      width: bar.width,
      height: bar.height,
      color: rgb(0.55, 0.58, 0.6),
      opacity: 0.6,
    });
  for (const x of geometry.flareMarks)
    page.drawRectangle({ x: X(x) - 1.5, y: Y(plot.top) - 1, width: 3, height: 5, color: rgb(0.7, 0.15, 0.12) });
  // Dots large enough to see on paper, a little smaller when there are many.
  const dotRadius = geometry.dots.length > 150 ? 1.4 : 2;
  for (const dot of geometry.dots) page.drawCircle({ x: X(dot.x), y: Y(dot.y), size: dotRadius, color: MUTED });
  for (const line of geometry.lines)
    for (let index = 1; index < line.length; index += 1) {
      const from = line[index - 1];
      const to = line[index];
      if (from && to)
        page.drawLine({
          start: { x: X(from.x), y: Y(from.y) },
          end: { x: X(to.x), y: Y(to.y) },
          thickness: 1.4,
          color: rgb(0.12, 0.44, 0.47),
        });
    }
  writer.y = top - geometry.height - 2;
  writer.text(`${content.key.join(' · ')} — ${content.caption}`, { size: 7, color: MUTED, gap: 2 });
}

/**
 * The one colour scale for pain (0-10) used by the calendar, the charts and the summary. It is a
 * sequential yellow-orange-red ramp with steadily falling lightness, so it reads in order for every kind of
 * colour vision and in greyscale; the number is always shown as well, so colour is never the only signal.
 */

export const PAIN_COLORS = [
  '#ffffcc',
  '#fff0a8',
  '#ffe083',
  '#fecb62',
  '#feb24c',
  '#fd953f',
  '#fc6e33',
  '#ec4a26',
  '#cf1f21',
  '#a80a25',
  '#7a0026',
] as const;

const DARK_TEXT = '#1a1a1a';
const LIGHT_TEXT = '#ffffff';

function channelLuminance(channel: number): number {
  const value = channel / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const [red, green, blue] = [1, 3, 5].map((start) => channelLuminance(parseInt(hex.slice(start, start + 2), 16)));
  return 0.2126 * (red as number) + 0.7152 * (green as number) + 0.0722 * (blue as number);
}

/** WCAG contrast ratio between two `#rrggbb` colours. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Black or white, whichever reads better on `background` (a `#rrggbb` colour). */
export function textOn(background: string): string {
  return contrastRatio(background, DARK_TEXT) >= contrastRatio(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

export interface PainSwatch {
  background: string;
  foreground: string;
}

/** Background for a pain score and the text colour that reads best on it. */
export function painSwatch(pain: number): PainSwatch {
  const level = Math.min(10, Math.max(0, Math.round(pain)));
  const background = PAIN_COLORS[level] as string;
  return { background, foreground: textOn(background) };
}

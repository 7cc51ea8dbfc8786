/**
 * The height a part of a screen had last time, so its space can be kept while its code loads instead of
 * pushing everything below it down when it arrives. Only layout is kept here (a number of CSS pixels per
 * screen width and language), never health data; a browser that refuses `localStorage` just gets no
 * reservation.
 */
const PREFIX = 'hs-diary.layout.';

interface Remembered {
  width: number;
  lang: string;
  heightPx: number;
}

/** The height `part` had at this width and language, or 0 when unknown. */
export function rememberedHeight(part: string, width: number, lang: string): number {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(PREFIX + part) ?? 'null');
    if (!isRemembered(value) || value.width !== width || value.lang !== lang) return 0;
    return value.heightPx;
  } catch {
    return 0;
  }
}

export function rememberHeight(part: string, width: number, lang: string, heightPx: number): void {
  try {
    const remembered: Remembered = { width, lang, heightPx: Math.max(0, Math.round(heightPx)) };
    localStorage.setItem(PREFIX + part, JSON.stringify(remembered));
  } catch {
    // Private mode or storage full: the next start simply reserves nothing.
  }
}

function isRemembered(value: unknown): value is Remembered {
  if (typeof value !== 'object' || value === null) return false;
  const { width, lang, heightPx } = value as Partial<Remembered>;
  return (
    typeof width === 'number' &&
    typeof lang === 'string' &&
    typeof heightPx === 'number' &&
    Number.isFinite(heightPx) &&
    heightPx >= 0 &&
    heightPx <= 4000
  );
}

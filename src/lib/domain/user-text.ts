/**
 * Text a person typed, made safe to show beside other text: cut by whole characters as a reader sees them
 * (grapheme clusters, never half an emoji or a name's closing bidi control), and isolated so that a name
 * holding right-to-left text or a bidi override cannot reorder what stands next to it.
 *
 * Where the renderer runs the Unicode bidi algorithm (the DOM, a canvas) a name is isolated: `<bdi>` in
 * markup, FSI ... PDI (U+2068 ... U+2069) in a string drawn as one piece. Where it does not (pdf-lib draws
 * code points left to right, and its fonts have no glyph for the controls) the controls are removed.
 */

let graphemeSegmenter: Intl.Segmenter | undefined;
/** Made on first need: the first Intl object a page makes costs 20-50 ms (ICU's set-up). */
function graphemes(): Intl.Segmenter {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return graphemeSegmenter;
}

/** Printable ASCII: every character is a grapheme of its own, so no segmenter is needed. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** The explicit bidi formatting characters: embeddings, overrides, isolates, their ends, and the marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE. */
export const FSI = '\u2068';
export const PDI = '\u2069';

/** The first `count` graphemes of `text` (all of it when shorter). */
export function firstGraphemes(text: string, count: number): string {
  if (PLAIN_ASCII.test(text)) return text.slice(0, count);
  let out = '';
  let taken = 0;
  for (const { segment } of graphemes().segment(text)) {
    if (taken >= count) break;
    out += segment;
    taken += 1;
  }
  return out;
}

/** The longest run of whole graphemes from the start of `text` that fits in `maxUnits` UTF-16 units. */
export function cutToLength(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  if (PLAIN_ASCII.test(text)) return text.slice(0, maxUnits);
  let out = '';
  for (const { segment } of graphemes().segment(text)) {
    if (out.length + segment.length > maxUnits) break;
    out += segment;
  }
  return out;
}

/** `text` without bidi controls: for renderers without the bidi algorithm (the PDF). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** `text` isolated for a string drawn in one piece (a canvas label, a notification): FSI ... PDI. */
export function isolated(text: string): string {
  return `${FSI}${text}${PDI}`;
}

/** The version from package.json, put in by Vite at build time. */
declare const __APP_VERSION__: string;

interface ImportMetaEnv {
  /** A reminder relay on another origin, allowed by the build's policy (see src/lib/platform/relay-origin.ts). */
  readonly VITE_RELAY_ORIGIN?: string;
}

/** Upstream fontkit 2 ships no types; the app reaches it only through pdf-lib's own `Fontkit` interface. */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}

/** HarfBuzz subsetting at build time (src/build/cjk-font.mjs); the package ships no types. */
declare module 'subset-font' {
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: 'truetype' | 'woff' | 'woff2' | 'sfnt' },
  ): Promise<Buffer>;
}

/** The Chinese PDF font files the build makes (src/build/cjk-font.mjs). */
declare module 'virtual:cjk-font' {
  /** The subset's address (GB 2312 and the app's own text), relative to the page. */
  export const subsetUrl: string;
  /** The code points the full font has, as flat [first, last, first, last, …] ranges. */
  export const fullFontRanges: readonly number[];
}

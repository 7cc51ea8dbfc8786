/** The cache holding the Chinese PDF font and the fontkit chunk: the page fills it, the service worker reads it. */
export const FONT_CACHE = 'hs-diary-fonts';

/**
 * The Chinese PDF font on the device. The build ships a subset of Noto Sans SC (GB 2312 and the app's own
 * text, see src/build/cjk-font.mjs) and lists in `cjk-font-files.json` what a Chinese PDF needs: the subset and
 * the fontkit chunk. Once the app is used in Chinese, those files are put in a cache of their own, which
 * the service worker answers from (src/service-worker/sw.ts), so a Chinese PDF can be made offline.
 * English users never download them. The full font (10 MB) is fetched only for a note that needs a
 * character the subset lacks, and kept in the same cache.
 *
 * Small on purpose: the app shell imports it (no pdf-lib, no fontkit).
 */
import { FONT_CACHE } from './font-cache';

const FILE_LIST = 'cjk-font-files.json';

function openCache(): Promise<Cache | null> {
  return typeof caches === 'undefined' ? Promise.resolve(null) : caches.open(FONT_CACHE).catch(() => null);
}

/**
 * The bytes of a font file: from the cache, else from the network (and then cached). `null` when neither
 * has it, which means the device is offline and never cached it.
 */
export async function fontBytes(url: string, onDownload?: () => void): Promise<ArrayBuffer | null> {
  const cache = await openCache();
  const cached = await cache?.match(url).catch(() => undefined);
  if (cached) return cached.arrayBuffer();
  onDownload?.();
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    return null;
  }
  if (!response.ok) return null;
  await cache?.put(url, response.clone()).catch(() => undefined);
  return response.arrayBuffer();
}

async function cacheFontFiles(): Promise<void> {
  const cache = await openCache();
  if (!cache) return;
  const list = await fetch(new URL(FILE_LIST, document.baseURI), { cache: 'no-cache' });
  // The dev server has no list: nothing to cache there.
  if (!list.ok || !list.headers.get('content-type')?.includes('json')) return;
  const { files } = (await list.json()) as { files: string[] };
  const wanted = files.map((file) => new URL(file, document.baseURI).href);
  const cached = new Set((await cache.keys()).map((request) => request.url));
  await cache.addAll(wanted.filter((url) => !cached.has(url)));
  // What an older version cached (its subset, its fontkit chunk) goes; the full font, if fetched, stays.
  for (const url of cached)
    if (!wanted.includes(url) && !url.includes('NotoSansSC_400Regular')) await cache.delete(url);
}

let warming: Promise<void> | undefined;

/**
 * Cache what a Chinese PDF needs, once per page load, in idle time. Offline or failing, it tries again on
 * the next call (the next start in Chinese).
 */
export function warmCjkFont(): Promise<void> {
  warming ??= cacheFontFiles().catch(() => {
    warming = undefined;
  });
  return warming;
}

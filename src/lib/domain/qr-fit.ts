/**
 * How big a QR code a summary link needs, and whether daily values fit: the link is read by a phone camera
 * off another phone's screen, which works well up to about version 20 (97 × 97 modules). Byte mode, error
 * correction M throughout, as the QR code is drawn.
 */
import { encodeSummary } from './summary-codec';
import type { SummarySource } from './summary-source';

/** Data bytes a QR code holds in byte mode at error correction M, for versions 1 to 40 (ISO/IEC 18004, table 7). */
export const QR_BYTE_CAPACITY_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
  997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
] as const;

/** The largest version a phone camera reads reliably off another phone's screen. */
export const MAX_SCANNABLE_QR_VERSION = 20;

/** The route prefix of the viewer inside the URL fragment. */
export const VIEWER_FRAGMENT_PREFIX = '#/v/';

/** The smallest QR version (1–40) holding `byteLength` bytes at error correction M; `null` when none does. */
export function qrVersionFor(byteLength: number): number | null {
  const index = QR_BYTE_CAPACITY_M.findIndex((capacity) => byteLength <= capacity);
  return index === -1 ? null : index + 1;
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The viewer link of a payload on an app served at `appUrl` (origin and path, without a fragment). */
export function viewerUrl(appUrl: string, payload: string): string {
  return `${appUrl.replace(/#.*$/, '')}${VIEWER_FRAGMENT_PREFIX}${payload}`;
}

export interface QrFit {
  resolution: SummarySource['resolution'];
  url: string;
  /** Bytes of the URL (what the QR code carries). */
  urlBytes: number;
  /** Characters of the payload after `#/v/`. */
  payloadChars: number;
  /** The QR version it needs; `null` when it fits no QR code at all. */
  version: number | null;
  /** True when daily values were tried and did not fit version 20. */
  isWeeklyFallback: boolean;
  /** True when even this version is above `MAX_SCANNABLE_QR_VERSION`. */
  isTooLarge: boolean;
}

function fitOf(appUrl: string, source: SummarySource, isWeeklyFallback: boolean): QrFit {
  const payload = encodeSummary(source);
  const url = viewerUrl(appUrl, payload);
  const urlBytes = utf8Length(url);
  const version = qrVersionFor(urlBytes);
  return {
    resolution: source.resolution,
    url,
    urlBytes,
    payloadChars: payload.length,
    version,
    isWeeklyFallback,
    isTooLarge: version === null || version > MAX_SCANNABLE_QR_VERSION,
  };
}

/**
 * The link for a summary: daily values when they fit a version 20 code, else weekly values. `sourceFor`
 * builds the summary at a resolution (the weekly one is only built when needed).
 */
export function fitSummaryUrl(
  appUrl: string,
  sourceFor: (resolution: SummarySource['resolution']) => SummarySource,
): QrFit {
  const daily = fitOf(appUrl, sourceFor('daily'), false);
  if (!daily.isTooLarge) return daily;
  return fitOf(appUrl, sourceFor('weekly'), true);
}

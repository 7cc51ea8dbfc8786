/**
 * How big a QR code a summary link needs, and whether daily values fit: the link is read by a phone camera
 * off another phone's screen, which works well up to about version 20 (97 × 97 modules). Error correction
 * M throughout. A link ending in decimal digits (the codec's numeric form) is drawn as two segments, the
 * address in byte mode and the digits in numeric mode (see `qrSegments`), exactly as sized here.
 */
import { DIGITS_SEPARATOR, encodeSummary } from './summary-codec';
import type { SummarySource } from './summary-source';

/** Data bytes a QR code holds in byte mode at error correction M, for versions 1 to 40 (ISO/IEC 18004, table 7). */
export const QR_BYTE_CAPACITY_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
  997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
] as const;

/** Data codewords at error correction M, for versions 1 to 40 (ISO/IEC 18004, table 9). */
const QR_DATA_CODEWORDS_M = [
  16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563, 627, 669, 714, 782, 860, 914,
  1000, 1062, 1128, 1193, 1267, 1373, 1455, 1541, 1631, 1725, 1812, 1914, 1992, 2102, 2216, 2334,
] as const;

/** A link as QR segments: everything in byte mode, then (for the numeric form) the digits in numeric mode. */
export interface QrSegments {
  bytes: string;
  digits: string;
}

/** Split a viewer link into its byte-mode prefix and the numeric-mode digits after `#/v/<version>-`. */
export function qrSegments(url: string): QrSegments {
  const match = new RegExp(`^(.*#/v/\\d{1,4}${DIGITS_SEPARATOR})(\\d+)$`, 's').exec(url);
  return match ? { bytes: match[1] ?? '', digits: match[2] ?? '' } : { bytes: url, digits: '' };
}

/** Bits the segments take in a code of `version` (mode indicators, character counts and data). */
function segmentBits({ bytes, digits }: QrSegments, version: number): number {
  const byteCountBits = version <= 9 ? 8 : 16;
  const digitCountBits = version <= 9 ? 10 : version <= 26 ? 12 : 14;
  const digitBits = Math.floor(digits.length / 3) * 10 + ([0, 4, 7][digits.length % 3] ?? 0);
  return 4 + byteCountBits + 8 * utf8Length(bytes) + (digits.length > 0 ? 4 + digitCountBits + digitBits : 0);
}

/** The smallest QR version (1–40) holding the segments at error correction M; `null` when none does. */
export function qrVersionForSegments(segments: QrSegments): number | null {
  const index = QR_DATA_CODEWORDS_M.findIndex((codewords, at) => segmentBits(segments, at + 1) <= codewords * 8);
  return index === -1 ? null : index + 1;
}

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
  const version = qrVersionForSegments(qrSegments(url));
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

/**
 * The visit summary as a short URL fragment. The summary source is packed into bytes: layout 3 (new
 * links) range-codes every field, 5 to 6 bits a logged day (./summary-pack-v3.ts); layouts 1 and 2 (links
 * made before) took a byte a day and were deflated. Then, in the link's two forms:
 * - `#/v/<version>-<digits>` (new links): the bytes as one decimal number, which a QR code carries in its
 *   numeric mode at 10 bits per 3 digits, about 8 bits a byte, after the address in byte mode;
 * - `#/v/<version>.<base64url>` (links made before): 6 bits a character in byte mode, about 10.7 bits a byte.
 * Every layout opens in either form. The reading side treats it as hostile: sizes are bounded before and
 * after inflating, layout 3 carries a checksum, every field is range-checked, and every failure is a
 * specific, translatable reason rather than an exception.
 */
import { Deflate, Inflate } from 'fflate';
import * as z from 'zod/mini';
import { TruncatedError } from './binary';
import {
  CURRENT_PACK_VERSION,
  isDeflatedLayout,
  isPackVersion,
  packSummary,
  PACK_VERSIONS,
  unpackSummary,
  type PackVersion,
} from './summary-pack';
import { ChecksumError } from './summary-pack-v3';
import { summarySourceSchema, type SummarySource } from './summary-source';

/** The version new links carry; every version in `PACK_VERSIONS` still opens. */
export const SUMMARY_CODEC_VERSION: PackVersion = CURRENT_PACK_VERSION;
const NEWEST_READABLE = Math.max(...PACK_VERSIONS);
/** Longest fragment payload accepted: a version 40 QR code holds under 3 KB, so 8 KB is generous. */
export const MAX_PAYLOAD_CHARS = 8192;
/** Largest inflated size accepted: ten years of daily values fit in well under this. */
export const MAX_INFLATED_BYTES = 256 * 1024;

export type DecodeFailure =
  | 'empty'
  | 'not-a-summary'
  | 'future-version'
  | 'too-large'
  | 'too-large-inflated'
  | 'corrupted'
  | 'not-digits'
  | 'checksum-mismatch'
  | 'truncated'
  | 'invalid';

export type DecodeResult = { ok: true; source: SummarySource } | { ok: false; reason: DecodeFailure };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Separates the pack version from the payload: `.` before base64url, `-` before decimal digits. */
export const BASE64URL_SEPARATOR = '.';
export const DIGITS_SEPARATOR = '-';

/**
 * Bytes as one decimal number. A leading 0x01 byte keeps leading zero bytes (and makes the number start
 * with a non-zero digit): 2.41 digits a byte.
 */
export function toDigits(bytes: Uint8Array): string {
  let hex = '0x01';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return BigInt(hex).toString(10);
}

/** The decimal payload: digits only, no leading zero (what `toDigits` writes). */
const digitsSchema = z.lazy(() => z.string().check(z.regex(/^[1-9][0-9]*$/)));

/** The bytes of a decimal payload; `null` when it is not digits or not a number `toDigits` writes. */
export function fromDigits(text: string): Uint8Array | 'not-digits' | null {
  // Nothing after the separator: a code cut short, like an empty base64url payload.
  if (text === '') return null;
  if (!digitsSchema.safeParse(text).success) return 'not-digits';
  const hex = BigInt(text).toString(16);
  if (hex.length % 2 === 0 || !hex.startsWith('1')) return null;
  const bytes = new Uint8Array((hex.length - 1) / 2);
  for (let index = 0; index < bytes.length; index += 1)
    bytes[index] = Number.parseInt(hex.slice(1 + 2 * index, 3 + 2 * index), 16);
  return bytes;
}

function deflate(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const deflater = new Deflate({ level: 9 }, (chunk) => chunks.push(chunk));
  deflater.push(bytes, true);
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

class InflatedTooLarge extends Error {}

/** Inflate with a hard cap on the output, so a zip bomb stops at the cap instead of filling memory. */
function inflateBounded(bytes: Uint8Array, maxBytes: number): Uint8Array | 'too-large' | 'corrupted' | 'truncated' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let isFinished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) throw new InflatedTooLarge();
    chunks.push(chunk);
    if (final) isFinished = true;
  });
  try {
    inflater.push(bytes, true);
  } catch (error) {
    if (error instanceof InflatedTooLarge) return 'too-large';
    // fflate's code 0 is "unexpected EOF": the stream stops early, as a code cut short does.
    return (error as { code?: unknown }).code === 0 ? 'truncated' : 'corrupted';
  }
  if (!isFinished) return 'truncated';
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * The fragment payload `<version>-<digits>` for a summary source (`base64url` for the older form). An
 * older `version` makes the links an older app made (tests and the bench compare against them).
 */
export function encodeSummary(
  source: SummarySource,
  form: 'digits' | 'base64url' = 'digits',
  version: PackVersion = SUMMARY_CODEC_VERSION,
): string {
  const packed = packSummary(source, version);
  const compressed = isDeflatedLayout(version) ? deflate(packed) : packed;
  return form === 'digits'
    ? `${version}${DIGITS_SEPARATOR}${toDigits(compressed)}`
    : `${version}${BASE64URL_SEPARATOR}${toBase64Url(compressed)}`;
}

/** Read a fragment payload from anywhere (a scanned code, a pasted link); never throws. */
export function decodeSummary(payload: string): DecodeResult {
  if (payload.length === 0) return { ok: false, reason: 'empty' };
  if (payload.length > MAX_PAYLOAD_CHARS) return { ok: false, reason: 'too-large' };
  const match = /^(\d{1,4})([.-])(.*)$/s.exec(payload);
  if (!match) return { ok: false, reason: 'not-a-summary' };
  const version = Number(match[1]);
  if (version > NEWEST_READABLE) return { ok: false, reason: 'future-version' };
  if (!isPackVersion(version)) return { ok: false, reason: 'not-a-summary' };
  const body = match[3] ?? '';
  const compressed = match[2] === DIGITS_SEPARATOR ? fromDigits(body) : fromBase64Url(body);
  if (compressed === 'not-digits') return { ok: false, reason: 'not-digits' };
  if (!compressed || compressed.length === 0) return { ok: false, reason: 'corrupted' };
  const inflated = isDeflatedLayout(version) ? inflateBounded(compressed, MAX_INFLATED_BYTES) : compressed;
  if (inflated === 'too-large') return { ok: false, reason: 'too-large-inflated' };
  if (typeof inflated === 'string') return { ok: false, reason: inflated };
  let unpacked: unknown;
  try {
    unpacked = unpackSummary(inflated, version);
  } catch (error) {
    if (error instanceof ChecksumError) return { ok: false, reason: 'checksum-mismatch' };
    return { ok: false, reason: error instanceof TruncatedError ? 'truncated' : 'corrupted' };
  }
  const result = summarySourceSchema.safeParse(unpacked);
  return result.success ? { ok: true, source: result.data } : { ok: false, reason: 'invalid' };
}

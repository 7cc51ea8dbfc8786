/**
 * The visit summary as a short URL fragment: `#/v/<version>.<payload>`, where the payload is the
 * summary source packed into bytes (about one byte per day), deflated and base64url-encoded. The reading
 * side treats it as hostile: sizes are bounded before and after inflating, every field is range-checked,
 * and every failure is a specific, translatable reason rather than an exception.
 */
import { Deflate, Inflate } from 'fflate';
import { TruncatedError } from './binary';
import { CURRENT_PACK_VERSION, isPackVersion, packSummary, PACK_VERSIONS, unpackSummary } from './summary-pack';
import { summarySourceSchema, type SummarySource } from './summary-source';

/** The version new links carry; every version in `PACK_VERSIONS` still opens. */
export const SUMMARY_CODEC_VERSION = CURRENT_PACK_VERSION;
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

/** The fragment payload `<version>.<base64url>` for a summary source. */
export function encodeSummary(source: SummarySource): string {
  return `${SUMMARY_CODEC_VERSION}.${toBase64Url(deflate(packSummary(source, SUMMARY_CODEC_VERSION)))}`;
}

/** Read a fragment payload from anywhere (a scanned code, a pasted link); never throws. */
export function decodeSummary(payload: string): DecodeResult {
  if (payload.length === 0) return { ok: false, reason: 'empty' };
  if (payload.length > MAX_PAYLOAD_CHARS) return { ok: false, reason: 'too-large' };
  const match = /^(\d{1,4})\.(.*)$/s.exec(payload);
  if (!match) return { ok: false, reason: 'not-a-summary' };
  const version = Number(match[1]);
  if (version > NEWEST_READABLE) return { ok: false, reason: 'future-version' };
  if (!isPackVersion(version)) return { ok: false, reason: 'not-a-summary' };
  const compressed = fromBase64Url(match[2] ?? '');
  if (!compressed || compressed.length === 0) return { ok: false, reason: 'corrupted' };
  const inflated = inflateBounded(compressed, MAX_INFLATED_BYTES);
  if (inflated === 'too-large') return { ok: false, reason: 'too-large-inflated' };
  if (typeof inflated === 'string') return { ok: false, reason: inflated };
  let unpacked: unknown;
  try {
    unpacked = unpackSummary(inflated, version);
  } catch (error) {
    return { ok: false, reason: error instanceof TruncatedError ? 'truncated' : 'corrupted' };
  }
  const result = summarySourceSchema.safeParse(unpacked);
  return result.success ? { ok: true, source: result.data } : { ok: false, reason: 'invalid' };
}

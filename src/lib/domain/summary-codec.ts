/**
 * The visit summary as a short URL fragment: `#/v/<version>.<payload>`, where the payload is the
 * summary source packed into bytes (about one byte per day), deflated and base64url-encoded. The reading
 * side treats it as hostile: sizes are bounded before and after inflating, every field is range-checked,
 * and every failure is a specific, translatable reason rather than an exception.
 */
import { Deflate, Inflate } from 'fflate';
import { ByteReader, ByteWriter, TruncatedError } from './binary';
import { addDays, daysBetween, type IsoDate } from './dates';
import { INTERVENTIONS } from './day';
import { DOSE_UNITS, DRUG_CLASSES, FREQUENCIES, REGIMEN_EVENT_KINDS, STOP_REASONS } from './medication';
import { MEDICATION_PRESETS } from './medication-presets';
import { REGION_IDS } from './regions';
import { SUMMARY_LIMITS, summarySourceSchema, type SummaryEvent, type SummarySource } from './summary-source';
import { HURLEY_STAGES } from './visit';

export const SUMMARY_CODEC_VERSION = 1;
/** Longest fragment payload accepted: a version 40 QR code holds under 3 KB, so 8 KB is generous. */
export const MAX_PAYLOAD_CHARS = 8192;
/** Largest inflated size accepted: ten years of daily values fit in well under this. */
export const MAX_INFLATED_BYTES = 256 * 1024;

const EPOCH = '2000-01-01';
const NOT_LOGGED = 0xff;

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

const dayNumber = (date: IsoDate) => daysBetween(EPOCH, date);
const fromDayNumber = (value: number) => addDays(EPOCH, value);

function indexOf<T>(list: readonly T[], value: T): number {
  const index = list.indexOf(value);
  if (index === -1) throw new RangeError(`unknown value ${String(value)}`);
  return index;
}

function pick<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`index ${index} out of range`);
  return value;
}

function bitmask<T>(list: readonly T[], values: readonly T[]): number {
  return values.reduce((mask, value) => mask | (1 << indexOf(list, value)), 0);
}

function fromBitmask<T>(list: readonly T[], mask: number): T[] {
  if (mask >= 1 << list.length) throw new RangeError('mask out of range');
  return list.filter((_, index) => (mask & (1 << index)) !== 0);
}

/** Pack a (valid) summary source into bytes, version 1 layout. */
export function packSummary(source: SummarySource): Uint8Array {
  const writer = new ByteWriter();
  const from = source.range.from;
  const length = daysBetween(from, source.range.to);
  writer.byte(source.resolution === 'weekly' ? 1 : 0);
  writer.varint(dayNumber(from)).varint(length).varint(daysBetween(source.range.to, source.madeOn));

  if (source.resolution === 'daily') {
    const byDate = new Map(source.days.map((day) => [day.date, day]));
    const flareRegions: number[] = [];
    const interventions: [number, number][] = [];
    for (let offset = 0; offset <= length; offset += 1) {
      const day = byDate.get(addDays(from, offset));
      if (!day) {
        writer.byte(NOT_LOGGED);
        continue;
      }
      writer.byte(day.pain | (day.drainage << 4) | (day.flare ? 0x40 : 0));
      if (day.flare) flareRegions.push(bitmask(REGION_IDS, day.regions));
      if (day.interventions.length > 0) interventions.push([offset, bitmask(INTERVENTIONS, day.interventions)]);
    }
    for (const mask of flareRegions) writer.varint(mask);
    writer.varint(interventions.length);
    for (const [offset, mask] of interventions) writer.varint(offset).byte(mask);
  } else {
    writer.varint(source.weeks.length);
    for (const week of source.weeks) {
      writer.varint(daysBetween(from, week.start));
      writer.byte(week.meanPainX10 ?? NOT_LOGGED).byte(week.meanDrainageX10 ?? NOT_LOGGED);
      writer.byte(week.flareDays).byte(week.loggedDays);
    }
  }

  writer.varint(source.medications.length);
  for (const medication of source.medications) {
    writer.string(medication.name);
    // 0: no preset; 1..n: a preset we know; n + 1: a preset id from a newer app, carried as text.
    const presetIndex = MEDICATION_PRESETS.findIndex((preset) => preset.id === medication.presetId);
    if (medication.presetId === undefined) writer.varint(0);
    else if (presetIndex === -1) writer.varint(MEDICATION_PRESETS.length + 1).string(medication.presetId);
    else writer.varint(presetIndex + 1);
    writer.byte(indexOf(DRUG_CLASSES, medication.drugClass));
    for (const start of [1, 3, 5]) writer.byte(parseInt(medication.color.slice(start, start + 2), 16));
    writer.varint(medication.baselineX100 === null ? 0 : medication.baselineX100 + 1);
    writer.varint(medication.events.length);
    for (const event of medication.events) writeEvent(writer, event);
    writer.varint(medication.adherence.length);
    for (const entry of medication.adherence) {
      writer.varint(dayNumber(entry.phaseStart)).varint(entry.taken).varint(entry.scheduled);
    }
  }

  const visit = source.lastVisit;
  writer.byte(visit ? 1 : 0);
  if (visit) {
    writer.varint(dayNumber(visit.date));
    writer.varint(visit.ihs4 === undefined ? 0 : visit.ihs4 + 1);
    writer.byte(visit.hurley === undefined ? 0 : indexOf(HURLEY_STAGES, visit.hurley) + 1);
  }
  writer.varint(source.nextVisit === undefined ? 0 : dayNumber(source.nextVisit) + 1);
  writer.string(source.questions);
  return writer.toBytes();
}

function writeEvent(writer: ByteWriter, event: SummaryEvent): void {
  writer.varint(dayNumber(event.date));
  const flags = (event.dose ? 1 : 0) | (event.frequency ? 2 : 0) | (event.reason ? 4 : 0);
  writer.byte(indexOf(REGIMEN_EVENT_KINDS, event.kind) | (flags << 4));
  if (event.dose) writer.varint(Math.round(event.dose.amount * 1000)).byte(indexOf(DOSE_UNITS, event.dose.unit));
  if (event.frequency) writer.byte(indexOf(FREQUENCIES, event.frequency));
  if (event.reason) writer.byte(indexOf(STOP_REASONS, event.reason));
}

function readEvent(reader: ByteReader): SummaryEvent {
  const date = fromDayNumber(reader.varint(100_000));
  const head = reader.byte();
  const flags = head >> 4;
  const event: SummaryEvent = { date, kind: pick(REGIMEN_EVENT_KINDS, head & 0x0f) };
  if (flags & 1) event.dose = { amount: reader.varint(100_000_000) / 1000, unit: pick(DOSE_UNITS, reader.byte()) };
  if (flags & 2) event.frequency = pick(FREQUENCIES, reader.byte());
  if (flags & 4) event.reason = pick(STOP_REASONS, reader.byte());
  return event;
}

/** Unpack bytes into an (unvalidated) summary source; throws on anything malformed. */
export function unpackSummary(bytes: Uint8Array): unknown {
  const reader = new ByteReader(bytes);
  const resolutionByte = reader.byte();
  if (resolutionByte > 1) throw new RangeError('unknown resolution');
  const from = fromDayNumber(reader.varint(100_000));
  const length = reader.varint(SUMMARY_LIMITS.maxRangeDays);
  const to = addDays(from, length);
  const madeOn = addDays(to, reader.varint(100_000));
  const source: SummarySource = {
    range: { from, to },
    madeOn,
    resolution: resolutionByte === 1 ? 'weekly' : 'daily',
    days: [],
    weeks: [],
    medications: [],
    questions: '',
  };

  if (source.resolution === 'daily') {
    for (let offset = 0; offset <= length; offset += 1) {
      const byte = reader.byte();
      if (byte === NOT_LOGGED) continue;
      if (byte & 0x80 || (byte & 0x0f) > 10) throw new RangeError('bad day byte');
      source.days.push({
        date: addDays(from, offset),
        pain: byte & 0x0f,
        drainage: (byte >> 4) & 0x03,
        flare: (byte & 0x40) !== 0,
        regions: [],
        interventions: [],
      });
    }
    for (const day of source.days) if (day.flare) day.regions = fromBitmask(REGION_IDS, reader.varint(0xffff));
    const byOffset = new Map(source.days.map((day) => [daysBetween(from, day.date), day]));
    const interventionCount = reader.varint(length + 1);
    for (let index = 0; index < interventionCount; index += 1) {
      const day = byOffset.get(reader.varint(length));
      if (!day) throw new RangeError('intervention on a day that is not logged');
      day.interventions = fromBitmask(INTERVENTIONS, reader.byte());
    }
  } else {
    const weekCount = reader.varint(Math.ceil(SUMMARY_LIMITS.maxRangeDays / 7) + 1);
    for (let index = 0; index < weekCount; index += 1) {
      const start = addDays(from, reader.varint(length));
      const meanPain = reader.byte();
      const meanDrainage = reader.byte();
      source.weeks.push({
        start,
        meanPainX10: meanPain === NOT_LOGGED ? null : meanPain,
        meanDrainageX10: meanDrainage === NOT_LOGGED ? null : meanDrainage,
        flareDays: reader.byte(),
        loggedDays: reader.byte(),
      });
    }
  }

  const medicationCount = reader.varint(SUMMARY_LIMITS.maxMedications);
  for (let index = 0; index < medicationCount; index += 1) {
    const name = reader.string(SUMMARY_LIMITS.maxNameChars * 4);
    const presetNumber = reader.varint(MEDICATION_PRESETS.length + 1);
    const presetId =
      presetNumber === 0
        ? undefined
        : presetNumber <= MEDICATION_PRESETS.length
          ? pick(MEDICATION_PRESETS, presetNumber - 1).id
          : reader.string(64 * 4);
    const drugClass = pick(DRUG_CLASSES, reader.byte());
    const color = `#${[reader.byte(), reader.byte(), reader.byte()].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
    const baselineNumber = reader.varint(1001);
    const eventCount = reader.varint(SUMMARY_LIMITS.maxEventsPerMedication);
    const events = Array.from({ length: eventCount }, () => readEvent(reader));
    const adherenceCount = reader.varint(SUMMARY_LIMITS.maxEventsPerMedication);
    const adherence = Array.from({ length: adherenceCount }, () => ({
      phaseStart: fromDayNumber(reader.varint(100_000)),
      taken: reader.varint(100_000),
      scheduled: reader.varint(100_000),
    }));
    source.medications.push({
      name,
      ...(presetId !== undefined && { presetId }),
      drugClass,
      color,
      events,
      baselineX100: baselineNumber === 0 ? null : baselineNumber - 1,
      adherence,
    });
  }

  if (reader.byte() === 1) {
    const date = fromDayNumber(reader.varint(100_000));
    const ihs4 = reader.varint(1000);
    const hurley = reader.byte();
    source.lastVisit = {
      date,
      ...(ihs4 > 0 && { ihs4: ihs4 - 1 }),
      ...(hurley > 0 && { hurley: pick(HURLEY_STAGES, hurley - 1) }),
    };
  }
  const nextVisit = reader.varint(100_001);
  if (nextVisit > 0) source.nextVisit = fromDayNumber(nextVisit - 1);
  source.questions = reader.string(SUMMARY_LIMITS.maxQuestionsChars * 4);
  if (!reader.isAtEnd) throw new RangeError('trailing bytes');
  return source;
}

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
  return `${SUMMARY_CODEC_VERSION}.${toBase64Url(deflate(packSummary(source)))}`;
}

/** Read a fragment payload from anywhere (a scanned code, a pasted link); never throws. */
export function decodeSummary(payload: string): DecodeResult {
  if (payload.length === 0) return { ok: false, reason: 'empty' };
  if (payload.length > MAX_PAYLOAD_CHARS) return { ok: false, reason: 'too-large' };
  const match = /^(\d{1,4})\.(.*)$/s.exec(payload);
  if (!match) return { ok: false, reason: 'not-a-summary' };
  const version = Number(match[1]);
  if (version > SUMMARY_CODEC_VERSION) return { ok: false, reason: 'future-version' };
  if (version !== SUMMARY_CODEC_VERSION) return { ok: false, reason: 'not-a-summary' };
  const compressed = fromBase64Url(match[2] ?? '');
  if (!compressed || compressed.length === 0) return { ok: false, reason: 'corrupted' };
  const inflated = inflateBounded(compressed, MAX_INFLATED_BYTES);
  if (inflated === 'too-large') return { ok: false, reason: 'too-large-inflated' };
  if (typeof inflated === 'string') return { ok: false, reason: inflated };
  let unpacked: unknown;
  try {
    unpacked = unpackSummary(inflated);
  } catch (error) {
    return { ok: false, reason: error instanceof TruncatedError ? 'truncated' : 'corrupted' };
  }
  const result = summarySourceSchema.safeParse(unpacked);
  return result.success ? { ok: true, source: result.data } : { ok: false, reason: 'invalid' };
}

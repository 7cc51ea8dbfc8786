/**
 * The summary source packed into bytes (about one byte a day) and back, for every layout version a link
 * may carry. Version 2 adds what the measures of docs/measures.md (version 2) need: dressing changes a
 * day, drainage days per week, the visits in the range and, when the patient chooses, their name.
 * Version 3 (./summary-pack-v3.ts) codes the same facts with an adaptive range coder instead of a byte a
 * day, and is not deflated. Unpacking throws on anything malformed; the codec turns that into a reason.
 */
import { ByteReader, ByteWriter } from './binary';
import { addDays, daysBetween, type IsoDate } from './dates';
import { INTERVENTIONS } from './day-limits';
import { DOSE_UNITS, DRUG_CLASSES, FREQUENCIES, REGIMEN_EVENT_KINDS, STOP_REASONS } from './medication';
import { MEDICATION_PRESETS } from './medication-presets';
import { REGION_IDS } from './regions';
import { packSummaryV3, unpackSummaryV3 } from './summary-pack-v3';
import {
  SUMMARY_LIMITS,
  type SummaryEvent,
  type SummarySource,
  type SummaryVisit,
  type SummaryWeek,
} from './summary-source';
import { HURLEY_STAGES } from './visit';

/** Every layout a link may carry; new links use the last. */
export const PACK_VERSIONS = [1, 2, 3] as const;
export type PackVersion = (typeof PACK_VERSIONS)[number];
export const CURRENT_PACK_VERSION: PackVersion = 3;

/** Layouts 1 and 2 are deflated on the way into a link; layout 3 is entropy-coded already. */
export function isDeflatedLayout(version: PackVersion): boolean {
  return version < 3;
}

export function isPackVersion(value: number): value is PackVersion {
  return (PACK_VERSIONS as readonly number[]).includes(value);
}

const EPOCH = '2000-01-01';
const NOT_LOGGED = 0xff;
/** Day byte: pain in bits 0-3, drainage in 4-5, flare in 6; version 2 sets bit 7 for dressing changes. */
const FLARE_BIT = 0x40;
const DRESSINGS_BIT = 0x80;

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

/** Pack a (valid) summary source into bytes in the given layout (the current one unless a test asks). */
export function packSummary(source: SummarySource, version: PackVersion = CURRENT_PACK_VERSION): Uint8Array {
  if (version === 3) return packSummaryV3(source);
  const writer = new ByteWriter();
  const from = source.range.from;
  const length = daysBetween(from, source.range.to);
  writer.byte(source.resolution === 'weekly' ? 1 : 0);
  writer.varint(dayNumber(from)).varint(length).varint(daysBetween(source.range.to, source.madeOn));
  if (source.resolution === 'daily') writeDays(writer, source, length, version);
  else writeWeeks(writer, source, version);

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
  if (visit) writeVisit(writer, visit);
  writer.varint(source.nextVisit === undefined ? 0 : dayNumber(source.nextVisit) + 1);
  writer.string(source.questions);
  if (version >= 2) {
    const visits = source.visits ?? [];
    writer.varint(visits.length);
    for (const each of visits) writeVisit(writer, each);
    writer.string(source.patientName ?? '');
  }
  return writer.toBytes();
}

function writeDays(writer: ByteWriter, source: SummarySource, length: number, version: PackVersion): void {
  const byDate = new Map(source.days.map((day) => [day.date, day]));
  const flareRegions: number[] = [];
  const interventions: [number, number][] = [];
  const dressings: number[] = [];
  for (let offset = 0; offset <= length; offset += 1) {
    const day = byDate.get(addDays(source.range.from, offset));
    if (!day) {
      writer.byte(NOT_LOGGED);
      continue;
    }
    const hasDressings = version >= 2 && (day.dressingChanges ?? 0) > 0;
    writer.byte(day.pain | (day.drainage << 4) | (day.flare ? FLARE_BIT : 0) | (hasDressings ? DRESSINGS_BIT : 0));
    if (day.flare) flareRegions.push(bitmask(REGION_IDS, day.regions));
    if (day.interventions.length > 0) interventions.push([offset, bitmask(INTERVENTIONS, day.interventions)]);
    if (hasDressings) dressings.push(day.dressingChanges ?? 0);
  }
  for (const mask of flareRegions) writer.varint(mask);
  writer.varint(interventions.length);
  for (const [offset, mask] of interventions) writer.varint(offset).byte(mask);
  for (const count of dressings) writer.varint(count);
}

function writeWeeks(writer: ByteWriter, source: SummarySource, version: PackVersion): void {
  writer.varint(source.weeks.length);
  for (const week of source.weeks) {
    writer.varint(daysBetween(source.range.from, week.start));
    writer.byte(week.meanPainX10 ?? NOT_LOGGED).byte(week.meanDrainageX10 ?? NOT_LOGGED);
    writer.byte(week.flareDays).byte(week.loggedDays);
    // Both 0-7: three bits each in one byte, so long weekly codes stay scannable.
    if (version >= 2) writer.byte((week.drainageDays ?? 0) | ((week.heavyDrainageDays ?? 0) << 3));
  }
}

function writeVisit(writer: ByteWriter, visit: SummaryVisit): void {
  writer.varint(dayNumber(visit.date));
  writer.varint(visit.ihs4 === undefined ? 0 : visit.ihs4 + 1);
  writer.byte(visit.hurley === undefined ? 0 : indexOf(HURLEY_STAGES, visit.hurley) + 1);
}

function readVisit(reader: ByteReader): SummaryVisit {
  const date = fromDayNumber(reader.varint(100_000));
  const ihs4 = reader.varint(1000);
  const hurley = reader.byte();
  return {
    date,
    ...(ihs4 > 0 && { ihs4: ihs4 - 1 }),
    ...(hurley > 0 && { hurley: pick(HURLEY_STAGES, hurley - 1) }),
  };
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

/** Unpack bytes of a given layout into an (unvalidated) summary source; throws on anything malformed. */
export function unpackSummary(bytes: Uint8Array, version: PackVersion = CURRENT_PACK_VERSION): unknown {
  if (version === 3) return unpackSummaryV3(bytes);
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
  if (source.resolution === 'daily') readDays(reader, source, length, version);
  else readWeeks(reader, source, length, version);

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

  if (reader.byte() === 1) source.lastVisit = readVisit(reader);
  const nextVisit = reader.varint(100_001);
  if (nextVisit > 0) source.nextVisit = fromDayNumber(nextVisit - 1);
  source.questions = reader.string(SUMMARY_LIMITS.maxQuestionsChars * 4);
  if (version >= 2) {
    const visitCount = reader.varint(SUMMARY_LIMITS.maxVisits);
    source.visits = Array.from({ length: visitCount }, () => readVisit(reader));
    const patientName = reader.string(SUMMARY_LIMITS.maxNameChars * 4);
    if (patientName !== '') source.patientName = patientName;
  }
  if (!reader.isAtEnd) throw new RangeError('trailing bytes');
  return source;
}

function readDays(reader: ByteReader, source: SummarySource, length: number, version: PackVersion): void {
  const withDressings: SummarySource['days'] = [];
  for (let offset = 0; offset <= length; offset += 1) {
    const byte = reader.byte();
    if (byte === NOT_LOGGED) continue;
    const hasDressings = (byte & DRESSINGS_BIT) !== 0;
    if ((hasDressings && version < 2) || (byte & 0x0f) > 10) throw new RangeError('bad day byte');
    const day = {
      date: addDays(source.range.from, offset),
      pain: byte & 0x0f,
      drainage: (byte >> 4) & 0x03,
      flare: (byte & FLARE_BIT) !== 0,
      regions: [],
      interventions: [],
      ...(version >= 2 && { dressingChanges: 0 }),
    };
    source.days.push(day);
    if (hasDressings) withDressings.push(day);
  }
  for (const day of source.days) if (day.flare) day.regions = fromBitmask(REGION_IDS, reader.varint(0xffff));
  const byOffset = new Map(source.days.map((day) => [daysBetween(source.range.from, day.date), day]));
  const interventionCount = reader.varint(length + 1);
  for (let index = 0; index < interventionCount; index += 1) {
    const day = byOffset.get(reader.varint(length));
    if (!day) throw new RangeError('intervention on a day that is not logged');
    day.interventions = fromBitmask(INTERVENTIONS, reader.byte());
  }
  for (const day of withDressings) day.dressingChanges = reader.varint(SUMMARY_LIMITS.maxDressingChanges);
}

function readWeeks(reader: ByteReader, source: SummarySource, length: number, version: PackVersion): void {
  const weekCount = reader.varint(Math.ceil(SUMMARY_LIMITS.maxRangeDays / 7) + 1);
  for (let index = 0; index < weekCount; index += 1) {
    const start = addDays(source.range.from, reader.varint(length));
    const meanPain = reader.byte();
    const meanDrainage = reader.byte();
    const week: SummaryWeek = {
      start,
      meanPainX10: meanPain === NOT_LOGGED ? null : meanPain,
      meanDrainageX10: meanDrainage === NOT_LOGGED ? null : meanDrainage,
      flareDays: reader.byte(),
      loggedDays: reader.byte(),
    };
    if (version >= 2) {
      const drainage = reader.byte();
      if (drainage >= 1 << 6) throw new RangeError('bad drainage byte');
      week.drainageDays = drainage & 0x07;
      week.heavyDrainageDays = drainage >> 3;
    }
    source.weeks.push(week);
  }
}

/**
 * Layout 3 of the summary pack: every field through an adaptive range coder (./range-coder.ts) instead of
 * one byte a day and deflate. Each day's fields are coded against the day before: whether it was logged,
 * the flare, the drainage, the pain as a change from the last logged pain, the dressing changes against
 * the drainage, a flare's regions as "same as the day before"; the medication timeline as date deltas
 * (./summary-pack-v3-medication.ts); text by code point from English letter odds (./text-coder.ts).
 *
 * The layout is written once, as `codeSummary`, and run by both ends: the encoder passes the source and
 * the decoder passes nothing, taking every value from what the coder returns. A 16-bit checksum of the
 * coded bytes comes first, so a link cut short or mistyped is refused before anything is decoded.
 */
import { addDays, daysBetween, EARLIEST_DATE, LATEST_DATE, type IsoDate } from './dates';
import { INTERVENTIONS } from './day-limits';
import {
  BitModel,
  codeUniform,
  flag,
  indexIn,
  IntModel,
  itemAt,
  MAX_DATE_DELTA,
  RangeDecoder,
  RangeEncoder,
  SymbolModel,
  UintModel,
  type BitCoder,
} from './range-coder';
import { REGION_IDS } from './regions';
import { codeMedication, MedicationModels } from './summary-pack-v3-medication';
import {
  SUMMARY_LIMITS,
  type SummaryDay,
  type SummarySource,
  type SummaryVisit,
  type SummaryWeek,
} from './summary-source';
import { TextModel } from './text-coder';
import { HURLEY_STAGES } from './visit';

/** Days from the earliest date the diary accepts (layouts 1 and 2 counted from 2000 and refused earlier ones). */
const DAY_NUMBERS = daysBetween(EARLIEST_DATE, LATEST_DATE) + 1;
const CHECKSUM_BYTES = 2;

/** Every learned probability of one pack: each field has its own, per context. */
class Models {
  readonly text = new TextModel();
  readonly count = new UintModel();
  readonly medication = new MedicationModels(this.text, this.count);
  readonly madeOnAfter = new UintModel();
  readonly isLogged = [new BitModel(), new BitModel()];
  readonly isFlare = [new BitModel(), new BitModel()];
  /** By today's flare and whether the last logged day drained. */
  readonly drainage = Array.from({ length: 4 }, () => new SymbolModel(2));
  /** By today's flare and the last logged day's. */
  readonly painChange = Array.from({ length: 4 }, () => new IntModel());
  /** By drainage: dressing changes less the drainage level. */
  readonly dressingsOverDrainage = Array.from({ length: 4 }, () => new IntModel());
  /** By whether the flare goes on from the last logged day. */
  readonly sameRegions = [new BitModel(), new BitModel()];
  readonly region = REGION_IDS.map(() => new BitModel());
  readonly hasInterventions = [new BitModel(), new BitModel()];
  readonly intervention = INTERVENTIONS.map(() => new BitModel());
  readonly weekStartChange = new IntModel();
  readonly isWeekLogged = new BitModel();
  readonly weekPainChange = new IntModel();
  readonly weekDrainageChange = new IntModel();
  readonly weekDays = Array.from({ length: 4 }, () => new SymbolModel(3));
  readonly visitDateChange = new IntModel();
  readonly hasIhs4 = new BitModel();
  readonly ihs4 = new UintModel();
  readonly hasHurley = new BitModel();
  readonly hurley = new SymbolModel(2);
  readonly hasVisit = new BitModel();
  readonly nextVisitChange = new IntModel();
}

/** The layout: encodes `source` when given, else decodes; returns the source either way. */
function codeSummary(coder: BitCoder, source?: SummarySource): SummarySource {
  const models = new Models();
  const isWeekly = coder.evenBit(flag(source?.resolution === 'weekly')) === 1;
  const from = addDays(
    EARLIEST_DATE,
    codeUniform(coder, DAY_NUMBERS, source ? daysBetween(EARLIEST_DATE, source.range.from) : 0),
  );
  const length = codeUniform(
    coder,
    SUMMARY_LIMITS.maxRangeDays + 1,
    source ? daysBetween(source.range.from, source.range.to) : 0,
  );
  const to = addDays(from, length);
  const madeOn = addDays(to, models.madeOnAfter.code(coder, DAY_NUMBERS, source ? daysBetween(to, source.madeOn) : 0));
  const decoded: SummarySource = {
    range: { from, to },
    madeOn,
    resolution: isWeekly ? 'weekly' : 'daily',
    days: isWeekly ? [] : codeDays(coder, models, from, length, source?.days),
    weeks: isWeekly ? codeWeeks(coder, models, from, source?.weeks) : [],
    medications: [],
    questions: '',
  };
  const medicationCount = models.count.code(coder, SUMMARY_LIMITS.maxMedications, source?.medications.length);
  for (let index = 0; index < medicationCount; index += 1)
    decoded.medications.push(codeMedication(coder, models.medication, to, source?.medications[index]));

  if (coder.bit(models.hasVisit, flag(source && source.lastVisit !== undefined)) === 1)
    decoded.lastVisit = codeVisit(coder, models, to, source?.lastVisit);
  if (coder.bit(models.hasVisit, flag(source && source.nextVisit !== undefined)) === 1) {
    const change = source?.nextVisit === undefined ? 0 : daysBetween(madeOn, source.nextVisit);
    decoded.nextVisit = addDays(madeOn, models.nextVisitChange.code(coder, MAX_DATE_DELTA, change));
  }
  decoded.questions = models.text.code(coder, SUMMARY_LIMITS.maxQuestionsChars, source?.questions);
  const visits = source?.visits ?? [];
  const visitCount = models.count.code(coder, SUMMARY_LIMITS.maxVisits, visits.length);
  decoded.visits = [];
  let previousVisit = to;
  for (let index = 0; index < visitCount; index += 1) {
    const visit = codeVisit(coder, models, previousVisit, visits[index]);
    decoded.visits.push(visit);
    previousVisit = visit.date;
  }
  const patientName = models.text.code(coder, SUMMARY_LIMITS.maxNameChars, source?.patientName ?? '');
  if (patientName !== '') decoded.patientName = patientName;
  return decoded;
}

function codeDays(
  coder: BitCoder,
  models: Models,
  from: IsoDate,
  length: number,
  days: readonly SummaryDay[] | undefined,
): SummaryDay[] {
  const byDate = new Map((days ?? []).map((day) => [day.date, day]));
  const decoded: SummaryDay[] = [];
  let wasLogged = true;
  let last = { pain: 0, drainage: 0, flare: false };
  let lastFlareRegions: SummaryDay['regions'] = [];
  for (let offset = 0; offset <= length; offset += 1) {
    const date = addDays(from, offset);
    const day = byDate.get(date);
    const isLogged: boolean = coder.bit(itemAt(models.isLogged, flag(wasLogged)), flag(day !== undefined)) === 1;
    wasLogged = isLogged;
    if (!isLogged) continue;
    const flare = coder.bit(itemAt(models.isFlare, flag(last.flare)), flag(day?.flare)) === 1;
    const drainageModel = itemAt(models.drainage, flag(flare) * 2 + flag(last.drainage > 0));
    const drainage = drainageModel.code(coder, day?.drainage);
    const painModel = itemAt(models.painChange, flag(flare) * 2 + flag(last.flare));
    const pain = last.pain + painModel.code(coder, 10, (day?.pain ?? 0) - last.pain);
    if (pain < 0 || pain > 10) throw new RangeError(`pain ${pain}`);
    const dressingModel = itemAt(models.dressingsOverDrainage, drainage);
    const dressingChanges =
      drainage + dressingModel.code(coder, SUMMARY_LIMITS.maxDressingChanges, (day?.dressingChanges ?? 0) - drainage);
    if (dressingChanges < 0 || dressingChanges > SUMMARY_LIMITS.maxDressingChanges)
      throw new RangeError(`dressing changes ${dressingChanges}`);
    let regions: SummaryDay['regions'] = [];
    if (flare) {
      const wanted = day ? REGION_IDS.filter((region) => day.regions.includes(region)) : [];
      const isSame =
        wanted.length === lastFlareRegions.length && wanted.every((region, at) => lastFlareRegions[at] === region);
      if (coder.bit(itemAt(models.sameRegions, flag(last.flare)), flag(isSame)) === 1) regions = [...lastFlareRegions];
      else
        regions = REGION_IDS.filter(
          (region, index) => coder.bit(itemAt(models.region, index), flag(wanted.includes(region))) === 1,
        );
      lastFlareRegions = regions;
    }
    const interventions = day?.interventions ?? [];
    const hasInterventions =
      coder.bit(itemAt(models.hasInterventions, flag(flare)), flag(interventions.length > 0)) === 1;
    const decodedInterventions = hasInterventions
      ? INTERVENTIONS.filter(
          (each, index) => coder.bit(itemAt(models.intervention, index), flag(interventions.includes(each))) === 1,
        )
      : [];
    if (hasInterventions && decodedInterventions.length === 0) throw new RangeError('empty interventions');
    decoded.push({ date, pain, drainage, flare, regions, interventions: decodedInterventions, dressingChanges });
    last = { pain, drainage, flare };
  }
  return decoded;
}

function codeWeeks(
  coder: BitCoder,
  models: Models,
  from: IsoDate,
  weeks: readonly SummaryWeek[] | undefined,
): SummaryWeek[] {
  const count = models.count.code(coder, Math.ceil(SUMMARY_LIMITS.maxRangeDays / 7) + 1, weeks?.length);
  const decoded: SummaryWeek[] = [];
  let expectedStart = from;
  let lastPain = 0;
  let lastDrainage = 0;
  for (let index = 0; index < count; index += 1) {
    const week = weeks?.[index];
    const start = addDays(
      expectedStart,
      models.weekStartChange.code(coder, MAX_DATE_DELTA, week ? daysBetween(expectedStart, week.start) : 0),
    );
    expectedStart = addDays(start, 7);
    let meanPainX10: number | null = null;
    let meanDrainageX10: number | null = null;
    // A week with no logged day has neither mean; the two are coded as one "logged" decision.
    const hasPain = coder.bit(models.isWeekLogged, flag(week && week.meanPainX10 !== null)) === 1;
    if (hasPain) {
      meanPainX10 = lastPain + models.weekPainChange.code(coder, 100, (week?.meanPainX10 ?? 0) - lastPain);
      if (meanPainX10 < 0 || meanPainX10 > 100) throw new RangeError('mean pain');
      lastPain = meanPainX10;
    }
    const hasDrainage = coder.bit(models.isWeekLogged, flag(week && week.meanDrainageX10 !== null)) === 1;
    if (hasDrainage) {
      meanDrainageX10 =
        lastDrainage + models.weekDrainageChange.code(coder, 30, (week?.meanDrainageX10 ?? 0) - lastDrainage);
      if (meanDrainageX10 < 0 || meanDrainageX10 > 30) throw new RangeError('mean drainage');
      lastDrainage = meanDrainageX10;
    }
    const [flareDays, loggedDays, drainageDays, heavyDrainageDays] = [
      week?.flareDays,
      week?.loggedDays,
      week?.drainageDays ?? 0,
      week?.heavyDrainageDays ?? 0,
    ].map((value, field) => itemAt(models.weekDays, field).code(coder, value)) as [number, number, number, number];
    decoded.push({ start, meanPainX10, meanDrainageX10, flareDays, loggedDays, drainageDays, heavyDrainageDays });
  }
  return decoded;
}
function codeVisit(coder: BitCoder, models: Models, base: IsoDate, visit: SummaryVisit | undefined): SummaryVisit {
  const date = addDays(
    base,
    models.visitDateChange.code(coder, MAX_DATE_DELTA, visit ? daysBetween(base, visit.date) : 0),
  );
  const decoded: SummaryVisit = { date };
  if (coder.bit(models.hasIhs4, flag(visit?.ihs4 !== undefined)) === 1)
    decoded.ihs4 = models.ihs4.code(coder, 999, visit?.ihs4);
  if (coder.bit(models.hasHurley, flag(visit?.hurley !== undefined)) === 1)
    decoded.hurley = itemAt(HURLEY_STAGES, models.hurley.code(coder, indexIn(HURLEY_STAGES, visit?.hurley)));
  return decoded;
}

/** FNV-1a over the bytes, folded to 16 bits (exported for the tests, which seal junk with it). */
export function checksum16(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return ((hash >>> 16) ^ hash) & 0xffff;
}

/** Layout 3 of a (valid) summary source: a 16-bit checksum, then the range-coded fields. */
export function packSummaryV3(source: SummarySource): Uint8Array {
  const encoder = new RangeEncoder();
  codeSummary(encoder, source);
  const coded = encoder.finish();
  const check = checksum16(coded);
  const bytes = new Uint8Array(CHECKSUM_BYTES + coded.length);
  bytes[0] = check >> 8;
  bytes[1] = check & 0xff;
  bytes.set(coded, CHECKSUM_BYTES);
  return bytes;
}

/** Thrown when the checksum does not match: the link was cut short or changed. */
export class ChecksumError extends Error {
  constructor() {
    super('the checksum does not match');
    this.name = 'ChecksumError';
  }
}

/** The (unvalidated) summary source of layout 3 bytes; throws on anything malformed. */
export function unpackSummaryV3(bytes: Uint8Array): unknown {
  if (bytes.length < CHECKSUM_BYTES) throw new ChecksumError();
  const coded = bytes.subarray(CHECKSUM_BYTES);
  if ((((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)) !== checksum16(coded)) throw new ChecksumError();
  const decoder = new RangeDecoder(coded);
  const source = codeSummary(decoder);
  if (!decoder.isAtEnd) throw new RangeError('trailing bytes');
  return source;
}

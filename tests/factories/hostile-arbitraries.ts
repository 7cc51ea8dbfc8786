/**
 * fast-check generators of hostile input for the fuzz tests: viewer payloads (valid in shape but built to
 * hurt, and plain garbage) and backup files. Names and notes carry bidi controls, markup, prototype keys
 * and unbroken runs; dates reach from 2000 to 2200; counts go to the codec's limits.
 */
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { addDays } from '../../src/lib/domain/dates';
import { BACKUP_FORMAT, BACKUP_TABLES, ENCRYPTED_BACKUP_FORMAT } from '../../src/lib/domain/backup-format';
import { INTERVENTIONS } from '../../src/lib/domain/day-limits';
import {
  DOSE_UNITS,
  DRUG_CLASSES,
  FREQUENCIES,
  REGIMEN_EVENT_KINDS,
  STOP_REASONS,
} from '../../src/lib/domain/medication';
import { REGION_IDS } from '../../src/lib/domain/regions';
import { encodeSummary, toDigits } from '../../src/lib/domain/summary-codec';
import { checksum16, packSummaryV3 } from '../../src/lib/domain/summary-pack-v3';
import { weeklyFromDays } from '../../src/lib/domain/summary-pick';
import { summarySourceSchema, SUMMARY_LIMITS, type SummarySource } from '../../src/lib/domain/summary-source';
import { HURLEY_STAGES } from '../../src/lib/domain/visit';
import { backupFactory } from './backup-factory';

const DAYS_2000_TO_2200 = 73_000;
const date = fc.integer({ min: 0, max: DAYS_2000_TO_2200 }).map((offset) => addDays('2000-01-01', offset));

const NASTY = [
  '\u202Eexe.png',
  'Upa\u202C',
  '\u202B\u202B\u202B',
  '\u2066x\u2069\u2069\u2069',
  '<img src=x onerror=alert(1)>',
  'constructor',
  '__proto__',
  'toString',
  '{{7*7}}',
  '%00%0d%0a',
  '\r\nATTACH:https://evil.example/a',
  '👩🏽‍⚕️'.repeat(8),
  'W'.repeat(80),
];
const bidiUnit = fc.constantFrom(
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200F',
  'a',
  'ש',
  'م',
  '1',
  ' ',
  '👩🏽‍⚕️',
);

/** Text of 1 to `max` UTF-16 units that a person, or an attacker, might type. */
export function hostileText(max: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(...NASTY),
      fc.string({ unit: 'binary', minLength: 1, maxLength: max }),
      fc.string({ unit: bidiUnit, minLength: 1, maxLength: max }),
    )
    .map((text) => text.slice(0, max))
    .filter((text) => text.length >= 1 && text.length <= max);
}

const eventArbitrary = fc.record(
  {
    date,
    kind: fc.constantFrom(...REGIMEN_EVENT_KINDS),
    dose: fc.record({
      amount: fc.integer({ min: 1, max: 100_000_000 }).map((value) => value / 1000),
      unit: fc.constantFrom(...DOSE_UNITS),
    }),
    frequency: fc.constantFrom(...FREQUENCIES),
    reason: fc.constantFrom(...STOP_REASONS),
  },
  { requiredKeys: ['date', 'kind'] },
);

const visitArbitrary = fc.record(
  { date, ihs4: fc.integer({ min: 0, max: 999 }), hurley: fc.constantFrom(...HURLEY_STAGES) },
  { requiredKeys: ['date'] },
);

/** A summary source the codec accepts, as costly and as strange as its limits allow. */
export const hostileSourceArbitrary: fc.Arbitrary<SummarySource> = fc
  .record({
    from: date,
    length: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: SUMMARY_LIMITS.maxRangeDays - 1 })),
    madeAfter: fc.oneof(fc.constant(0), fc.nat(DAYS_2000_TO_2200)),
    resolution: fc.constantFrom('daily' as const, 'weekly' as const),
    days: fc.array(
      fc.record({
        offset: fc.nat(SUMMARY_LIMITS.maxRangeDays),
        pain: fc.integer({ min: 0, max: 10 }),
        drainage: fc.integer({ min: 0, max: 3 }),
        flare: fc.boolean(),
        regions: fc.subarray([...REGION_IDS]),
        interventions: fc.subarray([...INTERVENTIONS]),
        dressingChanges: fc.integer({ min: 0, max: SUMMARY_LIMITS.maxDressingChanges }),
      }),
      { maxLength: 400 },
    ),
    medications: fc.array(
      fc.record(
        {
          name: hostileText(SUMMARY_LIMITS.maxNameChars),
          presetId: fc.oneof(
            fc.constantFrom('upadacitinib', 'adalimumab', 'custom'),
            fc.stringMatching(/^[a-z0-9]{1,8}$/),
          ),
          drugClass: fc.constantFrom(...DRUG_CLASSES),
          color: fc.integer({ min: 0, max: 0xffffff }).map((value) => `#${value.toString(16).padStart(6, '0')}`),
          events: fc.array(eventArbitrary, { maxLength: SUMMARY_LIMITS.maxEventsPerMedication }),
          baselineX100: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
          adherence: fc.array(fc.record({ phaseStart: date, taken: fc.nat(100_000), scheduled: fc.nat(100_000) }), {
            maxLength: 8,
          }),
        },
        { requiredKeys: ['name', 'drugClass', 'color', 'events', 'baselineX100', 'adherence'] },
      ),
      { maxLength: SUMMARY_LIMITS.maxMedications },
    ),
    questions: fc.oneof(fc.constant(''), hostileText(SUMMARY_LIMITS.maxQuestionsChars)),
    lastVisit: fc.option(visitArbitrary, { nil: undefined }),
    nextVisit: fc.option(date, { nil: undefined }),
    visits: fc.array(visitArbitrary, { maxLength: SUMMARY_LIMITS.maxVisits }),
    patientName: fc.option(hostileText(SUMMARY_LIMITS.maxNameChars), { nil: undefined }),
  })
  .map((drawn): SummarySource => {
    const range = { from: drawn.from, to: addDays(drawn.from, drawn.length) };
    const byOffset = new Map(drawn.days.filter((day) => day.offset <= drawn.length).map((day) => [day.offset, day]));
    const days = [...byOffset.values()]
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, ...day }) => ({
        ...day,
        date: addDays(range.from, offset),
        regions: day.flare ? day.regions : [],
      }));
    return {
      range,
      madeOn: addDays(range.to, drawn.madeAfter),
      resolution: drawn.resolution,
      days: drawn.resolution === 'daily' ? days : [],
      weeks: drawn.resolution === 'weekly' ? weeklyFromDays(days, range) : [],
      medications: drawn.medications.map((medication) => ({
        ...medication,
        events: medication.events.map((event) => ({ ...event })),
      })),
      questions: drawn.questions,
      visits: drawn.visits,
      ...(drawn.lastVisit && { lastVisit: drawn.lastVisit }),
      ...(drawn.nextVisit && { nextVisit: drawn.nextVisit }),
      ...(drawn.patientName && { patientName: drawn.patientName }),
    };
  })
  .filter((source) => summarySourceSchema.safeParse(source).success);

/** A payload of a hostile source: what a crafted QR code or link carries. */
export const hostilePayloadArbitrary: fc.Arbitrary<string> = hostileSourceArbitrary.map((source) =>
  encodeSummary(source),
);

const base64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** Layout 3 bytes: its checksum, then `coded`. */
function sealed(coded: Uint8Array): Uint8Array {
  const check = checksum16(coded);
  return Uint8Array.from([check >> 8, check & 0xff, ...coded]);
}

/** Payloads that are not summaries at all, or are summaries damaged on the way. */
export const garbagePayloadArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 3000 }),
  fc.string({ unit: 'binary', maxLength: 3000 }).map((text) => `2.${text}`),
  fc.uint8Array({ maxLength: 2500 }).map((bytes) => `2.${base64Url(bytes)}`),
  fc
    .tuple(fc.constantFrom(1, 2), fc.uint8Array({ maxLength: 4000 }))
    .map(([version, bytes]) => `${version}.${base64Url(deflateSync(bytes))}`),
  // Layout 3 junk behind a valid checksum, so the range decoder itself is reached, in either form.
  fc
    .tuple(fc.boolean(), fc.uint8Array({ maxLength: 2500 }))
    .map(([isDigits, bytes]) => (isDigits ? `3-${toDigits(sealed(bytes))}` : `3.${base64Url(sealed(bytes))}`)),
  // A real layout 3 pack with bytes changed and its checksum redone.
  fc
    .tuple(
      hostileSourceArbitrary,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
    )
    .map(([source, edits]) => {
      const coded = packSummaryV3(source).slice(2);
      for (const [at, flip] of edits)
        if (coded.length > 0) coded[at % coded.length] = (coded[at % coded.length] ?? 0) ^ flip;
      return `3-${toDigits(sealed(coded))}`;
    }),
  // A real payload with a few characters changed, cut short, or run together with another.
  fc
    .tuple(
      hostilePayloadArbitrary,
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...'AZaz09-_.%#/')), { minLength: 1, maxLength: 4 }),
    )
    .map(([payload, edits]) => {
      const chars = [...payload];
      for (const [at, char] of edits) chars[2 + (at % Math.max(1, chars.length - 2))] = char;
      return chars.join('');
    }),
  fc.tuple(hostilePayloadArbitrary, fc.nat()).map(([payload, cut]) => payload.slice(0, 2 + (cut % payload.length))),
  fc.constantFrom(
    '9999.AAAA',
    '1.',
    '.',
    '2..',
    `2.${'A'.repeat(8200)}`,
    `1.${base64Url(deflateSync(new Uint8Array(2_000_000)))}`,
  ),
);

/** Backup files no import may write a row of: damaged, hostile, from the future, or not backups at all. */
export const hostileBackupTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 2000 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  // A backup whose header lies.
  fc
    .record({
      exportedAt: fc.oneof(
        fc.constantFrom(9e15, -1, 1e300, Number.MAX_SAFE_INTEGER, Date.UTC(2200, 0, 1)),
        fc.double(),
      ),
      formatVersion: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constant('1')),
      schemaVersion: fc.oneof(fc.integer({ min: -2, max: 99 }), fc.constant(null)),
    })
    .map((header) => backupFactory.text({}, header)),
  // A backup with hostile rows in one table.
  fc
    .tuple(
      fc.constantFrom(...BACKUP_TABLES),
      fc.array(
        fc.oneof(
          fc.object({ maxDepth: 2 }),
          fc.record({
            id: hostileText(40),
            date: fc.oneof(fc.string(), fc.constantFrom('2200-13-01', '1899-12-31', '2026-02-30')),
            key: fc.constantFrom('settings', 'calendarExport', '__proto__', 'constructor'),
            name: hostileText(200),
            medicationId: hostileText(60),
            updatedAt: fc.oneof(fc.double(), fc.constant(9e15)),
          }),
        ),
        { minLength: 1, maxLength: 5 },
      ),
    )
    .map(([table, rows]) => backupFactory.text({ [table]: rows })),
  // A damaged encrypted backup.
  fc
    .record({
      formatVersion: fc.integer({ min: 0, max: 4 }),
      kdf: fc.oneof(
        fc.object({ maxDepth: 1 }),
        fc.constant({ name: 'PBKDF2', hash: 'SHA-256', iterations: 1e12, salt: 'AA' }),
      ),
      cipher: fc.oneof(fc.object({ maxDepth: 1 }), fc.constant({ name: 'AES-GCM', iv: '!!' })),
      data: fc.string(),
    })
    .map((envelope) => JSON.stringify({ format: ENCRYPTED_BACKUP_FORMAT, ...envelope })),
  // Valid JSON cut short, or with its format name and nothing else.
  fc.nat().map((cut) => backupFactory.text().slice(0, cut % backupFactory.text().length)),
  fc.constant(JSON.stringify({ format: BACKUP_FORMAT })),
);

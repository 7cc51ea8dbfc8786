import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates';
import { INTERVENTIONS } from './day-limits';
import { DOSE_UNITS, DRUG_CLASSES, FREQUENCIES, REGIMEN_EVENT_KINDS, STOP_REASONS } from './medication';
import { MEDICATION_PRESETS } from './medication-presets';
import { REGION_IDS } from './regions';
import { decodeSummary, encodeSummary, MAX_PAYLOAD_CHARS, SUMMARY_CODEC_VERSION } from './summary-codec';
import { packSummary, unpackSummary } from './summary-pack';
import { checksum16 } from './summary-pack-v3';
import { mulberry32 } from '../../../tests/factories/diary-generator';
import { summarySourceSchema, SUMMARY_LIMITS, type SummarySource } from './summary-source';
import { HURLEY_STAGES } from './visit';

const dateIn = (from: string, maxOffset: number) =>
  fc.integer({ min: 0, max: maxOffset }).map((offset) => addDays(from, offset));

const eventArbitrary = fc.record(
  {
    date: dateIn('2018-01-01', 3000),
    kind: fc.constantFrom(...REGIMEN_EVENT_KINDS),
    dose: fc.record({
      amount: fc.integer({ min: 1, max: 500_000 }).map((value) => value / 1000),
      unit: fc.constantFrom(...DOSE_UNITS),
    }),
    frequency: fc.constantFrom(...FREQUENCIES),
    reason: fc.constantFrom(...STOP_REASONS),
  },
  { requiredKeys: ['date', 'kind'] },
);

const medicationArbitrary = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 80 }),
    presetId: fc.oneof(
      fc.constantFrom(...MEDICATION_PRESETS.map((preset) => preset.id)),
      fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/),
    ),
    drugClass: fc.constantFrom(...DRUG_CLASSES),
    color: fc.integer({ min: 0, max: 0xffffff }).map((value) => `#${value.toString(16).padStart(6, '0')}`),
    events: fc.array(eventArbitrary, { maxLength: 8 }),
    baselineX100: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    adherence: fc.array(
      fc.record({ phaseStart: dateIn('2018-01-01', 3000), taken: fc.nat(500), scheduled: fc.nat(500) }),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: ['name', 'drugClass', 'color', 'events', 'baselineX100', 'adherence'] },
);

/** Any valid summary source, in the canonical form the decoder gives back (sorted days, ordered sets). */
const sourceArbitrary: fc.Arbitrary<SummarySource> = fc
  .record({
    from: dateIn('2020-01-01', 2000),
    length: fc.integer({ min: 0, max: 400 }),
    madeOnAfter: fc.integer({ min: 0, max: 30 }),
    isWeekly: fc.boolean(),
    dayValues: fc.array(
      fc.option(
        fc.record({
          pain: fc.integer({ min: 0, max: 10 }),
          drainage: fc.integer({ min: 0, max: 3 }),
          flare: fc.boolean(),
          regions: fc.subarray([...REGION_IDS]),
          interventions: fc.subarray([...INTERVENTIONS]),
          dressingChanges: fc.integer({ min: 0, max: 30 }),
        }),
        { freq: 4 },
      ),
      { maxLength: 401 },
    ),
    weekValues: fc.array(
      fc.record({
        meanPainX10: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        meanDrainageX10: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
        flareDays: fc.integer({ min: 0, max: 7 }),
        loggedDays: fc.integer({ min: 0, max: 7 }),
        drainageDays: fc.integer({ min: 0, max: 7 }),
        heavyDrainageDays: fc.integer({ min: 0, max: 7 }),
      }),
      { maxLength: 58 },
    ),
    medications: fc.array(medicationArbitrary, { maxLength: 4 }),
    lastVisit: fc.option(
      fc.record(
        {
          date: dateIn('2019-01-01', 2000),
          ihs4: fc.integer({ min: 0, max: 999 }),
          hurley: fc.constantFrom(...HURLEY_STAGES),
        },
        { requiredKeys: ['date'] },
      ),
      { nil: undefined },
    ),
    nextVisit: fc.option(dateIn('2020-01-01', 3000), { nil: undefined }),
    questions: fc.string({ maxLength: 600 }),
    visits: fc.array(
      fc.record(
        {
          date: dateIn('2019-01-01', 2000),
          ihs4: fc.integer({ min: 0, max: 999 }),
          hurley: fc.constantFrom(...HURLEY_STAGES),
        },
        { requiredKeys: ['date'] },
      ),
      { maxLength: 24 },
    ),
    patientName: fc.option(fc.string({ minLength: 1, maxLength: 80 }), { nil: undefined }),
  })
  .map((values) => {
    const to = addDays(values.from, values.length);
    const days = values.isWeekly
      ? []
      : values.dayValues
          .slice(0, values.length + 1)
          .flatMap((value, offset) =>
            value ? [{ ...value, date: addDays(values.from, offset), regions: value.flare ? value.regions : [] }] : [],
          );
    const weeks = values.isWeekly
      ? values.weekValues
          .slice(0, Math.floor(values.length / 7) + 1)
          .map((week, index) => ({ ...week, start: addDays(values.from, index * 7) }))
      : [];
    const source: SummarySource = {
      range: { from: values.from, to },
      madeOn: addDays(to, values.madeOnAfter),
      resolution: values.isWeekly ? 'weekly' : 'daily',
      days,
      weeks,
      medications: values.medications,
      questions: values.questions,
      visits: values.visits,
    };
    if (values.patientName !== undefined) source.patientName = values.patientName;
    if (values.lastVisit) source.lastVisit = values.lastVisit;
    if (values.nextVisit) source.nextVisit = values.nextVisit;
    return source;
  });

/** Links made by version 1 of the app (before measures version 2), kept byte for byte. */
const V1_DAILY =
  '1.Y7jixcmYrvaf-T8YMDIyMjHyhBYkpiQmZ5Zk5mUmMTKoJr_ey8p0xctgRikDww0vwQ2vGBkYr3ixsDCe9uJl-uIl4pyYp-CpUFySWKmQn6dgbKCQm24PAA';
const V1_WEEKLY =
  '1.Y7zixcnIxGDOz8jG_v8_AwMjT2hBYkpicmZJZl5mEiODavLrvaxMV7wMZpQyMNzwEtzwipEBqIeFhfG0Fy_TFy8R58Q8BU-F4pLESoX8PAVjA4XcdHsA';

describe('links made by version 1', () => {
  it('still open, with the figures they carried and nothing invented', () => {
    const daily = decodeSummary(V1_DAILY);
    expect(daily.ok).toBe(true);
    if (!daily.ok) return;
    expect(daily.source.days.map((day) => [day.date, day.pain, day.drainage, day.flare])).toEqual([
      ['2026-03-01', 7, 2, true],
      ['2026-03-02', 6, 2, false],
      ['2026-03-04', 3, 0, false],
    ]);
    expect(daily.source.days[0]?.regions).toEqual(['axilla-left']);
    expect(daily.source.days[1]?.interventions).toEqual(['lesion-drained']);
    // Version 1 carried no dressing changes, visits or name: absent, not zero.
    expect(daily.source.days.every((day) => day.dressingChanges === undefined)).toBe(true);
    expect(daily.source.visits).toBeUndefined();
    expect(daily.source.patientName).toBeUndefined();
    expect(daily.source.medications[0]).toMatchObject({ name: 'Upadacitinib', baselineX100: 700 });
    expect(daily.source.lastVisit).toEqual({ date: '2026-02-20', ihs4: 12, hurley: 'II' });
    const weekly = decodeSummary(V1_WEEKLY);
    expect(weekly.ok && weekly.source.weeks[0]).toEqual({
      start: '2026-03-01',
      meanPainX10: 55,
      meanDrainageX10: 15,
      flareDays: 1,
      loggedDays: 6,
    });
  });

  it('a version 1 layout of any summary unpacks to it without the version 2 fields', () => {
    fc.assert(
      fc.property(sourceArbitrary, (source) => {
        const unpacked = unpackSummary(packSummary(source, 1), 1) as SummarySource;
        expect(unpacked.days).toEqual(source.days.map(({ dressingChanges: _, ...day }) => day));
        expect(unpacked.visits).toBeUndefined();
        expect(unpacked.medications).toEqual(source.medications);
      }),
      { numRuns: 100 },
    );
  });

  it('a version 1 day byte with the dressing bit is refused', () => {
    const bytes = packSummary(
      {
        range: { from: '2026-01-01', to: '2026-01-01' },
        madeOn: '2026-01-01',
        resolution: 'daily',
        days: [
          {
            date: '2026-01-01',
            pain: 2,
            drainage: 0,
            flare: false,
            regions: [],
            interventions: [],
            dressingChanges: 3,
          },
        ],
        weeks: [],
        medications: [],
        questions: '',
        visits: [],
      },
      2,
    );
    expect(() => unpackSummary(bytes, 1)).toThrow(RangeError);
  });
});

/** A link made by version 2 of the app (digits, deflated layout 2), kept byte for byte. */
const V2_DIGITS =
  '2-1784464997531703632963178850802619385305231953624378969364083047572887176080046745904468872847040988963733215409117627920478576498139459834404158530649036948145242345186020230414782203127608222499521497006592';

describe('links made by version 2', () => {
  it('still open after layout 3, with every figure they carried', () => {
    const result = decodeSummary(V2_DIGITS);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.source.days.map((day) => [day.date, day.pain, day.drainage, day.dressingChanges])).toEqual([
      ['2026-03-01', 7, 2, 3],
      ['2026-03-02', 6, 2, 2],
      ['2026-03-04', 3, 0, 0],
    ]);
    expect(result.source.medications[0]?.adherence).toEqual([{ phaseStart: '2026-01-10', taken: 50, scheduled: 54 }]);
    expect(result.source.visits).toEqual([{ date: '2026-03-03', ihs4: 9 }]);
    expect(result.source.patientName).toBe('Li Wei');
    expect(result.source.questions).toBe('Is 15 mg enough?');
  });

  it('a version 2 layout of any summary still round-trips', () => {
    fc.assert(
      fc.property(sourceArbitrary, (source) => {
        expect(decodeSummary(encodeSummary(source, 'digits', 2))).toEqual({ ok: true, source });
      }),
      { numRuns: 100 },
    );
  });
});

/** Valid text of any kind, for the text model: English, Chinese, emoji, lone surrogates. */
const anyText = (maxLength: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength }),
      fc.string({ unit: 'binary', maxLength }),
      fc.constantFrom(
        '今天疼得厉害，能换药吗？',
        '阿达木单抗（修美乐）',
        'Ciclosporin 100 mg\n2× a day',
        '\ud800x',
        '😀👍',
      ),
    )
    .filter((text) => text.length <= maxLength);

describe('layout 3 (range-coded)', () => {
  it('unpacks to exactly what it packed, for any valid summary', () => {
    fc.assert(
      fc.property(sourceArbitrary, (source) => {
        expect(unpackSummary(packSummary(source, 3), 3)).toEqual(source);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps names and questions exact, in any script', () => {
    fc.assert(
      fc.property(sourceArbitrary, anyText(80), anyText(600), (source, name, questions) => {
        const medications = source.medications.map((medication) => ({ ...medication, name: name || 'x' }));
        const withText = { ...source, medications, questions, patientName: name || undefined };
        if (withText.patientName === undefined) delete withText.patientName;
        expect(unpackSummary(packSummary(withText, 3), 3)).toEqual(withText);
      }),
      { numRuns: 200 },
    );
  });

  it('costs a few bits for a day like the day before, not a byte', () => {
    const from = '2026-01-01';
    const source: SummarySource = {
      range: { from, to: addDays(from, 364) },
      madeOn: addDays(from, 364),
      resolution: 'daily',
      days: Array.from({ length: 365 }, (_, offset) => ({
        date: addDays(from, offset),
        pain: 3 + (offset % 3 === 0 ? 1 : 0),
        drainage: offset % 5 === 0 ? 1 : 0,
        flare: false,
        regions: [],
        interventions: [],
        dressingChanges: offset % 5 === 0 ? 1 : 0,
      })),
      weeks: [],
      medications: [],
      questions: '',
      visits: [],
    };
    expect(packSummary(source, 3).length).toBeLessThan(packSummary(source, 2).length / 3);
  });

  it('carries a summary at every limit, from any date the diary accepts, exactly and quickly', () => {
    const from = '1950-06-01';
    const to = addDays(from, SUMMARY_LIMITS.maxRangeDays);
    const random = mulberry32(5);
    const source: SummarySource = {
      range: { from, to },
      madeOn: addDays(to, 3),
      resolution: 'daily',
      days: Array.from({ length: SUMMARY_LIMITS.maxRangeDays }, (_, offset) => {
        const flare = random() < 0.3;
        return {
          date: addDays(from, offset),
          pain: Math.floor(random() * 11),
          drainage: Math.floor(random() * 4),
          flare,
          regions: flare ? REGION_IDS.filter(() => random() < 0.5) : [],
          interventions: INTERVENTIONS.filter(() => random() < 0.1),
          dressingChanges: Math.floor(random() * (SUMMARY_LIMITS.maxDressingChanges + 1)),
        };
      }),
      weeks: [],
      medications: Array.from({ length: SUMMARY_LIMITS.maxMedications }, (_, index) => ({
        name: `药物 ${index} ${'x'.repeat(SUMMARY_LIMITS.maxNameChars - 6)}`.slice(0, SUMMARY_LIMITS.maxNameChars),
        drugClass: 'other' as const,
        color: '#123456',
        events: Array.from({ length: SUMMARY_LIMITS.maxEventsPerMedication }, (_, at) => ({
          date: addDays(to, -at * 50),
          kind: 'dose-change' as const,
          dose: { amount: 100_000 - at, unit: 'units' as const },
          frequency: 'other' as const,
        })),
        baselineX100: 1000,
        adherence: Array.from({ length: SUMMARY_LIMITS.maxEventsPerMedication }, (_, at) => ({
          phaseStart: addDays(from, at),
          taken: 100_000,
          scheduled: 99_999,
        })),
      })),
      questions: '我'.repeat(SUMMARY_LIMITS.maxQuestionsChars),
      visits: Array.from({ length: SUMMARY_LIMITS.maxVisits }, (_, at) => ({ date: addDays(from, at), ihs4: 999 })),
      patientName: '😀'.repeat(SUMMARY_LIMITS.maxNameChars / 2),
      lastVisit: { date: '1900-01-01', hurley: 'III' },
      nextVisit: '2200-12-31',
    };
    expect(summarySourceSchema.safeParse(source).success).toBe(true);
    const started = performance.now();
    // Random values at every limit are far more than a link may carry, so the layout alone is checked.
    expect(unpackSummary(packSummary(source, 3), 3)).toEqual(source);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a changed or shortened payload by its checksum, with its own reason', () => {
    const source = fc.sample(sourceArbitrary, { numRuns: 1, seed: 3 })[0] as SummarySource;
    const bytes = packSummary(source, 3);
    const changed = Uint8Array.from(bytes);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 0x10;
    const toPayload = (payload: Uint8Array) =>
      `3.${btoa(String.fromCharCode(...payload))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '')}`;
    expect(decodeSummary(toPayload(bytes))).toEqual({ ok: true, source });
    expect(decodeSummary(toPayload(changed))).toEqual({ ok: false, reason: 'checksum-mismatch' });
    expect(decodeSummary(toPayload(bytes.subarray(0, bytes.length - 1)))).toEqual({
      ok: false,
      reason: 'checksum-mismatch',
    });
    expect(decodeSummary(toPayload(bytes.subarray(0, 1)))).toEqual({ ok: false, reason: 'checksum-mismatch' });
  });

  it('never throws, hangs or over-allocates on junk behind a valid checksum', () => {
    const sealed = (coded: Uint8Array) => {
      const check = checksum16(coded);
      return Uint8Array.from([check >> 8, check & 0xff, ...coded]);
    };
    const asDigits = (bytes: Uint8Array) => {
      let hex = '0x01';
      for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
      return `3-${BigInt(hex).toString(10)}`;
    };
    const started = Date.now();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (junk) => {
        const result = decodeSummary(asDigits(sealed(junk)));
        // Junk may by chance be a valid summary; then it passed every check, like any other.
        if (!result.ok) expect(['truncated', 'corrupted', 'invalid']).toContain(result.reason);
      }),
      { numRuns: 2000 },
    );
    // A real summary with bytes changed and the checksum redone: still only a reason, never an exception.
    fc.assert(
      fc.property(sourceArbitrary, fc.nat(), fc.integer({ min: 1, max: 255 }), (source, at, flip) => {
        const coded = packSummary(source, 3).subarray(2);
        fc.pre(coded.length > 0);
        const changed = Uint8Array.from(coded);
        changed[at % changed.length] = (changed[at % changed.length] ?? 0) ^ flip;
        expect(() => decodeSummary(asDigits(sealed(changed)))).not.toThrow();
      }),
      { numRuns: 300 },
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('summary codec', () => {
  it('decodes what it encodes, for any valid summary', () => {
    fc.assert(
      fc.property(sourceArbitrary, (source) => {
        // New links carry digits; links made before carry base64url, and both open.
        const payload = encodeSummary(source);
        expect(payload.startsWith(`${SUMMARY_CODEC_VERSION}-`)).toBe(true);
        expect(payload).toMatch(/^\d+-[1-9][0-9]*$/);
        expect(decodeSummary(payload)).toEqual({ ok: true, source });
        const old = encodeSummary(source, 'base64url');
        expect(old).toMatch(/^\d+\.[A-Za-z0-9_-]*$/);
        expect(decodeSummary(old)).toEqual({ ok: true, source });
      }),
      { numRuns: 300 },
    );
  });

  it('packs a day into one byte in layout 2', () => {
    const from = '2026-01-01';
    const source: SummarySource = {
      range: { from, to: addDays(from, 364) },
      madeOn: addDays(from, 364),
      resolution: 'daily',
      days: Array.from({ length: 365 }, (_, offset) => ({
        date: addDays(from, offset),
        pain: offset % 11,
        drainage: offset % 4,
        flare: false,
        regions: [],
        interventions: [],
        dressingChanges: 0,
      })),
      weeks: [],
      medications: [],
      questions: '',
      visits: [],
    };
    expect(packSummary(source, 2).length).toBeLessThan(365 + 16);
    expect(daysBetween(source.range.from, source.range.to)).toBe(364);
  });

  it('never throws on junk, and says what is wrong', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        const result = decodeSummary(junk);
        expect(result.ok).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.uint8Array({ maxLength: 600 }), (version, bytes) => {
        const payload = `${version}.${btoa(String.fromCharCode(...bytes))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '')}`;
        expect(() => decodeSummary(payload)).not.toThrow();
      }),
    );
    expect(decodeSummary('')).toEqual({ ok: false, reason: 'empty' });
    expect(decodeSummary('hello')).toEqual({ ok: false, reason: 'not-a-summary' });
    expect(decodeSummary('1.<script>')).toEqual({ ok: false, reason: 'corrupted' });
  });

  it('names a truncated or corrupted payload', () => {
    fc.assert(
      fc.property(sourceArbitrary, fc.nat(), (source, cut) => {
        const payload = encodeSummary(source);
        const body = payload.slice(2);
        fc.pre(body.length > 4);
        const truncated = payload.slice(0, 2 + (cut % (body.length - 2)));
        const result = decodeSummary(truncated);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['truncated', 'corrupted', 'checksum-mismatch', 'invalid']).toContain(result.reason);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a payload from a newer version of the app', () => {
    expect(decodeSummary(`${SUMMARY_CODEC_VERSION + 1}.AAAA`)).toEqual({ ok: false, reason: 'future-version' });
  });

  it('refuses oversized payloads before and after inflating (zip bomb)', () => {
    expect(decodeSummary(`1.${'A'.repeat(MAX_PAYLOAD_CHARS)}`)).toEqual({ ok: false, reason: 'too-large' });
    const bomb = deflateSync(new Uint8Array(4 * 1024 * 1024), { level: 9 });
    const payload = `1.${btoa(String.fromCharCode(...bomb))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')}`;
    expect(payload.length).toBeLessThan(MAX_PAYLOAD_CHARS);
    expect(decodeSummary(payload)).toEqual({ ok: false, reason: 'too-large-inflated' });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFactory } from '../../../tests/factories/day-factory';
import { dayEntrySchema, validateDayEntry } from './day';
import { dayFromDraft, draftFromDay, emptyDraft, sameAsDay } from './day-draft';
import { INTERVENTIONS, NOTE_MAX_CHARS } from './day-limits';
import { REGION_IDS } from './regions';

const TODAY = '2026-11-26';

describe('validateDayEntry', () => {
  it('accepts a complete valid day', () => {
    const day = dayFactory.build({ date: TODAY, pain: 7, flare: true, regions: ['axilla-left'] });
    expect(validateDayEntry(day, TODAY)).toEqual({ ok: true, day });
  });

  it.each([
    ['pain 11', { pain: 11 }, 'pain'],
    ['pain -1', { pain: -1 }, 'pain'],
    ['pain 4.5', { pain: 4.5 }, 'pain'],
    ['pain missing', { pain: null }, 'pain'],
    ['drainage 4', { drainage: 4 }, 'drainage'],
    ['31 dressing changes', { dressingChanges: 31 }, 'dressingChanges'],
    ['itch 12', { itch: 12 }, 'itch'],
    ['unknown region', { flare: true, regions: ['elbow'] }, 'regions'],
    ['regions without a flare', { flare: false, regions: ['back'] }, 'regions'],
    ['a region twice', { flare: true, regions: ['back', 'back'] }, 'regions'],
    ['unknown intervention', { interventions: ['magic'] }, 'interventions'],
    ['lesion count 100', { lesions: { nodules: 100, abscesses: 0, drainingTunnels: 0 } }, 'lesions'],
    ['no calendar date', { date: '2026-02-30' }, 'date'],
  ])('refuses %s, naming the field', (_name, change, field) => {
    const result = validateDayEntry({ ...dayFactory.build({ date: '2026-11-20' }), ...change }, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.field)).toContain(field);
  });

  it('refuses a day in the future', () => {
    expect(validateDayEntry(dayFactory.build({ date: '2026-11-27' }), TODAY)).toEqual({
      ok: false,
      problems: [{ field: 'date', kind: 'future' }],
    });
  });

  it('says a 10,000-character note is too long', () => {
    const result = validateDayEntry(dayFactory.build({ note: 'x'.repeat(10_000) }), TODAY);
    expect(result).toEqual({ ok: false, problems: [{ field: 'note', kind: 'too-long' }] });
    expect(validateDayEntry(dayFactory.build({ note: 'x'.repeat(NOTE_MAX_CHARS) }), TODAY).ok).toBe(true);
  });

  it('never throws on junk, and refuses it', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const result = validateDayEntry(junk, TODAY);
        expect(result.ok).toBe(false);
      }),
    );
  });
});

describe('drafts', () => {
  it('round-trips any valid day through the form draft', () => {
    const days = fc.record({
      pain: fc.integer({ min: 0, max: 10 }),
      drainage: fc.integer({ min: 0, max: 3 }),
      dressingChanges: fc.integer({ min: 0, max: 30 }),
      flare: fc.boolean(),
      regions: fc.subarray([...REGION_IDS]),
      interventions: fc.subarray([...INTERVENTIONS]),
      note: fc.string({ maxLength: 50 }).map((note) => note.trim()),
      itch: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(days, (values) => {
        const { itch, ...rest } = values;
        const day = dayFactory.build({
          ...rest,
          ...(itch !== undefined && { itch }),
          regions: values.flare ? values.regions : [],
        });
        const back = dayFromDraft(draftFromDay(day), day.date, day.updatedAt);
        expect(dayEntrySchema.parse(back)).toEqual(day);
      }),
    );
  });

  it('leaves pain and drainage unchosen in an empty draft, so nothing is saved by accident', () => {
    const raw = dayFromDraft(emptyDraft(), TODAY, 1);
    expect(validateDayEntry(raw, TODAY)).toMatchObject({
      ok: false,
      problems: [
        { field: 'pain', kind: 'invalid' },
        { field: 'drainage', kind: 'invalid' },
      ],
    });
  });

  it('drops regions when the flare answer goes back to no', () => {
    const draft = { ...emptyDraft(), pain: 3, drainage: 0, flare: false, regions: ['back'] };
    expect(dayFromDraft(draft, TODAY, 1).regions).toEqual([]);
  });
});

describe('sameAsDay', () => {
  it('copies the symptoms but not one-off events', () => {
    const yesterday = dayFactory.build({
      date: '2026-11-25',
      pain: 6,
      drainage: 2,
      dressingChanges: 3,
      itch: 4,
      flare: true,
      regions: ['groin-left'],
      interventions: ['lesion-drained'],
      note: 'bad night',
    });
    const today = sameAsDay(yesterday, TODAY, 99);
    expect(today).toMatchObject({ date: TODAY, pain: 6, drainage: 2, dressingChanges: 3, itch: 4, updatedAt: 99 });
    expect(today).toMatchObject({ flare: false, regions: [], interventions: [], note: '' });
    expect(validateDayEntry(today, TODAY).ok).toBe(true);
  });
});

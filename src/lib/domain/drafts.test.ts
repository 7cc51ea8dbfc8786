/** Drafts: one key per form and subject, and a stored draft restored only when it still reads as one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyDraft } from './day-draft';
import { draftKey, makeDraft, MAX_DRAFT_AGE_MS, sameValues } from './drafts';
import { restorableDraft, type MedicationDraftValues, type RegimenEventDraftValues } from './draft-schemas';

const NOW = Date.UTC(2026, 11, 3, 9);
const dayValues = { ...emptyDraft(), pain: 7, drainage: 2, note: 'worse tonight' };
const stored = makeDraft('day', draftKey('day', '2026-12-03'), dayValues, { baseUpdatedAt: null, nowMs: NOW - 1000 });

describe('draftKey', () => {
  it('gives the same form and subject one key, and different ones different keys', () => {
    expect(draftKey('day', '2026-12-03')).toBe('day:2026-12-03');
    expect(draftKey('day', '2026-12-03')).toBe(draftKey('day', '2026-12-03'));
    expect(draftKey('day', '2026-12-02')).not.toBe(draftKey('day', '2026-12-03'));
    expect(draftKey('visit', 'new')).not.toBe(draftKey('medication', 'new'));
    expect(draftKey('regimen-event', 'med-1', 'new')).toBe('regimen-event:med-1:new');
  });

  it('refuses a subject that could make two keys collide or carry junk', () => {
    for (const junk of ['', 'a b', 'x\r\ny', '__proto__/..', 'a'.repeat(101)])
      expect(() => draftKey('visit', junk), JSON.stringify(junk)).toThrow();
  });
});

describe('restorableDraft', () => {
  it('restores what was typed, for its own form and key', () => {
    expect(restorableDraft(stored, 'day', 'day:2026-12-03', NOW)).toEqual({
      key: 'day:2026-12-03',
      form: 'day',
      savedAt: NOW - 1000,
      baseUpdatedAt: null,
      values: dayValues,
    });
  });

  it('does not restore a draft of another form or day, from the future, or older than the limit', () => {
    expect(restorableDraft(stored, 'visit', 'day:2026-12-03', NOW)).toBeNull();
    expect(restorableDraft(stored, 'day', 'day:2026-12-02', NOW)).toBeNull();
    expect(restorableDraft({ ...stored, savedAt: NOW + 60_000 }, 'day', 'day:2026-12-03', NOW)).toBeNull();
    expect(restorableDraft(stored, 'day', 'day:2026-12-03', NOW + MAX_DRAFT_AGE_MS + 1)).toBeNull();
  });

  it('does not restore values a stale or damaged row holds', () => {
    const bad = [
      { ...stored, values: { ...dayValues, pain: 11 } },
      { ...stored, values: { ...dayValues, note: 5 } },
      { ...stored, values: { pain: 7 } },
      { ...stored, values: null },
      { ...stored, form: 'unknown-form' },
      { ...stored, baseUpdatedAt: 'yesterday' },
      null,
      'day:2026-12-03',
    ];
    for (const row of bad) expect(restorableDraft(row, 'day', 'day:2026-12-03', NOW), JSON.stringify(row)).toBeNull();
  });

  it('never throws on anything read back from storage', () => {
    fc.assert(
      fc.property(fc.anything(), (row) => {
        const draft = restorableDraft(row, 'visit', 'visit:new', NOW);
        expect(draft === null || draft.form === 'visit').toBe(true);
      }),
    );
  });

  it('restores every form it keeps', () => {
    const visit = {
      date: '2026-12-01',
      mode: 'counts' as const,
      ihs4: null,
      counts: { nodules: 3, abscesses: '', drainingTunnels: null },
      hurley: 'II',
      notes: '',
      questions: 'Is surgery an option?',
      nextVisit: '',
    };
    const medication: MedicationDraftValues = {
      presetId: 'custom',
      name: 'Zinc',
      drugClass: 'other',
      amount: '90',
      unit: 'mg',
      frequency: 'once-daily',
      startDate: '2026-12-01',
    };
    const event: RegimenEventDraftValues = {
      kind: 'dose-change',
      date: '2026-12-01',
      amount: 30,
      unit: 'mg',
      frequency: 'once-daily',
      reason: '',
      note: '',
    };
    const about = { baseUpdatedAt: null, nowMs: NOW };
    expect(restorableDraft(makeDraft('visit', 'visit:new', visit, about), 'visit', 'visit:new', NOW)?.values).toEqual(
      visit,
    );
    expect(
      restorableDraft(makeDraft('medication', 'medication:new', medication, about), 'medication', 'medication:new', NOW)
        ?.values,
    ).toEqual(medication);
    const eventKey = draftKey('regimen-event', 'med-1', 'new');
    expect(
      restorableDraft(makeDraft('regimen-event', eventKey, event, about), 'regimen-event', eventKey, NOW)?.values,
    ).toEqual(event);
  });
});

describe('medication drafts', () => {
  const medication: MedicationDraftValues = {
    presetId: 'upadacitinib',
    name: '',
    drugClass: 'other',
    amount: '15',
    unit: 'mg',
    frequency: 'once-daily',
    startDate: '2026-12-01',
  };
  const event: RegimenEventDraftValues = {
    kind: 'stop',
    date: '',
    amount: null,
    unit: 'mg',
    frequency: 'once-daily',
    reason: 'infection',
    note: '',
  };
  const eventKey = draftKey('regimen-event', 'med-1', 'new');
  // Stored rows as another build or a damaged database may have left them: any values at all.
  const stored = (form: string, key: string, values: object) => ({
    key,
    form,
    savedAt: NOW - 1000,
    baseUpdatedAt: null,
    values,
  });
  const restoreMedication = (values: object) =>
    restorableDraft(stored('medication', 'medication:new', values), 'medication', 'medication:new', NOW);
  const restoreEvent = (values: object) =>
    restorableDraft(stored('regimen-event', eventKey, values), 'regimen-event', eventKey, NOW);

  it('restores only choices the forms offer', () => {
    expect(restoreMedication(medication)?.values).toEqual(medication);
    expect(restoreEvent(event)?.values).toEqual(event);
    for (const junk of [
      { presetId: '__proto__' },
      { presetId: 'constructor' },
      { presetId: 'retired-preset' },
      { drugClass: 'toString' },
      { unit: 'tablets' },
      { frequency: 'hourly' },
      { startDate: '2026-02-30' },
    ])
      expect(restoreMedication({ ...medication, ...junk }), JSON.stringify(junk)).toBeNull();
    for (const junk of [{ kind: 'pause' }, { reason: 'bored' }, { unit: 'drops' }, { date: 'yesterday' }])
      expect(restoreEvent({ ...event, ...junk }), JSON.stringify(junk)).toBeNull();
  });
});

describe('sameValues', () => {
  it('compares form values by content', () => {
    expect(sameValues(emptyDraft(), emptyDraft())).toBe(true);
    expect(sameValues(dayValues, emptyDraft())).toBe(false);
  });
});

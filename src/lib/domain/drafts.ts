/**
 * Drafts: what a patient typed into a form and has not saved yet, kept in the database as they type so a
 * reload, a crash or a closed tab does not lose it. One draft per form and subject (the day's check-in is
 * one form whether it is opened on Today or in the Diary: both edit the same day).
 *
 * A stored draft comes back from storage that an older build, another tab or a bug may have written, so it
 * is parsed like any other input: a draft that does not pass, belongs to another form, or is too old to be
 * what the patient remembers typing is not restored. Drafts are transient and never go into a backup.
 * No Dexie, no clock: `nowMs` is a parameter.
 */
import * as z from 'zod/mini';
import { isoDateSchema, type DayDraft } from './day';
import { DOSE_UNITS, DRUG_CLASSES, FREQUENCIES, REGIMEN_EVENT_KINDS, STOP_REASONS } from './medication';
import { MEDICATION_PRESETS } from './medication-presets';
import { timestampSchema } from './timestamps';

export const DRAFT_FORMS = ['day', 'medication', 'regimen-event', 'visit'] as const;
export type DraftForm = (typeof DRAFT_FORMS)[number];

/** A draft older than this is not offered back: the patient no longer remembers it as theirs. */
export const MAX_DRAFT_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** How long typing pauses before the draft is written. */
export const DRAFT_DELAY_MS = 400;

const MAX_KEY_CHARS = 200;
const MAX_TEXT_CHARS = 4_000;
const KEY_PART = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The one key of a form's draft: `day:2026-12-03`, `visit:new`, `regimen-event:<medication>:<event>`. */
export function draftKey(form: DraftForm, ...subject: string[]): string {
  for (const part of subject) if (!KEY_PART.test(part)) throw new Error(`Not a draft key part: ${part}`);
  return [form, ...subject].join(':');
}

const text = (max = MAX_TEXT_CHARS) => z.string().check(z.maxLength(max));
const count = (max: number) => z.nullable(z.int().check(z.gte(0), z.lte(max)));
/** A number input's value as the form holds it: a number, what was typed, or nothing. */
const typedNumber = z.lazy(() => z.union([z.nullable(z.number()), text(40)]));

/** The check-in form's values, as loosely as the form holds them (the save validates the day itself). */
const dayValuesSchema = z.lazy(
  () =>
    z.object({
      pain: count(10),
      drainage: count(3),
      dressingChanges: z.int().check(z.gte(0), z.lte(30)),
      itch: count(10),
      odor: count(3),
      sleepDisturbed: z.boolean(),
      flare: z.boolean(),
      regions: z.array(text(50)).check(z.maxLength(50)),
      lesions: z.object({ nodules: count(99), abscesses: count(99), drainingTunnels: count(99) }),
      interventions: z.array(text(50)).check(z.maxLength(20)),
      note: text(),
    }) satisfies z.ZodMiniType<DayDraft>,
);

/** A date input's value: empty, or a calendar date. */
const typedDate = z.lazy(() => z.union([z.literal(''), isoDateSchema]));

/** What the add-medication form's list offers: a preset's id, or `custom`. */
export const CUSTOM_MEDICATION = 'custom';
const PRESET_CHOICES = new Set<string>([...MEDICATION_PRESETS.map((preset) => preset.id), CUSTOM_MEDICATION]);

// The choices are the forms' own lists, so a restored draft never puts a value into a <select> (or a
// preset lookup) that it does not offer.
export const medicationValuesSchema = z.lazy(() =>
  z.object({
    presetId: z.string().check(z.refine((id) => PRESET_CHOICES.has(id))),
    name: text(200),
    drugClass: z.enum(DRUG_CLASSES),
    amount: typedNumber,
    unit: z.enum(DOSE_UNITS),
    frequency: z.enum(FREQUENCIES),
    startDate: typedDate,
  }),
);
export type MedicationDraftValues = z.infer<typeof medicationValuesSchema>;

export const regimenEventValuesSchema = z.lazy(() =>
  z.object({
    kind: z.enum(REGIMEN_EVENT_KINDS),
    date: typedDate,
    amount: typedNumber,
    unit: z.enum(DOSE_UNITS),
    frequency: z.enum(FREQUENCIES),
    reason: z.union([z.literal(''), z.enum(STOP_REASONS)]),
    note: text(),
  }),
);
export type RegimenEventDraftValues = z.infer<typeof regimenEventValuesSchema>;

export const visitValuesSchema = z.lazy(() =>
  z.object({
    date: text(10),
    mode: z.enum(['direct', 'counts']),
    ihs4: typedNumber,
    counts: z.object({ nodules: typedNumber, abscesses: typedNumber, drainingTunnels: typedNumber }),
    hurley: text(10),
    notes: text(),
    questions: text(),
    nextVisit: text(10),
  }),
);
export type VisitDraftValues = z.infer<typeof visitValuesSchema>;

export interface DraftValues {
  day: DayDraft;
  medication: MedicationDraftValues;
  'regimen-event': RegimenEventDraftValues;
  visit: VisitDraftValues;
}

const VALUE_SCHEMAS: { readonly [F in DraftForm]: z.ZodMiniType<DraftValues[F]> } = {
  day: dayValuesSchema,
  medication: medicationValuesSchema,
  'regimen-event': regimenEventValuesSchema,
  visit: visitValuesSchema,
};

/** A draft as stored: the `drafts` table's row. */
export const storedDraftSchema = z.lazy(() =>
  z.object({
    key: z.string().check(z.minLength(1), z.maxLength(MAX_KEY_CHARS)),
    form: z.enum(DRAFT_FORMS),
    savedAt: timestampSchema,
    /**
     * The saved row the patient started from (its `updatedAt`), or null for a new one: when the saved row
     * has changed since, the form says so instead of silently putting one over the other.
     */
    baseUpdatedAt: z.nullable(timestampSchema),
    values: z.unknown(),
  }),
);
export type StoredDraft = z.infer<typeof storedDraftSchema>;

export interface Draft<F extends DraftForm> {
  key: string;
  form: F;
  savedAt: number;
  baseUpdatedAt: number | null;
  values: DraftValues[F];
}

/** The row to store for what is on screen now. */
export function makeDraft<F extends DraftForm>(
  form: F,
  key: string,
  values: DraftValues[F],
  about: { baseUpdatedAt: number | null; nowMs: number },
): StoredDraft {
  return { key, form, savedAt: about.nowMs, baseUpdatedAt: about.baseUpdatedAt, values };
}

/**
 * The draft to put back into `form` under `key`, or null when the stored row is not one: it does not pass
 * its schema (stale or damaged), is for another form or key, was saved in the future, or is too old.
 */
export function restorableDraft<F extends DraftForm>(
  stored: unknown,
  form: F,
  key: string,
  nowMs: number,
): Draft<F> | null {
  const row = storedDraftSchema.safeParse(stored);
  if (!row.success || row.data.form !== form || row.data.key !== key) return null;
  const { savedAt, baseUpdatedAt } = row.data;
  if (savedAt > nowMs || nowMs - savedAt > MAX_DRAFT_AGE_MS) return null;
  const values = VALUE_SCHEMAS[form].safeParse(row.data.values);
  if (!values.success) return null;
  return { key, form, savedAt, baseUpdatedAt, values: values.data };
}

/** Whether two sets of form values are the same (what is on screen, and what the saved row shows). */
export function sameValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

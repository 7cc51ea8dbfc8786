/**
 * The schemas a stored draft must pass before it is put back into its form (see drafts.ts): the choices
 * are the forms' own, and each form's values are checked as loosely as the form holds them.
 */
import * as z from 'zod/mini';
import { isoDateSchema } from './day';
import type { DayDraft } from './day-draft';
import {
  CUSTOM_MEDICATION,
  DRAFT_FORMS,
  MAX_DRAFT_AGE_MS,
  type Draft,
  type DraftForm,
  type DraftValues,
} from './drafts';
import { DOSE_UNITS, DRUG_CLASSES, FREQUENCIES, REGIMEN_EVENT_KINDS, STOP_REASONS } from './medication';
import { MEDICATION_PRESETS } from './medication-presets';
import { timestampSchema } from './timestamps';

const MAX_KEY_CHARS = 200;
const MAX_TEXT_CHARS = 4_000;

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

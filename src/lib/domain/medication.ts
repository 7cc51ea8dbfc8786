/** Medications and the events of their regimen (start, dose change, interruption, resume, stop). */
import * as z from 'zod/mini';
import { timestampSchema } from './timestamps';
import { isoDateSchema } from './day';

export const DRUG_CLASSES = [
  'jak1-selective',
  'jak1-jak3',
  'other-jak',
  'tnf',
  'il-17',
  'il-23',
  'antibiotic',
  'retinoid',
  'hormonal',
  'analgesic',
  'other',
] as const;
export type DrugClass = (typeof DRUG_CLASSES)[number];

export const FREQUENCIES = [
  'once-daily',
  'twice-daily',
  'weekly',
  'every-2-weeks',
  'every-4-weeks',
  'as-needed',
  'other',
] as const;

export const DOSE_UNITS = ['mg', 'g', 'mL', 'units'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];

export const REGIMEN_EVENT_KINDS = ['start', 'dose-change', 'interruption', 'resume', 'stop'] as const;

export const STOP_REASONS = [
  'infection',
  'surgery',
  'side-effect',
  'lab-result',
  'cost-or-supply',
  'doctors-advice',
  'own-choice',
  'forgot',
  'other',
] as const;

/**
 * Ids are UUIDs (or built from them, as a dose's `<medication>@<due time>` and a reminder's
 * `dose:<medication>`); from outside (a backup) only letters, digits and `_ . : @ -` are accepted. An id
 * is written into calendar files and notification tags, so it must never carry a space or line break: a
 * backup once wrote its own `ATTACH:` line into the .ics through a medication id.
 */
export const ID_PATTERN = /^[A-Za-z0-9_.:@-]{1,64}$/;
const idSchema = z.lazy(() => z.string().check(z.regex(ID_PATTERN)));
/** Preset ids are lowercase words joined by '-'; unknown ones (from a newer app) are kept but looked up safely. */
export const PRESET_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const colorSchema = z.lazy(() => z.string().check(z.regex(/^#[0-9a-f]{6}$/i)));

export const medicationSchema = z.lazy(() =>
  z.object({
    id: idSchema,
    name: z.string().check(z.minLength(1), z.maxLength(80)),
    /** Set for a medication added from a preset, so its name can be shown in the patient's language. */
    presetId: z.optional(z.string().check(z.maxLength(64), z.regex(PRESET_ID_PATTERN))),
    drugClass: z.enum(DRUG_CLASSES),
    color: colorSchema,
  }),
);
export type Medication = z.infer<typeof medicationSchema>;

export const doseSchema = z.lazy(() =>
  z.object({
    amount: z.number().check(z.positive(), z.lte(100_000)),
    unit: z.enum(DOSE_UNITS),
  }),
);

export const regimenEventSchema = z.lazy(() =>
  z.object({
    id: idSchema,
    medicationId: idSchema,
    date: isoDateSchema,
    kind: z.enum(REGIMEN_EVENT_KINDS),
    dose: z.optional(doseSchema),
    frequency: z.optional(z.enum(FREQUENCIES)),
    reason: z.optional(z.enum(STOP_REASONS)),
    note: z.optional(z.string().check(z.maxLength(500))),
  }),
);
export type RegimenEvent = z.infer<typeof regimenEventSchema>;

/** A local date and time `YYYY-MM-DDTHH:mm`, the moment a dose was due. */
export const localDateTimeSchema = z.lazy(() =>
  z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/)),
);

export const doseLogSchema = z.lazy(() =>
  z.object({
    id: idSchema,
    medicationId: idSchema,
    scheduledFor: localDateTimeSchema,
    status: z.enum(['taken', 'skipped']),
    at: timestampSchema,
  }),
);
export type DoseLog = z.infer<typeof doseLogSchema>;

export const reminderSchema = z.lazy(() =>
  z.object({
    id: idSchema,
    kind: z.enum(['dose', 'diary']),
    medicationId: z.optional(idSchema),
    times: z.array(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/))).check(z.maxLength(8)),
    days: z.array(z.int().check(z.gte(0), z.lte(6))).check(z.maxLength(7)),
    enabled: z.boolean(),
  }),
);
export type Reminder = z.infer<typeof reminderSchema>;

/**
 * The raw facts a visit summary is made from: logged days, medication histories, the last visit and the
 * patient's questions. This is what travels in a QR code; the screen, the PDF and the viewer all compute
 * the measures from it with the same domain code, so two devices can never show different figures.
 */
import * as z from 'zod/mini';
import { INTERVENTIONS } from './day-limits';
import { isoDateSchema } from './day';
import {
  DOSE_UNITS,
  DRUG_CLASSES,
  FREQUENCIES,
  PRESET_ID_PATTERN,
  REGIMEN_EVENT_KINDS,
  STOP_REASONS,
} from './medication';
import { REGION_IDS } from './regions';
import { HURLEY_STAGES } from './visit';

export const SUMMARY_LIMITS = {
  /** A year and a bit of daily values, or many years of weekly ones. */
  maxRangeDays: 3660,
  maxMedications: 12,
  maxEventsPerMedication: 60,
  maxNameChars: 80,
  maxQuestionsChars: 600,
  /** Visits carried for IHS4 and Hurley over time; more than a year of monthly visits. */
  maxVisits: 24,
  maxDressingChanges: 30,
} as const;

const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

export const summaryDaySchema = z.lazy(() =>
  z.object({
    date: isoDateSchema,
    pain: int(0, 10),
    drainage: int(0, 3),
    flare: z.boolean(),
    regions: z.array(z.enum(REGION_IDS)).check(z.maxLength(REGION_IDS.length)),
    interventions: z.array(z.enum(INTERVENTIONS)).check(z.maxLength(INTERVENTIONS.length)),
    /** Carried from layout version 2; absent in older links, whose dressing figures are then unknown. */
    dressingChanges: z.optional(int(0, SUMMARY_LIMITS.maxDressingChanges)),
  }),
);
export type SummaryDay = z.infer<typeof summaryDaySchema>;

/** A week of values, used when a range is too long for daily values to fit a QR code. */
export const summaryWeekSchema = z.lazy(() =>
  z.object({
    start: isoDateSchema,
    /** Mean pain × 10, rounded; `null` when no day of the week was logged. */
    meanPainX10: z.nullable(int(0, 100)),
    meanDrainageX10: z.nullable(int(0, 30)),
    flareDays: int(0, 7),
    loggedDays: int(0, 7),
    /** Logged days with any drainage, and with heavy drainage; from layout version 2. */
    drainageDays: z.optional(int(0, 7)),
    heavyDrainageDays: z.optional(int(0, 7)),
  }),
);
export type SummaryWeek = z.infer<typeof summaryWeekSchema>;

export const summaryEventSchema = z.lazy(() =>
  z.object({
    date: isoDateSchema,
    kind: z.enum(REGIMEN_EVENT_KINDS),
    dose: z.optional(
      z.object({
        /** Thousandths are kept; finer doses are not a thing. */
        amount: z.number().check(z.positive(), z.lte(100_000)),
        unit: z.enum(DOSE_UNITS),
      }),
    ),
    frequency: z.optional(z.enum(FREQUENCIES)),
    reason: z.optional(z.enum(STOP_REASONS)),
  }),
);
export type SummaryEvent = z.infer<typeof summaryEventSchema>;

export const summaryMedicationSchema = z.lazy(() =>
  z.object({
    name: z.string().check(z.minLength(1), z.maxLength(SUMMARY_LIMITS.maxNameChars)),
    presetId: z.optional(z.string().check(z.maxLength(64), z.regex(PRESET_ID_PATTERN))),
    drugClass: z.enum(DRUG_CLASSES),
    color: z.string().check(z.regex(/^#[0-9a-f]{6}$/)),
    events: z.array(summaryEventSchema).check(z.maxLength(SUMMARY_LIMITS.maxEventsPerMedication)),
    /**
     * Treatment baseline (mean pain of the 7 days before the first start) × 100, computed on the patient's
     * device from the whole diary, since those days may lie before the summary's range; `null` when unknown.
     */
    baselineX100: z.nullable(int(0, 1000)),
    /** Doses taken and scheduled per phase, keyed by the phase's first day. */
    adherence: z
      .array(z.object({ phaseStart: isoDateSchema, taken: int(0, 100_000), scheduled: int(0, 100_000) }))
      .check(z.maxLength(SUMMARY_LIMITS.maxEventsPerMedication)),
  }),
);
export type SummaryMedication = z.infer<typeof summaryMedicationSchema>;

export const summaryVisitSchema = z.lazy(() =>
  z.object({
    date: isoDateSchema,
    ihs4: z.optional(int(0, 999)),
    hurley: z.optional(z.enum(HURLEY_STAGES)),
  }),
);
export type SummaryVisit = z.infer<typeof summaryVisitSchema>;

export const summarySourceSchema = z.lazy(() =>
  z
    .object({
      range: z.object({ from: isoDateSchema, to: isoDateSchema }),
      madeOn: isoDateSchema,
      resolution: z.enum(['daily', 'weekly']),
      days: z.array(summaryDaySchema).check(z.maxLength(SUMMARY_LIMITS.maxRangeDays)),
      weeks: z.array(summaryWeekSchema).check(z.maxLength(Math.ceil(SUMMARY_LIMITS.maxRangeDays / 7) + 1)),
      medications: z.array(summaryMedicationSchema).check(z.maxLength(SUMMARY_LIMITS.maxMedications)),
      lastVisit: z.optional(summaryVisitSchema),
      nextVisit: z.optional(isoDateSchema),
      questions: z.string().check(z.maxLength(SUMMARY_LIMITS.maxQuestionsChars)),
      /** The visits in the range, oldest first, for IHS4 and Hurley over time; from layout version 2. */
      visits: z.optional(z.array(summaryVisitSchema).check(z.maxLength(SUMMARY_LIMITS.maxVisits))),
      /** Only when the patient chose to put their name in the code (off by default). */
      patientName: z.optional(z.string().check(z.minLength(1), z.maxLength(SUMMARY_LIMITS.maxNameChars))),
    })
    .check(
      z.refine((source) => source.range.from <= source.range.to, {
        message: 'range ends before it starts',
        path: ['range'],
      }),
      z.refine((source) => source.range.to <= source.madeOn, {
        message: 'range ends after the day it was made',
        path: ['range'],
      }),
      z.refine((source) => source.days.every((day) => source.range.from <= day.date && day.date <= source.range.to), {
        message: 'a day outside the range',
        path: ['days'],
      }),
    ),
);
export type SummarySource = z.infer<typeof summarySourceSchema>;

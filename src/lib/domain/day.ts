/**
 * A day of the diary: the schema that is the one source of the `DayEntry` type, and the validation every
 * door uses (the check-in form, the database on read and write, imports). Its limits are in day-limits.ts
 * and the form's values in day-draft.ts, without zod: Today's first screen needs those and not this.
 */
import * as z from 'zod/mini';
import { timestampSchema } from './timestamps';
import { isIsoDate, type IsoDate } from './dates';
import {
  DRAINAGE_MAX,
  DRESSING_CHANGES_MAX,
  INTERVENTIONS,
  ITCH_MAX,
  LESION_COUNT_MAX,
  NOTE_MAX_CHARS,
  ODOR_MAX,
  PAIN_MAX,
} from './day-limits';
import { REGION_IDS } from './regions';

const intBetween = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

/**
 * The codes of this module's own checks, carried on their zod issues as `params.check`, so a reader of the
 * issues (the backup import's messages) tells them apart without matching their wording.
 */
export const DAY_CHECKS = {
  notADate: 'not-a-date',
  duplicateEntries: 'duplicate-entries',
  regionsWithoutFlare: 'regions-without-flare',
} as const;
export type DayCheck = (typeof DAY_CHECKS)[keyof typeof DAY_CHECKS];

export const isoDateSchema = z.lazy(() =>
  z.string().check(z.refine(isIsoDate, { message: 'not a calendar date', params: { check: DAY_CHECKS.notADate } })),
);

const uniqueArray = <T extends z.ZodMiniType>(item: T, maxLength: number) =>
  z.array(item).check(
    z.maxLength(maxLength),
    z.refine((items) => new Set(items).size === items.length, {
      message: 'duplicate entries',
      params: { check: DAY_CHECKS.duplicateEntries },
    }),
  );

export const lesionCountsSchema = z.lazy(() =>
  z.object({
    nodules: intBetween(0, LESION_COUNT_MAX),
    abscesses: intBetween(0, LESION_COUNT_MAX),
    drainingTunnels: intBetween(0, LESION_COUNT_MAX),
  }),
);
export type LesionCounts = z.infer<typeof lesionCountsSchema>;

export const dayEntrySchema = z.lazy(() =>
  z
    .object({
      date: isoDateSchema,
      pain: intBetween(0, PAIN_MAX),
      drainage: intBetween(0, DRAINAGE_MAX),
      dressingChanges: intBetween(0, DRESSING_CHANGES_MAX),
      itch: z.optional(intBetween(0, ITCH_MAX)),
      odor: z.optional(intBetween(0, ODOR_MAX)),
      sleepDisturbed: z.optional(z.boolean()),
      flare: z.boolean(),
      regions: uniqueArray(z.enum(REGION_IDS), REGION_IDS.length),
      lesions: z.optional(lesionCountsSchema),
      interventions: uniqueArray(z.enum(INTERVENTIONS), INTERVENTIONS.length),
      note: z.string().check(z.maxLength(NOTE_MAX_CHARS)),
      updatedAt: timestampSchema,
    })
    .check(
      z.refine((day) => day.flare || day.regions.length === 0, {
        message: 'regions are only recorded for a flare',
        path: ['regions'],
        params: { check: DAY_CHECKS.regionsWithoutFlare },
      }),
    ),
);

export type DayEntry = z.infer<typeof dayEntrySchema>;
export type DayField = Exclude<keyof DayEntry, 'updatedAt'>;

/** Why a day was refused, by field, for the form to word in the patient's language. */
export interface DayProblem {
  field: DayField | 'updatedAt';
  kind: 'invalid' | 'future' | 'too-long';
}

export type DayValidation = { ok: true; day: DayEntry } | { ok: false; problems: DayProblem[] };

/** Validate an untrusted day against the schema and against `today` (no diary entry for a future day). */
export function validateDayEntry(input: unknown, today: IsoDate): DayValidation {
  const result = z.safeParse(dayEntrySchema, input);
  if (!result.success) {
    const problems = new Map<string, DayProblem>();
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'date') as DayProblem['field'];
      const kind = field === 'note' && issue.code === 'too_big' ? 'too-long' : 'invalid';
      if (!problems.has(field)) problems.set(field, { field, kind });
    }
    return { ok: false, problems: [...problems.values()] };
  }
  if (result.data.date > today) return { ok: false, problems: [{ field: 'date', kind: 'future' }] };
  return { ok: true, day: result.data };
}

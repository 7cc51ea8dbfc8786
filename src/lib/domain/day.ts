/**
 * A day of the diary: the schema that is the one source of the `DayEntry` type, its limits, and the
 * validation every door uses (the check-in form, the database on read and write, imports later).
 */
import * as z from 'zod/mini';
import { timestampSchema } from './timestamps';
import { isIsoDate, type IsoDate } from './dates';
import { REGION_IDS } from './regions';

export const PAIN_MAX = 10;
export const DRAINAGE_MAX = 3;
export const DRESSING_CHANGES_MAX = 30;
export const ITCH_MAX = 10;
export const ODOR_MAX = 3;
export const LESION_COUNT_MAX = 99;
export const NOTE_MAX_CHARS = 2000;

export const INTERVENTIONS = [
  'antibiotic-course',
  'lesion-drained',
  'steroid-injection',
  'emergency-visit',
  'surgery',
] as const;
export type Intervention = (typeof INTERVENTIONS)[number];

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

/** A blank day for the form: nothing chosen yet, so a patient never saves a value they did not pick. */
export interface DayDraft {
  pain: number | null;
  drainage: number | null;
  dressingChanges: number;
  itch: number | null;
  odor: number | null;
  sleepDisturbed: boolean;
  flare: boolean;
  regions: string[];
  lesions: { nodules: number | null; abscesses: number | null; drainingTunnels: number | null };
  interventions: string[];
  note: string;
}

export function emptyDraft(): DayDraft {
  return {
    pain: null,
    drainage: null,
    dressingChanges: 0,
    itch: null,
    odor: null,
    sleepDisturbed: false,
    flare: false,
    regions: [],
    lesions: { nodules: null, abscesses: null, drainingTunnels: null },
    interventions: [],
    note: '',
  };
}

export function draftFromDay(day: DayEntry): DayDraft {
  return {
    pain: day.pain,
    drainage: day.drainage,
    dressingChanges: day.dressingChanges,
    itch: day.itch ?? null,
    odor: day.odor ?? null,
    sleepDisturbed: day.sleepDisturbed ?? false,
    flare: day.flare,
    regions: [...day.regions],
    lesions: {
      nodules: day.lesions?.nodules ?? null,
      abscesses: day.lesions?.abscesses ?? null,
      drainingTunnels: day.lesions?.drainingTunnels ?? null,
    },
    interventions: [...day.interventions],
    note: day.note,
  };
}

/**
 * The raw object a draft would save as. It is not yet validated: the form passes it through
 * `validateDayEntry`, which is where a pain of 11 or a 10,000-character note is refused.
 */
export function dayFromDraft(draft: DayDraft, date: IsoDate, updatedAt: number): Record<string, unknown> {
  const { nodules, abscesses, drainingTunnels } = draft.lesions;
  const hasLesionCounts = nodules !== null || abscesses !== null || drainingTunnels !== null;
  return {
    date,
    pain: draft.pain,
    drainage: draft.drainage,
    dressingChanges: draft.dressingChanges,
    ...(draft.itch !== null && { itch: draft.itch }),
    ...(draft.odor !== null && { odor: draft.odor }),
    ...(draft.sleepDisturbed && { sleepDisturbed: true }),
    flare: draft.flare,
    regions: draft.flare ? draft.regions : [],
    ...(hasLesionCounts && {
      lesions: { nodules: nodules ?? 0, abscesses: abscesses ?? 0, drainingTunnels: drainingTunnels ?? 0 },
    }),
    interventions: draft.interventions,
    note: draft.note.trim(),
    updatedAt,
  };
}

/**
 * "Same as yesterday": the symptoms carry over, but not what happened once (a new flare, an
 * intervention, the note), because copying those would invent events the patient did not have today.
 */
export function sameAsDay(previous: DayEntry, date: IsoDate, updatedAt: number): DayEntry {
  return {
    date,
    pain: previous.pain,
    drainage: previous.drainage,
    dressingChanges: previous.dressingChanges,
    ...(previous.itch !== undefined && { itch: previous.itch }),
    ...(previous.odor !== undefined && { odor: previous.odor }),
    ...(previous.sleepDisturbed !== undefined && { sleepDisturbed: previous.sleepDisturbed }),
    flare: false,
    regions: [],
    ...(previous.lesions && { lesions: { ...previous.lesions } }),
    interventions: [],
    note: '',
    updatedAt,
  };
}

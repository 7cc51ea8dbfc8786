/** Clinic visits: what the clinician recorded, and the patient's questions for next time. */
import * as z from 'zod/mini';
import { isoDateSchema } from './day';

export const HURLEY_STAGES = ['I', 'II', 'III'] as const;

export const visitSchema = z.lazy(() =>
  z.object({
    id: z.string().check(z.minLength(1), z.maxLength(64)),
    date: isoDateSchema,
    ihs4: z.optional(z.int().check(z.gte(0), z.lte(999))),
    hurley: z.optional(z.enum(HURLEY_STAGES)),
    notes: z.string().check(z.maxLength(4000)),
    questions: z.string().check(z.maxLength(4000)),
    /** The next appointment, as agreed at this visit (zod only: no index, so no new Dexie version). */
    nextVisit: z.optional(isoDateSchema),
  }),
);
export type Visit = z.infer<typeof visitSchema>;

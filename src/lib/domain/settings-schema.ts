/** The settings as stored, with the defaults a first run starts from (see settings.ts). */
import * as z from 'zod/mini';
import { patientDetailsSchema } from './patient';
import { LOCALES } from './settings';
import { timestampSchema } from './timestamps';

export const settingsSchema = z.lazy(() =>
  z.object({
    locale: z.optional(z.enum(LOCALES)),
    /** When the app first asked the browser to keep its storage, so it asks once, after the first entry. */
    persistenceRequestedAt: z.optional(timestampSchema),
    /** When the patient last made a backup (the file was shared or downloaded). */
    lastBackupAt: z.optional(timestampSchema),
    /** When the patient last put off the backup reminder; it comes back 30 days later. */
    lastBackupReminderAt: z.optional(timestampSchema),
    /** The patient said "No thanks" to importing a backup on first run. */
    firstRunImportDismissed: z.optional(z.boolean()),
    /** Who the visit summary is about, entered by the patient (see patient.ts). */
    patient: z.optional(patientDetailsSchema),
  }),
);
export type Settings = z.infer<typeof settingsSchema>;

/** Saved settings as read from storage: a value that does not pass the schema falls back to the defaults. */
export function settingsOrDefaults(value: unknown): Settings {
  const result = settingsSchema.safeParse(value ?? {});
  return result.success ? result.data : {};
}

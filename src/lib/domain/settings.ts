/** Settings kept in the `meta` table, with the defaults a first run starts from. */
import * as z from 'zod/mini';
import { timestampSchema } from './timestamps';
import { patientDetailsSchema } from './patient';

/** A row of the key-value `meta` table: the settings, and other small pieces of the app's own state. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** The `meta` row that holds the settings. */
export const SETTINGS_KEY = 'settings';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

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

/** The locale to start in: the saved choice, else the first browser language we speak, else English. */
export function pickLocale(saved: Locale | undefined, browserLanguages: readonly string[]): Locale {
  if (saved) return saved;
  for (const language of browserLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

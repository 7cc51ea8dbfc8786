/**
 * Settings kept in the `meta` table: where they are kept, and the languages. Their schema is in
 * settings-schema.ts: the start needs the language before Today is drawn, and zod only when there is a
 * stored diary to check (see db/start-read.ts).
 */

/** A row of the key-value `meta` table: the settings, and other small pieces of the app's own state. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** The `meta` row that holds the settings. */
export const SETTINGS_KEY = 'settings';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

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

/** Settings as the screens see them; the language switch takes effect at once and is saved. */
import { pickLocale, type Locale } from '../domain/settings';
import { diaryDb, loadSettings, updateSettings } from '../db';
import { i18n } from '../i18n/locale.svelte';
import { isViewerHash } from './routes';

async function applyLocale(locale: Locale): Promise<void> {
  await i18n.use(locale);
  document.documentElement.lang = locale;
  document.title = i18n.t.app.name;
}

/** Start in the saved language, or the browser's; runs before the first screen is drawn. */
export async function loadStartupSettings(): Promise<void> {
  let saved: Locale | undefined;
  // The viewer of a shared summary (often on a clinician's phone) never opens a database: the browser's language will do.
  if (!isViewerHash(location.hash))
    try {
      saved = (await loadSettings(diaryDb)).locale;
    } catch {
      // A database that cannot be opened must not stop the app from starting; Today shows the error.
    }
  await applyLocale(pickLocale(saved, navigator.languages ?? [navigator.language]));
}

export async function chooseLocale(locale: Locale): Promise<void> {
  await applyLocale(locale);
  await updateSettings(diaryDb, { locale });
}

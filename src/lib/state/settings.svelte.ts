/** Settings as the screens see them; the language switch takes effect at once and is saved. */
import { pickLocale, type Locale } from '../domain/settings';
import { i18n } from '../i18n/locale.svelte';
import { clock } from './clock.svelte';
import { database } from './database';
import { readDiaryAtStart } from './diary-at-start';
import { isViewerHash, parseRoute } from './routes';

async function applyLocale(locale: Locale): Promise<void> {
  await i18n.use(locale);
  document.documentElement.lang = locale;
  document.title = i18n.t.app.name;
}

/** Start in the saved language, or the browser's; runs before the first screen is drawn. */
export async function loadStartupSettings(): Promise<void> {
  let saved: Locale | undefined;
  // The viewer of a shared summary (often on a clinician's phone) never opens a database: the browser's language will do.
  if (!isViewerHash(location.hash)) saved = await readSavedLocale();
  await applyLocale(pickLocale(saved, navigator.languages ?? [navigator.language]));
}

/** Without Dexie when the start-up read can answer (it also reads Today's days); through Dexie when not. */
async function readSavedLocale(): Promise<Locale | undefined> {
  const read = await readDiaryAtStart(clock.today, parseRoute(location.hash).name === 'today');
  if (read) return read.settings.locale;
  try {
    const { diaryDb, loadSettings } = await database();
    return (await loadSettings(diaryDb)).locale;
  } catch {
    // A database that cannot be opened must not stop the app from starting; Today shows the error.
    return undefined;
  }
}

export async function chooseLocale(locale: Locale): Promise<void> {
  await applyLocale(locale);
  const { diaryDb, updateSettings } = await database();
  await updateSettings(diaryDb, { locale });
}

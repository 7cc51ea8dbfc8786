/** Settings as the screens see them; the language switch takes effect at once and is saved. */
import { pickLocale, type Locale } from '../domain/settings';
import { i18n } from '../i18n/locale.svelte';
import { clock } from './clock.svelte';
import { database } from './database';
import { findDiaryAtStart } from './diary-at-start';
import { isViewerHash, parseRoute } from './routes';
import { answerWithin } from './storage-answer.svelte';

async function applyLocale(locale: Locale): Promise<void> {
  await i18n.use(locale);
  document.documentElement.lang = locale;
  document.title = i18n.t.app.name;
}

/** Start in the saved language, or the browser's; runs before the first screen is drawn. */
export async function loadStartupSettings(): Promise<void> {
  let saved: Locale | undefined;
  // The viewer of a shared summary (often on a clinician's phone) never opens a database: the browser's language will do.
  if (!isViewerHash(location.hash)) {
    const reading = readSavedLocale();
    // Storage that does not answer must not keep the app from starting: start in the browser's language.
    const answer = await answerWithin(reading, NO_ANSWER);
    if (answer !== NO_ANSWER) saved = await answer.locale;
    else
      void reading
        .then((late) => late.locale)
        .then((late) => {
          if (late && late !== i18n.code) void applyLocale(late);
        });
  }
  await applyLocale(pickLocale(saved, navigator.languages ?? [navigator.language]));
}

const NO_ANSWER = Symbol('no answer');

/**
 * The saved language once the storage has answered: without Dexie when the start-up read can answer (it also
 * reads Today's days), through Dexie when not. What is timed is the storage: the start-up read's rows are
 * then checked by schemas that a phone without the service worker's cache must fetch first.
 */
async function readSavedLocale(): Promise<{ locale: Promise<Locale | undefined> }> {
  const found = await findDiaryAtStart(clock.today, parseRoute(location.hash).name === 'today');
  if (found)
    return {
      locale: found.checked.then(
        (read) => read.settings.locale,
        () => undefined,
      ),
    };
  try {
    const { diaryDb, loadSettings } = await database();
    return { locale: Promise.resolve((await loadSettings(diaryDb)).locale) };
  } catch {
    // A database that cannot be opened must not stop the app from starting; Today shows the error.
    return { locale: Promise.resolve(undefined) };
  }
}

export async function chooseLocale(locale: Locale): Promise<void> {
  await applyLocale(locale);
  const { diaryDb, updateSettings } = await database();
  await updateSettings(diaryDb, { locale });
}

/** Settings as the screens see them; the language switch takes effect at once and is saved. */
import { pickLocale, type Locale } from '../domain/settings';
import { i18n } from '../i18n/locale.svelte';
import { clock } from './clock.svelte';
import { database } from './database';
import { findDiaryAtStart } from './diary-at-start';
import { isViewerHash, parseRoute } from './routes';
import { answerWithin, settledWithin } from './storage-answer.svelte';

async function applyLocale(locale: Locale): Promise<void> {
  await i18n.use(locale);
  document.documentElement.lang = locale;
  document.title = i18n.t.app.name;
}

/** How long the start waits for the start-up read's rows to be checked (a fetch without the worker's cache). */
export const START_CHECK_WAIT_MS = 10_000;

/** Start in the saved language, or the browser's; runs before the first screen is drawn. */
export async function loadStartupSettings(): Promise<void> {
  let saved: Locale | undefined;
  // The viewer of a shared summary (often on a clinician's phone) never opens a database: the browser's language will do.
  if (!isViewerHash(location.hash)) {
    const reading = readSavedLocale();
    // Storage that does not answer must not keep the app from starting, nor a check of its rows that does not
    // arrive: start in the browser's language, and switch once the saved one is known.
    const answer = await answerWithin(reading, NO_ANSWER);
    const locale = answer === NO_ANSWER ? reading.then((late) => late.locale) : answer.locale;
    const inTime = answer === NO_ANSWER ? NO_ANSWER : await settledWithin(locale, START_CHECK_WAIT_MS, NO_ANSWER);
    if (inTime !== NO_ANSWER) saved = inTime;
    else
      void locale.then((late) => {
        if (late && late !== i18n.code) void applyLocale(late);
      });
  }
  await applyLocale(pickLocale(saved, navigator.languages ?? [navigator.language]));
}

const NO_ANSWER = Symbol('no answer');

/**
 * The saved language once the storage has answered: without Dexie when the start-up read can answer (it also
 * reads Today's days), through Dexie when not, or when the rows cannot be checked (the schemas did not
 * load). What is timed as the storage is the storage: the start-up read's rows are then checked by schemas
 * that a phone without the service worker's cache must fetch first.
 */
async function readSavedLocale(): Promise<{ locale: Promise<Locale | undefined> }> {
  const found = await findDiaryAtStart(clock.today, parseRoute(location.hash).name === 'today');
  if (found)
    return {
      locale: found.checked.then(
        (read) => read.settings.locale,
        () => localeThroughDexie(),
      ),
    };
  return { locale: Promise.resolve(await localeThroughDexie()) };
}

async function localeThroughDexie(): Promise<Locale | undefined> {
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

/**
 * What the first screen needs from the diary, read without Dexie.
 *
 * Dexie is about 31 KB of the JavaScript a phone would otherwise fetch and run before Today can be drawn,
 * though Today only needs a handful of rows: the settings (for the language) and the last few weeks of
 * days. So those are read here with plain IndexedDB, checked by the same zod schemas as every other read,
 * and Dexie loads once the first screen is up, for live queries and every write.
 *
 * The rows are checked before the screen sees them, by the schemas in `start-read-check.ts`, which load
 * only when there is a diary to check: zod is about a fifth of the script that draws Today, and a first visit
 * (a phone fetching the app over the network) has nothing stored yet. A returning patient's phone has the
 * schemas in the service worker's cache, and fetches them while the rows are read. So the read answers in
 * two steps: once IndexedDB has (the storage, which the caller times), and once the rows are checked (which
 * may wait for a fetch, not for the storage).
 *
 * This is the second caller of `indexedDB.open` (Dexie is the first), so it stays narrow: read-only, and
 * only for a database already at this build's schema version. A database that does not exist yet is left
 * for Dexie to create (the open's upgrade is aborted, which creates nothing). Anything else (IndexedDB
 * refused, a schema this build must upgrade, a newer database, an error) answers `null`, and the caller
 * takes the full path through Dexie and `withStorage`, which know how to explain each of those.
 */
import type { IsoDate } from '../domain/dates';
import { SETTINGS_KEY } from '../domain/settings';
import type { Settings } from '../domain/settings-schema';
import type { RecentDays } from './days-repository';
import { DATABASE_NAME, SCHEMA_VERSION, schemaVersionOf } from './schema-version';

export interface StartRead {
  settings: Settings;
  /** The same answer as `watchRecentDays` for the same window. */
  recent: RecentDays;
}

/** What the start-up read found once IndexedDB answered: its rows, checked once the schemas have loaded. */
export interface StartFound {
  /** Rejects if the schemas cannot be loaded. */
  checked: Promise<StartRead>;
}

/**
 * Settings and the days from `from` to `to` (both included) with the last day logged before `to`; an empty
 * diary when there is no database yet; `null` when only Dexie may open this database (see the header).
 */
export async function findAtStart(from: IsoDate, to: IsoDate, name = DATABASE_NAME): Promise<StartFound | null> {
  let db: IDBDatabase | undefined;
  try {
    db = await openExisting(name);
    if (!db) return { checked: Promise.resolve({ settings: {}, recent: { days: [], lastBefore: undefined } }) };
    const stores = db.objectStoreNames;
    if (schemaVersionOf(db.version) !== SCHEMA_VERSION || !stores.contains('days') || !stores.contains('meta'))
      return null;
    const checking = import('./start-read-check');
    // A schema module that fails to load must not leave an unhandled rejection while the rows are read.
    checking.catch(() => undefined);
    const transaction = db.transaction(['days', 'meta'], 'readonly');
    const days = transaction.objectStore('days');
    const [settingsRow, dayRows, lastBeforeRow] = await Promise.all([
      result<unknown>(transaction.objectStore('meta').get(SETTINGS_KEY)),
      result<unknown[]>(days.getAll(IDBKeyRange.bound(from, to))),
      firstValue(days.openCursor(IDBKeyRange.upperBound(to, true), 'prev')),
    ]);
    return { checked: checking.then(({ checkStartRows }) => checkStartRows({ settingsRow, dayRows, lastBeforeRow })) };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** The database if it exists, `undefined` if it does not (and then it still does not). */
function openExisting(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    // Opening without a version creates a missing database; aborting its first upgrade undoes that.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      // Another tab's upgrade must never wait on this short-lived connection.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve(undefined) : reject(failureOf(request)));
  });
}

function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(failureOf(request));
  });
}

const failureOf = (request: IDBRequest): Error => request.error ?? new Error('IndexedDB request failed');

async function firstValue(request: IDBRequest<IDBCursorWithValue | null>): Promise<unknown> {
  return (await result(request))?.value;
}

/** Resolves once IndexedDB answers a fresh open of the diary (success or failure), creating nothing. */
export async function storageAnswers(name = DATABASE_NAME): Promise<void> {
  const db = await openExisting(name).catch(() => undefined);
  db?.close();
}

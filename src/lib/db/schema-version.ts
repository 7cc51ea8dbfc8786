/**
 * The database's name and this build's schema version, apart from `database.ts` so that the start-up
 * read (`start-read.ts`), which must not load Dexie, shares them with it.
 */
export const DATABASE_NAME = 'hs-diary';

/** The highest schema version this build knows. */
export const SCHEMA_VERSION = 2;

/** The schema version of a database, from the version IndexedDB reports (Dexie stores version n as n × 10). */
export const schemaVersionOf = (nativeVersion: number): number => Math.floor(nativeVersion / 10);

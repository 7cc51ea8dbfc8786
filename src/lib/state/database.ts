/**
 * The database and its repositories, loaded on first use. Today's first screen is drawn without them (see
 * `db/start-read.ts`); the first thing that needs them (a save, or Today following the diary once it is up)
 * loads them, and whoever else is waiting for them hears of it.
 */
import type * as DatabaseModule from '../db';
import { yieldToBrowser } from '../platform/idle';

type Database = typeof DatabaseModule;

let loading: Promise<Database> | undefined;
let markWanted: () => void = () => undefined;
const wanted = new Promise<void>((resolve) => (markWanted = resolve));

/** Dexie and the repositories; loaded once. */
export function database(): Promise<Database> {
  markWanted();
  // Dexie first, then the repositories, in tasks of their own: evaluated together they were one long task.
  loading ??= import('dexie').then(yieldToBrowser).then(() => import('../db'));
  return loading;
}

/** Resolves as soon as anything has asked for the database. */
export function whenDatabaseWanted(): Promise<void> {
  return wanted;
}

/**
 * The life of the database connection, and the one door every read and write goes through.
 *
 * States a screen may need to explain:
 *  - `newer`: the database was upgraded by a newer build (another tab, the installed app). Dexie still opens
 *    it, so reading and exporting work, but this build refuses to write: its code may not know the new rows.
 *  - `upgrade-requested`: another tab asks to upgrade. The connection is closed at once, unless the app asked
 *    to keep it while the patient finishes typing (`keepOpenForUpgradeWhile`); then `releaseForUpgrade()`
 *    closes it, which lets the other tab go ahead, and the app reloads into the new version.
 *  - `closed-for-upgrade`: closed for another tab's upgrade; nothing more is written from this page.
 *  - `upgrade-blocked`: this build's own upgrade waits for other tabs to close.
 *  - `deleted`: another tab (or the browser's "clear site data") deleted the database. The connection is
 *    closed at once so the deletion goes ahead, and never reopened from this page: reopening would quietly
 *    make a new, empty diary, and an entry saved into it would look kept while everything else is gone.
 *  - `unavailable`: the browser refuses IndexedDB (a private window, storage switched off).
 *
 * `withStorage` runs a piece of database work with these rules: open first (failing fast when the open is
 * blocked), refuse writes to a newer database, reopen and retry once when the browser closed the connection,
 * and turn whatever IndexedDB threw into a `StorageFailure`. Nothing here imports dexie: the database's own
 * events are enough.
 */
import type { DiaryDatabase } from './database';
import { classifyStorageError, StorageFailure } from './errors';
import { schemaVersionOf } from './schema-version';

export type DatabaseState =
  | 'idle'
  | 'open'
  | 'newer'
  | 'upgrade-requested'
  | 'closed-for-upgrade'
  | 'upgrade-blocked'
  | 'deleted'
  | 'unavailable';

type Listener = (state: DatabaseState) => void;

export class DatabaseLifecycle {
  #state: DatabaseState = 'idle';
  readonly #listeners = new Set<Listener>();
  readonly #blockedWaiters = new Set<(failure: StorageFailure) => void>();
  #keepOpen: () => boolean = () => false;
  readonly #db: DiaryDatabase;
  readonly #schemaVersion: number;

  constructor(db: DiaryDatabase, schemaVersion: number) {
    this.#db = db;
    this.#schemaVersion = schemaVersion;
    // Returning false stops Dexie's default handler, which would close the connection on its own terms.
    db.on('versionchange', (event: IDBVersionChangeEvent) => {
      // A deletion asks for no new version.
      if (event.newVersion === null) this.#onDeleted();
      else this.#onVersionChange();
      return false;
    });
    db.on('blocked', () => {
      this.#set('upgrade-blocked');
      const failure = new StorageFailure('blocked', null, 'upgrade-blocked');
      for (const reject of this.#blockedWaiters) reject(failure);
      return false;
    });
    db.on('ready', () => this.#onReady(), true);
    db.on('close', () => {
      // The browser closed the connection (storage cleared, a crash); the next access reopens it.
      if (this.#state === 'open') this.#set('idle');
    });
  }

  get state(): DatabaseState {
    return this.#state;
  }

  /** Follow the state; calls back with each new one. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** While `isBusy()` is true, another tab's upgrade waits, so a patient's unsaved entry can still be saved. */
  keepOpenForUpgradeWhile(isBusy: () => boolean): void {
    this.#keepOpen = isBusy;
  }

  /** Close the connection so another tab's upgrade can go ahead. Nothing is written from this page after. */
  releaseForUpgrade(): void {
    this.#db.close({ disableAutoOpen: true });
    this.#set('closed-for-upgrade');
  }

  /** Open the database if it is not open, failing fast (not waiting) when other tabs block its upgrade. */
  async ensureOpen(): Promise<void> {
    if (this.#db.isOpen()) return;
    if (this.#state === 'closed-for-upgrade') throw new StorageFailure('blocked', null, 'upgrade-pending');
    if (this.#state === 'deleted') throw new StorageFailure('blocked', null, 'database-deleted');
    try {
      await this.#unlessBlocked(this.#db.open());
    } catch (error) {
      if (error instanceof StorageFailure) throw error;
      const failure = classifyStorageError(error);
      // Whatever stops the database from opening (short of a full disk) means nothing can be kept here.
      if (failure.kind === 'quota') throw failure;
      this.#set('unavailable');
      throw new StorageFailure('unavailable', error);
    }
  }

  /** Throws the failure a write would meet now, if any. */
  assertWritable(): void {
    if (this.#state === 'newer') throw new StorageFailure('blocked', null, 'newer-database');
    if (this.#state === 'closed-for-upgrade') throw new StorageFailure('blocked', null, 'upgrade-pending');
    if (this.#state === 'deleted') throw new StorageFailure('blocked', null, 'database-deleted');
  }

  /** See `withStorage`. */
  async run<T>(work: () => Promise<T>, options: StorageOptions): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (options.write) {
          if (!this.#db.isOpen()) await this.ensureOpen();
          this.assertWritable();
        }
        // A read starts at once, with nothing awaited before it, so a live query still sees what it reads.
        return await this.#unlessBlocked(work());
      } catch (error) {
        if (options.passThrough?.(error)) throw error;
        const failure = classifyStorageError(error);
        if (failure.kind === 'unavailable') this.#set('unavailable');
        if (this.#state === 'deleted') throw new StorageFailure('blocked', error, 'database-deleted');
        if (failure.kind !== 'closed' || attempt > 1 || !this.#mayReopen) throw failure;
        await this.ensureOpen();
      }
    }
  }

  get #mayReopen(): boolean {
    return this.#state !== 'closed-for-upgrade' && this.#state !== 'unavailable' && this.#state !== 'deleted';
  }

  /** `pending`, or a `blocked` failure as soon as this build's upgrade waits for other tabs. */
  async #unlessBlocked<T>(pending: Promise<T>): Promise<T> {
    if (this.#db.isOpen()) return pending;
    const waiter = { reject: (_failure: StorageFailure): void => undefined };
    const blocked = new Promise<never>((_, reject) => (waiter.reject = reject));
    this.#blockedWaiters.add(waiter.reject);
    if (this.#state === 'upgrade-blocked') waiter.reject(new StorageFailure('blocked', null, 'upgrade-blocked'));
    try {
      return await Promise.race([pending, blocked]);
    } finally {
      this.#blockedWaiters.delete(waiter.reject);
    }
  }

  #onReady(): void {
    const installed = schemaVersionOf(this.#db.backendDB().version);
    this.#set(installed > this.#schemaVersion ? 'newer' : 'open');
  }

  #onDeleted(): void {
    // Set first: closing fires 'close', which would otherwise report a connection to reopen.
    this.#set('deleted');
    this.#db.close({ disableAutoOpen: true });
  }

  #onVersionChange(): void {
    if (this.#state === 'closed-for-upgrade' || this.#state === 'deleted') return;
    this.#set('upgrade-requested');
    if (!this.#keepOpen()) this.releaseForUpgrade();
  }

  #set(state: DatabaseState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }
}

const lifecycles = new WeakMap<DiaryDatabase, DatabaseLifecycle>();

/** Called once by the database's constructor. */
export function attachLifecycle(db: DiaryDatabase, schemaVersion: number): DatabaseLifecycle {
  const lifecycle = new DatabaseLifecycle(db, schemaVersion);
  lifecycles.set(db, lifecycle);
  return lifecycle;
}

export function lifecycleOf(db: DiaryDatabase): DatabaseLifecycle {
  const lifecycle = lifecycles.get(db);
  if (!lifecycle) throw new Error('This database was not created by DiaryDatabase');
  return lifecycle;
}

export interface StorageOptions {
  /** A write: refused while the database is newer than this build or closed for another tab's upgrade. */
  write?: boolean;
  /** Errors that are not storage failures (a refused entry) and go to the caller as they are. */
  passThrough?: (error: unknown) => boolean;
}

/**
 * Run database work under the app's rules (see the header); every repository uses this. Work that failed
 * because the connection was closed is run once more after reopening: a transaction that met a closed
 * connection wrote nothing, so running it again cannot write twice.
 */
export function withStorage<T>(db: DiaryDatabase, work: () => Promise<T>, options: StorageOptions = {}): Promise<T> {
  return lifecycleOf(db).run(work, options);
}

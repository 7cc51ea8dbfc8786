/** Following a read as the database changes, in this tab, another tab or the service worker: the one subscription to Dexie's liveQuery. */
import { liveQuery } from 'dexie';
import { classifyStorageError } from './errors';

export type Unsubscribe = () => void;

/** Calls `onChange` with each new result of `read`, and `onError` with a failure sorted by `classifyStorageError`. */
export function watchQuery<T>(
  read: () => Promise<T>,
  onChange: (value: T) => void,
  onError: (error: unknown) => void,
): Unsubscribe {
  // Dexie's liveQuery says nothing of a DatabaseClosedError (it waits for the database to open again), and a
  // database the browser refuses to open (a private window) fails with one wrapped around the refusal: every
  // live screen then waited in silence until storage health, seconds later, said what was wrong. That failure
  // is passed on as the StorageFailure it is; a connection merely closed (another tab's upgrade) still waits.
  const readOrRefuse = () =>
    read().catch((error: unknown) => {
      const failure = classifyStorageError(error);
      throw failure.kind === 'unavailable' ? failure : error;
    });
  const subscription = liveQuery(readOrRefuse).subscribe({
    next: onChange,
    error: (error: unknown) => onError(classifyStorageError(error)),
  });
  return () => subscription.unsubscribe();
}

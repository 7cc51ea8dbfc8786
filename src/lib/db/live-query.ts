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
  const subscription = liveQuery(read).subscribe({
    next: onChange,
    error: (error: unknown) => onError(classifyStorageError(error)),
  });
  return () => subscription.unsubscribe();
}

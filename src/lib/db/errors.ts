/**
 * What the repositories throw: IndexedDB's failures sorted into the few cases a patient can be told about in
 * plain words, and the refusals of input that does not pass its schema.
 */
import type { DayProblem } from '../domain/day';
import type { RegimenProblem } from '../domain/regimen';

export type StorageFailureKind = 'quota' | 'closed' | 'blocked' | 'unavailable' | 'unknown';

/**
 * More about a `blocked` failure, for the screens that can say more than "close other tabs":
 * `newer-database`: a newer HS Diary upgraded the database, so this one must reload before writing;
 * `upgrade-pending`: the connection was closed for another tab's upgrade and the page is about to reload;
 * `upgrade-blocked`: this build's upgrade waits for other tabs of HS Diary to close;
 * `database-deleted`: another tab deleted the database; this page writes nothing more until it reloads.
 */
export type StorageFailureDetail = 'newer-database' | 'upgrade-pending' | 'upgrade-blocked' | 'database-deleted';

export class StorageFailure extends Error {
  constructor(
    readonly kind: StorageFailureKind,
    cause: unknown,
    readonly detail?: StorageFailureDetail,
  ) {
    super(`storage failure: ${kind}${detail ? ` (${detail})` : ''}`, { cause });
    this.name = 'StorageFailure';
  }
}

/** Thrown when a row does not pass its schema; nothing was written. */
export class InvalidDayError extends Error {
  constructor(readonly problems: DayProblem[]) {
    super(`invalid day: ${problems.map((problem) => `${problem.field} ${problem.kind}`).join(', ')}`);
    this.name = 'InvalidDayError';
  }
}

/** Thrown when a medication or event does not pass its schema or would make the history impossible. */
export class InvalidRegimenError extends Error {
  constructor(
    readonly problems: RegimenProblem[],
    readonly invalidFields: string[] = [],
  ) {
    super(`invalid regimen change: ${[...problems.map((problem) => problem.kind), ...invalidFields].join(', ')}`);
    this.name = 'InvalidRegimenError';
  }
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error) return String(error.name);
  return '';
}

export function classifyStorageError(error: unknown): StorageFailure {
  if (error instanceof StorageFailure) return error;
  const name = errorName(error);
  const innerName = error && typeof error === 'object' && 'inner' in error ? errorName(error.inner) : '';
  const names = [name, innerName];
  if (names.some((value) => value === 'QuotaExceededError')) return new StorageFailure('quota', error);
  if (names.some((value) => value === 'VersionError')) return new StorageFailure('blocked', error, 'newer-database');
  if (names.some((value) => value === 'BlockedError')) return new StorageFailure('blocked', error, 'upgrade-blocked');
  // Checked before "closed": a failed open comes wrapped (OpenFailedError, or DatabaseClosedError around
  // the open's own error, such as the InvalidStateError of some private windows), and it means the browser
  // will not let us store anything, not that a working connection was closed.
  const isFailedOpen = name === 'DatabaseClosedError' && innerName !== '' && innerName !== 'DatabaseClosedError';
  if (names.some((value) => value === 'MissingAPIError' || value === 'OpenFailedError') || isFailedOpen)
    return new StorageFailure('unavailable', error);
  if (names.some((value) => value === 'DatabaseClosedError' || value === 'InvalidStateError'))
    return new StorageFailure('closed', error);
  return new StorageFailure('unknown', error);
}

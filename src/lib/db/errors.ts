/** Turns what IndexedDB throws into the few cases a patient can be told about in plain words. */
import type { DayProblem } from '../domain/day';

export type StorageFailureKind = 'quota' | 'closed' | 'blocked' | 'unavailable' | 'unknown';

export class StorageFailure extends Error {
  constructor(
    readonly kind: StorageFailureKind,
    cause: unknown,
  ) {
    super(`storage failure: ${kind}`, { cause });
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
  if (names.some((value) => value === 'DatabaseClosedError' || value === 'InvalidStateError'))
    return new StorageFailure('closed', error);
  if (names.some((value) => value === 'BlockedError' || value === 'VersionError'))
    return new StorageFailure('blocked', error);
  if (names.some((value) => value === 'MissingAPIError' || value === 'OpenFailedError'))
    return new StorageFailure('unavailable', error);
  return new StorageFailure('unknown', error);
}

/**
 * The one wording of a storage failure for every screen: by its kind, by its detail where that says more,
 * and by what was being saved, so a full disk while adding a medication does not say "this day was not saved".
 */
import { i18n } from '../../i18n/locale.svelte';
import { StorageFailure } from '../../state/failures';

/** What the failed work was about; each form names its own. */
export type StorageSubject =
  | 'day'
  | 'missedDays'
  | 'dayDeletion'
  | 'medication'
  | 'medicationChange'
  | 'visit'
  | 'patient'
  | 'reminder'
  | 'setting'
  | 'read';

export function storageFailureText(error: unknown, subject: StorageSubject): string {
  const messages = i18n.t.form.storage;
  if (!(error instanceof StorageFailure)) return messages.unknown[subject];
  if (error.detail === 'newer-database') return messages.newer;
  if (error.detail === 'upgrade-pending') return messages.upgradePending;
  if (error.detail === 'database-deleted') return messages.databaseDeleted;
  if (error.kind === 'quota' || error.kind === 'unknown') return messages[error.kind][subject];
  return messages[error.kind];
}

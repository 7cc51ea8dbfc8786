/** The one wording of a storage failure for every screen: by its kind, and by its detail where that says more. */
import { i18n } from '../../i18n/locale.svelte';
import { StorageFailure } from '../../state/failures';

export function storageFailureText(error: unknown): string {
  const messages = i18n.t.form.storage;
  if (!(error instanceof StorageFailure)) return messages.unknown;
  if (error.detail === 'newer-database') return messages.newer;
  if (error.detail === 'upgrade-pending') return messages.upgradePending;
  return messages[error.kind];
}

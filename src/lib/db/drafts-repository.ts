/**
 * Drafts against the database: one row per form and subject (../domain/drafts.ts), written as the patient
 * types and read back, validated, when the form opens again. A row that no longer passes is removed
 * rather than restored. Drafts are best effort for the patient's comfort, not their diary: the callers
 * ignore a failure to keep one, and backups never carry them.
 */
import { restorableDraft, type StoredDraft } from '../domain/draft-schemas';
import type { Draft, DraftForm } from '../domain/drafts';
import type { DiaryDatabase } from './database';
import { withStorage } from './lifecycle';

/** Keep (or replace) the draft under its key. */
export function saveDraft(db: DiaryDatabase, draft: StoredDraft): Promise<void> {
  return withStorage(db, async () => void (await db.drafts.put(draft)), { write: true });
}

/** The draft of `form` under `key` if there is one to restore; a stale or damaged one is deleted. */
export async function loadDraft<F extends DraftForm>(
  db: DiaryDatabase,
  form: F,
  key: string,
  nowMs: number,
): Promise<Draft<F> | null> {
  const stored: unknown = await withStorage(db, () => db.drafts.get(key));
  if (stored === undefined) return null;
  const draft = restorableDraft(stored, form, key, nowMs);
  if (!draft) await deleteDraft(db, key).catch(() => undefined);
  return draft;
}

/** Forget the draft under `key` (saved, discarded or stale). */
export function deleteDraft(db: DiaryDatabase, key: string): Promise<void> {
  return withStorage(db, () => db.drafts.delete(key), { write: true });
}

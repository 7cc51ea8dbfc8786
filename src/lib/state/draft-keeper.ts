/**
 * Writes one form's draft as the patient types: after a pause in typing (`DRAFT_DELAY_MS`), at once when
 * the page is hidden (a closed tab, a phone locked mid-sentence), and in order, so a draft deleted on save
 * is never written back by a late keystroke. Keeping a draft is a courtesy: a failure to write one is
 * ignored (the form's own save reports storage failures).
 */
import { DRAFT_DELAY_MS, makeDraft, type Draft, type DraftForm, type DraftValues } from '../domain/drafts';
import { nowMs } from '../platform/clock';
import { database } from './database';

export class DraftKeeper<F extends DraftForm> {
  readonly #form: F;
  readonly #key: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: { values: DraftValues[F]; baseUpdatedAt: number | null } | undefined;
  #queue: Promise<void> = Promise.resolve();
  /** Whether a draft may be stored now (kept or restored here), so a form with none deletes nothing. */
  #mayBeStored = false;
  readonly #onHidden = () => {
    if (document.visibilityState === 'hidden') void this.flush();
  };

  constructor(form: F, key: string) {
    this.#form = form;
    this.#key = key;
  }

  get key(): string {
    return this.#key;
  }

  /** The stored draft to put back into the form, if there is one it can take. */
  async restore(): Promise<Draft<F> | null> {
    try {
      const { diaryDb, loadDraft } = await database();
      const draft = await loadDraft(diaryDb, this.#form, this.#key, nowMs());
      if (draft) this.#mayBeStored = true;
      return draft;
    } catch {
      return null;
    }
  }

  /**
   * The stored draft, unless the form was typed in while it was being read: what was typed is newer.
   * `valuesNow` reads the form; `pristine` is its untouched values as JSON.
   */
  async restoreUntyped(valuesNow: () => DraftValues[F], pristine: string): Promise<Draft<F> | null> {
    const draft = await this.restore();
    return draft && JSON.stringify(valuesNow()) === pristine ? draft : null;
  }

  /** Keep `values` as the draft, once typing pauses. */
  keep(values: DraftValues[F], baseUpdatedAt: number | null): void {
    this.#pending = { values, baseUpdatedAt };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), DRAFT_DELAY_MS);
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', this.#onHidden);
  }

  /** Keep `values` while they differ from the form's untouched values (`pristine`, as JSON); else forget it. */
  follow(values: DraftValues[F], pristine: string): void {
    if (JSON.stringify(values) !== pristine) this.keep(values, null);
    else void this.discard();
  }

  /** Write the waiting draft now. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending) return this.#queue;
    this.#mayBeStored = true;
    return this.#enqueue(async () => {
      const { diaryDb, saveDraft } = await database();
      await saveDraft(diaryDb, makeDraft(this.#form, this.#key, pending.values, { ...pending, nowMs: nowMs() }));
    });
  }

  /** Forget the draft: saved or discarded. */
  discard(): Promise<void> {
    clearTimeout(this.#timer);
    this.#pending = undefined;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.#onHidden);
    if (!this.#mayBeStored) return this.#queue;
    this.#mayBeStored = false;
    return this.#enqueue(async () => {
      const { deleteDraft, diaryDb } = await database();
      await deleteDraft(diaryDb, this.#key);
    });
  }

  /** The form is gone from the screen: what is waiting is written, nothing more is watched. */
  dispose(): void {
    void this.flush();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.#onHidden);
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(work).catch(() => undefined);
    return this.#queue;
  }
}

/**
 * One day's check-in form, held outside the screen so that what the patient typed is never replaced under
 * their hands. The saved entry it started from (`base`) follows the live query: while nothing is typed, the
 * form quietly shows the newest saved entry; once something is typed, a change saved in another tab or
 * window only raises `changedElsewhere`, and the patient chooses to keep what they typed or take the saved
 * one. Saving stores what is on screen here, never the other tab's entry.
 *
 * What is typed is also kept as a draft (./draft-keeper.ts) and put back when the form opens again after a
 * reload or a crash; Today and the Diary's day share it, as they edit the same day.
 */
import { untrack } from 'svelte';
import type { IsoDate } from '../domain/dates';
import { dayFromDraft, draftFromDay, emptyDraft, type DayDraft } from '../domain/day-draft';
import type { DayEntry } from '../domain/day';
import { draftKey, sameValues } from '../domain/drafts';
import { nowMs } from '../platform/clock';
import { afterFirstScreen } from '../platform/idle';
import { recordDay } from './diary-actions';
import { DraftKeeper } from './draft-keeper';

/** The saved entry changed in another tab or window while this one had unsaved input. */
export interface ChangedElsewhere {
  /** The entry saved now; undefined when the day was deleted there. */
  saved: DayEntry | undefined;
}

const valuesOf = (day: DayEntry | undefined): DayDraft => (day ? draftFromDay(day) : emptyDraft());
const sameVersion = (a: DayEntry | undefined, b: DayEntry | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.updatedAt === b.updatedAt);

export class DayForm {
  readonly date: IsoDate;
  /** What is on screen. */
  values = $state<DayDraft>(emptyDraft());
  /** Raised each time the values are replaced as a whole, so the form redraws from them. */
  generation = $state(0);
  changedElsewhere = $state.raw<ChangedElsewhere | null>(null);
  /** When the draft put back into the form was typed; null when nothing was restored. */
  restoredFrom = $state<number | null>(null);
  #base = $state.raw<DayEntry | undefined>(undefined);
  #pristine = $state.raw<DayDraft>(emptyDraft());
  #isSynced = false;
  #isRestoreSettled = $state(false);
  readonly #keeper: DraftKeeper<'day'>;

  constructor(date: IsoDate) {
    this.date = date;
    this.#keeper = new DraftKeeper('day', draftKey('day', date));
  }

  /** The saved entry the form edits (the one the patient has seen), if any. */
  get base(): DayEntry | undefined {
    return this.#base;
  }

  /** Something on screen differs from the saved entry (or from a blank form). */
  get isDirty(): boolean {
    return !sameValues(this.values, this.#pristine);
  }

  /** Hand over the saved entry each time the live query reads it (undefined: not saved). */
  sync(saved: DayEntry | undefined): void {
    untrack(() => {
      if (!this.#isSynced) {
        this.#isSynced = true;
        this.#reset(saved);
        void this.#restore();
        return;
      }
      if (sameVersion(saved, this.#base)) return;
      if (!this.isDirty || (saved && sameValues(draftFromDay(saved), this.values))) {
        // Nothing typed (or the other tab saved just this): show the saved entry, no question to ask.
        if (this.isDirty) this.#rebase(saved);
        else this.#reset(saved);
        this.changedElsewhere = null;
        return;
      }
      this.changedElsewhere = { saved };
    });
  }

  /** Keep what was typed here; saving it will replace the entry saved elsewhere. */
  keepMine(): void {
    const change = this.changedElsewhere;
    if (!change) return;
    this.#rebase(change.saved);
    this.changedElsewhere = null;
  }

  /** Drop what was typed here and show the entry saved elsewhere. */
  takeSaved(): void {
    const change = this.changedElsewhere;
    if (!change) return;
    this.#reset(change.saved);
    this.#forgetDraft();
  }

  /** Drop what was typed: back to the saved entry (or a blank form). */
  discard(): void {
    this.#reset(this.#base);
    this.#forgetDraft();
  }

  /** Save what is on screen (throws InvalidDayError or StorageFailure, and keeps the values, on failure). */
  async save(today: IsoDate): Promise<DayEntry> {
    const saved = await recordDay(dayFromDraft(this.values, this.date, nowMs()), today);
    this.#reset(saved);
    this.#forgetDraft();
    return saved;
  }

  /** Keep the values as a draft as they change; call inside `$effect` (it reads every value). */
  keepDraft(): void {
    const snapshot = JSON.stringify(this.values);
    const isDirty = this.isDirty;
    if (!this.#isRestoreSettled) return;
    untrack(() => {
      if (isDirty) this.#keeper.keep(JSON.parse(snapshot) as DayDraft, this.#base?.updatedAt ?? null);
      else void this.#keeper.discard();
    });
  }

  /** The form left the screen: what is waiting is written. */
  dispose(): void {
    this.#keeper.dispose();
  }

  async #restore(): Promise<void> {
    // A draft needs Dexie, which Today's first screen does without (db/start-read.ts): it is read once the
    // screen is drawn, and whatever the patient typed before then wins over it (below).
    await afterFirstScreen();
    const draft = await this.#keeper.restore();
    this.#isRestoreSettled = true;
    // Typed before the draft was read: what is on screen now wins, and replaces the draft.
    if (!draft || this.isDirty) return;
    if (sameValues(draft.values, this.#pristine)) {
      void this.#keeper.discard();
      return;
    }
    this.values = draft.values;
    this.generation += 1;
    this.restoredFrom = draft.savedAt;
    // The saved entry changed after the draft was typed (another tab, an import): say so.
    if (draft.baseUpdatedAt !== (this.#base?.updatedAt ?? null)) this.changedElsewhere = { saved: this.#base };
  }

  #reset(saved: DayEntry | undefined): void {
    this.#rebase(saved);
    this.values = structuredClone(this.#pristine);
    this.generation += 1;
  }

  #rebase(saved: DayEntry | undefined): void {
    this.#base = saved;
    this.#pristine = valuesOf(saved);
  }

  #forgetDraft(): void {
    this.changedElsewhere = null;
    this.restoredFrom = null;
    void this.#keeper.discard();
  }
}

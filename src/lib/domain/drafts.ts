/**
 * Drafts: what a patient typed into a form and has not saved yet, kept in the database as they type so a
 * reload, a crash or a closed tab does not lose it. One draft per form and subject (the day's check-in is
 * one form whether it is opened on Today or in the Diary: both edit the same day).
 *
 * A stored draft comes back from storage that an older build, another tab or a bug may have written, so it
 * is parsed like any other input: a draft that does not pass, belongs to another form, or is too old to be
 * what the patient remembers typing is not restored (draft-schemas.ts, apart so that Today's first screen
 * writes its draft without loading zod). Drafts are transient and never go into a backup.
 * No Dexie, no clock: `nowMs` is a parameter.
 */
import type { DayDraft } from './day-draft';
import type { MedicationDraftValues, RegimenEventDraftValues, StoredDraft, VisitDraftValues } from './draft-schemas';

export const DRAFT_FORMS = ['day', 'medication', 'regimen-event', 'visit'] as const;
export type DraftForm = (typeof DRAFT_FORMS)[number];

/** A draft older than this is not offered back: the patient no longer remembers it as theirs. */
export const MAX_DRAFT_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** How long typing pauses before the draft is written. */
export const DRAFT_DELAY_MS = 400;

const KEY_PART = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The one key of a form's draft: `day:2026-12-03`, `visit:new`, `regimen-event:<medication>:<event>`. */
export function draftKey(form: DraftForm, ...subject: string[]): string {
  for (const part of subject) if (!KEY_PART.test(part)) throw new Error(`Not a draft key part: ${part}`);
  return [form, ...subject].join(':');
}

/** What the add-medication form's list offers: a preset's id, or `custom`. */
export const CUSTOM_MEDICATION = 'custom';

export interface DraftValues {
  day: DayDraft;
  medication: MedicationDraftValues;
  'regimen-event': RegimenEventDraftValues;
  visit: VisitDraftValues;
}

export interface Draft<F extends DraftForm> {
  key: string;
  form: F;
  savedAt: number;
  baseUpdatedAt: number | null;
  values: DraftValues[F];
}

/** The row to store for what is on screen now. */
export function makeDraft<F extends DraftForm>(
  form: F,
  key: string,
  values: DraftValues[F],
  about: { baseUpdatedAt: number | null; nowMs: number },
): StoredDraft {
  return { key, form, savedAt: about.nowMs, baseUpdatedAt: about.baseUpdatedAt, values };
}

/** Whether two sets of form values are the same (what is on screen, and what the saved row shows). */
export function sameValues(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

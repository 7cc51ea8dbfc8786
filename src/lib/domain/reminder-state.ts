/**
 * What reminders remember between checks, by dose id: which doses (and diary days) were announced, which
 * are snoozed, and since when the app follows each medication. The page and the service worker both
 * change it, each through the functions here, so both write the same ids and the same shape.
 */
import * as z from 'zod/mini';
import { recordOf } from './record-schema';

const DAY_MS = 86_400_000;
export const SNOOZE_MS = 15 * 60_000;

const isTime = (entry: unknown) => typeof entry === 'number' && Number.isFinite(entry);

/** The `meta` row that keeps the reminder state. */
export const REMINDER_STATE_KEY = 'reminderState';

/** Notifications shown and doses snoozed (by id), so a dose is announced once and again after a snooze. */
export const reminderStateSchema = z.lazy(() =>
  z.object({
    notifiedAt: recordOf<number>(isTime),
    snoozedUntil: recordOf<number>(isTime),
    /**
     * When the app first followed each medication's doses (by medication id). Doses due before then are
     * never called missed or announced: adding a medication taken for months must not ask about last week.
     */
    trackedSince: z.optional(recordOf<number>(isTime)),
  }),
);
export type ReminderState = z.infer<typeof reminderStateSchema>;

export const EMPTY_REMINDER_STATE: ReminderState = { notifiedAt: {}, snoozedUntil: {}, trackedSince: {} };

/** Forget announcements and snoozes more than two days old; the state never grows beyond a few days of doses. */
export function pruneReminderState(state: ReminderState, nowMs: number): ReminderState {
  const keep = (record: Record<string, number>) =>
    Object.fromEntries(Object.entries(record).filter(([, ms]) => ms > nowMs - 2 * DAY_MS));
  return {
    notifiedAt: keep(state.notifiedAt),
    snoozedUntil: keep(state.snoozedUntil),
    trackedSince: state.trackedSince ?? {},
  };
}

/** Remind again in 15 minutes: the same change from Today's Snooze and from a notification's. */
export function snoozeDose(state: ReminderState, doseId: string, nowMs: number): ReminderState {
  return pruneReminderState({ ...state, snoozedUntil: { ...state.snoozedUntil, [doseId]: nowMs + SNOOZE_MS } }, nowMs);
}

/**
 * A snoozed dose was announced again at `nowMs` before this device's clock reached the snooze's end (the
 * relay's push for it came a little early): the snooze is over, so an open tab neither closes that
 * notification as still snoozed nor announces the dose a second time when the snooze would have run out.
 */
export function endSnooze(state: ReminderState, doseId: string, nowMs: number): ReminderState {
  const until = state.snoozedUntil[doseId];
  if (until === undefined || until <= nowMs) return state;
  return { ...state, snoozedUntil: { ...state.snoozedUntil, [doseId]: nowMs } };
}

/** Record that doses (or the diary) were announced at `nowMs`, so they are not announced again. */
export function markNotified(state: ReminderState, ids: readonly string[], nowMs: number): ReminderState {
  return pruneReminderState(
    { ...state, notifiedAt: { ...state.notifiedAt, ...Object.fromEntries(ids.map((id) => [id, nowMs])) } },
    nowMs,
  );
}

/** The medications whose doses are not followed yet, to be marked as followed from now. */
export function untrackedMedications(medicationIds: readonly string[], state: ReminderState): string[] {
  return medicationIds.filter((id) => state.trackedSince?.[id] === undefined);
}

/** Mark the medications not followed yet as followed from `nowMs` (see `trackedSince`). */
export function markTracked(state: ReminderState, medicationIds: readonly string[], nowMs: number): ReminderState {
  const fresh = untrackedMedications(medicationIds, state);
  return { ...state, trackedSince: { ...state.trackedSince, ...Object.fromEntries(fresh.map((id) => [id, nowMs])) } };
}

/** Whether a dose fell due after the app began following its medication. */
export function isTracked(dose: { medicationId: string }, dueAtMs: number, state: ReminderState): boolean {
  const since = state.trackedSince?.[dose.medicationId];
  return since !== undefined && dueAtMs >= since;
}

/**
 * Whether a due, unlogged dose should be announced now: not while snoozed, once when it falls due, and once
 * more when a snooze runs out.
 */
export function shouldNotify(id: string, state: ReminderState, nowMs: number): boolean {
  const snoozedUntil = state.snoozedUntil[id];
  if (snoozedUntil !== undefined && snoozedUntil > nowMs) return false;
  const notifiedAt = state.notifiedAt[id];
  return notifiedAt === undefined || (snoozedUntil !== undefined && notifiedAt < snoozedUntil);
}

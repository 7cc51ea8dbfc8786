/**
 * What the device asks of the reminder relay outside the page's sync, from the service worker with every
 * tab closed, or from Today's Snooze (the patient may close the app before the snooze runs out):
 * - Snooze: a one-off relay reminder at the minute the snooze runs out (relay-plan.ts,
 *   `snoozeRelaySchedule`), under its own id and secret, so the dose comes back with the app closed. It is
 *   deleted when it has fired, when the dose is logged, or when the dose is snoozed again.
 * - `pushsubscriptionchange`: the browser replaced the push subscription. The worker subscribes again with
 *   the relay's key and gives the relay every reminder again with the new subscription (same ids and
 *   secrets); where it cannot, it says so in the relay state and Settings asks for closed-app reminders to
 *   be turned on again.
 * Secrets are written down before each request and a delete is kept in `retired` until the relay confirms
 * it, as on the page (closed-app-reminders.svelte.ts), whose next sync tries again what failed here.
 */
import type { DiaryDatabase } from '../db/database';
import { loadRelayState, updateRelayState } from '../db/relay-repository';
import {
  newRelayId,
  newRelaySecret,
  snoozeOfRelayId,
  snoozeRelaySchedule,
  snoozesOfDose,
  type RelaySnooze,
  type RelayState,
} from '../domain/relay-plan';
import { doseReminderId } from '../domain/schedule';
import { deleteRelayReminder, putRelayReminder, vapidKeyAt, type PushSubscriptionInfo } from '../platform/relay-api';

/** The subscription the relay's reminders go to: the browser's own, else the one the device recorded. */
function subscriptionOf(state: RelayState, live: PushSubscriptionInfo | null): PushSubscriptionInfo | null {
  if (live) return live;
  return state.keys ? { endpoint: state.endpoint, keys: state.keys } : null;
}

/** Move these snoozes to `retired`, then delete them on the relay; what the relay confirmed is forgotten. */
async function retireSnoozes(db: DiaryDatabase, ids: ReadonlySet<string>): Promise<void> {
  if (ids.size === 0) return;
  let relayUrl = '';
  let retiring: { id: string; secret: string }[] = [];
  await updateRelayState(db, (current) => {
    if (!current) return current;
    relayUrl = current.relayUrl;
    retiring = (current.snoozes ?? []).filter((snooze) => ids.has(snooze.id)).map(({ id, secret }) => ({ id, secret }));
    return {
      ...current,
      snoozes: (current.snoozes ?? []).filter((snooze) => !ids.has(snooze.id)),
      retired: [...current.retired, ...retiring],
    };
  });
  const results = await Promise.all(retiring.map((credential) => deleteRelayReminder(relayUrl, credential)));
  const deleted = new Set(retiring.filter((_, index) => results[index]).map((credential) => credential.id));
  if (deleted.size > 0)
    await updateRelayState(db, (current) =>
      current ? { ...current, retired: current.retired.filter((entry) => !deleted.has(entry.id)) } : current,
    );
}

export type SnoozeOutcome = 'on-relay' | 'off' | 'failed';

/**
 * Give the relay a one-off reminder for a dose snoozed at `nowMs` (replacing an earlier snooze of it).
 * `off`: closed-app reminders are off; `failed`: the relay could not be reached (the open app still
 * reminds; the page's next sync deletes the snooze should the relay hold it after all).
 */
export async function snoozeOnRelay(
  db: DiaryDatabase,
  dose: { medicationId: string; scheduledFor: string },
  nowMs: number,
  liveSubscription: PushSubscriptionInfo | null,
  deviceTimeZone: string,
): Promise<SnoozeOutcome> {
  const state = await loadRelayState(db);
  if (!state?.isOn) return 'off';
  const subscription = subscriptionOf(state, liveSubscription);
  if (!subscription) return 'failed';
  const timeZone = state.reminders[doseReminderId(dose.medicationId)]?.schedule.timeZone ?? deviceTimeZone;
  const { schedule, dueAtMs } = snoozeRelaySchedule(nowMs, timeZone);
  const snooze: RelaySnooze = { id: newRelayId(), secret: newRelaySecret(), schedule, ...dose, dueAtMs };
  const earlier = new Set(snoozesOfDose(state, dose.medicationId, dose.scheduledFor).map((item) => item.id));
  await updateRelayState(db, (current) =>
    current ? { ...current, snoozes: [...(current.snoozes ?? []), snooze] } : current,
  );
  await retireSnoozes(db, earlier);
  try {
    await putRelayReminder(state.relayUrl, snooze, subscription, schedule);
    return 'on-relay';
  } catch {
    return 'failed';
  }
}

/** After a snooze's push came: the relay need not keep it. A push that is not a snooze changes nothing. */
export async function finishSnooze(db: DiaryDatabase, relayId: string): Promise<void> {
  const snooze = snoozeOfRelayId(await loadRelayState(db), relayId);
  if (snooze) await retireSnoozes(db, new Set([snooze.id]));
}

/** After a dose is logged from a notification: its snooze, if any, is not needed. */
export async function forgetSnoozesOfDose(
  db: DiaryDatabase,
  dose: { medicationId: string; scheduledFor: string },
): Promise<void> {
  const state = await loadRelayState(db);
  if (!state) return;
  await retireSnoozes(db, new Set(snoozesOfDose(state, dose.medicationId, dose.scheduledFor).map((item) => item.id)));
}

export type ResubscribeOutcome = 'replaced' | 'off' | 'lost';

/**
 * The browser replaced (or dropped) the push subscription: subscribe again with the relay's key
 * (`subscribe` is the browser's, given the key) and give the relay every reminder and snooze with the new
 * one. `lost` when that could not be done in full: the state says so, Settings asks the patient to turn
 * closed-app reminders on again, and the page's next sync replaces whatever is left.
 */
export async function replaceSubscriptionOnRelay(
  db: DiaryDatabase,
  subscribe: (vapidKey: string) => Promise<PushSubscriptionInfo>,
): Promise<ResubscribeOutcome> {
  const state = await loadRelayState(db);
  if (!state?.isOn) return 'off';
  try {
    const subscription = await subscribe(await vapidKeyAt(state.relayUrl));
    await Promise.all([
      ...Object.values(state.reminders).map((entry) =>
        putRelayReminder(state.relayUrl, entry, subscription, entry.schedule),
      ),
      ...(state.snoozes ?? []).map((snooze) => putRelayReminder(state.relayUrl, snooze, subscription, snooze.schedule)),
    ]);
    await updateRelayState(db, (current) =>
      current
        ? { ...current, endpoint: subscription.endpoint, keys: subscription.keys, isSubscriptionLost: false }
        : current,
    );
    return 'replaced';
  } catch {
    await updateRelayState(db, (current) => (current ? { ...current, isSubscriptionLost: true } : current));
    return 'lost';
  }
}

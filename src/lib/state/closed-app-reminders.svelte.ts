/**
 * "Remind me when the app is closed": the device's reminders given to a reminder relay, kept in step.
 *
 * Turning it on asks for notifications, subscribes to Web Push with the relay's key and gives the relay
 * one reminder per medication on a fixed schedule and one for the diary: times, days, zone, never a name
 * (see domain/relay-plan.ts). `sync()` runs after every change to the medicines or the reminders while a
 * tab is open (the reminder loop calls it) and brings the relay in step: a dose change or a new time
 * replaces a reminder, an interruption or a stop deletes it, a resume creates it again. Turning it off
 * deletes them all and ends the push subscription.
 *
 * Crash-safe bookkeeping: a new reminder's id and secret, and those of a reminder to delete, are written
 * to `retired` before the request, and moved out once the relay has answered. Whatever happens between,
 * the device still holds the secret and a later sync deletes what should not be there. Tabs take turns
 * through a Web Lock, so two tabs never create the same reminder twice.
 */
import { addDays } from '../domain/dates';
import {
  finishedSnoozes,
  moveToRelay,
  newRelayId,
  newRelaySecret,
  planRelaySync,
  relaySchedules,
  type RelayEntry,
  type RelayState,
} from '../domain/relay-plan';
import { dosePlans } from '../domain/schedule';
import { diaryDb } from '../db';
import { loadRelayState, updateRelayState, watchRelayState } from '../db/relay-repository';
import { loadScheduleInputs } from '../db/reminders-repository';
import { currentLocalDate, deviceTimeZone } from '../platform/clock';
import { activeRegistration, notificationPermission, requestNotificationPermission } from '../platform/notifications';
import {
  currentPushSubscription,
  deleteRelayReminder,
  fetchVapidKey,
  putRelayReminder,
  RelayError,
  subscribeToPush,
  unsubscribeFromPush,
  type PushSubscriptionInfo,
} from '../platform/relay-client';

const LOCK_NAME = 'hs-diary-relay-sync';
/** After a failed sync, wait this long before the loop's next tick tries again. */
const RETRY_AFTER_MS = 5 * 60_000;

/** Why turning on did not work, for Settings to say. */
export type TurnOnProblem = RelayError['kind'] | 'permission';

export class ClosedAppRemindersError extends Error {
  constructor(readonly problem: TurnOnProblem) {
    super(`closed-app reminders: ${problem}`);
    this.name = 'ClosedAppRemindersError';
  }
}

function withLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(LOCK_NAME, work) : work();
}

/** How long to wait for the service worker on a first visit, where it may still be installing. */
const WORKER_WAIT_MS = 15_000;

/** The service worker's registration, waiting a little for one still installing (pushes go to it). */
async function registration(): Promise<ServiceWorkerRegistration> {
  const found =
    (await activeRegistration()) ??
    (await Promise.race([
      navigator.serviceWorker.ready,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS)),
    ]).catch(() => null));
  if (!found) throw new ClosedAppRemindersError('no-push');
  return found;
}

class ClosedAppReminders {
  state = $state.raw<RelayState | null>(null);
  isLoaded = $state(false);
  /** Turning on or off is under way. */
  isBusy = $state(false);
  /** The last sync could not reach the relay, or the push subscription is gone: the relay may be behind. */
  isBehind = $state(false);
  #failedAt = 0;
  /** The last pass put every wanted reminder on the relay (deletes still to confirm aside). */
  #isAllSent = false;
  #running: Promise<void> | undefined;
  #again = false;

  get isOn(): boolean {
    return this.state?.isOn === true;
  }

  /** Reminders to delete on a relay that has not confirmed yet (retried on every start and sync). */
  get pendingDeletes(): number {
    return this.state?.retired.length ?? 0;
  }

  /** The service worker could not give the relay a new push subscription: turning on again is needed. */
  get isSubscriptionLost(): boolean {
    return this.isOn && this.state?.isSubscriptionLost === true;
  }

  follow(): () => void {
    return watchRelayState(
      diaryDb,
      (state) => {
        this.state = state;
        this.isLoaded = true;
      },
      () => (this.isLoaded = true),
    );
  }

  /** Turn on with the relay at `relayUrl`; throws `ClosedAppRemindersError` saying what stood in the way. */
  async turnOn(relayUrl: string): Promise<void> {
    this.isBusy = true;
    try {
      if ((await requestNotificationPermission()) !== 'granted') throw new ClosedAppRemindersError('permission');
      const found = await registration();
      let subscription: PushSubscriptionInfo;
      try {
        subscription = await subscribeToPush(found, await fetchVapidKey(relayUrl));
      } catch (error) {
        throw error instanceof RelayError ? new ClosedAppRemindersError(error.kind) : error;
      }
      // Reminders on another relay used before are deleted there by the sync, or later, until it confirms.
      await updateRelayState(diaryDb, (current) => ({
        isOn: true,
        relayUrl,
        endpoint: subscription.endpoint,
        keys: subscription.keys,
        ...moveToRelay(current, relayUrl),
      }));
      await this.#syncNow(true);
      // Deletes still to confirm (on this relay or an old one) are retried later; sends that failed mean
      // the reminders are not on the relay, which turning on must say.
      if (!this.#isAllSent) throw new ClosedAppRemindersError('unreachable');
    } finally {
      this.isBusy = false;
    }
  }

  /** Turn off: delete every reminder on the relay (retried later where it could not be reached), end the subscription. */
  async turnOff(): Promise<void> {
    this.isBusy = true;
    try {
      await updateRelayState(diaryDb, (current) => (current ? { ...current, isOn: false } : null));
      await this.#syncNow(true);
      const found = await activeRegistration();
      if (found) await unsubscribeFromPush(found);
      // At once, for Settings to say whether deletes are still to confirm (the live query follows).
      this.state = await loadRelayState(diaryDb);
    } finally {
      this.isBusy = false;
    }
  }

  /** Bring the relay in step with the device's reminders; a no-op when it already is. Never throws. */
  sync(): Promise<void> {
    return this.#syncNow(false);
  }

  #syncNow(isAsked: boolean): Promise<void> {
    if (!isAsked && this.#failedAt > 0 && Date.now() - this.#failedAt < RETRY_AFTER_MS) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = withLock(() => this.#pass())
      .then(
        () => {
          this.isBehind = false;
          this.#failedAt = 0;
        },
        () => {
          this.isBehind = true;
          this.#failedAt = Date.now();
        },
      )
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          void this.sync();
        }
      });
    return this.#running;
  }

  /** One pass; throws when something could not be sent (the rest was, and is recorded). */
  async #pass(): Promise<void> {
    this.#isAllSent = false;
    const state = await loadRelayState(diaryDb);
    if (!state) return;
    let subscription: PushSubscriptionInfo | null = null;
    if (state.isOn) {
      const found = await registration();
      subscription = await currentPushSubscription(found);
      // The browser dropped the subscription: make a new one where notifications are still allowed.
      if (!subscription && notificationPermission() === 'granted')
        subscription = await subscribeToPush(found, await fetchVapidKey(state.relayUrl));
      if (!subscription) throw new ClosedAppRemindersError('no-push');
    }
    const today = currentLocalDate();
    const inputs = await loadScheduleInputs(diaryDb, addDays(today, -1));
    const wanted = relaySchedules(dosePlans(inputs, today), inputs.reminders, today, deviceTimeZone());
    const plan = planRelaySync(state, wanted, subscription?.endpoint ?? state.endpoint);
    // Snoozes the service worker gave the relay that have fired, or whose dose is logged.
    const loggedIds = new Set(inputs.doseLogs.map((log) => log.id));
    const finished = new Set(finishedSnoozes(state, Date.now(), (id) => loggedIds.has(id)).map((snooze) => snooze.id));
    plan.deletes.push(
      ...(state.snoozes ?? []).filter((snooze) => finished.has(snooze.id)).map(({ id, secret }) => ({ id, secret })),
    );
    const isLostToClear = state.isSubscriptionLost === true && subscription !== null && plan.replaces.length === 0;
    if (plan.creates.length + plan.replaces.length + plan.deletes.length === 0 && !isLostToClear) {
      this.#isAllSent = true;
      return;
    }

    // First write down every secret a request below may leave on the relay.
    const creates = plan.creates.map((create) => ({ ...create, id: newRelayId(), secret: newRelaySecret() }));
    const deletedKeys = new Set(Object.keys(state.reminders).filter((key) => !wanted.has(key) || !state.isOn));
    await updateRelayState(diaryDb, (current) =>
      current
        ? {
            ...current,
            reminders: Object.fromEntries(Object.entries(current.reminders).filter(([key]) => !deletedKeys.has(key))),
            snoozes: (current.snoozes ?? []).filter((snooze) => !finished.has(snooze.id)),
            retired: [
              ...current.retired,
              ...[...deletedKeys].flatMap((key) => {
                const entry = current.reminders[key];
                return entry ? [{ id: entry.id, secret: entry.secret }] : [];
              }),
              ...(current.snoozes ?? [])
                .filter((snooze) => finished.has(snooze.id))
                .map(({ id, secret }) => ({ id, secret })),
              ...creates.map(({ id, secret }) => ({ id, secret })),
            ],
          }
        : current,
    );

    const relayUrl = state.relayUrl;
    const created: [string, RelayEntry][] = [];
    const replaced: [string, RelayEntry][] = [];
    const deleted: string[] = [];
    let failures = 0;
    let failedSends = 0;
    const attempt = async (work: () => Promise<void>, isSend = false) => {
      try {
        await work();
      } catch {
        failures += 1;
        if (isSend) failedSends += 1;
      }
    };
    await Promise.all([
      ...creates.map((create) =>
        attempt(async () => {
          if (!subscription) return;
          await putRelayReminder(relayUrl, create, subscription, create.schedule);
          created.push([create.key, { id: create.id, secret: create.secret, schedule: create.schedule }]);
        }, true),
      ),
      ...plan.replaces.map((replace) =>
        attempt(async () => {
          if (!subscription) return;
          await putRelayReminder(relayUrl, replace.entry, subscription, replace.schedule);
          replaced.push([replace.key, { ...replace.entry, schedule: replace.schedule }]);
        }, true),
      ),
      ...plan.deletes.map((credential) =>
        attempt(async () => {
          if (!(await deleteRelayReminder(credential.relayUrl ?? relayUrl, credential)))
            throw new Error('not deleted yet');
          deleted.push(credential.id);
        }),
      ),
    ]);

    const settled = new Set([...created.map(([, entry]) => entry.id), ...deleted]);
    await updateRelayState(diaryDb, (current) => {
      if (!current) return current;
      const retired = current.retired.filter((entry) => !settled.has(entry.id));
      const isAllReplaced = replaced.length === plan.replaces.length;
      const sentWith = isAllReplaced ? subscription : null;
      const isAllSent = sentWith !== null;
      const next: RelayState = {
        ...current,
        endpoint: sentWith ? sentWith.endpoint : current.endpoint,
        keys: sentWith ? sentWith.keys : current.keys,
        // Every reminder now has the subscription this page sees: nothing for the patient to turn on again.
        isSubscriptionLost: isAllSent ? false : current.isSubscriptionLost,
        reminders: { ...current.reminders, ...Object.fromEntries(created), ...Object.fromEntries(replaced) },
        retired,
      };
      // Off, and the relay has confirmed every delete: nothing is left to remember.
      return !next.isOn && retired.length === 0 ? null : next;
    });
    this.#isAllSent = failedSends === 0;
    if (failures > 0) throw new ClosedAppRemindersError('unreachable');
  }
}

export const closedAppReminders = new ClosedAppReminders();

/** A fresh instance, as a new page starts with (tests of what the next start does). */
export function startedAfresh(): ClosedAppReminders {
  return new ClosedAppReminders();
}

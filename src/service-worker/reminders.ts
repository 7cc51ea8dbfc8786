/**
 * The service worker's reminder listeners. A tap on a notification's Taken or Snooze button is handled
 * here, writing to IndexedDB without opening a window; a tap on the notification itself opens (or focuses)
 * the app at Today. The background check runs where Periodic Background Sync exists (installed Chromium
 * apps); elsewhere the event simply never comes. Which dose is due is decided by the app's own loop while a
 * tab is open (see src/lib/state/reminder-loop.svelte.ts), never here. With closed-app reminders on, a
 * push from the relay shows its dose (relay-push.ts), a Snooze also asks the relay for a one-off reminder,
 * and a new push subscription is given to the relay (relay-actions.ts).
 */
import { DiaryDatabase } from '../lib/db/database';
import { deviceTimeZone } from '../lib/platform/clock';
import { BACKGROUND_CHECK_TAG, SW_MESSAGES, type SwMessage } from '../lib/platform/sw-messages';
import { readRelayPush } from '../lib/domain/relay-plan';
import { notificationDataSchema } from '../lib/domain/schedule';
import { base64urlToBytes, bytesToBase64url, subscriptionInfoOf } from '../lib/platform/relay-api';
import { checkMissedDoses, handleNotificationAction, type ActionOutcome } from './notification-actions';
import {
  finishSnooze,
  forgetSnoozesOfDose,
  replaceSubscriptionOnRelay,
  snoozeOnRelay,
} from '../lib/state/relay-actions';
import { notificationForRelayPush } from './relay-push';

declare const self: ServiceWorkerGlobalScope;

/** Periodic Background Sync is not in TypeScript's WebWorker library. */
interface PeriodicSyncEvent extends ExtendableEvent {
  readonly tag: string;
}

/** Nor is `pushsubscriptionchange`. */
interface PushSubscriptionChangeEvent extends ExtendableEvent {
  readonly newSubscription: PushSubscription | null;
}

let database: DiaryDatabase | undefined;
/** Opened on first use: most service-worker starts (fetches) never need it. */
function db(): DiaryDatabase {
  database ??= new DiaryDatabase();
  return database;
}

/**
 * Keep the worker alive for `work`. Only events the browser dispatched can be extended; a test that
 * dispatches a synthetic event inside the worker (tests/e2e/reminders.e2e.ts) still runs the same work.
 */
function extend(event: ExtendableEvent, work: Promise<unknown>): void {
  if (event.isTrusted) event.waitUntil(work);
  else void work;
}

async function tellWindows(message: SwMessage): Promise<readonly WindowClient[]> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage(message);
  return windows;
}

async function openToday(): Promise<void> {
  const windows = await tellWindows({ type: SW_MESSAGES.openToday });
  const existing = windows[0];
  if (existing) {
    await existing.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(new URL('./#/', self.registration.scope).href);
}

async function onNotificationClick(notification: Notification, action: string): Promise<void> {
  const outcome = await handleNotificationAction(db(), notification.data, action, Date.now()).catch(
    () => 'open' as const,
  );
  notification.close();
  // A logged dose or a snooze reaches open tabs by itself: Dexie tells other contexts of every write.
  if (outcome === 'open') await openToday();
  else await tellRelay(notification.data, outcome).catch(() => undefined);
}

async function liveSubscription() {
  const current = await self.registration.pushManager.getSubscription().catch(() => null);
  return current ? subscriptionInfoOf(current) : null;
}

/** A snooze becomes a one-off relay reminder, so it comes back with the app closed; a logged dose ends it. */
async function tellRelay(data: unknown, outcome: Exclude<ActionOutcome, 'open'>): Promise<void> {
  const parsed = notificationDataSchema.safeParse(data);
  const { medicationId, scheduledFor } = parsed.success ? parsed.data : {};
  if (!medicationId || !scheduledFor) return;
  const dose = { medicationId, scheduledFor };
  if (outcome === 'snoozed') await snoozeOnRelay(db(), dose, Date.now(), await liveSubscription(), deviceTimeZone());
  else await forgetSnoozesOfDose(db(), dose);
}

self.addEventListener('notificationclick', (event) => {
  extend(
    event,
    onNotificationClick(event.notification, event.action).catch(() => undefined),
  );
});

async function onBackgroundCheck(): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  // With a tab open, the app's own loop is already reminding.
  const windows = await self.clients.matchAll({ type: 'window' });
  if (windows.some((client) => client.visibilityState === 'visible')) return;
  const summary = await checkMissedDoses(db(), Date.now(), deviceTimeZone(), self.navigator.languages);
  if (!summary) return;
  await self.registration.showNotification(summary.title, {
    tag: 'missed-doses',
    body: summary.body,
    icon: 'pwa-192.png',
    data: { kind: 'missed' },
  });
}

self.addEventListener('periodicsync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
  const sync = event as PeriodicSyncEvent;
  if (sync.tag === BACKGROUND_CHECK_TAG)
    extend(
      sync,
      onBackgroundCheck().catch(() => undefined),
    );
});

async function onRelayPush(text: string | null): Promise<void> {
  const push = readRelayPush(text);
  if (!push) return;
  const notification = await notificationForRelayPush(db(), push, Date.now(), self.navigator.languages);
  // A snooze's one push has come: the relay may forget it (whether or not it is shown).
  await finishSnooze(db(), push.reminder).catch(() => undefined);
  // Nothing here matches the push any more: see relay-push.ts for why nothing is shown then.
  if (!notification) return;
  await self.registration.showNotification(notification.title, {
    tag: notification.tag,
    body: notification.body,
    icon: 'pwa-192.png',
    data: notification.data,
    actions: notification.actions,
    renotify: notification.renotify ?? false,
  } as NotificationOptions);
}

self.addEventListener('push', (event) => {
  let text: string | null = null;
  try {
    text = event.data?.text() ?? null;
  } catch {
    // Not text: not a relay push.
  }
  extend(
    event,
    onRelayPush(text).catch(() => undefined),
  );
});

/** A subscription for the relay's key: the browser's new one when it was made with that key, else a new one. */
async function subscribeWith(vapidKey: string, offered: PushSubscription | null) {
  const key = base64urlToBytes(vapidKey);
  if (offered && bytesToBase64url(offered.options.applicationServerKey) === bytesToBase64url(key.buffer))
    return subscriptionInfoOf(offered);
  return subscriptionInfoOf(
    await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
  );
}

self.addEventListener('pushsubscriptionchange' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
  const change = event as PushSubscriptionChangeEvent;
  extend(
    change,
    replaceSubscriptionOnRelay(db(), (vapidKey) => subscribeWith(vapidKey, change.newSubscription ?? null)).catch(
      () => undefined,
    ),
  );
});

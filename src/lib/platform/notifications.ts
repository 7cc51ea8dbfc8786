/**
 * The browser's side of reminders: notification permission, showing and closing notifications through the
 * service worker, Periodic Background Sync, the app badge, and what of all this the device can really do.
 * Everything is feature-detected; nothing is assumed. Loaded after the first screen (and by Settings).
 */

export type NotificationPermissionState = 'granted' | 'default' | 'denied' | 'unsupported';
/** What notifications can do here: as the permission says, or only after adding to the Home Screen (iOS). */
export type NotificationCapability = NotificationPermissionState | 'install-first';
export type BackgroundCapability = 'granted' | 'install-first' | 'unsupported';
import { BACKGROUND_CHECK_TAG, isSwMessage, type SwMessageType } from './sw-messages';

const BACKGROUND_CHECK_INTERVAL_MS = 12 * 3_600_000;

interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
  getTags(): Promise<string[]>;
}

type RegistrationWithPeriodicSync = ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager };

export function notificationPermission(): NotificationPermissionState {
  if (typeof Notification === 'undefined' || !('serviceWorker' in navigator)) return 'unsupported';
  return Notification.permission;
}

/** Ask for permission; only ever call this from a tap (browsers ignore or penalise anything else). */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

/**
 * Whether notifications here can carry buttons (Taken, Snooze): Chromium says so with `maxActions`;
 * Safari and Firefox show the notification without them, and a tap opens the app instead.
 */
export function notificationsHaveButtons(): boolean {
  if (typeof Notification === 'undefined') return false;
  const maxActions = (Notification as unknown as { maxActions?: unknown }).maxActions;
  return typeof maxActions === 'number' && maxActions >= 2;
}

/** Running as an installed app (from the Home Screen or the app launcher), not in a browser tab. */
export function isInstalled(): boolean {
  const standalone = (navigator as Navigator & { standalone?: boolean }).standalone;
  return standalone === true || matchMedia('(display-mode: standalone)').matches;
}

/** iPhone and iPad, where web notifications exist only in Home Screen apps (iOS 16.4 and later). */
function isAppleMobile(): boolean {
  return (
    /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (navigator.userAgent.includes('Macintosh') && navigator.maxTouchPoints > 1)
  );
}

export function notificationCapability(): NotificationCapability {
  const permission = notificationPermission();
  if (permission === 'unsupported' && isAppleMobile() && !isInstalled()) return 'install-first';
  return permission;
}

/** The service worker's registration, if one is active; never waits for one that may not come. */
export async function activeRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  return registration?.active ? registration : null;
}

export interface DoseNotification {
  tag: string;
  title: string;
  body: string;
  /** Parsed again by the service worker (`notificationDataSchema`). */
  data: unknown;
  actions: { action: string; title: string }[];
  /** Alert again when replacing a notification with the same tag (after a snooze). */
  renotify: boolean;
}

export async function showNotification(
  registration: ServiceWorkerRegistration,
  notification: DoseNotification,
): Promise<boolean> {
  const options: NotificationOptions & { actions?: DoseNotification['actions']; renotify?: boolean } = {
    tag: notification.tag,
    body: notification.body,
    data: notification.data,
    icon: 'pwa-192.png',
    actions: notification.actions,
    renotify: notification.renotify,
  };
  try {
    await registration.showNotification(notification.title, options);
    return true;
  } catch {
    return false;
  }
}

/** Close the shown notifications whose tag `isDone` says no longer need an answer (logged in the app, say). */
export async function closeNotifications(
  registration: ServiceWorkerRegistration,
  isDone: (tag: string) => boolean,
): Promise<void> {
  const shown = await registration.getNotifications().catch(() => []);
  for (const notification of shown) if (isDone(notification.tag)) notification.close();
}

/** Number on the installed app's icon, where the Badging API exists. */
export function setBadge(count: number): void {
  const badging = navigator as Navigator & {
    setAppBadge?: (count?: number) => Promise<void>;
    clearAppBadge?: () => Promise<void>;
  };
  const work = count > 0 ? badging.setAppBadge?.(count) : badging.clearAppBadge?.();
  void work?.catch(() => undefined);
}

async function periodicSyncPermission(): Promise<PermissionState | null> {
  try {
    const status = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    return status.state;
  } catch {
    return null;
  }
}

/** Whether a background check for missed doses can run here, as far as the browser says. */
export async function backgroundCapability(): Promise<BackgroundCapability> {
  const registration: RegistrationWithPeriodicSync | null = await activeRegistration();
  const hasApi =
    registration?.periodicSync !== undefined ||
    (typeof ServiceWorkerRegistration !== 'undefined' && 'periodicSync' in ServiceWorkerRegistration.prototype);
  if (!hasApi) return 'unsupported';
  const canRun =
    isInstalled() && notificationPermission() === 'granted' && (await periodicSyncPermission()) === 'granted';
  return canRun ? 'granted' : 'install-first';
}

/**
 * Ask for a background check every 12 hours at most (the browser decides when, if ever), only where the
 * API exists, the app is installed and notifications are allowed. `true` when it is registered.
 */
export async function registerBackgroundCheck(registration: ServiceWorkerRegistration): Promise<boolean> {
  const periodicSync = (registration as RegistrationWithPeriodicSync).periodicSync;
  if (!periodicSync || !isInstalled() || notificationPermission() !== 'granted') return false;
  if ((await periodicSyncPermission()) !== 'granted') return false;
  try {
    if (!(await periodicSync.getTags()).includes(BACKGROUND_CHECK_TAG))
      await periodicSync.register(BACKGROUND_CHECK_TAG, { minInterval: BACKGROUND_CHECK_INTERVAL_MS });
    return true;
  } catch {
    return false;
  }
}

/** Listen for one of the messages the service worker posts to the app's tabs (see sw-messages.ts). */
export function onServiceWorkerMessage(type: SwMessageType, listener: () => void): () => void {
  if (!('serviceWorker' in navigator)) return () => undefined;
  const handle = (event: MessageEvent) => {
    if (isSwMessage(event.data, type)) listener();
  };
  navigator.serviceWorker.addEventListener('message', handle);
  return () => navigator.serviceWorker.removeEventListener('message', handle);
}

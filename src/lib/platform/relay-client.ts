/**
 * The browser's side of the reminder relay: where it is, whether the app's policy lets the page reach it,
 * and the push subscription its pushes come through. The API calls themselves are in relay-api.ts, which
 * the service worker shares.
 */
import {
  base64urlToBytes,
  bytesToBase64url,
  RelayError,
  subscriptionInfoOf,
  vapidKeyAt,
  type PushSubscriptionInfo,
} from './relay-api';

export {
  deleteRelayReminder,
  putRelayReminder,
  RelayError,
  type PushSubscriptionInfo,
  type RelayErrorKind,
} from './relay-api';

/** The relay's origin the build allows (VITE_RELAY_ORIGIN), if any. */
function buildRelayOrigin(): string | undefined {
  return import.meta.env.VITE_RELAY_ORIGIN || undefined;
}

/** Where Settings looks first: the build's relay, else `./relay/` beside the app (the relay serving it). */
export function defaultRelayUrl(baseUri: string = document.baseURI): string {
  const origin = buildRelayOrigin();
  return origin ? `${origin}/relay/` : new URL('./relay/', baseUri).href;
}

/** An entered address as the relay's API base (`…/relay/`), or `null` when it is not an http(s) address. */
export function relayUrlOf(input: string, baseUri: string = document.baseURI): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`, baseUri);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    if (!url.pathname.endsWith('/relay/')) url.pathname += 'relay/';
    return url.href;
  } catch {
    return null;
  }
}

/** Whether the app's policy lets it reach this relay: its own origin, or the one the build names. */
export function isRelayAllowed(relayUrl: string, ownOrigin: string = location.origin): boolean {
  const origin = new URL(relayUrl).origin;
  return origin === ownOrigin || origin === buildRelayOrigin();
}

/** The relay's public VAPID key: what the push subscription is made with. Also proves a relay answers there. */
export async function fetchVapidKey(relayUrl: string): Promise<string> {
  if (!isRelayAllowed(relayUrl)) throw new RelayError('not-allowed', relayUrl);
  return vapidKeyAt(relayUrl);
}

/** Whether this browser can subscribe to Web Push at all. */
export function hasPush(): boolean {
  return typeof PushManager !== 'undefined' && 'serviceWorker' in navigator;
}

/**
 * The push subscription for this relay's key: the current one when it was made with that key, else a new
 * one (`userVisibleOnly`: every push shows a notification, the only kind browsers allow).
 */
export async function subscribeToPush(
  registration: ServiceWorkerRegistration,
  vapidKey: string,
): Promise<PushSubscriptionInfo> {
  if (!hasPush()) throw new RelayError('no-push', 'no PushManager');
  const key = base64urlToBytes(vapidKey);
  try {
    const current = await registration.pushManager.getSubscription();
    if (current) {
      if (bytesToBase64url(current.options.applicationServerKey) === bytesToBase64url(key.buffer))
        return subscriptionInfoOf(current);
      await current.unsubscribe();
    }
    return subscriptionInfoOf(
      await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
    );
  } catch (error) {
    throw new RelayError('no-push', error instanceof Error ? error.message : String(error));
  }
}

/** The current push subscription, or `null` (the browser dropped it, or there never was one). */
export async function currentPushSubscription(
  registration: ServiceWorkerRegistration,
): Promise<PushSubscriptionInfo | null> {
  if (!hasPush()) return null;
  const current = await registration.pushManager.getSubscription().catch(() => null);
  return current ? subscriptionInfoOf(current) : null;
}

/** End the push subscription: no push reaches this device any more. */
export async function unsubscribeFromPush(registration: ServiceWorkerRegistration): Promise<void> {
  if (!hasPush()) return;
  const current = await registration.pushManager.getSubscription().catch(() => null);
  await current?.unsubscribe().catch(() => false);
}

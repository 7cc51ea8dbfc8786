/**
 * The browser's side of the reminder relay: where it is, its API (relay/api.ts: the VAPID key, PUT and
 * DELETE of a reminder with its capability secret), and the push subscription its pushes come through.
 * Every answer from the relay is read with zod; every failure is a `RelayError` with a kind Settings can
 * put into words.
 */
import * as z from 'zod/mini';
import type { RelaySchedule } from '../domain/relay-schedule';

export type RelayErrorKind =
  /** Nothing answered at the address, or it is not a relay. */
  | 'unreachable'
  /** The address is on another origin than the app's, and the build's policy does not allow it. */
  | 'not-allowed'
  /** The relay refused the request (a 4xx other than a missing reminder). */
  | 'refused'
  /** This browser has no Web Push, or refused a subscription. */
  | 'no-push';

export class RelayError extends Error {
  constructor(
    readonly kind: RelayErrorKind,
    detail: string,
  ) {
    super(`relay: ${kind}: ${detail}`);
    this.name = 'RelayError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

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

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new RelayError('unreachable', error instanceof Error ? error.message : String(error));
  }
}

const vapidAnswerSchema = z.object({ publicKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{80,100}$/)) });

/** The relay's public VAPID key: what the push subscription is made with. Also proves a relay answers there. */
export async function fetchVapidKey(relayUrl: string): Promise<string> {
  if (!isRelayAllowed(relayUrl)) throw new RelayError('not-allowed', relayUrl);
  const response = await request(new URL('vapid-public-key', relayUrl).href, { method: 'GET' });
  const body: unknown = response.ok ? await response.json().catch(() => null) : null;
  const parsed = vapidAnswerSchema.safeParse(body);
  if (!parsed.success) throw new RelayError('unreachable', `no relay at ${relayUrl} (${response.status})`);
  return parsed.data.publicKey;
}

/** What the relay is given about the push subscription: its endpoint and keys, nothing else. */
export interface PushSubscriptionInfo {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Create or replace a reminder on the relay. */
export async function putRelayReminder(
  relayUrl: string,
  reminder: { id: string; secret: string },
  subscription: PushSubscriptionInfo,
  schedule: RelaySchedule,
): Promise<void> {
  const response = await request(new URL(`reminders/${reminder.id}`, relayUrl).href, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${reminder.secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ subscription, schedule }),
  });
  if (response.ok) return;
  const kind = response.status >= 400 && response.status < 500 && response.status !== 429 ? 'refused' : 'unreachable';
  throw new RelayError(kind, `PUT ${response.status}`);
}

/**
 * Delete a reminder on the relay. `true` once it is gone: deleted now, or not there any more (404, or
 * 403: the id is held by a secret not ours, so nothing of ours is left to delete). `false` when the
 * relay could not be reached or failed: the caller keeps the secret and tries again later.
 */
export async function deleteRelayReminder(relayUrl: string, reminder: { id: string; secret: string }) {
  try {
    const response = await request(new URL(`reminders/${reminder.id}`, relayUrl).href, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${reminder.secret}` },
    });
    return response.ok || response.status === 404 || response.status === 403;
  } catch {
    return false;
  }
}

function base64urlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function bytesToBase64url(buffer: ArrayBuffer | null): string {
  if (!buffer) return '';
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether this browser can subscribe to Web Push at all. */
export function hasPush(): boolean {
  return typeof PushManager !== 'undefined' && 'serviceWorker' in navigator;
}

function infoOf(subscription: PushSubscription): PushSubscriptionInfo {
  return {
    endpoint: subscription.endpoint,
    keys: {
      p256dh: bytesToBase64url(subscription.getKey('p256dh')),
      auth: bytesToBase64url(subscription.getKey('auth')),
    },
  };
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
        return infoOf(current);
      await current.unsubscribe();
    }
    return infoOf(await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
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
  return current ? infoOf(current) : null;
}

/** End the push subscription: no push reaches this device any more. */
export async function unsubscribeFromPush(registration: ServiceWorkerRegistration): Promise<void> {
  if (!hasPush()) return;
  const current = await registration.pushManager.getSubscription().catch(() => null);
  await current?.unsubscribe().catch(() => false);
}

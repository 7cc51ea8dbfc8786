/**
 * The reminder relay's HTTP API as the page and the service worker both call it (relay/api.ts: the VAPID
 * key, PUT and DELETE of a reminder with its capability secret), and the push subscription as the relay is
 * given it. No DOM here, so the service worker (its own tsconfig, `lib: webworker`) imports it too; where
 * the relay is and whether the app's policy allows it is relay-client.ts's job. Every answer is read with
 * zod; every failure is a `RelayError` with a kind Settings can put into words.
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

const vapidAnswerSchema = z.lazy(() => z.object({ publicKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{80,100}$/)) }));

/** The relay's public VAPID key, asked of the relay at `relayUrl` (the caller checked it may be reached). */
export async function vapidKeyAt(relayUrl: string): Promise<string> {
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

export function base64urlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function bytesToBase64url(buffer: ArrayBuffer | null): string {
  if (!buffer) return '';
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What the relay is given of a push subscription. */
export function subscriptionInfoOf(subscription: PushSubscription): PushSubscriptionInfo {
  return {
    endpoint: subscription.endpoint,
    keys: {
      p256dh: bytesToBase64url(subscription.getKey('p256dh')),
      auth: bytesToBase64url(subscription.getKey('auth')),
    },
  };
}

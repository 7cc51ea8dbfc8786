/**
 * Sends one content-free Web Push: `web-push` signs it with the relay's VAPID key (RFC 8292) and encrypts
 * the payload for the subscription (RFC 8291, aes128gcm); Node's fetch delivers it. The payload is the
 * reminder's opaque id and its due instant, nothing else; the Topic header (a hash of both) lets a push
 * service replace a copy it still holds instead of delivering it twice.
 */
import { createHash } from 'node:crypto';
import webpush from 'web-push';
import type { RelayPush } from '../src/lib/domain/relay-schedule';
import { MAX_LATE_MS, type PushOutcome } from './policy';
import type { SendJob, VapidKeys } from './store/types';

export interface PushSender {
  send(job: SendJob, nowMs: number): Promise<PushOutcome>;
}

const SEND_TIMEOUT_MS = 30_000;
/** How long a VAPID JWT lasts (RFC 8292 allows at most 24 hours) and how long one is reused. */
const VAPID_JWT_S = 12 * 60 * 60;
const VAPID_REUSE_MS = 60 * 60_000;

/**
 * The VAPID Authorization header for an endpoint's push service, made once an hour per service origin.
 * web-push would sign a new JWT for every push, and signing (with its key conversion) costs twice the
 * payload's encryption; a JWT is not tied to a push, only to the service's origin and its expiry.
 * `wallClockMs` is the real clock: the JWT's expiry is checked against the push service's. (web-push's
 * global VAPID details are never set, so these headers are the only signature a push carries.)
 */
export function vapidHeaders(
  options: { vapid: VapidKeys; subject: string },
  wallClockMs: () => number = Date.now,
): (endpoint: string) => Record<string, string> {
  const made = new Map<string, { headers: Record<string, string>; atMs: number }>();
  return (endpoint) => {
    const audience = new URL(endpoint).origin;
    const nowMs = wallClockMs();
    const cached = made.get(audience);
    if (cached && nowMs - cached.atMs < VAPID_REUSE_MS) return cached.headers;
    const expiresS = Math.floor(nowMs / 1000) + VAPID_JWT_S;
    const { Authorization } = webpush.getVapidHeaders(
      audience,
      options.subject,
      options.vapid.publicKey,
      options.vapid.privateKey,
      'aes128gcm',
      expiresS,
    );
    const headers = { Authorization };
    made.set(audience, { headers, atMs: nowMs });
    return headers;
  };
}

export function webPushSender(options: { vapid: VapidKeys; subject: string; wallClockMs?: () => number }): PushSender {
  const authorization = vapidHeaders(options, options.wallClockMs);
  return {
    async send(job, nowMs) {
      const payload: RelayPush = { reminder: job.reminderId, dueAtMs: job.dueMs };
      const details = webpush.generateRequestDetails(
        { endpoint: job.subscription.endpoint, keys: { p256dh: job.subscription.p256dh, auth: job.subscription.auth } },
        JSON.stringify(payload),
        {
          headers: authorization(job.subscription.endpoint),
          TTL: Math.max(0, Math.round((job.dueMs + MAX_LATE_MS - nowMs) / 1000)),
          urgency: 'high',
          topic: createHash('sha256').update(`${job.reminderId}@${job.dueMs}`).digest('base64url').slice(0, 32),
        },
      );
      const headers = Object.fromEntries(
        Object.entries(details.headers)
          .filter(([name]) => name.toLowerCase() !== 'content-length')
          .map(([name, value]) => [name, String(value)]),
      );
      try {
        const response = await fetch(details.endpoint, {
          method: 'POST',
          headers,
          body: details.body ?? null,
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        return { status: response.status, retryAfter: response.headers.get('retry-after') };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

export function makeVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}

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

export function webPushSender(options: { vapid: VapidKeys; subject: string }): PushSender {
  const vapidDetails = { subject: options.subject, ...options.vapid };
  return {
    async send(job, nowMs) {
      const payload: RelayPush = { reminder: job.reminderId, dueAtMs: job.dueMs };
      const details = webpush.generateRequestDetails(
        { endpoint: job.subscription.endpoint, keys: { p256dh: job.subscription.p256dh, auth: job.subscription.auth } },
        JSON.stringify(payload),
        {
          vapidDetails,
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

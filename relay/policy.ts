/**
 * The relay's rules, pure and clocked from outside: which due instants are still worth a push, where a
 * replaced reminder picks up, and what to do after each answer from a push service.
 *
 * - A send more than `MAX_LATE_MS` late (the relay was down) is skipped: the device's own 12-hour rule
 *   would not show it either. Later ones are sent, each once.
 * - A reminder created or replaced picks up after what it was already sent, and at most a minute back, so
 *   a reminder set for this very minute still comes and a changed one never repeats a send.
 * - 2xx: sent. 404 or 410: the subscription is gone, the reminder is deleted. 429, 5xx, a network error or
 *   a timeout: tried again with exponential backoff (or the service's Retry-After), until the push would
 *   be too late or after `MAX_ATTEMPTS`. Any other answer (400, 401, 403, 413): given up, the reminder kept.
 */
import { nextRelaySendMs, type RelaySchedule } from '../src/lib/domain/relay-schedule';
import { NOTIFY_WITHIN_MS } from '../src/lib/domain/schedule';
import type { DuePlan, DueReminder, SendJob } from './store/types';

export const MAX_LATE_MS = NOTIFY_WITHIN_MS;
export const CATCH_UP_MS = 60_000;
export const MAX_ATTEMPTS = 10;
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 15 * 60_000;

/** When a created or replaced reminder falls due first. */
export function firstDueMs(schedule: RelaySchedule, sentThroughMs: number | null, nowMs: number): number | null {
  return nextRelaySendMs(schedule, Math.max(sentThroughMs ?? -Infinity, nowMs - CATCH_UP_MS - 1));
}

/** A due reminder's sends up to `nowMs`, skipping those too late to matter, and its next due time. */
export function planDue(due: DueReminder, nowMs: number): DuePlan {
  const sendDueMs: number[] = [];
  let next: number | null = due.nextDueMs;
  let through = due.sentThroughMs ?? due.nextDueMs;
  while (next !== null && next <= nowMs) {
    through = next;
    if (nowMs - next <= MAX_LATE_MS) sendDueMs.push(next);
    next = nextRelaySendMs(due.schedule, Math.max(next, nowMs - MAX_LATE_MS - 1));
  }
  return { sendDueMs, nextDueMs: next, sentThroughMs: through };
}

/** What a push service answered, or that it could not be reached. */
export type PushOutcome = { status: number; retryAfter?: string | null } | { error: string };

export type SendDecision =
  | { kind: 'sent' }
  | { kind: 'gone' }
  | { kind: 'retry'; attempts: number; atMs: number }
  | { kind: 'give-up'; reason: string };

/** Seconds or an HTTP date, as a delay in ms from `nowMs`. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** What to do with a send after its push service answered. `random` in [0, 1) spreads the retries. */
export function decideAfterSend(
  outcome: PushOutcome,
  job: Pick<SendJob, 'attempts' | 'dueMs'>,
  nowMs: number,
  random: () => number = Math.random,
): SendDecision {
  if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) return { kind: 'sent' };
  if ('status' in outcome && (outcome.status === 404 || outcome.status === 410)) return { kind: 'gone' };
  const isTransient = 'error' in outcome || outcome.status === 429 || outcome.status >= 500;
  if (!isTransient) return { kind: 'give-up', reason: `push service answered ${outcome.status}` };
  const attempts = job.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) return { kind: 'give-up', reason: `no success after ${attempts} attempts` };
  const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** job.attempts) * (0.5 + random() / 2);
  const asked = 'status' in outcome ? retryAfterMs(outcome.retryAfter, nowMs) : undefined;
  const atMs = nowMs + Math.round(Math.min(MAX_RETRY_MS * 4, Math.max(backoff, asked ?? 0)));
  if (atMs - job.dueMs > MAX_LATE_MS) return { kind: 'give-up', reason: 'too late to be worth a reminder' };
  return { kind: 'retry', attempts, atMs };
}

/** The relay's rules: what follows each push service answer, which late sends still go, where a changed reminder picks up. */
import { describe, expect, it } from 'vitest';
import type { RelaySchedule } from '../src/lib/domain/relay-schedule';
import {
  decideAfterSend,
  firstDueMs,
  FIRST_RETRY_MS,
  MAX_ATTEMPTS,
  MAX_LATE_MS,
  MAX_RETRY_MS,
  planDue,
  retryAfterMs,
} from './policy';

const utc = (iso: string) => Date.parse(iso);
const DUE = utc('2026-01-10T08:00:00Z');
const job = (attempts = 0) => ({ attempts, dueMs: DUE });
const daily = (times: string[], timeZone = 'Europe/London'): RelaySchedule => ({
  times,
  days: { weekdays: [0, 1, 2, 3, 4, 5, 6] },
  timeZone,
});

describe('decideAfterSend', () => {
  it('is done on any 2xx, and deletes the reminder on 404 or 410 (the subscription is gone)', () => {
    for (const status of [200, 201, 202, 204])
      expect(decideAfterSend({ status }, job(), DUE)).toEqual({ kind: 'sent' });
    for (const status of [404, 410]) expect(decideAfterSend({ status }, job(), DUE)).toEqual({ kind: 'gone' });
  });

  it('retries 429, 5xx and network errors with waits that double from 5 s, spread by the random factor', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    for (const outcome of [{ status: 429 }, { status: 500 }, { status: 503 }, { error: 'ECONNRESET' }]) {
      expect(decideAfterSend(outcome, job(0), DUE, low)).toEqual({ kind: 'retry', attempts: 1, atMs: DUE + 2500 });
      expect(decideAfterSend(outcome, job(0), DUE, high)).toEqual({ kind: 'retry', attempts: 1, atMs: DUE + 5000 });
    }
    const waits = [0, 1, 2, 3, 4, 5, 6, 7].map((attempts) => {
      const decision = decideAfterSend({ status: 503 }, job(attempts), DUE, high);
      return decision.kind === 'retry' ? decision.atMs - DUE : decision.kind;
    });
    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 320, 640].map((seconds) => Math.min(seconds * 1000, MAX_RETRY_MS)));
    expect(FIRST_RETRY_MS).toBe(5000);
  });

  it('waits at least what Retry-After asks, in seconds or as a date, within an hour', () => {
    expect(decideAfterSend({ status: 429, retryAfter: '120' }, job(), DUE, () => 0)).toMatchObject({
      atMs: DUE + 120_000,
    });
    const date = new Date(DUE + 300_000).toUTCString();
    expect(decideAfterSend({ status: 503, retryAfter: date }, job(), DUE, () => 0)).toMatchObject({
      atMs: DUE + 300_000,
    });
    expect(decideAfterSend({ status: 429, retryAfter: '86400' }, job(), DUE, () => 0)).toMatchObject({
      atMs: DUE + 4 * MAX_RETRY_MS,
    });
    // Junk is ignored; the backoff applies.
    expect(decideAfterSend({ status: 429, retryAfter: 'soon' }, job(), DUE, () => 0)).toMatchObject({
      atMs: DUE + 2500,
    });
  });

  it('gives up on other answers, after the last attempt, and when the push would come too late to matter', () => {
    for (const status of [400, 401, 403, 413])
      expect(decideAfterSend({ status }, job(), DUE)).toEqual({
        kind: 'give-up',
        reason: `push service answered ${status}`,
      });
    expect(decideAfterSend({ status: 503 }, job(MAX_ATTEMPTS - 1), DUE)).toEqual({
      kind: 'give-up',
      reason: `no success after ${MAX_ATTEMPTS} attempts`,
    });
    expect(decideAfterSend({ status: 503 }, job(1), DUE + MAX_LATE_MS - 1000, () => 0)).toEqual({
      kind: 'give-up',
      reason: 'too late to be worth a reminder',
    });
  });

  it('reads Retry-After as seconds or an HTTP date, a past date as no wait', () => {
    expect(retryAfterMs('30', DUE)).toBe(30_000);
    expect(retryAfterMs(new Date(DUE + 60_000).toUTCString(), DUE)).toBe(60_000);
    expect(retryAfterMs(new Date(DUE - 60_000).toUTCString(), DUE)).toBe(0);
    expect(retryAfterMs(null, DUE)).toBeUndefined();
    expect(retryAfterMs('soon', DUE)).toBeUndefined();
  });
});

describe('planDue', () => {
  it('sends what fell due and moves to the next time', () => {
    const schedule = daily(['08:00', '20:00']);
    expect(planDue({ id: 'r', schedule, nextDueMs: DUE, sentThroughMs: null }, DUE + 500)).toEqual({
      sendDueMs: [DUE],
      nextDueMs: utc('2026-01-10T20:00:00Z'),
      sentThroughMs: DUE,
    });
  });

  it('after a long outage sends each time still worth a reminder, once, and skips those over 12 hours late', () => {
    const hourly = daily(Array.from({ length: 24 }, (_, hour) => `${String(hour).padStart(2, '0')}:00`));
    const nowMs = utc('2026-01-11T03:30:00Z');
    const plan = planDue({ id: 'r', schedule: hourly, nextDueMs: DUE, sentThroughMs: DUE - 3600_000 }, nowMs);
    expect(plan.sendDueMs.map((ms) => new Date(ms).toISOString().slice(11, 16))).toEqual([
      '16:00',
      '17:00',
      '18:00',
      '19:00',
      '20:00',
      '21:00',
      '22:00',
      '23:00',
      '00:00',
      '01:00',
      '02:00',
      '03:00',
    ]);
    expect(plan.nextDueMs).toBe(utc('2026-01-11T04:00:00Z'));
    expect(plan.sentThroughMs).toBe(utc('2026-01-11T03:00:00Z'));
  });

  it('ends with the schedule', () => {
    const schedule = { ...daily(['08:00']), endDate: '2026-01-10' };
    expect(planDue({ id: 'r', schedule, nextDueMs: DUE, sentThroughMs: null }, DUE)).toEqual({
      sendDueMs: [DUE],
      nextDueMs: null,
      sentThroughMs: DUE,
    });
  });
});

describe('firstDueMs', () => {
  const schedule = daily(['08:00']);

  it('still sends a reminder made in the minute it is due, and not one made later', () => {
    expect(firstDueMs(schedule, null, DUE + 30_000)).toBe(DUE);
    expect(firstDueMs(schedule, null, DUE + 61_000)).toBe(utc('2026-01-11T08:00:00Z'));
  });

  it('never repeats what a replaced reminder was sent, even within that minute', () => {
    expect(firstDueMs(schedule, DUE, DUE + 30_000)).toBe(utc('2026-01-11T08:00:00Z'));
  });

  it('follows a change of zone from the next new wall-clock time after what was sent', () => {
    // Sent 08:00 London (08:00 UTC); in Shanghai from 09:00 UTC: Shanghai's 08:00 today has passed.
    expect(firstDueMs(daily(['08:00'], 'Asia/Shanghai'), DUE, utc('2026-01-10T09:00:00Z'))).toBe(
      utc('2026-01-11T00:00:00Z'),
    );
    // Sent 08:00 Shanghai (00:00 UTC); in London from 01:00 UTC: London's 08:00 is still ahead today.
    expect(
      firstDueMs(daily(['08:00'], 'Europe/London'), utc('2026-01-10T00:00:00Z'), utc('2026-01-10T01:00:00Z')),
    ).toBe(DUE);
  });
});

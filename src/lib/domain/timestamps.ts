/**
 * Moments (milliseconds since 1970) that come from outside, such as a backup's rows or its export time:
 * bounded to real instants a `Date` can hold, and, where the device's clock is known, not later than now
 * beyond a small skew. A backup "made" in 2200 would otherwise silence backup reminders forever, and a row
 * "updated" then would win every merge.
 */
import * as z from 'zod/mini';

/** Later than any real diary; far below the 8.64e15 ms a `Date` can hold, so every check stays in range. */
export const LATEST_TIME_MS = Date.UTC(2100, 0, 1);
/** How far ahead of this device's clock another device's clock may be (time zones are not involved: UTC ms). */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export const timestampSchema = z.lazy(() => z.int().check(z.gte(0), z.lte(LATEST_TIME_MS)));

/** Whether a moment lies after `nowMs` by more than the allowed clock skew. */
export function isInTheFuture(timeMs: number, nowMs: number): boolean {
  return timeMs > nowMs + CLOCK_SKEW_MS;
}

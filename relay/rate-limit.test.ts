/** The per-address rate limit: a bucket of requests per window, refilled with time, never by a clock going back. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a window’s requests per address, then refills over the window', () => {
    let nowMs = 1_000_000;
    const limiter = new RateLimiter({ requests: 3, windowMs: 60_000, clock: () => nowMs });
    expect([1, 2, 3, 4].map(() => limiter.allow('a'))).toEqual([true, true, true, false]);
    expect(limiter.allow('b')).toBe(true);
    nowMs += 20_000;
    expect([limiter.allow('a'), limiter.allow('a')]).toEqual([true, false]);
  });

  it('keeps answering when the clock steps back, instead of refusing everyone for as long as the step', () => {
    let nowMs = 10_000_000;
    const limiter = new RateLimiter({ requests: 3, windowMs: 60_000, clock: () => nowMs });
    expect(limiter.allow('a')).toBe(true);
    nowMs -= 30 * 60_000;
    expect([limiter.allow('a'), limiter.allow('a')]).toEqual([true, true]);
    expect(limiter.allow('a')).toBe(false);
  });
});

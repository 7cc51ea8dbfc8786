/** Requests per address: a token bucket each, refilled over a window, forgotten once full again. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; atMs: number }>();
  readonly #capacity: number;
  readonly #windowMs: number;
  readonly #clock: () => number;

  constructor(options: { requests: number; windowMs: number; clock?: () => number }) {
    this.#capacity = options.requests;
    this.#windowMs = options.windowMs;
    this.#clock = options.clock ?? Date.now;
  }

  /** Whether `address` may make one more request now (and counts it). */
  allow(address: string): boolean {
    const nowMs = this.#clock();
    const bucket = this.#buckets.get(address) ?? { tokens: this.#capacity, atMs: nowMs };
    const refilled = Math.min(
      this.#capacity,
      // A clock stepped back (NTP) refills nothing, rather than emptying every bucket for as long as the step.
      bucket.tokens + (Math.max(0, nowMs - bucket.atMs) * this.#capacity) / this.#windowMs,
    );
    if (this.#buckets.size > 10_000) this.#forgetFull(nowMs);
    if (refilled < 1) {
      this.#buckets.set(address, { tokens: refilled, atMs: nowMs });
      return false;
    }
    this.#buckets.set(address, { tokens: refilled - 1, atMs: nowMs });
    return true;
  }

  #forgetFull(nowMs: number): void {
    for (const [address, bucket] of this.#buckets)
      if (nowMs - bucket.atMs >= this.#windowMs) this.#buckets.delete(address);
  }
}

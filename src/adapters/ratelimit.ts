/** A per-user sliding window: at most `max` requests per `windowMs`. */
export class RateLimiter {
  private hits = new Map<string, number[]>();
  constructor(private readonly max = 8, private readonly windowMs = 20_000) {}

  /** Milliseconds to wait, or 0 when the request may go ahead (and is counted). */
  check(user: string, now = Date.now()): number {
    const recent = (this.hits.get(user) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(user, recent);
      return this.windowMs - (now - recent[0]);
    }
    recent.push(now);
    this.hits.set(user, recent);
    return 0;
  }
}

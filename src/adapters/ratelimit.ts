import { first, last } from '../list.js';

/**
 * A per-user sliding window: at most `max` requests per `windowMs`. Bounded: a user with no request inside the
 * window is forgotten (their next request starts a fresh window, exactly as if remembered), and at most
 * `maxUsers` users are kept at all, so a long-running bot seen by many people holds a small, fixed amount.
 */
export class RateLimiter {
  /** Recent request times per user, the least recently seen user first (a user is re-inserted on each request). */
  private hits = new Map<string, number[]>();
  constructor(
    private readonly max = 8,
    private readonly windowMs = 20_000,
    private readonly maxUsers = 10_000,
  ) {}

  /** Milliseconds to wait, or 0 when the request may go ahead (and is counted). */
  check(user: string, now = Date.now()): number {
    const recent = (this.hits.get(user) ?? []).filter((t) => now - t < this.windowMs);
    this.hits.delete(user);
    this.prune(now);
    this.hits.set(user, recent);
    if (recent.length >= this.max) return this.windowMs - (now - first(recent));
    recent.push(now);
    return 0;
  }

  /** How many users are remembered. */
  get size(): number {
    return this.hits.size;
  }

  /**
   * Forgets idle users from the least recently seen end, stopping at the first one still inside its window, so
   * each call does work only for the users it drops. Then, at the cap, the least recently seen go first, leaving
   * room for the user being checked: forgetting a user can only let them make a few more requests, never block
   * anyone.
   */
  private prune(now: number): void {
    for (const [user, times] of this.hits) {
      if (now - last(times) < this.windowMs) break;
      this.hits.delete(user);
    }
    while (this.hits.size >= this.maxUsers) this.hits.delete(this.hits.keys().next().value!);
  }
}

// One breaker per model: after 5 consecutive failures it opens for 30 s (requests skip straight to the
// fallback); then one probe request is let through: success closes it, failure opens it again.

export type BreakerState = 'closed' | 'open' | 'half-open';

interface Entry {
  failures: number;
  openedAt?: number;
  probing: boolean;
}

export class CircuitBreaker {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly threshold = 5,
    private readonly openMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  state(key: string): BreakerState {
    const e = this.entries.get(key);
    if (!e || e.openedAt === undefined) return 'closed';
    return this.now() - e.openedAt >= this.openMs ? 'half-open' : 'open';
  }

  /** Whether a request may go out now. In half-open state only one probe at a time is allowed. */
  tryAcquire(key: string): boolean {
    const state = this.state(key);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const e = this.entries.get(key)!;
    if (e.probing) return false;
    e.probing = true;
    return true;
  }

  /** Seconds until an open breaker lets a probe through (0 when not open). */
  retryInSeconds(key: string): number {
    const e = this.entries.get(key);
    if (!e || e.openedAt === undefined) return 0;
    return Math.max(0, Math.ceil((e.openedAt + this.openMs - this.now()) / 1000));
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  recordFailure(key: string): void {
    const e = this.entries.get(key) ?? { failures: 0, probing: false };
    e.failures++;
    if (e.probing || e.failures >= this.threshold) e.openedAt = this.now();
    e.probing = false;
    this.entries.set(key, e);
  }

  /** A request that ended without telling us anything about the server (e.g. the user stopped it). */
  release(key: string): void {
    const e = this.entries.get(key);
    if (e) e.probing = false;
  }
}

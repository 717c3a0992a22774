// When to poll a batch next: exponential backoff, capped, with jitter so many windows polling the same
// account spread out. Batches take minutes to hours, so the cap is a minute, not seconds.

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
  /** 0..1: each delay is shortened by up to this fraction, at random. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 5_000, factor: 1.6, maxMs: 60_000, jitter: 0.2 };

/** Delay before poll number `attempt + 1` (attempt 0 = the first wait). `random` returns [0, 1). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(base * (1 - jitter * random()));
}

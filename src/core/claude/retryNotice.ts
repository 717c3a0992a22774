// Works out, from a failed attempt's response, whether the SDK will retry it and after how long, so the
// user can see a countdown. Mirrors the SDK's own policy (x-should-retry, 408/409/429/5xx, retry-after-ms,
// retry-after, else exponential backoff from 0.5 s to 8 s with up to 25% jitter).

export interface RetryNotice {
  /** 1-based number of the retry about to happen. */
  readonly attempt: number;
  readonly maxRetries: number;
  readonly status: number;
  /** How long the SDK will wait; for backoff without a header this is the upper bound. */
  readonly delayMs: number;
  /** True when the server said how long to wait (retry-after). */
  readonly serverSaid: boolean;
}

interface HeaderBag {
  get(name: string): string | null;
}

export function retryNotice(status: number, headers: HeaderBag, retriesSoFar: number, maxRetries: number, now = Date.now()): RetryNotice | undefined {
  if (retriesSoFar >= maxRetries) return undefined;
  const should = headers.get('x-should-retry');
  const retryable = should === 'true' || (should !== 'false' && (status === 408 || status === 409 || status === 429 || status >= 500));
  if (!retryable) return undefined;
  const base = { attempt: retriesSoFar + 1, maxRetries, status };
  const ms = parseFloat(headers.get('retry-after-ms') ?? '');
  if (ms > 0 && ms <= 2 ** 31 - 1) return { ...base, delayMs: ms, serverSaid: true };
  const after = headers.get('retry-after');
  if (after) {
    const seconds = parseFloat(after);
    const delay = Number.isNaN(seconds) ? Date.parse(after) - now : seconds * 1000;
    if (delay > 0 && delay <= 2 ** 31 - 1) return { ...base, delayMs: delay, serverSaid: true };
  }
  return { ...base, delayMs: Math.min(0.5 * 2 ** retriesSoFar, 8) * 1000, serverSaid: false };
}

// Number formatting for usage lines.
import { formatUsd } from '../shared/money';
import type { UsageSnapshot } from '../shared/protocol';

export { formatUsd };

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}K`;
  return n.toLocaleString('en-US');
}


/** "1,234 in (800 cache read, 300 cache write) · 56 out · $0.0031" */
export function usageLine(u: UsageSnapshot): string {
  const input = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  const cache = [u.cacheReadTokens > 0 ? `${formatTokens(u.cacheReadTokens)} cache read` : '', u.cacheWriteTokens > 0 ? `${formatTokens(u.cacheWriteTokens)} cache write` : ''].filter(Boolean);
  const requests = u.requests > 1 ? ` · ${u.requests} requests` : '';
  return `${formatTokens(input)} in${cache.length ? ` (${cache.join(', ')})` : ''} · ${formatTokens(u.outputTokens)} out · ${formatUsd(u.costUsd)}${u.costComplete ? '' : '+'}${requests}`;
}

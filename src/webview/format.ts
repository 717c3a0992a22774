// Number formatting for usage lines.
import type { UsageSnapshot } from '../shared/protocol';

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}K`;
  return n.toLocaleString('en-US');
}

export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  // Below a cent four decimals, so small requests never look free; "<" for the truly tiny.
  if (value < 0.0001) return '<$0.0001';
  // Up to four decimals below a dollar, trailing zeros trimmed to two: $0.0081, $0.42, $1.50.
  return value < 1 ? `$${value.toFixed(4).replace(/(\.\d\d\d*?)0+$/, '$1')}` : `$${value.toFixed(2)}`;
}

/** "1,234 in (800 cache read, 300 cache write) · 56 out · $0.0031" */
export function usageLine(u: UsageSnapshot): string {
  const input = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  const cache = [u.cacheReadTokens > 0 ? `${formatTokens(u.cacheReadTokens)} cache read` : '', u.cacheWriteTokens > 0 ? `${formatTokens(u.cacheWriteTokens)} cache write` : ''].filter(Boolean);
  const requests = u.requests > 1 ? ` · ${u.requests} requests` : '';
  return `${formatTokens(input)} in${cache.length ? ` (${cache.join(', ')})` : ''} · ${formatTokens(u.outputTokens)} out · ${formatUsd(u.costUsd)}${u.costComplete ? '' : '+'}${requests}`;
}

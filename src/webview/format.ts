// Number formatting for usage lines.
import type { UsageSnapshot } from '../shared/protocol';

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}K`;
  return n.toLocaleString('en-US');
}

export function formatUsd(value: number): string {
  if (value === 0) return '$0.00';
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`;
}

/** "1,234 in (800 cached) · 56 out · $0.0031" */
export function usageLine(u: UsageSnapshot): string {
  const input = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  const cached = u.cacheReadTokens > 0 ? ` (${formatTokens(u.cacheReadTokens)} cached)` : '';
  return `${formatTokens(input)} in${cached} · ${formatTokens(u.outputTokens)} out · ${formatUsd(u.costUsd)}${u.costComplete ? '' : '+'}`;
}

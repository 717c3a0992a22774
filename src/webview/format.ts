// Number formatting for usage lines.
import { formatUsd } from '../shared/money';
import type { UsageSnapshot } from '../shared/protocol';
import { strings } from './strings';

export { formatUsd };

export function formatTokens(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}K`;
  return n.toLocaleString('en-US');
}

/** "$0.0031", or "$0.0031+" when some of the usage had no known price. */
export function formatCost(costUsd: number, complete: boolean): string {
  return `${formatUsd(costUsd)}${complete ? '' : '+'}`;
}

function cacheText(read: number, write: number): string | undefined {
  const s = strings.usage;
  if (read > 0 && write > 0) return s.cacheReadWrite(formatTokens(read), formatTokens(write));
  if (read > 0) return s.cacheRead(formatTokens(read));
  if (write > 0) return s.cacheWrite(formatTokens(write));
  return undefined;
}

/** "1,234 in (800 cache read, 300 cache write) · 56 out · $0.0031" */
export function usageLine(u: UsageSnapshot): string {
  const s = strings.usage;
  const input = formatTokens(u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens);
  const cache = cacheText(u.cacheReadTokens, u.cacheWriteTokens);
  const parts = [cache ? s.inputWithCache(input, cache) : s.input(input), s.output(formatTokens(u.outputTokens)), formatCost(u.costUsd, u.costComplete)];
  if (u.requests > 1) parts.push(s.requests(u.requests));
  return parts.join(' · ');
}

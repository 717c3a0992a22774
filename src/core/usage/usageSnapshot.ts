// Usage totals in the shape the panel shows.
import type { UsageSnapshot } from '../../shared/protocol';
import type { UsageTotals } from './usageTotals';

export function usageSnapshot(t: UsageTotals): UsageSnapshot {
  return {
    requests: t.requests,
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cacheReadTokens: t.cacheReadTokens,
    cacheWriteTokens: t.cacheWriteTokens,
    thinkingTokens: t.thinkingTokens,
    costUsd: t.cost.total,
    costComplete: t.costComplete,
  };
}

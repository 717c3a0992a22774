// Running totals of tokens and cost, kept per turn and per conversation.
import { addCost, costOf, type BillableUsage, type Cost, ZERO_COST } from './pricing';

export interface RequestUsage extends BillableUsage {
  readonly thinkingTokens: number;
}

export interface UsageTotals {
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly thinkingTokens: number;
  readonly cost: Cost;
  /** False when some request's model had no known price (the cost is then a lower bound). */
  readonly costComplete: boolean;
}

export const EMPTY_TOTALS: UsageTotals = {
  requests: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  thinkingTokens: 0,
  cost: ZERO_COST,
  costComplete: true,
};

export function addUsage(totals: UsageTotals, model: string, usage: RequestUsage): UsageTotals {
  const cost = costOf(model, usage);
  return {
    requests: totals.requests + 1,
    inputTokens: totals.inputTokens + usage.inputTokens,
    outputTokens: totals.outputTokens + usage.outputTokens,
    cacheReadTokens: totals.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: totals.cacheWriteTokens + usage.cacheWriteTokens,
    thinkingTokens: totals.thinkingTokens + usage.thinkingTokens,
    cost: cost ? addCost(totals.cost, cost) : totals.cost,
    costComplete: totals.costComplete && cost !== undefined,
  };
}

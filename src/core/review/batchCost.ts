// What a workspace review will cost, shown before submitting: tokens estimated as characters / 4 of each
// request's prompt (system + messages + tools) plus an output allowance, priced at the Batch API's half.
import { tokensForChars } from '../../shared/tokenEstimate';
import { costOf } from '../usage/pricing';
import type { BatchRequest } from './batchTypes';

/** Expected output per file: a summary and a handful of findings. */
export const OUTPUT_ALLOWANCE_TOKENS = 1_500;

export interface BatchCostEstimate {
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** US$ at batch prices (50% off); undefined for a model without a known price. */
  readonly batchUsd: number | undefined;
  /** The same requests at standard prices, for comparison. */
  readonly standardUsd: number | undefined;
}

export function estimateTokens(text: string): number {
  return tokensForChars(text.length);
}

export function estimateBatchCost(requests: readonly BatchRequest[], model: string, outputAllowance = OUTPUT_ALLOWANCE_TOKENS): BatchCostEstimate {
  let inputTokens = 0;
  let outputTokens = 0;
  let batchUsd: number | undefined = 0;
  let standardUsd: number | undefined = 0;
  for (const { params } of requests) {
    const input = estimateTokens(JSON.stringify([params.tools ?? [], params.system ?? '', params.messages]));
    const output = Math.min(params.max_tokens, outputAllowance);
    inputTokens += input;
    outputTokens += output;
    // Per request: a tiered price (Haiku above 100K) depends on each prompt's size, not the total.
    const usage = { inputTokens: input, outputTokens: output, cacheReadTokens: 0, cacheWriteTokens: 0 };
    const batch = costOf(model, usage, { batch: true });
    const standard = costOf(model, usage);
    batchUsd = batch && batchUsd !== undefined ? batchUsd + batch.total : undefined;
    standardUsd = standard && standardUsd !== undefined ? standardUsd + standard.total : undefined;
  }
  return { requests: requests.length, inputTokens, outputTokens, batchUsd, standardUsd };
}

// The per-task cost limit. The loop cannot know a request's price before sending it, so it estimates the
// next request from the previous one, the way a tool loop is billed once its prompt is cached:
//   - the previous request's whole prompt (input + cache read + cache write) is re-read at cache-read price;
//   - the tokens added since (the assistant answer and the tool results, ~4 characters a token) are
//     written at the 5-minute cache-write price;
//   - the output is assumed to be as long as the previous request's, at output price.
// Prices come from options.costOf, fed a synthetic usage with those numbers. The first request of a turn
// is never held back: there is nothing to estimate from, and the user just asked for it.
import type { TurnUsage } from '../claude/streamEvents';
import type { ApiMessage } from '../claude/turnStreamer';
import { formatUsd } from '../usage/pricing';
import { tokensForChars } from '../../shared/tokenEstimate';

export type CostOf = (model: string, usage: TurnUsage) => number | undefined;

/** Rough token count of messages, the same ~4 characters/token the cache planner uses. */
export function estimateTokens(messages: readonly ApiMessage[]): number {
  return messages.length === 0 ? 0 : tokensForChars(JSON.stringify(messages).length);
}

/** The synthetic usage the next request is priced as (see the file comment). */
export function estimatedNextUsage(previous: TurnUsage, newTokens: number): TurnUsage {
  return {
    inputTokens: 0,
    cacheReadTokens: previous.inputTokens + previous.cacheReadTokens + previous.cacheWriteTokens,
    cacheWriteTokens: newTokens,
    cacheWrite1hTokens: 0,
    outputTokens: previous.outputTokens,
    thinkingTokens: 0,
  };
}

export class CostMeter {
  private spent = 0;
  /** Once a request had no known price, the total is unknown and the limit cannot be enforced. */
  private unknown = false;

  /** `limitUsd` ≤ 0 means no limit. */
  constructor(
    private readonly limitUsd: number,
    private readonly costOf: CostOf,
  ) {}

  get spentUsd(): number {
    return this.spent;
  }

  add(model: string, usage: TurnUsage): void {
    const cost = this.costOf(model, usage);
    if (cost === undefined) this.unknown = true;
    else this.spent += cost;
  }

  /**
   * Words for the panel when the next request would take the task past the limit, else undefined.
   * `model` and `previous` are the last request's; `added` the messages appended since it was sent.
   */
  exceeded(model: string, previous: TurnUsage, added: readonly ApiMessage[]): string | undefined {
    if (this.limitUsd <= 0 || this.unknown) return undefined;
    const next = this.costOf(model, estimatedNextUsage(previous, estimateTokens(added)));
    if (next === undefined || this.spent + next <= this.limitUsd) return undefined;
    return (
      `Stopped at the cost limit: this task has cost ${formatUsd(this.spent)} of its ${formatUsd(this.limitUsd)} limit, ` +
      `and the next request would cost about ${formatUsd(next)} more (claudeCompanion.agent.maxCostPerTaskUsd). Continue to let Claude carry on.`
    );
  }
}

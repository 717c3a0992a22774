// What context management needs from the Claude client: exact token counts (count_tokens) and one plain
// request to a cheaper model for the summary. No SDK types cross this seam.
import type { ApiMessage, ApiToolParam } from '../claude/apiTypes';
import type { TurnUsage } from '../claude/streamEvents';
import { defaultOf } from '../settings/settingsTable';

export interface TokenCountRequest {
  readonly messages: readonly ApiMessage[];
  readonly tools?: readonly ApiToolParam[];
  readonly signal?: AbortSignal;
}

export interface SummaryRequest {
  readonly model: string;
  readonly system: string;
  readonly prompt: string;
  readonly maxTokens: number;
  readonly signal: AbortSignal;
}

export interface SummaryResult {
  readonly text: string;
  readonly model: string;
  readonly usage: TurnUsage;
}

export interface ContextService {
  /** Input tokens of a request with the current settings (system prompt included). Rejects when it cannot count. */
  countTokens(request: TokenCountRequest): Promise<number>;
  /** One non-streaming request; rejects with a TurnFailure (userAbort on abort). */
  summarize(request: SummaryRequest): Promise<SummaryResult>;
}

export interface CompactionSettings {
  /** Fraction of the model's context window at which older messages are compacted (e.g. 0.8). */
  readonly threshold: number;
  /** Messages at the end of the history always sent in full. */
  readonly keepRecentMessages: number;
  /** The model that writes summaries. */
  readonly summaryModel: string;
}

/** The table's defaults (src/core/settings/settingsTable.ts). */
export const DEFAULT_COMPACTION_SETTINGS: CompactionSettings = {
  threshold: defaultOf('context.compactThreshold'),
  keepRecentMessages: defaultOf('context.keepRecentMessages'),
  summaryModel: defaultOf('context.summaryModel'),
};

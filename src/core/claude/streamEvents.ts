// Typed events the client layer hands to consumers; nothing outside src/core/claude sees SDK events.
import type { RetryNotice } from './retryNotice';

export type ContentKind = 'text' | 'thinking' | 'redacted_thinking' | 'tool_use';

export interface TurnUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  /** Part of cacheWriteTokens written with the 1-hour TTL (priced higher). */
  readonly cacheWrite1hTokens: number;
  readonly thinkingTokens: number;
}

export type ClaudeStreamEvent =
  | { readonly type: 'messageStart'; readonly messageId: string; readonly model: string }
  | { readonly type: 'blockStart'; readonly index: number; readonly kind: ContentKind; readonly toolName?: string; readonly toolUseId?: string }
  | { readonly type: 'textDelta'; readonly index: number; readonly text: string }
  | { readonly type: 'thinkingDelta'; readonly index: number; readonly text: string }
  | { readonly type: 'signature'; readonly index: number }
  | { readonly type: 'toolInputDelta'; readonly index: number; readonly partialJson: string }
  | { readonly type: 'blockStop'; readonly index: number }
  /** The SDK is about to wait and retry (429, 5xx, 529…): show a countdown. */
  | { readonly type: 'retrying'; readonly model: string; readonly notice: RetryNotice }
  /** The answer will come from another model; `reason` says why, in words. */
  | { readonly type: 'fallback'; readonly from: string; readonly to: string; readonly reason: string };

/** Plain-JSON content blocks as they go back to the API (thinking signatures kept intact). */
export type AssistantBlock =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string }
  | { readonly type: 'tool_use'; readonly id: string; readonly name: string; readonly input: unknown };

export interface TurnResult {
  readonly messageId: string;
  readonly model: string;
  readonly content: readonly AssistantBlock[];
  readonly stopReason: string | null;
  readonly usage: TurnUsage;
  /** Set when the answer came from a fallback model. */
  readonly fallbackFrom?: string;
  /** For a refusal: the API's category and explanation. */
  readonly stopDetails?: { readonly category?: string | null; readonly explanation?: string | null } | null;
}

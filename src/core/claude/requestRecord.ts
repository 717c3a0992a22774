// One line of the request log: everything needed to debug a request, never the key, and message content
// only when the user asked for it.

export interface RequestRecord {
  readonly time: string;
  /** Requests other than a chat turn: token counting and summaries for context management. */
  readonly kind?: 'count_tokens' | 'summary';
  readonly requestId?: string;
  readonly model: string;
  readonly outcome: 'done' | 'stopped' | 'error';
  readonly status?: number;
  readonly errorType?: string;
  readonly stopReason?: string | null;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly cacheReadTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly thinkingTokens?: number;
  readonly costUsd?: number;
  readonly timeToFirstTokenMs?: number;
  readonly totalMs: number;
  readonly retries: number;
  readonly cacheBreakpoints: number;
  /** The model this request replaced, when it is a fallback. */
  readonly fallbackFrom?: string;
  readonly fallbackReason?: string;
  /** Only with claudeCompanion.log.includeContent. */
  readonly request?: unknown;
}

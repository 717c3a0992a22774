// Settings the client layer needs, read by the editor adapter. Plain data so core stays editor-free.
import type { Effort } from '../models/modelInfo';

export type ThinkingMode = 'adaptive' | 'enabled' | 'off';

export interface ClaudeSettings {
  readonly model: string;
  /** Models to fall back to, in order, on overload, timeouts or an open circuit breaker. */
  readonly fallbackModels: readonly string[];
  readonly maxTokens: number;
  readonly thinkingMode: ThinkingMode;
  readonly thinkingBudgetTokens: number;
  /** 'default' leaves effort to the model. */
  readonly effort: Effort | 'default';
  readonly stopSequences: readonly string[];
  /** Extra system prompt; empty means the built-in one only. */
  readonly systemPrompt: string;
  /** Empty means the SDK default (which honours ANTHROPIC_BASE_URL). */
  readonly apiBaseUrl: string;
  readonly requestTimeoutSeconds: number;
  readonly maxRetries: number;
}

export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export const DEFAULT_SETTINGS: ClaudeSettings = {
  model: DEFAULT_MODEL,
  fallbackModels: ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5'],
  maxTokens: 16000,
  thinkingMode: 'adaptive',
  thinkingBudgetTokens: 8000,
  effort: 'default',
  stopSequences: [],
  systemPrompt: '',
  apiBaseUrl: '',
  requestTimeoutSeconds: 120,
  maxRetries: 2,
};

export const BUILT_IN_SYSTEM_PROMPT =
  'You are Claude, working inside the user\'s code editor (VS Code) through the Claude Companion extension. ' +
  'Answer concisely and precisely. Use Markdown; put code in fenced blocks with a language tag.';

export function systemPromptFor(settings: ClaudeSettings): string {
  const extra = settings.systemPrompt.trim();
  return extra ? `${BUILT_IN_SYSTEM_PROMPT}\n\n${extra}` : BUILT_IN_SYSTEM_PROMPT;
}

// Settings the client layer needs (src/core/settings/readers.ts reads them from the settings table). Plain
// data so core stays editor-free.
import type { Effort } from '../models/modelInfo';
import { defaultOf, type SettingValue } from '../settings/settingsTable';

export type ThinkingMode = SettingValue<'thinking.mode'>;

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

export const DEFAULT_MODEL = defaultOf('model');

/** The settings as a user who set nothing has them (the table's defaults). */
export const DEFAULT_SETTINGS: ClaudeSettings = {
  model: DEFAULT_MODEL,
  fallbackModels: defaultOf('fallbackModels'),
  maxTokens: defaultOf('maxTokens'),
  thinkingMode: defaultOf('thinking.mode'),
  thinkingBudgetTokens: defaultOf('thinking.budgetTokens'),
  effort: defaultOf('effort'),
  stopSequences: defaultOf('stopSequences'),
  systemPrompt: defaultOf('systemPrompt'),
  apiBaseUrl: defaultOf('apiBaseUrl'),
  requestTimeoutSeconds: defaultOf('requestTimeoutSeconds'),
  maxRetries: defaultOf('maxRetries'),
};

// l10n-exempt: the system prompt: the model reads it, the user never sees it
export const BUILT_IN_SYSTEM_PROMPT =
  'You are Claude, working inside the user\'s code editor (VS Code) through the Claude Companion extension. ' +
  'Answer concisely and precisely. Use Markdown; put code in fenced blocks with a language tag.';

export function systemPromptFor(settings: ClaudeSettings): string {
  const extra = settings.systemPrompt.trim();
  return extra ? `${BUILT_IN_SYSTEM_PROMPT}\n\n${extra}` : BUILT_IN_SYSTEM_PROMPT;
}

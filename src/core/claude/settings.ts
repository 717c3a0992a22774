// Settings the client layer needs, read by the editor adapter. Plain data so core stays editor-free.

export interface ClaudeSettings {
  readonly model: string;
  readonly maxTokens: number;
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
  maxTokens: 16000,
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

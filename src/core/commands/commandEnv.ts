// The environment a command runs with: nothing may wait on a keyboard or a pager, and our secrets stay
// out of the model's reach (a command could print them into its own output).

/** Names always removed; CLAUDE_COMPANION_* is removed too (our own test and config hooks). */
const SECRET_NAMES = new Set(['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN']);
const SECRET_PREFIX = 'CLAUDE_COMPANION_';

// Non-interactive hints that change no result. `CI` is deliberately NOT set: test runners read it
// (jest refuses to write new snapshots, others change reporters or fail on `.only`), so it would make
// the agent's run differ from the user's. TERM is left alone too: ANSI codes are stripped afterwards.
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = {
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  MANPAGER: 'cat',
  // git asks for credentials on the terminal otherwise; with 0 it fails at once.
  GIT_TERMINAL_PROMPT: '0',
  // Git Credential Manager would open its own prompt.
  GCM_INTERACTIVE: 'never',
  // apt/dpkg configuration questions take their defaults instead of waiting.
  DEBIAN_FRONTEND: 'noninteractive',
};

/** True when a variable must not reach a command: a known secret name, or a value carrying the key. */
export function isSecretEnv(name: string, value: string | undefined, apiKey?: string): boolean {
  const upper = name.toUpperCase();
  if (SECRET_NAMES.has(upper) || upper.startsWith(SECRET_PREFIX)) return true;
  if (!apiKey || value === undefined) return false;
  const key = apiKey.trim();
  if (key === '') return false;
  // A long key inside another value ("Bearer sk-…") is as much a leak as an exact copy.
  return value === key || (key.length >= 16 && value.includes(key));
}

/** `base` without secrets, with the non-interactive hints on top. */
export function commandEnv(base: NodeJS.ProcessEnv, apiKey?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || isSecretEnv(name, value, apiKey)) continue;
    env[name] = value;
  }
  return { ...env, ...NON_INTERACTIVE_ENV };
}

// Caps on patterns that come from the model or the repository. Matching is linear in the path length
// times the pattern size, so these caps bound the work per path; over a cap, a pattern is refused with
// a PatternError rather than trimmed (a trimmed rule would silently allow what it meant to hide).

export const MAX_PATTERN_LENGTH = 1000;
/** `*`, `?`, `**` and classes count; each adds states the matcher tracks at once. */
export const MAX_WILDCARDS = 64;
/** Alternatives after `{a,b}` expansion (the product over all groups). */
export const MAX_BRACE_ALTERNATIVES = 256;
/** Lines read from one .gitignore/.claudeignore. */
export const MAX_RULE_LINES = 10_000;
export const MAX_RULES_FILE_BYTES = 1024 * 1024;

export type PatternCap = 'length' | 'wildcards' | 'braces' | 'syntax';

/** A pattern the engine refuses; `message` says what to change. */
export class PatternError extends Error {
  override readonly name = 'PatternError';
  constructor(
    message: string,
    readonly cap: PatternCap,
  ) {
    super(message);
  }
}

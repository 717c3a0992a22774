// Spots the model retrying a call that keeps failing. A call is its tool name plus its input as canonical
// JSON, so `{a, b}` and `{b, a}` are the same call.

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/**
 * What makes two calls "the same": the whole input, except for run_command, where the same command line
 * in the same folder is the same attempt whatever its timeout.
 */
function callIdentity(name: string, input: unknown): unknown {
  if (name !== 'run_command' || typeof input !== 'object' || input === null) return input;
  const { command, cwd } = input as { command?: unknown; cwd?: unknown };
  return { command, cwd };
}

export interface RepeatedFailure {
  readonly name: string;
  readonly count: number;
}

/**
 * Counts, per call, failures in a row: a success of that same call resets its count. Other calls in
 * between do not, since a model often pairs a retry with unrelated reads in one answer.
 */
export class RepeatedFailureTracker {
  private readonly streaks = new Map<string, number>();

  /** `limit` ≤ 0 turns the check off. */
  constructor(private readonly limit: number) {}

  /** Records one finished call; returns the failure when its streak has reached the limit. */
  record(name: string, input: unknown, isError: boolean): RepeatedFailure | undefined {
    const key = `${name}\u0000${canonicalJson(callIdentity(name, input))}`;
    if (!isError) {
      this.streaks.delete(key);
      return undefined;
    }
    const count = (this.streaks.get(key) ?? 0) + 1;
    this.streaks.set(key, count);
    return this.limit > 0 && count >= this.limit ? { name, count } : undefined;
  }
}

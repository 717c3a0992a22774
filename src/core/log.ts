// The extension's one log as core code sees it: a port the editor fills with its "Claude Companion" log
// channel (src/vscode/log.ts). Core code never writes to the console (lint: no-console), and a failure it
// deliberately survives still leaves a line here.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  info(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
  /** Whether a line at `level` is written at all: lets a caller skip building a costly message. */
  enabled(level: LogLevel): boolean;
}

const nothing = (): void => undefined;

/** The default where no log was passed (tests, tools run outside the editor). */
export const NO_LOG: Logger = { error: nothing, warn: nothing, info: nothing, debug: nothing, trace: nothing, enabled: () => false };

/** One line for an error: its stack (or name and message) and its code, never just "[object Object]". */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === 'string' ? error : safeJson(error);
  const code = codeOf(error);
  const text = error.stack ?? `${error.name}: ${error.message}`;
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

/** A rejection handler for work whose failure the caller survives (a cleanup, a preload): logs and yields undefined. */
export function logFailure(log: Logger, level: 'error' | 'warn' | 'debug', what: string): (error: unknown) => undefined {
  return (error) => {
    if (level === 'debug') log.debug(`${what}: ${describeError(error)}`);
    else log[level](what, error);
    return undefined;
  };
}

/** Error codes that mean "the path is not there", which a caller asking about a maybe-absent file expects. */
const ABSENT_CODES: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR']);

/**
 * A rejection handler for a file-system call on a path that may legitimately be absent (a file deleted
 * between listing and stat): absent yields undefined silently; any other failure is logged as a warning
 * (and also yields undefined, as before).
 */
export function absentOrLogged(log: Logger, what: string): (error: unknown) => undefined {
  return (error) => {
    const code = codeOf(error);
    if (code === undefined || !ABSENT_CODES.has(code)) log.warn(what, error);
    return undefined;
  };
}

/**
 * Resolves once `promise` settles, whatever its outcome: for a queue or a gate that only waits, while the
 * failure itself reaches whoever awaits `promise` (and is reported there).
 */
export function whenSettled(promise: Promise<unknown>): Promise<void> {
  return promise.then(nothing, nothing);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

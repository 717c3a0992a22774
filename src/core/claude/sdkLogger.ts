// The SDK's own diagnostics (each request and response, retries, timeouts) go to the extension's log,
// never to the console: the client runs at the SDK's `debug` level, and its lines land at debug in the
// channel (its warnings and errors at warn and error). The SDK masks key headers itself; every line is
// redacted again here, and request bodies (the conversation) stay out unless log.includeContent is on.
import type { Logger as SdkLogger, LogLevel as SdkLogLevel } from '@anthropic-ai/sdk/client';
import { describeError, type Logger } from '../log';
import { redactSecrets } from './redact';

/** What the SDK client is given: its `logger` and `logLevel` options. */
export interface SdkLogOptions {
  readonly logger: SdkLogger;
  readonly logLevel: SdkLogLevel;
}

/** A logged line never carries more than this of a request or response (with content on, bodies are large). */
const MAX_LINE_CHARS = 20_000;
const OMITTED = '[omitted: claudeCompanion.log.includeContent is off]';

export function sdkLogOptions(log: Logger, logContent: () => boolean = () => false): SdkLogOptions {
  const line = (message: unknown, args: readonly unknown[]): string => {
    const text = [String(message), ...args.map((a) => formatArg(a, logContent()))].join(' ');
    return redactSecrets(text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… (truncated)` : text);
  };
  return {
    logLevel: 'debug',
    logger: {
      error: (message, ...args) => log.error(line(message, args)),
      warn: (message, ...args) => log.warn(line(message, args)),
      // The request log already has one line per request at info: the SDK's own account is detail.
      info: (message, ...args) => log.enabled('debug') && log.debug(line(message, args)),
      debug: (message, ...args) => log.enabled('debug') && log.debug(line(message, args)),
    },
  };
}

function formatArg(arg: unknown, content: boolean): string {
  if (arg instanceof Error) return describeError(arg);
  if (typeof arg !== 'object' || arg === null) return String(arg);
  try {
    return JSON.stringify(content ? arg : withoutBodies(arg));
  } catch {
    return String(arg);
  }
}

/** The SDK's request details put the request body (messages, system prompt, tool results) under `options.body`. */
function withoutBodies(details: object): object {
  const options = (details as { options?: unknown }).options;
  if (typeof options !== 'object' || options === null || !('body' in options)) return details;
  return { ...details, options: { ...options, body: OMITTED } };
}

// The extension's one log: the "Claude Companion" LogOutputChannel (levels set with the Output view's
// "Set Log Level"), created once in activate() and handed to whatever logs, as the core `Logger` port.
// The request log writes its lines to the same channel.
import type * as vscode from 'vscode';
import { redactSecrets } from '../core/claude/redact';
import { describeError, type LogLevel, type Logger } from '../core/log';

/** vscode.LogLevel's values (the enum lives in the `vscode` module, which this file does not load). */
const CHANNEL_LEVEL: Record<LogLevel, number> = { trace: 1, debug: 2, info: 3, warn: 4, error: 5 };
const OFF = 0;

/** The part of a LogOutputChannel the logger writes to. */
export type LogChannel = Pick<vscode.LogOutputChannel, 'logLevel' | 'error' | 'warn' | 'info' | 'debug' | 'trace'>;

/** The core Logger over the channel. Every line is passed through the key redaction, the last defence. */
export function channelLogger(channel: LogChannel): Logger {
  const line = (message: string, error?: unknown): string => redactSecrets(error === undefined ? message : `${message}: ${describeError(error)}`);
  // The channel may already be closed during extension host shutdown: a log line is never worth a throw.
  const write = (level: LogLevel, text: () => string): void => {
    try {
      channel[level](text());
    } catch {
      // Nothing to report to: the channel itself is gone.
    }
  };
  return {
    error: (message, error) => write('error', () => line(message, error)),
    warn: (message, error) => write('warn', () => line(message, error)),
    info: (message) => write('info', () => line(message)),
    debug: (message) => write('debug', () => line(message)),
    trace: (message) => write('trace', () => line(message)),
    enabled: (level) => channel.logLevel !== OFF && channel.logLevel <= CHANNEL_LEVEL[level],
  };
}

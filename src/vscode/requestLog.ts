// The request log: one JSON line per request, appended to requests.jsonl in the extension's log folder
// and shown in the "Claude Companion" log channel. Keys are redacted; content only if the user opted in.
// The file is 0600 and rotates (3 × 10 MB by default; see requestLogFile.ts).
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { redactSecrets } from '../core/claude/redact';
import type { RequestRecord } from '../core/claude/requestRecord';
import { channelLogger } from './log';
import { RequestLogFile, type RotationOptions } from './requestLogFile';

export class RequestLog {
  readonly file: string;
  private readonly disk: RequestLogFile;
  private writing: Promise<void> = Promise.resolve();
  private reportedWriteError = false;

  /** `channel` is the extension's one log channel (made and disposed by activate()). */
  constructor(
    readonly channel: vscode.LogOutputChannel,
    logFolder: vscode.Uri,
    rotation?: RotationOptions,
  ) {
    this.file = path.join(logFolder.fsPath, 'requests.jsonl');
    this.disk = new RequestLogFile(this.file, rotation, channelLogger(channel));
  }

  record = (record: RequestRecord): void => {
    const line = redactSecrets(JSON.stringify(record));
    try {
      if (record.outcome === 'error') this.channel.warn(line);
      else this.channel.info(line);
    } catch {
      // The channel may already be closed during extension host shutdown.
    }
    // Appends are chained so lines never interleave; a full disk is reported once, never thrown.
    this.writing = this.writing
      .then(() => this.disk.append(line))
      .catch((error: unknown) => {
        if (this.reportedWriteError) return;
        this.reportedWriteError = true;
        this.channel.error(`Could not write the request log to ${this.file}: ${String(error)}`);
      });
  };

  /** Resolves when every record so far is on disk (tests, shutdown). */
  flushed(): Promise<void> {
    return this.writing;
  }

  show(): void {
    this.channel.show(true);
  }
}

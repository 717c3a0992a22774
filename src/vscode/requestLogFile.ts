// The request log on disk: created readable by the user only (0600: it can hold prompts and file
// contents when log.includeContent is on) and rotated by size, so it never grows without bound.
// No vscode import, so unit tests can drive it directly.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { logFailure, NO_LOG, type Logger } from '../core/log';

export interface RotationOptions {
  /** Rotate before a line would take the current file past this size. Default 10 MB. */
  readonly maxBytes?: number;
  /** Files kept in all, the current one included (`requests.jsonl`, `.1`, `.2`…). Default 3. */
  readonly keep?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LOG_FILES = 3;
const FILE_MODE = 0o600;

export class RequestLogFile {
  private readonly maxBytes: number;
  private readonly keep: number;
  /** Bytes in the current file; read from disk on first use. */
  private size: number | undefined;

  constructor(
    readonly file: string,
    options: RotationOptions = {},
    private readonly log: Logger = NO_LOG,
  ) {
    this.maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
    this.keep = Math.max(1, Math.floor(options.keep ?? DEFAULT_LOG_FILES));
  }

  /** Appends one line. Calls must not overlap (the caller chains them). */
  async append(line: string): Promise<void> {
    const data = `${line}\n`;
    const bytes = Buffer.byteLength(data, 'utf8');
    if (this.size === undefined) {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      this.size = await existingSize(this.file);
      // A file left by an older version may be readable by others: tighten it once.
      if (this.size > 0) await fs.chmod(this.file, FILE_MODE).catch(logFailure(this.log, 'warn', `Could not make ${this.file} private to the user`));
    }
    if (this.size > 0 && this.size + bytes > this.maxBytes) await this.rotate();
    await fs.appendFile(this.file, data, { encoding: 'utf8', mode: FILE_MODE });
    this.size += bytes;
  }

  /** requests.jsonl → .1 → .2 …; the oldest beyond `keep` is dropped. */
  private async rotate(): Promise<void> {
    const name = (n: number) => (n === 0 ? this.file : `${this.file}.${n}`);
    await fs.rm(name(this.keep - 1), { force: true });
    for (let n = this.keep - 2; n >= 0; n--) {
      await fs.rename(name(n), name(n + 1)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    this.size = 0;
  }
}

async function existingSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

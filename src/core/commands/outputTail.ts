// The live tail a tool card shows while a command runs. Like DeltaCoalescer for answer text: chunks are
// gathered and posted at most once per interval, and only the last lines are kept, so a command printing
// 10 MB/s costs the panel one small message per frame, never one per chunk. Chunks are only queued as
// they arrive; the frame's flush cleans just the last few KB of them, as only the last lines are shown.
import { LineAssembler } from './commandOutput';

export interface TailUpdate {
  /** The last lines, cleaned; the last entry is the unfinished line when there is one. */
  lines: string[];
  /** UTF-8 bytes seen so far. */
  totalBytes: number;
}

/** setTimeout/clearTimeout, injectable so tests control time. */
export interface Scheduler {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface OutputTailOptions {
  maxLines?: number;
  maxLineChars?: number;
  /** 25 updates a second reads as smooth (see DeltaCoalescer). */
  intervalMs?: number;
  scheduler?: Scheduler;
}

export class OutputTail {
  private readonly maxLines: number;
  private readonly intervalMs: number;
  private readonly scheduler: Scheduler;
  private readonly assembler: LineAssembler;
  private readonly keepChars: number;
  private lines: string[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  /** The start of the pending text was dropped: what the card showed before is no longer continuous. */
  private cut = false;
  private totalBytes = 0;
  private timer: unknown;
  private dirty = false;
  private disposed = false;

  constructor(
    private readonly post: (update: TailUpdate) => void,
    options: OutputTailOptions = {},
  ) {
    this.maxLines = options.maxLines ?? 20;
    this.intervalMs = options.intervalMs ?? 40;
    this.scheduler = options.scheduler ?? realScheduler;
    const maxLineChars = options.maxLineChars ?? 500;
    this.assembler = new LineAssembler((line) => this.addLine(line), maxLineChars);
    // Raw text carries ANSI codes too: keep four times what the shown lines can hold.
    this.keepChars = this.maxLines * maxLineChars * 4;
  }

  push(text: string): void {
    if (this.disposed) return;
    this.totalBytes += Buffer.byteLength(text, 'utf8');
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars > this.keepChars * 2) this.dropOldPending();
    this.dirty = true;
    this.timer ??= this.scheduler.set(() => this.flush(), this.intervalMs);
  }

  /** Characters held: queued text, the unfinished line and the kept lines (the bound the bench checks). */
  get retainedChars(): number {
    let n = this.pendingChars + this.assembler.pendingChars;
    for (const line of this.lines) n += line.length;
    return n;
  }

  /** Posts the tail now if it changed; call before the exit badge so the card ends on the last lines. */
  flush(): void {
    if (this.timer !== undefined) this.scheduler.clear(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    this.takePending();
    const current = this.assembler.current();
    const lines = (current === '' ? this.lines : [...this.lines, current]).slice(-this.maxLines);
    this.post({ lines, totalBytes: this.totalBytes });
  }

  /** The command ended: its unfinished line becomes a line, and the final tail is posted. */
  end(): void {
    this.takePending();
    this.assembler.end();
    this.dirty = true;
    this.flush();
  }

  dispose(): void {
    if (this.timer !== undefined) this.scheduler.clear(this.timer);
    this.timer = undefined;
    this.disposed = true;
  }

  /** Keeps only the last keepChars of the queued text; older lines would scroll out of the tail anyway. */
  private dropOldPending(): void {
    const text = this.pending.join('');
    this.pending = [text.slice(-this.keepChars)];
    this.pendingChars = this.pending[0].length;
    this.cut = true;
  }

  private takePending(): void {
    if (this.pending.length === 0) return;
    let text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (this.cut) {
      // The kept text starts mid-line: start over at its first full line (if it has one).
      this.cut = false;
      this.lines = [];
      this.assembler.reset();
      const newline = text.indexOf('\n');
      if (newline >= 0 && newline + 1 < text.length) text = text.slice(newline + 1);
    }
    this.assembler.push(text);
  }

  private addLine(line: string): void {
    this.lines.push(line);
    // Trim in batches: one splice per maxLines lines instead of a shift per line.
    if (this.lines.length >= this.maxLines * 2) this.lines = this.lines.slice(-this.maxLines);
  }
}

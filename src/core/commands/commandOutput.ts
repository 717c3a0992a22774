// A command's output as the model and the card see it: ANSI codes stripped, carriage-return redraws
// (progress bars) reduced to the line's last state, and for the model only the head and the tail, with
// a note counting what was left out. Memory stays bounded however much a command prints: the head is
// kept, the tail is a ring of lines, everything between is only counted.
import stripAnsi from 'strip-ansi';

/** The visible text of one raw line: no ANSI codes, and each `\r` redraw drawn over the line. */
export function cleanLine(raw: string): string {
  return drawCarriageReturns(stripAnsi(raw));
}

/** A line as a terminal leaves it: it moves to column 0 on `\r` and overwrites from there. */
function drawCarriageReturns(line: string): string {
  if (line.endsWith('\r')) line = line.slice(0, -1);
  if (!line.includes('\r')) return line;
  // "50%\r100%" shows "100%", "hello\rHe" shows "Hello".
  let shown = '';
  for (const segment of line.split('\r')) shown = segment + shown.slice(segment.length);
  return shown;
}

/** Splits a stream of text into clean lines; the unfinished line is kept bounded. */
export class LineAssembler {
  private partial = '';
  /** Characters cut from over-long lines. */
  truncatedChars = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = 4000,
  ) {}

  push(text: string): void {
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.appendPartial(text);
      return;
    }
    // One ANSI pass over all complete lines of the chunk, not one per line: a CSI code cannot hold a
    // newline, so stripping before splitting gives the same lines, at a fraction of the calls.
    const complete = stripAnsi(this.partial + text.slice(0, lastNewline));
    this.partial = '';
    for (const line of complete.split('\n')) this.onLine(this.limit(drawCarriageReturns(line)));
    if (lastNewline + 1 < text.length) this.appendPartial(text.slice(lastNewline + 1));
  }

  /** The unfinished line as it shows now (a progress bar's current state). */
  current(): string {
    return this.limit(cleanLine(this.partial), false);
  }

  /** Ends the stream: the unfinished line, if any, becomes a line. */
  end(): void {
    if (this.partial === '') return;
    const raw = this.partial;
    this.partial = '';
    this.onLine(this.limit(cleanLine(raw)));
  }

  /** Forgets the unfinished line (the text before it was dropped). */
  reset(): void {
    this.partial = '';
  }

  /** Characters held for the unfinished line (for the memory bound). */
  get pendingChars(): number {
    return this.partial.length;
  }

  private appendPartial(text: string): void {
    this.partial += text;
    if (this.partial.length <= this.maxLineChars * 2) return;
    // A progress bar redraws one line forever without a newline: draw what is before the last `\r` now,
    // so only its state is kept. An escape sequence cannot span a `\r`, so the cut is clean.
    const lastCr = this.partial.lastIndexOf('\r');
    if (lastCr > 0) this.partial = cleanLine(this.partial.slice(0, lastCr)) + '\r' + this.partial.slice(lastCr + 1);
    if (this.partial.length > this.maxLineChars * 2) {
      // One character past the limit stays, so the line is still marked as cut when it ends.
      this.truncatedChars += this.partial.length - (this.maxLineChars + 1);
      this.partial = this.partial.slice(0, this.maxLineChars + 1);
    }
  }

  private limit(line: string, count = true): string {
    if (line.length <= this.maxLineChars) return line;
    if (count) this.truncatedChars += line.length - this.maxLineChars;
    return line.slice(0, this.maxLineChars) + '…';
  }
}

export interface OutputLimits {
  headLines: number;
  tailLines: number;
  /** UTF-8 bytes of the head and of the tail. */
  headBytes: number;
  tailBytes: number;
  maxLineChars: number;
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = {
  headLines: 200,
  tailLines: 400,
  headBytes: 24_000,
  tailBytes: 48_000,
  maxLineChars: 4000,
};

/** The note between head and tail; text for the model, so not translated. */
export function omittedNote(lines: number, bytes: number): string {
  return `… ${lines} lines (${bytes} bytes) omitted …`;
}

/** Head + tail of everything pushed, in bounded memory. */
export class BoundedOutput {
  private readonly limits: OutputLimits;
  private readonly assembler: LineAssembler;
  private readonly head: string[] = [];
  private headBytes = 0;
  private headOpen = true;
  private readonly tail: string[] = [];
  private readonly tailSizes: number[] = [];
  private tailBytes = 0;
  /** Bytes pushed (as UTF-8, before cleaning). */
  totalBytes = 0;
  /** Lines seen, after cleaning. */
  totalLines = 0;
  omittedLines = 0;
  /** UTF-8 bytes of the omitted lines after cleaning, newlines included. */
  omittedBytes = 0;

  constructor(limits: Partial<OutputLimits> = {}) {
    this.limits = { ...DEFAULT_OUTPUT_LIMITS, ...limits };
    this.assembler = new LineAssembler((line) => this.addLine(line), this.limits.maxLineChars);
  }

  push(text: string): void {
    this.totalBytes += Buffer.byteLength(text, 'utf8');
    this.assembler.push(text);
  }

  /** Ends the output: an unfinished last line counts as a line. */
  end(): void {
    this.assembler.end();
  }

  /** Head, the omitted note when something was left out, and tail (with the unfinished line, if any). */
  text(): string {
    const parts = [...this.head];
    if (this.omittedLines > 0) parts.push(omittedNote(this.omittedLines, this.omittedBytes));
    parts.push(...this.tail);
    const current = this.assembler.current();
    if (current !== '') parts.push(current);
    return parts.join('\n');
  }

  /** Characters held in memory (the bound the bench checks). */
  get retainedChars(): number {
    let n = this.assembler.pendingChars;
    for (const line of this.head) n += line.length;
    for (const line of this.tail) n += line.length;
    return n;
  }

  private addLine(line: string): void {
    this.totalLines++;
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (this.headOpen) {
      if (this.head.length < this.limits.headLines && this.headBytes + size <= this.limits.headBytes) {
        this.head.push(line);
        this.headBytes += size;
        return;
      }
      // Once a line misses the head, later lines go to the tail so the order stays true.
      this.headOpen = false;
    }
    this.tail.push(line);
    this.tailSizes.push(size);
    this.tailBytes += size;
    while (this.tail.length > this.limits.tailLines || (this.tailBytes > this.limits.tailBytes && this.tail.length > 1)) {
      this.tail.shift();
      const dropped = this.tailSizes.shift() ?? 0;
      this.tailBytes -= dropped;
      this.omittedLines++;
      this.omittedBytes += dropped;
    }
  }
}

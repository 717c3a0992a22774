// Where a streaming markdown text can be cut (pure, no DOM): the finished top-level blocks before the
// cut are rendered once and never parsed again; the rest (the open tail) is re-parsed as text arrives.
// A block is finished once a later top-level block has started (markdown-it's token maps say where),
// or, for blocks no later line can change, once it is closed: a fenced code block by its closing
// fence, a paragraph, heading, table or quote by a blank line. Lists are never cut early (a blank line
// does not end a list), and fenced code is open until its closing fence.
import type { Token } from './markdownParser';

export interface OpenFence {
  /** The fence characters, e.g. '```' or '~~~~'. */
  readonly marker: string;
  readonly info: string;
  /** Offset in the text where the code starts (after the opening line). */
  readonly contentStart: number;
}

export interface TailSplit {
  /** Block tokens [0, tokenEnd) are finished. */
  readonly tokenEnd: number;
  /** The finished blocks (and the blank lines after them) are text [0, charEnd). */
  readonly charEnd: number;
  /** Set when the open block is a top-level fenced code block whose opening line is complete. */
  readonly openFence?: OpenFence;
}

/** Offsets of the start of each line of `text` (line 0 starts at 0). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** True when line `n` exists and ends with a newline (later text cannot change it). */
function isComplete(starts: readonly number[], n: number): boolean {
  return n + 1 < starts.length;
}

function lineText(text: string, starts: readonly number[], n: number): string {
  const end = n + 1 < starts.length ? starts[n + 1]! - 1 : text.length;
  return text.slice(starts[n]!, end);
}

/** A closing fence for `marker`: up to 3 spaces, at least as many of the same character, then only spaces. */
export function isClosingFence(line: string, marker: string): boolean {
  const ch = marker[0];
  if (ch !== '`' && ch !== '~') return false;
  const m = /^ {0,3}(`+|~+)[ \t]*\r?$/.exec(line);
  return !!m && m[1]![0] === ch && m[1]!.length >= marker.length;
}

/** A partial last line that may still become a closing fence, so it is held back while code streams. */
export function mayBecomeClosingFence(partial: string, marker: string): boolean {
  const ch = marker[0]!;
  const m = /^ {0,3}([`~]*)[ \t]*$/.exec(partial);
  return !!m && (m[1] === '' || (m[1]![0] === ch && [...m[1]!].every((c) => c === ch)));
}

/** Closed block kinds that no later line can extend once a blank line follows them. */
const ENDED_BY_BLANK_LINE = new Set(['paragraph_open', 'heading_open', 'hr', 'table_open', 'blockquote_open']);

/**
 * Splits parsed `text` into finished blocks and the open tail. With `final` (the stream ended)
 * everything is finished.
 */
export function splitTail(tokens: readonly Token[], text: string, final: boolean): TailSplit {
  if (final) return { tokenEnd: tokens.length, charEnd: text.length };
  // Top-level blocks start at a level-0 token that opens (1) or stands alone (0).
  const starts: number[] = [];
  tokens.forEach((t, i) => {
    if (t.level === 0 && t.nesting >= 0 && t.map) starts.push(i);
  });
  if (starts.length === 0) return { tokenEnd: 0, charEnd: 0 };
  const lines = lineStarts(text);
  let lastIndex = starts.at(-1)!;
  let last = tokens[lastIndex]!;
  // A block that starts on a partial line may still turn out to continue the one before it
  // ("3" after a list may become "3. item"), so both stay open; but a paragraph that a blank line
  // ended takes nothing more, so prose finishes paragraph by paragraph while the next one streams.
  if (!isComplete(lines, last.map![0]) && starts.length > 1) {
    const before = tokens[starts.at(-2)!]!;
    if (before.type === 'paragraph_open' && before.map![1] < last.map![0]) return { tokenEnd: lastIndex, charEnd: lines[last.map![0]]! };
    lastIndex = starts.at(-2)!;
    last = before;
    return { tokenEnd: lastIndex, charEnd: lines[last.map![0]]! };
  }
  const [first, end] = last.map!;

  if (last.type === 'fence') {
    const closingLine = end - 1;
    if (closingLine > first && isComplete(lines, closingLine) && isClosingFence(lineText(text, lines, closingLine), last.markup)) {
      return { tokenEnd: tokens.length, charEnd: lines[end] ?? text.length };
    }
    const cut = { tokenEnd: lastIndex, charEnd: lines[first]! };
    if (!isComplete(lines, first)) return cut;
    return { ...cut, openFence: { marker: last.markup, info: last.info, contentStart: lines[first + 1]! } };
  }
  if (ENDED_BY_BLANK_LINE.has(last.type) && isComplete(lines, end) && lineText(text, lines, end).trim() === '') {
    return { tokenEnd: tokens.length, charEnd: lines[end + 1]! };
  }
  return { tokenEnd: lastIndex, charEnd: lines[first]! };
}

/**
 * Follows the code of an open fence as text arrives, reading only what is new: complete lines are
 * checked for the closing fence; a partial line is passed on unless it may still become one.
 */
export class FenceScanner {
  /** Text before this offset is already passed on (or is the opening line). */
  private consumed: number;
  /** Start of the line `consumed` is in. */
  private lineStart: number;

  constructor(private readonly marker: string, contentStart: number) {
    this.consumed = contentStart;
    this.lineStart = contentStart;
  }

  /** New code to append, and where the fence closed (offset after the closing line) if it did. */
  advance(text: string): { code: string; closedAt?: number } {
    let code = '';
    for (;;) {
      const nl = text.indexOf('\n', this.consumed);
      if (nl === -1) {
        const partial = text.slice(this.lineStart);
        if (this.consumed === this.lineStart && mayBecomeClosingFence(partial, this.marker)) return { code };
        code += text.slice(this.consumed);
        this.consumed = text.length;
        return { code };
      }
      if (this.consumed === this.lineStart && isClosingFence(text.slice(this.lineStart, nl), this.marker)) return { code, closedAt: nl + 1 };
      code += text.slice(this.consumed, nl + 1);
      this.consumed = nl + 1;
      this.lineStart = nl + 1;
    }
  }
}

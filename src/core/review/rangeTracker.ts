// Keeps findings on the code they were about while the user edits: an edit above a finding moves it by
// the lines it added or removed, an edit below leaves it alone, and an edit that touches its lines
// clears it (the code it described is gone). Pure; the editor feeds it document change events.

/** 0-based, inclusive line span. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** One content change, as VS Code reports it: `range` of the text before, replaced by `text`. */
export interface TextChange {
  readonly start: TextPosition;
  readonly end: TextPosition;
  readonly text: string;
}

/** The span after `change`, or undefined when the change touched its lines. */
export function trackSpan(span: LineSpan, change: TextChange): LineSpan | undefined {
  const delta = countNewlines(change.text) - (change.end.line - change.start.line);
  if (change.start.line > span.end) return span;
  if (change.end.line < span.start || leavesFirstLineWhole(span, change)) {
    return delta === 0 ? span : { start: span.start + delta, end: span.end + delta };
  }
  return undefined;
}

/**
 * True when a change ending at the very start of the span's first line leaves that line's text whole
 * and on a line of its own: lines inserted or removed just above it.
 */
function leavesFirstLineWhole(span: LineSpan, change: TextChange): boolean {
  if (change.end.line !== span.start || change.end.character !== 0) return false;
  if (change.text === '') return change.start.character === 0;
  return change.text.endsWith('\n');
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Spans by id for one document; `apply` runs one change event's changes in order. */
export class RangeTracker<Id> {
  private readonly spans = new Map<Id, LineSpan>();

  set(id: Id, span: LineSpan): void {
    this.spans.set(id, span);
  }

  get(id: Id): LineSpan | undefined {
    return this.spans.get(id);
  }

  delete(id: Id): boolean {
    return this.spans.delete(id);
  }

  get size(): number {
    return this.spans.size;
  }

  entries(): IterableIterator<[Id, LineSpan]> {
    return this.spans.entries();
  }

  /** Applies the changes in order; returns what moved and what was cleared (and forgotten). */
  apply(changes: readonly TextChange[]): { readonly moved: readonly Id[]; readonly cleared: readonly Id[] } {
    const moved = new Set<Id>();
    const cleared: Id[] = [];
    for (const change of changes) {
      for (const [id, span] of this.spans) {
        const next = trackSpan(span, change);
        if (!next) {
          this.spans.delete(id);
          moved.delete(id);
          cleared.push(id);
        } else if (next !== span) {
          this.spans.set(id, next);
          moved.add(id);
        }
      }
    }
    return { moved: [...moved], cleared };
  }
}

/**
 * The edit that turns `before` into `after`, as one change over the lines between their common first
 * and last lines (none when equal): findings above it stay, below it move, on it are cleared.
 */
export function changesBetween(before: string, after: string): TextChange[] {
  if (before === after) return [];
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length - 1 && head < b.length - 1 && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - 1 - head && tail < b.length - 1 - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  // Replace whole lines head..(length - 1 - tail) of `before` with the same lines of `after`.
  const endLine = a.length - 1 - tail;
  const text = b.slice(head, b.length - tail).join('\n');
  return [{ start: { line: head, character: 0 }, end: { line: endLine, character: a[endLine]!.length }, text }];
}

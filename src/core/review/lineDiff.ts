// A line diff (Myers' O(ND) algorithm) between a file's committed text and its current text, grouped
// into hunks with context. Used to review uncommitted changes against the editor's buffer, so the new
// line numbers the model sees are exactly the document's lines.

export type DiffLine =
  | { readonly kind: 'equal'; readonly oldLine: number; readonly newLine: number; readonly text: string }
  | { readonly kind: 'delete'; readonly oldLine: number; readonly text: string }
  | { readonly kind: 'insert'; readonly newLine: number; readonly text: string };

export interface DiffHunk {
  /** 1-based; for an empty side, the line before which the other side's lines sit (as in unified diffs). */
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
  readonly lines: readonly DiffLine[];
}

/** Beyond this many edits the middle of the files is treated as one replaced block (bounds memory). */
const MAX_EDIT_DISTANCE = 4000;

/** Splits text into lines; a final newline does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Every line of both sides in order: equal, deleted and inserted lines (1-based numbers). */
export function diffLines(oldLines: readonly string[], newLines: readonly string[]): DiffLine[] {
  let prefix = 0;
  while (prefix < oldLines.length && prefix < newLines.length && oldLines[prefix] === newLines[prefix]) prefix++;
  let suffix = 0;
  while (suffix < oldLines.length - prefix && suffix < newLines.length - prefix && oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]) suffix++;

  const out: DiffLine[] = [];
  for (let i = 0; i < prefix; i++) out.push({ kind: 'equal', oldLine: i + 1, newLine: i + 1, text: newLines[i]! });
  const a = oldLines.slice(prefix, oldLines.length - suffix);
  const b = newLines.slice(prefix, newLines.length - suffix);
  for (const op of myers(a, b)) {
    if (op.kind === 'equal') out.push({ kind: 'equal', oldLine: op.x + prefix + 1, newLine: op.y + prefix + 1, text: b[op.y]! });
    else if (op.kind === 'delete') out.push({ kind: 'delete', oldLine: op.x + prefix + 1, text: a[op.x]! });
    else out.push({ kind: 'insert', newLine: op.y + prefix + 1, text: b[op.y]! });
  }
  for (let i = suffix; i > 0; i--) {
    out.push({ kind: 'equal', oldLine: oldLines.length - i + 1, newLine: newLines.length - i + 1, text: newLines[newLines.length - i]! });
  }
  return out;
}

type Op = { kind: 'equal'; x: number; y: number } | { kind: 'delete'; x: number } | { kind: 'insert'; y: number };

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return replaceAll(n, m);
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d-1 .. d+1] as it was before step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return replaceAll(n, m);
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: 'equal', x, y });
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: 'insert', y: y - 1 });
      else ops.push({ kind: 'delete', x: x - 1 });
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

function replaceAll(n: number, m: number): Op[] {
  const ops: Op[] = [];
  for (let x = 0; x < n; x++) ops.push({ kind: 'delete', x });
  for (let y = 0; y < m; y++) ops.push({ kind: 'insert', y });
  return ops;
}

/** Groups a diff into hunks with `context` unchanged lines around each change (none if nothing changed). */
export function diffHunks(oldText: string, newText: string, context = 3): DiffHunk[] {
  const lines = diffLines(splitLines(oldText), splitLines(newText));
  const changed = lines.map((l, i) => (l.kind === 'equal' ? -1 : i)).filter((i) => i >= 0);
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = changed[i]!;
    while (i + 1 < changed.length && changed[i + 1]! - end <= 2 * context + 1) end = changed[++i]!;
    i++;
    const slice = lines.slice(start, Math.min(lines.length, end + context + 1));
    hunks.push(hunkOf(slice, lines, start));
  }
  return hunks;
}

function hunkOf(slice: readonly DiffLine[], all: readonly DiffLine[], start: number): DiffHunk {
  const olds = slice.filter((l) => l.kind !== 'insert').map((l) => (l as { oldLine: number }).oldLine);
  const news = slice.filter((l) => l.kind !== 'delete').map((l) => (l as { newLine: number }).newLine);
  // An empty side starts after the last line before the hunk on that side.
  const before = all.slice(0, start);
  const oldBefore = before.filter((l) => l.kind !== 'insert').length;
  const newBefore = before.filter((l) => l.kind !== 'delete').length;
  return {
    oldStart: olds[0] ?? oldBefore,
    oldCount: olds.length,
    newStart: news[0] ?? newBefore,
    newCount: news.length,
    lines: slice,
  };
}

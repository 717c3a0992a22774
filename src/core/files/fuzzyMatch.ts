// Fuzzy file matching for the `@` picker: the query's characters must appear in the path in order
// (case-insensitive). Among the ways to place them, the best scoring one wins: characters in the file
// name, at word starts and in unbroken runs score more, so `cvp` finds `chatViewProvider.ts` first.

export interface FuzzyMatch {
  readonly score: number;
  /** Indices into the path that matched, ascending. */
  readonly matches: readonly number[];
}

const MATCH = 1;
const IN_BASENAME = 2;
const WORD_START = 3;
const CONTIGUOUS = 5;
const GAP = 0.05;
const LENGTH_PENALTY = 0.01;

/** True when `path[j]` begins a word: after a separator, or a lower→upper camelCase step. */
function isWordStart(path: string, j: number): boolean {
  if (j === 0) return true;
  const prev = path[j - 1]!;
  if (prev === '/' || prev === '\\' || prev === '.' || prev === '_' || prev === '-' || prev === ' ') return true;
  const c = path[j]!;
  return prev === prev.toLowerCase() && prev !== prev.toUpperCase() && c !== c.toLowerCase();
}

/** Scores `path` against `query`; undefined when the query is not a subsequence of the path. */
export function fuzzyMatch(query: string, path: string): FuzzyMatch | undefined {
  const q = query.replace(/\s+/g, '').toLowerCase();
  const p = path.toLowerCase();
  if (q.length === 0) return { score: -path.length * LENGTH_PENALTY, matches: [] };
  if (!isSubsequence(q, p)) return undefined;

  const n = q.length;
  const m = p.length;
  const baseStart = path.lastIndexOf('/') + 1;
  const charScore = (j: number) => MATCH + (j >= baseStart ? IN_BASENAME : 0) + (isWordStart(path, j) ? WORD_START : 0);

  // best[i][j]: best score with q[i] placed at p[j]; from[i][j]: where q[i-1] was placed.
  const NONE = -Infinity;
  const best: Float64Array[] = [];
  const from: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(m).fill(NONE);
    const back = new Int32Array(m).fill(-1);
    // Running best of the previous row over positions < j-1 (a gap), with its position.
    let gapBest = NONE;
    let gapAt = -1;
    for (let j = i; j < m; j++) {
      if (i > 0 && j >= 2) {
        const cand = best[i - 1]![j - 2]!;
        if (cand > gapBest) {
          gapBest = cand;
          gapAt = j - 2;
        }
      }
      if (p[j] !== q[i]) continue;
      if (i === 0) {
        row[j] = charScore(j) - j * GAP;
        continue;
      }
      const adjacent = best[i - 1]![j - 1]!;
      const viaAdjacent = adjacent === NONE ? NONE : adjacent + CONTIGUOUS;
      const viaGap = gapBest === NONE ? NONE : gapBest - GAP * (j - gapAt - 1);
      if (viaAdjacent === NONE && viaGap === NONE) continue;
      if (viaAdjacent >= viaGap) {
        row[j] = viaAdjacent + charScore(j);
        back[j] = j - 1;
      } else {
        row[j] = viaGap + charScore(j);
        back[j] = gapAt;
      }
    }
    best.push(row);
    from.push(back);
  }

  let end = -1;
  let score = NONE;
  const last = best[n - 1]!;
  for (let j = 0; j < m; j++) {
    if (last[j]! > score) {
      score = last[j]!;
      end = j;
    }
  }
  if (end < 0) return undefined;
  const matches: number[] = new Array<number>(n);
  for (let i = n - 1, j = end; i >= 0; i--) {
    matches[i] = j;
    j = from[i]![j]!;
  }
  // The whole file name typed exactly is what the user almost certainly meant.
  const exactName = path.slice(baseStart).toLowerCase() === q || path.slice(baseStart).toLowerCase().startsWith(`${q}.`);
  return { score: score + (exactName ? 10 : 0) - path.length * LENGTH_PENALTY, matches };
}

function isSubsequence(q: string, p: string): boolean {
  let i = 0;
  for (let j = 0; j < p.length && i < q.length; j++) if (p[j] === q[i]) i++;
  return i === q.length;
}

/** The best `limit` paths for `query`, best first (ties: shorter, then alphabetical). */
export function rankFiles(query: string, paths: readonly string[], limit: number): { path: string; matches: readonly number[] }[] {
  const scored: { path: string; score: number; matches: readonly number[] }[] = [];
  for (const path of paths) {
    const hit = fuzzyMatch(query, path);
    if (hit) scored.push({ path, score: hit.score, matches: hit.matches });
  }
  scored.sort((a, b) => b.score - a.score || a.path.length - b.path.length || (a.path < b.path ? -1 : 1));
  return scored.slice(0, limit).map(({ path, matches }) => ({ path, matches }));
}

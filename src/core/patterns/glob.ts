// A linear-time glob matcher. picomatch, minimatch and `ignore` compile globs to backtracking RegExps, so
// `*a*a*a*…b` takes time polynomial of high degree in the name length; here a glob becomes a small NFA
// and a path is matched by simulating every state at once (no backtracking): O(path × states) at worst,
// one cached lookup per character once the lazily built DFA is warm.
//
// Syntax: `*` (any run without `/`), `?` (one char, not `/`), `**` as a whole segment (any number of
// segments), `[abc]` `[a-z]` `[!x]` `[^x]` classes, `{a,b}` alternatives (expanded, capped), `\x` escapes.
import { MAX_PATTERN_LENGTH, PatternError } from './limits';
import { expandBraces, tokenize, type CharTest, type Token } from './globSyntax';

export interface GlobOptions {
  /** Wildcards match a segment starting with `.` (default true, like picomatch's `dot`). */
  readonly dot?: boolean;
  /** Case-insensitive (gitignore rules are, as the `ignore` package was). Default false. */
  readonly nocase?: boolean;
  /** `a/**` also matches `a` itself (picomatch does; gitignore does not). Default true. */
  readonly globstarMatchesParent?: boolean;
}

export interface GlobMatcher {
  readonly source: string;
  matches(path: string): boolean;
  /** Transitions taken so far (for tests that bound the work without a clock). */
  readonly steps: number;
}


interface Edge {
  readonly test: CharTest;
  readonly to: number;
  /** Wildcard edges may not consume a `.` that starts a segment when `dot` is off. */
  readonly wildcard: boolean;
  /** Whether the edge may consume `/`. */
  readonly slash: boolean;
}

interface Nfa {
  readonly edges: Edge[][];
  readonly eps: number[][];
  readonly accept: Set<number>;
}

export { expandBraces };

export function compileGlob(glob: string, options: GlobOptions = {}): GlobMatcher {
  checkLength(glob);
  const alternatives = expandBraces(glob);
  const nocase = options.nocase ?? false;
  const nfa: Nfa = { edges: [[]], eps: [[]], accept: new Set() };
  // State 0 is the start; each alternative hangs off it through an epsilon edge.
  for (const alt of alternatives) {
    const tokens = tokenize(alt, nocase);
    const start = addState(nfa);
    nfa.eps[0]!.push(start);
    build(nfa, tokens, start, options.globstarMatchesParent ?? true);
  }
  return new NfaMatcher(glob, nfa, options.dot ?? true, nocase);
}

function checkLength(glob: string): void {
  if (glob.length > MAX_PATTERN_LENGTH) throw new PatternError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters (${glob.length}); shorten it.`, 'length');
}

function addState(nfa: Nfa): number {
  nfa.edges.push([]);
  nfa.eps.push([]);
  return nfa.edges.length - 1;
}

function build(nfa: Nfa, tokens: readonly Token[], start: number, globstarMatchesParent: boolean): void {
  let s = start;
  const edge = (from: number, test: CharTest, to: number, wildcard: boolean, slash: boolean) => nfa.edges[from]!.push({ test, to, wildcard, slash });
  const ANY: CharTest = { kind: 'any' };
  for (const token of tokens) {
    const next = addState(nfa);
    switch (token.kind) {
      case 'lit':
        edge(s, { kind: 'char', ch: token.ch }, next, false, true);
        break;
      case 'one':
        edge(s, ANY, next, true, false);
        break;
      case 'class':
        edge(s, token, next, true, false);
        break;
      case 'star':
        edge(s, ANY, s, true, false);
        nfa.eps[s]!.push(next);
        break;
      case 'globstarSlash': {
        // Zero segments, or one or more segments each ending in `/`.
        nfa.eps[s]!.push(next);
        const inside = addState(nfa);
        edge(s, ANY, inside, true, false);
        edge(inside, ANY, inside, false, false);
        edge(inside, { kind: 'char', ch: '/' }, next, false, true);
        // A segment after `/` starts again at `s` (so `.` checks apply per segment).
        edge(inside, { kind: 'char', ch: '/' }, s, false, true);
        break;
      }
      case 'globstarTail': {
        if (globstarMatchesParent) nfa.eps[s]!.push(next);
        const slash = addState(nfa);
        edge(s, { kind: 'char', ch: '/' }, slash, false, true);
        const inside = addState(nfa);
        edge(slash, ANY, inside, true, false);
        edge(inside, ANY, inside, false, false);
        edge(inside, { kind: 'char', ch: '/' }, slash, false, true);
        nfa.eps[inside]!.push(next);
        break;
      }
      case 'globstarAll': {
        // Any path: segments separated by `/`, dot rule per segment.
        const inside = addState(nfa);
        edge(s, ANY, inside, true, false);
        edge(inside, ANY, inside, false, false);
        edge(inside, { kind: 'char', ch: '/' }, s, false, true);
        nfa.eps[inside]!.push(next);
        nfa.eps[s]!.push(next);
        break;
      }
    }
    s = next;
  }
  nfa.accept.add(s);
}

/** A set of NFA states, cached with its transitions (a lazily built DFA state). */
interface DfaState {
  readonly states: readonly number[];
  readonly accepting: boolean;
  /** Keyed by char code; -1 is a `.` that starts a segment (wildcards may refuse it). */
  readonly next: Map<number, DfaState>;
}

/** Above this many cached DFA states the cache is dropped: memory stays bounded, time stays linear. */
const MAX_DFA_STATES = 2000;

/**
 * Simulates the NFA over state sets, caching each set's transitions as they are first needed (as RE2
 * does): matching many paths against one pattern costs a map lookup per character once warm, and an
 * adversarial pattern costs at most O(states) per character when the cache is cold or full.
 */
class NfaMatcher implements GlobMatcher {
  steps = 0;
  private readonly mark: Uint32Array;
  private generation = 0;
  private cache = new Map<string, DfaState>();
  private start: DfaState;

  constructor(
    readonly source: string,
    private readonly nfa: Nfa,
    private readonly dot: boolean,
    private readonly nocase: boolean,
  ) {
    this.mark = new Uint32Array(nfa.edges.length);
    this.start = this.intern(this.closure([0]));
  }

  matches(input: string): boolean {
    const path = this.nocase ? input.toLowerCase() : input;
    let state = this.start;
    for (let i = 0; i < path.length; i++) {
      if (state.states.length === 0) return false;
      const code = path.charCodeAt(i);
      const key = code === 46 && (i === 0 || path.charCodeAt(i - 1) === 47) ? -1 : code;
      this.steps++;
      let next = state.next.get(key);
      if (!next) {
        next = this.step(state, key);
        if (this.cache.size > MAX_DFA_STATES) {
          this.cache = new Map();
          this.start = this.intern(this.closure([0]));
        } else {
          state.next.set(key, next);
        }
      }
      state = next;
    }
    return state.accepting;
  }

  private step(from: DfaState, key: number): DfaState {
    const ch = key === -1 ? '.' : String.fromCharCode(key);
    const segmentDot = key === -1;
    const targets: number[] = [];
    for (const s of from.states) {
      for (const e of this.nfa.edges[s]!) {
        this.steps++;
        if (ch === '/' && !e.slash) continue;
        if (segmentDot && e.wildcard && !this.dot) continue;
        if (!accepts(e.test, ch)) continue;
        targets.push(e.to);
      }
    }
    return this.intern(this.closure(targets));
  }

  private intern(states: number[]): DfaState {
    states.sort((a, b) => a - b);
    const key = states.join(',');
    let state = this.cache.get(key);
    if (!state) {
      state = { states, accepting: states.some((s) => this.nfa.accept.has(s)), next: new Map() };
      this.cache.set(key, state);
    }
    return state;
  }

  /** The states reachable through epsilon edges, each once. */
  private closure(seeds: readonly number[]): number[] {
    const gen = this.nextGeneration();
    const out: number[] = [];
    const stack = [...seeds];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.mark[s] === gen) continue;
      this.mark[s] = gen;
      this.steps++;
      out.push(s);
      for (const t of this.nfa.eps[s]!) if (this.mark[t] !== gen) stack.push(t);
    }
    return out;
  }

  private nextGeneration(): number {
    if (++this.generation === 0xffffffff) {
      this.mark.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}

function accepts(test: CharTest, ch: string): boolean {
  switch (test.kind) {
    case 'any':
      return true;
    case 'char':
      return test.ch === ch;
    case 'class': {
      const cp = ch.codePointAt(0)!;
      const inside = test.ranges.some(([a, b]) => cp >= a && cp <= b);
      return inside !== test.negated;
    }
  }
}

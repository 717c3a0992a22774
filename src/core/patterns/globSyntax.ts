// Glob syntax: splits a glob into tokens (literals, `?`, `*`, `**` forms, classes) and expands `{a,b}`
// alternatives, enforcing the wildcard and alternative caps. glob.ts builds the matcher from the tokens.
import { MAX_BRACE_ALTERNATIVES, MAX_WILDCARDS, PatternError } from './limits';

export type CharTest = { readonly kind: 'char'; readonly ch: string } | { readonly kind: 'any' } | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] };

export type Token =
  | { readonly kind: 'lit'; readonly ch: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] }
  | { readonly kind: 'star' }
  /** `**` as a whole segment followed by `/`: zero or more whole segments. */
  | { readonly kind: 'globstarSlash' }
  /** `/**` at the end: everything below. */
  | { readonly kind: 'globstarTail' }
  /** The whole pattern is `**`. */
  | { readonly kind: 'globstarAll' };

/** Splits a brace-free glob into tokens; counts wildcards against the cap. */
export function tokenize(glob: string, nocase: boolean): Token[] {
  const tokens: Token[] = [];
  let wildcards = 0;
  const wild = () => {
    if (++wildcards > MAX_WILDCARDS) throw new PatternError(`the pattern has more than ${MAX_WILDCARDS} wildcards (\`*\`, \`?\`, \`[…]\`); simplify it.`, 'wildcards');
  };
  const lit = (ch: string) => tokens.push({ kind: 'lit', ch: nocase ? ch.toLowerCase() : ch });
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\') {
      if (i + 1 < glob.length) lit(glob[++i]!);
      continue;
    }
    if (c === '?') {
      wild();
      tokens.push({ kind: 'one' });
      continue;
    }
    if (c === '*') {
      let j = i;
      while (glob[j + 1] === '*') j++;
      const run = j - i + 1;
      const segStart = i === 0 || glob[i - 1] === '/';
      const segEnd = j + 1 === glob.length || glob[j + 1] === '/';
      wild();
      if (run >= 2 && segStart && segEnd) {
        if (i === 0 && j + 1 === glob.length) tokens.push({ kind: 'globstarAll' });
        else if (j + 1 === glob.length) {
          const last = tokens.at(-1);
          if (last?.kind === 'lit' && last.ch === '/') {
            // `a/**`: drop the `/` already emitted; the tail token consumes it.
            tokens.pop();
            tokens.push({ kind: 'globstarTail' });
          } else {
            // `**/**`: the `/` went into the globstar before; what is left is "any path".
            tokens.push({ kind: 'globstarAll' });
          }
        } else {
          tokens.push({ kind: 'globstarSlash' });
          j++; // the `/` after `**` belongs to the token
        }
      } else if (tokens.at(-1)?.kind !== 'star') {
        tokens.push({ kind: 'star' });
      }
      i = j;
      continue;
    }
    if (c === '[') {
      const cls = parseClass(glob, i, nocase);
      if (cls) {
        wild();
        tokens.push(cls.token);
        i = cls.end;
        continue;
      }
    }
    lit(c);
  }
  return tokens;
}

function parseClass(glob: string, open: number, nocase: boolean): { token: Token; end: number } | undefined {
  let i = open + 1;
  let negated = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: [number, number][] = [];
  let first = true;
  for (; i < glob.length; i++) {
    let c = glob[i]!;
    if (c === ']' && !first) {
      const folded = nocase ? foldRanges(ranges) : ranges;
      return { token: { kind: 'class', negated, ranges: folded }, end: i };
    }
    first = false;
    if (c === '/') return undefined; // a class never spans segments: treat `[` literally
    if (c === '\\' && i + 1 < glob.length) c = glob[++i]!;
    let hi = c;
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') {
      hi = glob[i + 2] === '\\' && i + 3 < glob.length ? glob[i + 3]! : glob[i + 2]!;
      i += glob[i + 2] === '\\' ? 3 : 2;
    }
    const a = c.codePointAt(0)!;
    const b = hi.codePointAt(0)!;
    ranges.push(a <= b ? [a, b] : [b, a]);
  }
  return undefined; // unclosed: a literal `[`
}

/** Case-insensitive classes: add the lower-case image of each range (paths are lower-cased too). */
function foldRanges(ranges: readonly [number, number][]): [number, number][] {
  const out = [...ranges];
  for (const [a, b] of ranges) {
    if (b - a > 256) continue;
    for (let cp = a; cp <= b; cp++) {
      const lower = String.fromCodePoint(cp).toLowerCase().codePointAt(0)!;
      if (lower !== cp) out.push([lower, lower]);
    }
  }
  return out;
}

/** `{a,b}` alternatives (nested allowed), expanded up front with a cap on how many result. */
export function expandBraces(glob: string): string[] {
  const open = findBrace(glob);
  if (!open) return [glob];
  const { start, end, parts } = open;
  const tails = expandBraces(glob.slice(end + 1));
  const out: string[] = [];
  for (const part of parts) {
    for (const head of expandBraces(part)) {
      for (const tail of tails) {
        out.push(glob.slice(0, start) + head + tail);
        if (out.length > MAX_BRACE_ALTERNATIVES) throw new PatternError(`the pattern's \`{…}\` groups expand to more than ${MAX_BRACE_ALTERNATIVES} alternatives; use fewer groups or split it into several patterns.`, 'braces');
      }
    }
  }
  return out;
}

/** The first top-level `{…}` with at least one top-level comma; escapes and classes are skipped. */
function findBrace(glob: string): { start: number; end: number; parts: string[] } | undefined {
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    for (let j = i; j < glob.length; j++) {
      const d = glob[j];
      if (d === '\\') {
        j++;
        continue;
      }
      if (d === '{') depth++;
      else if (d === ',' && depth === 1) commas.push(j);
      else if (d === '}' && --depth === 0) {
        if (commas.length === 0) break; // `{a}` is literal
        const bounds = [i, ...commas, j];
        const parts = bounds.slice(0, -1).map((b, k) => glob.slice(b + 1, bounds[k + 1]));
        return { start: i, end: j, parts };
      }
    }
  }
  return undefined;
}

// gitignore semantics on the linear-time glob engine: blank lines and `#` comments skipped, `\#` `\!`
// escapes, trailing spaces dropped unless escaped, `!` re-includes (but never inside an excluded
// directory), a trailing `/` matches directories only, a `/` at the start or in the middle anchors the
// pattern to the file's directory, otherwise it matches at any depth. Case-insensitive, as the `ignore`
// package was. `test` answers which pattern matched, so refusals can name the rule.
import { compileGlob, type GlobMatcher } from './glob';
import { MAX_RULE_LINES, PatternError } from './limits';

interface Rule {
  /** The line as written (trimmed), shown in refusals. */
  readonly pattern: string;
  readonly negated: boolean;
  readonly dirOnly: boolean;
  readonly glob: GlobMatcher;
}

/** A rules file line the engine refuses; the whole file then fails closed. */
export class RulesFileError extends Error {
  override readonly name = 'RulesFileError';
  constructor(
    readonly source: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${source} line ${line}: ${detail}`);
  }
}

export class GitignoreRules {
  private constructor(private readonly rules: readonly Rule[]) {}

  /** Throws RulesFileError naming `source` and the line when a line is over the caps. */
  static parse(text: string, source: string): GitignoreRules {
    const lines = text.split(/\r?\n/);
    if (lines.length > MAX_RULE_LINES) throw new RulesFileError(source, MAX_RULE_LINES + 1, `more than ${MAX_RULE_LINES} lines; keep the file shorter.`);
    return GitignoreRules.fromPatterns(lines, (i) => ({ source, line: i + 1 }));
  }

  /** Patterns given one by one (tools.exclude); `where(i)` names entry i in errors. */
  static fromPatterns(patterns: readonly string[], where: (index: number) => { readonly source: string; readonly line: number }): GitignoreRules {
    const rules: Rule[] = [];
    patterns.forEach((line, i) => {
      try {
        const rule = parseLine(line);
        if (rule) rules.push(rule);
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        const at = where(i);
        throw new RulesFileError(at.source, at.line, error.message);
      }
    });
    return new GitignoreRules(rules);
  }

  get size(): number {
    return this.rules.length;
  }

  /**
   * The pattern that ignores `relPath` (`/` separators, relative to the rules' directory), or undefined.
   * An ignored ancestor directory wins: a file inside an excluded directory cannot be re-included.
   */
  test(relPath: string, isDirectory: boolean): string | undefined {
    if (this.rules.length === 0 || relPath === '') return undefined;
    const parts = relPath.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const hit = this.verdict(parts.slice(0, depth).join('/'), true);
      if (hit !== undefined) return hit;
    }
    return this.verdict(relPath, isDirectory);
  }

  /** The last matching rule decides; a negation re-includes. */
  private verdict(path: string, isDirectory: boolean): string | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (rule.dirOnly && !isDirectory) continue;
      if (!rule.glob.matches(path)) continue;
      return rule.negated ? undefined : rule.pattern;
    }
    return undefined;
  }
}

function parseLine(raw: string): Rule | undefined {
  let line = trimTrailingSpaces(raw);
  if (line === '' || line.startsWith('#')) return undefined;
  const pattern = line;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  // A `/` at the start or in the middle anchors the pattern; otherwise it matches at any depth.
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const glob = compileGlob(anchored || line.startsWith('**') ? line : `**/${line}`, { nocase: true, globstarMatchesParent: false });
  return { pattern: negated ? pattern.slice(1) : pattern, negated, dirOnly, glob };
}

/** Trailing spaces are dropped unless escaped with a backslash (then one space stays). */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  if (line.endsWith('\r')) end--;
  while (end > 0 && line[end - 1] === ' ') {
    if (end >= 2 && line[end - 2] === '\\') return line.slice(0, end - 2) + ' ';
    end--;
  }
  return line.slice(0, end);
}

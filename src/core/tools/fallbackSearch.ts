// A pure-TypeScript SearchPort for when VS Code's ripgrep is absent (and for tests): walks the roots in
// name order, skipping ignored folders, symbolic links, binary files and files over 1 MB. `include` runs
// on the linear-time glob engine; a regex query runs in a worker thread with a time budget per file
// (ripgrep's engine is linear-time, JS RegExps backtrack), so no query can freeze the extension host.
import * as path from 'node:path';
import { compileGlob, createTimedRegex, PatternError, RegexTimeoutError, RegexWorkerError, type TimedRegex } from '../patterns';
import { throwIfAborted } from './defineTool';
import { IgnoreRules } from './ignoreRules';
import { decodeText, splitLines } from './textDecoding';
import { ToolFailure } from './toolOutcome';
import type { FileSystemPort, SearchMatch, SearchPort } from './toolTypes';
import { toSlashes } from './workspacePath';

/** `relPath` is root-relative with `/` separators. */
export type IgnorePredicate = (root: string, relPath: string, isDirectory: boolean) => boolean | Promise<boolean>;

export const MAX_SEARCH_FILE_BYTES = 1024 * 1024;
/** A matched line is kept up to this many characters (the tool shortens it further). */
export const MAX_MATCH_TEXT = 1000;

/**
 * Without `isIgnored`, each root's .gitignore/.claudeignore files and the default secret patterns apply.
 * search_files filters results by the full rules again, so this is mostly about not reading junk.
 */
export function createFallbackSearch(fs: FileSystemPort, isIgnored?: IgnorePredicate, options: FallbackSearchOptions = {}): SearchPort {
  return {
    async search(query, roots, signal) {
      const include = query.include ? includeMatcher(query.include) : undefined;
      const regex = query.isRegex ? createTimedRegex(query.pattern, { ...(options.regexBudgetMs !== undefined ? { budgetMs: options.regexBudgetMs } : {}) }) : undefined;
      const abort = () => regex?.dispose();
      signal.addEventListener('abort', abort);
      try {
        return await run(query, roots, signal, include, regex);
      } finally {
        signal.removeEventListener('abort', abort);
        regex?.dispose();
      }
    },
  };

  async function run(
    query: Parameters<SearchPort['search']>[0],
    roots: readonly string[],
    signal: AbortSignal,
    include: ((relPath: string) => boolean) | undefined,
    regex: TimedRegex | undefined,
  ): ReturnType<SearchPort['search']> {
    const matches: SearchMatch[] = [];
    const limit = Math.max(1, query.maxResults);
    const matchingLines = async (lines: readonly string[], rel: string): Promise<readonly number[]> => {
      if (!regex) return lines.flatMap((line, i) => (line.includes(query.pattern) ? [i] : []));
      try {
        return await regex.matchingLines(lines, limit - matches.length + 1);
      } catch (error) {
        throwIfAborted(signal);
        if (error instanceof RegexTimeoutError) {
          throw new ToolFailure(`The regular expression took too long (over ${error.budgetMs} ms on \`${rel}\`) and was stopped; simplify it (avoid nested quantifiers such as \`(a+)+\`), or search for literal text.`);
        }
        if (error instanceof RegexWorkerError) throw new ToolFailure(`The regular expression could not be run (${error.message}); search for literal text instead.`);
        throw error;
      }
    };

    const walk = async (root: string, absDir: string, relDir: string, ignored: IgnorePredicate): Promise<boolean> => {
      throwIfAborted(signal);
      let entries;
      try {
        entries = [...(await fs.readDirectory(absDir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return true;
      }
      for (const entry of entries) {
        const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
        const abs = path.join(absDir, entry.name);
        if (entry.type === 'directory') {
          if (await ignored(root, rel, true)) continue;
          if (!(await walk(root, abs, rel, ignored))) return false;
        } else if (entry.type === 'file') {
          if (include && !include(rel)) continue;
          if (await ignored(root, rel, false)) continue;
          const stat = await fs.lstat(abs);
          if (!stat || stat.size > MAX_SEARCH_FILE_BYTES) continue;
          throwIfAborted(signal);
          let decoded;
          try {
            decoded = decodeText(await fs.readFile(abs));
          } catch {
            continue;
          }
          if (decoded.kind === 'binary') continue;
          const lines = splitLines(decoded.text);
          for (const i of await matchingLines(lines, rel)) {
            // One past the limit tells us the results are truncated.
            if (matches.length === limit) return false;
            matches.push({ absPath: abs, line: i + 1, text: lines[i]!.slice(0, MAX_MATCH_TEXT) });
          }
        }
        // Symbolic links are not followed, as ripgrep does by default.
      }
      return true;
    };

    for (const root of roots) {
      const ignored = isIgnored ?? (await defaultIgnore(fs, root));
      if (!(await walk(root, root, '', ignored))) return { matches, truncated: true };
    }
    return { matches, truncated: false };
  }
}

export interface FallbackSearchOptions {
  /** Time a regex may spend on one file before the search fails (default 2 s). */
  readonly regexBudgetMs?: number;
}

/** ripgrep's --glob semantics: a glob without `/` matches the file name at any depth. */
function includeMatcher(glob: string): (relPath: string) => boolean {
  const clean = glob.replace(/^\.\//, '');
  let compiled;
  try {
    compiled = compileGlob(clean, { dot: true });
  } catch (error) {
    if (error instanceof PatternError) throw new ToolFailure(`\`include\` cannot be used: ${error.message}`);
    throw error;
  }
  const match = (p: string) => compiled.matches(p);
  return clean.includes('/') ? match : (rel) => match(rel.slice(rel.lastIndexOf('/') + 1));
}

async function defaultIgnore(fs: FileSystemPort, root: string): Promise<IgnorePredicate> {
  const rules = await IgnoreRules.load(fs, root, { exclude: [], allowSecrets: false });
  return (_root, rel, isDir) => rules.isIgnored(toSlashes(rel), isDir);
}

// search_files: text search across the workspace through the SearchPort (ripgrep or the fallback).
// The port searches the folder roots only; every hit is then checked again like any tool path
// (realpath inside its folder, ignore rules), so neither `include` nor the port can widen the scope.
import * as path from 'node:path';
import { compileGlob, MAX_PATTERN_LENGTH, PatternError } from '../patterns';
import { defineTool } from './defineTool';
import { rulesForCall } from './ignoreRules';
import { ToolFailure, ToolRefusal, done, quote } from './toolOutcome';
import type { SearchMatch, ToolContext, WorkspaceFolderRef } from './toolTypes';
import { displayPathOf, innermostFolder, isInside, realRoot, toSlashes } from './workspacePath';

export const DEFAULT_MAX_RESULTS = 50;
export const MAX_MAX_RESULTS = 500;
const MAX_SHOWN_TEXT = 300;
/** Longer queries are refused before they are compiled or sent to a search engine. */
export const MAX_QUERY_LENGTH = MAX_PATTERN_LENGTH;

interface SearchInput {
  readonly query: string;
  readonly is_regex?: boolean;
  readonly include?: string;
  readonly max_results?: number;
}

export const searchFilesTool = defineTool<SearchInput>({
  name: 'search_files',
  kind: 'read',
  description:
    `Search the text of the workspace's files. Returns \`path:line: text\` lines (paths workspace-relative; long lines shortened). Case-sensitive, one line at a time: \`query\` is literal text unless \`is_regex\` is true (common regex syntax; no lookaround or backreferences). \`include\` is a glob limiting which files are searched, e.g. \`**/*.ts\` or \`src/**\` (in a multi-root workspace it may start with a folder name). \`max_results\` defaults to ${DEFAULT_MAX_RESULTS} (at most ${MAX_MAX_RESULTS}). Ignored files (.gitignore, .claudeignore, tools.exclude), secret files and binary files are not searched.`,
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', minLength: 1, description: 'Text to find (a regular expression when is_regex is true).' },
      is_regex: { type: 'boolean', description: 'Treat query as a regular expression. Default false (literal text).' },
      include: { type: 'string', minLength: 1, description: 'Glob of files to search, e.g. `**/*.py` or `src/**/*.ts`.' },
      max_results: { type: 'integer', minimum: 1, maximum: MAX_MAX_RESULTS, description: `Maximum matches returned. Default ${DEFAULT_MAX_RESULTS}.` },
    },
    required: ['query'],
    additionalProperties: false,
  },
  async execute(input, ctx) {
    const isRegex = input.is_regex ?? false;
    if (input.query.length > MAX_QUERY_LENGTH) throw new ToolFailure(`\`query\` is longer than ${MAX_QUERY_LENGTH} characters (${input.query.length}); search for a shorter, distinctive part of the text.`);
    if (isRegex) {
      try {
        new RegExp(input.query);
      } catch (error) {
        throw new ToolFailure(`\`query\` is not a valid regular expression (${error instanceof Error ? error.message : String(error)}). Fix it, or set is_regex: false to search for the literal text.`);
      }
    }
    const max = input.max_results ?? DEFAULT_MAX_RESULTS;
    const scope = searchScope(input.include, ctx.folders);
    if (scope.include !== undefined) {
      try {
        compileGlob(scope.include);
      } catch (error) {
        if (error instanceof PatternError) throw new ToolFailure(`\`include\` cannot be used: ${error.message}`);
        throw error;
      }
    }
    const roots = await Promise.all(scope.folders.map(async (folder) => ({ folder, root: await realRoot(ctx.fs, folder) })));

    const result = await ctx.search.search(
      { pattern: input.query, isRegex, ...(scope.include ? { include: scope.include } : {}), maxResults: Math.min(max + 50, 1000) },
      roots.map((r) => r.root),
      ctx.signal,
    );

    const kept = await keepAllowed(result.matches, roots, ctx);
    const lines = kept.slice(0, max).map((m) => `${m.display}:${m.line}: ${shorten(m.text)}`);
    const truncated = result.truncated || kept.length > max;
    const where = input.include ? ` in files matching ${quote(input.include)}` : '';
    if (lines.length === 0) return done(`No matches for ${quote(input.query)}${where}${truncated ? ' among the files searched' : ''}.`, `no matches for ${input.query.slice(0, 40)}`);
    if (truncated) {
      lines.push(`… results truncated at ${lines.length}; narrow with include or a more specific query${max < MAX_MAX_RESULTS ? `, or raise max_results (up to ${MAX_MAX_RESULTS})` : ''}.`);
    }
    const n = Math.min(kept.length, max);
    return done(lines.join('\n'), `${n}${truncated ? '+' : ''} match${n === 1 ? '' : 'es'} for ${input.query.slice(0, 40)}`);
  },
});

/** Which folders to search and the include glob relative to them. `include` may not leave a folder. */
export function searchScope(include: string | undefined, folders: readonly WorkspaceFolderRef[]): { folders: readonly WorkspaceFolderRef[]; include?: string } {
  if (folders.length === 0) throw new ToolRefusal('No workspace folder is open, so there is nothing to search.');
  if (include === undefined) return { folders };
  const glob = include.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const bad = (why: string) => new ToolRefusal(`\`include\` ${quote(include)} ${why} It is a glob relative to the workspace, e.g. \`**/*.ts\` or \`src/**\`.`);
  if (glob.includes('\0')) throw bad('contains a NUL byte.');
  if (/^[a-z]:/i.test(glob) || glob.startsWith('/') || /^[a-z][a-z0-9+.-]+:/i.test(glob)) throw bad('is absolute; it may only narrow the search inside the workspace.');
  if (glob.startsWith('~')) throw bad('starts with `~`, which is not expanded.');
  if (/(^|[/{,])\.\.([/},]|$)/.test(glob)) throw bad('uses `..`; it may only narrow the search inside the workspace.');
  if (folders.length > 1) {
    const [first, ...rest] = glob.split('/');
    const folder = folders.find((f) => f.name === first);
    if (folder) {
      const inner = rest.join('/');
      return inner === '' || inner === '**' ? { folders: [folder] } : { folders: [folder], include: inner };
    }
  }
  return { folders, include: glob };
}

interface Kept extends SearchMatch {
  readonly display: string;
}

async function keepAllowed(matches: readonly SearchMatch[], roots: readonly { folder: WorkspaceFolderRef; root: string }[], ctx: ToolContext): Promise<Kept[]> {
  const rules = rulesForCall(ctx);
  // Longest root first: with nested folders, a hit belongs to the innermost one.
  const byDepth = [...roots].sort((a, b) => b.root.length - a.root.length);
  const verdicts = new Map<string, Promise<string | undefined>>();
  const verdictOf = (absPath: string): Promise<string | undefined> => {
    let v = verdicts.get(absPath);
    if (!v) {
      v = (async () => {
        const owner = byDepth.find((r) => isInside(r.root, absPath));
        if (!owner) return undefined;
        let real: string;
        try {
          real = await ctx.fs.realpath(absPath);
        } catch {
          return undefined;
        }
        if (!isInside(owner.root, real)) return undefined;
        const rel = toSlashes(path.relative(owner.root, real));
        const folderRules = await rules(owner.folder);
        if (rel === '' || (await folderRules.isIgnored(rel, false))) return undefined;
        const written = toSlashes(path.relative(owner.root, absPath));
        if (written !== rel && (await folderRules.isIgnored(written, false))) return undefined;
        // A workspace folder nested below the searched one (not searched itself) adds its own rules.
        const inner = innermostFolder(ctx.folders, real, owner.folder.root);
        if (inner && (await (await rules(inner)).isIgnored(toSlashes(path.relative(inner.root, real)), false))) return undefined;
        return displayPathOf(ctx.folders, owner.folder, rel);
      })();
      verdicts.set(absPath, v);
    }
    return v;
  };

  const kept: Kept[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    const display = await verdictOf(m.absPath);
    if (display === undefined) continue;
    const key = `${display}:${m.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push({ ...m, display });
  }
  return kept;
}

function shorten(text: string): string {
  const t = text.trim();
  return t.length > MAX_SHOWN_TEXT ? `${t.slice(0, MAX_SHOWN_TEXT)}… [line shortened]` : t;
}

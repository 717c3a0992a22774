// list_files: a folder's entries, optionally recursive and filtered by a glob. Ignored entries are left
// out entirely (and never descended into); symbolic links are shown but not followed.
import * as path from 'node:path';
import { compileGlob, PatternError } from '../patterns';
import { PATH_PROPERTY, PATH_RULES, defineTool, throwIfAborted } from './defineTool';
import { type IgnoreRules, rulesForCall } from './ignoreRules';
import { ToolFailure, done, quote } from './toolOutcome';
import type { WorkspaceFolderRef } from './toolTypes';
import { displayPathOf, innermostFolder, isInside, realRoot, resolveToolPath, toSlashes } from './workspacePath';

export const MAX_LIST_ENTRIES = 500;
/** Entries walked before we stop counting the ones we cannot show (keeps huge trees cheap). */
const MAX_WALKED = 20_000;

interface ListInput {
  readonly path?: string;
  readonly pattern?: string;
  readonly recursive?: boolean;
}

interface Start {
  readonly folder: WorkspaceFolderRef;
  readonly absDir: string;
  readonly relDir: string;
}

export const listFilesTool = defineTool<ListInput>({
  name: 'list_files',
  kind: 'read',
  description:
    `List the files and folders in a workspace folder. Folders end with \`/\`. Without \`path\`, lists the workspace root (every folder of a multi-root workspace). \`recursive\` lists subfolders too (default false, or true when \`pattern\` is given). \`pattern\` is a glob (e.g. \`**/*.test.ts\`) matched against the workspace-relative path. At most ${MAX_LIST_ENTRIES} entries are returned; narrow with \`path\` or \`pattern\` when the list is truncated. ` +
    PATH_RULES,
  inputSchema: {
    type: 'object',
    properties: {
      path: { ...PATH_PROPERTY, description: `${PATH_PROPERTY.description} Omit to list the workspace root.` },
      pattern: { type: 'string', minLength: 1, description: 'Glob matched against each workspace-relative path, e.g. `src/**/*.ts` or `**/package.json`.' },
      recursive: { type: 'boolean', description: 'Include subfolders. Default false, or true when `pattern` is given.' },
    },
    additionalProperties: false,
  },
  async execute(input, ctx) {
    const rules = rulesForCall(ctx);
    const recursive = input.recursive ?? input.pattern !== undefined;
    let matches: ((path: string) => boolean) | undefined;
    if (input.pattern !== undefined) {
      try {
        const glob = compileGlob(input.pattern, { dot: true });
        matches = (p) => glob.matches(p);
      } catch (error) {
        if (!(error instanceof PatternError)) throw error;
        throw new ToolFailure(`\`pattern\` ${quote(input.pattern.length > 80 ? `${input.pattern.slice(0, 80)}…` : input.pattern)} cannot be used: ${error.message}`);
      }
    }

    const starts: Start[] = [];
    let where: string;
    if (input.path === undefined || input.path === '' || input.path === '.') {
      for (const folder of ctx.folders) starts.push({ folder, absDir: await realRoot(ctx.fs, folder), relDir: '' });
      where = 'the workspace root';
    } else {
      const resolved = await resolveToolPath(input.path, ctx, { mustExist: true, rules });
      if (resolved.type !== 'directory') throw new ToolFailure(`${quote(resolved.displayPath)} is a file, not a folder. Use read_file to read it.`);
      starts.push({ folder: resolved.folder, absDir: resolved.absPath, relDir: resolved.relPath });
      where = resolved.displayPath;
    }
    if (starts.length === 0) throw new ToolFailure('No workspace folder is open.');

    // Nested workspace folders: below one, its own rules apply too (as resolveToolPath does).
    const nested = ctx.folders.some((f) => ctx.folders.some((g) => g !== f && isInside(g.root, f.root)));
    const ignoredByInnerFolder = async (from: WorkspaceFolderRef, abs: string, isDir: boolean): Promise<boolean> => {
      const inner = innermostFolder(ctx.folders, abs, from.root);
      return inner !== undefined && (await (await rules(inner)).isIgnored(toSlashes(path.relative(inner.root, abs)), isDir));
    };

    const shown: string[] = [];
    let hidden = 0;
    let walked = 0;
    let unreadable = 0;
    const visit = async (start: Start, absDir: string, relDir: string, folderRules: IgnoreRules): Promise<void> => {
      throwIfAborted(ctx.signal);
      let entries;
      try {
        entries = [...(await ctx.fs.readDirectory(absDir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        unreadable++;
        return;
      }
      for (const entry of entries) {
        if (walked >= MAX_WALKED) return;
        const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
        const isDir = entry.type === 'directory';
        if (await folderRules.isIgnored(rel, isDir)) continue;
        if (nested && (await ignoredByInnerFolder(start.folder, path.join(absDir, entry.name), isDir))) continue;
        walked++;
        const display = displayPathOf(ctx.folders, start.folder, rel);
        if (!matches || matches(display) || matches(rel)) {
          const line = isDir ? `${display}/` : entry.type === 'symlink' ? `${display} (symbolic link)` : display;
          if (shown.length < MAX_LIST_ENTRIES) shown.push(line);
          else hidden++;
        }
        if (isDir && recursive) await visit(start, path.join(absDir, entry.name), rel, folderRules);
      }
    };
    for (const start of starts) await visit(start, start.absDir, start.relDir, await rules(start.folder));

    const notes: string[] = [];
    if (hidden > 0 || walked >= MAX_WALKED) {
      const more = walked >= MAX_WALKED ? `${hidden}+` : String(hidden);
      notes.push(`… ${more} more entries not shown; narrow with path or pattern.`);
    }
    if (unreadable > 0) notes.push(`(${unreadable} folder${unreadable === 1 ? '' : 's'} could not be read.)`);
    if (shown.length === 0) {
      const none = input.pattern !== undefined ? `No entries in ${where} match ${quote(input.pattern)}${recursive ? '' : ' (set recursive: true to look in subfolders)'}.` : `${where} is empty (ignored entries are not listed).`;
      return done([none, ...notes].join('\n'), `no entries in ${where}`);
    }
    return done([...shown, ...notes].join('\n'), `listed ${shown.length}${hidden ? '+' : ''} entries in ${where}`);
  },
});

// Confinement: turns a tool path into a real location inside one workspace folder, or refuses.
// After the lexical rules (pathSyntax) the path is resolved with realpath, so a symbolic link counts by
// where it points; the result must stay inside the folder the path named, and no ignore rule may match
// either the path as written or where it resolves to.
import * as path from 'node:path';
import { IgnoreRules } from './ignoreRules';
import { parseToolPath } from './pathSyntax';
import { ToolFailure, ToolRefusal, quote } from './toolOutcome';
import type { EntryType, FileSystemPort, ToolContext, WorkspaceFolderRef } from './toolTypes';

export interface ResolvedToolPath {
  readonly folder: WorkspaceFolderRef;
  /** Real location: realpath of the path, or of its deepest existing ancestor plus the rest. */
  readonly absPath: string;
  /** Folder-relative, `/` separators; '' for the folder itself. */
  readonly relPath: string;
  /** What the model and the user see: workspace-relative, the folder name first in multi-root. */
  readonly displayPath: string;
  /** Type of what absPath names; undefined when it does not exist yet. */
  readonly type: EntryType | undefined;
  readonly size: number | undefined;
}

export interface ResolveOptions {
  /** When true, a missing path is a failure (with a hint); when false it may name a file to create. */
  readonly mustExist: boolean;
  /** Ignore rules shared across the paths of one call; fresh rules are loaded when omitted. */
  readonly rules?: (folder: WorkspaceFolderRef) => Promise<IgnoreRules>;
}

type PathContext = Pick<ToolContext, 'folders' | 'fs' | 'exclude' | 'allowSecrets'>;

/** Throws ToolRefusal (outside the workspace, ignored) or ToolFailure (missing, unreadable). */
export async function resolveToolPath(input: string, ctx: PathContext, opts: ResolveOptions): Promise<ResolvedToolPath> {
  const { folder, segments } = parseToolPath(input, ctx.folders);
  const fs = ctx.fs;
  const root = await realRoot(fs, folder);
  const lexical = path.join(root, ...segments);

  let real: string;
  let exists = true;
  let notAFolder: string | undefined;
  try {
    real = await fs.realpath(lexical);
  } catch (error) {
    if (errorCode(error) === 'ELOOP') throw new ToolRefusal(`${quote(input)} goes through a loop of symbolic links.`);
    if (!isMissing(error)) throw error;
    exists = false;
    ({ real, notAFolder } = await resolveMissing(fs, root, segments, input));
  }

  if (!isInside(root, real)) {
    const where = ctx.folders.length > 1 ? `the workspace folder ${quote(folder.name)}` : 'the workspace';
    throw new ToolRefusal(`${quote(input)} resolves outside ${where} via a symbolic link. The tools only work on files inside the workspace folders.`);
  }
  const relPath = toSlashes(path.relative(root, real));
  const stat = exists ? await fs.lstat(real) : undefined;
  const isDirectory = stat?.type === 'directory';

  const rulesOf = (f: WorkspaceFolderRef) => (opts.rules ? opts.rules(f) : IgnoreRules.load(fs, f.root, { exclude: ctx.exclude, allowSecrets: ctx.allowSecrets }));
  const rules = await rulesOf(folder);
  const written = segments.join('/');
  const why = (await rules.reason(written, isDirectory)) ?? (relPath !== written ? await rules.reason(relPath, isDirectory) : undefined);
  if (why) throw new ToolRefusal(why);
  // Nested folders: the innermost workspace folder holding the real location applies its own rules too.
  const inner = innermostFolder(ctx.folders, real, root);
  if (inner) {
    const innerWhy = await (await rulesOf(inner)).reason(toSlashes(path.relative(inner.root, real)), isDirectory);
    if (innerWhy) throw new ToolRefusal(`${innerWhy} (Rule of the workspace folder ${quote(inner.name)}, which contains this path.)`);
  }

  const displayPath = displayPathOf(ctx.folders, folder, relPath);
  // Reported only now, so an ignored path is refused the same way whatever exists on disk.
  if (notAFolder !== undefined) throw new ToolFailure(`${quote(displayPathOf(ctx.folders, folder, notAFolder))} is a file, not a folder, so ${quote(input)} cannot exist.`);
  if (!exists && opts.mustExist) throw new ToolFailure(`${quote(displayPath)} does not exist.${await suggestion(fs, ctx.folders, folder, real)}`);
  return { folder, absPath: real, relPath, displayPath, type: stat?.type, size: stat?.size };
}

/** Workspace-relative display path: `src/a.ts`, or `frontend/src/a.ts` in a multi-root workspace. */
export function displayPathOf(folders: readonly WorkspaceFolderRef[], folder: WorkspaceFolderRef, relPath: string): string {
  if (folders.length > 1) return relPath ? `${folder.name}/${relPath}` : folder.name;
  return relPath || '.';
}

/**
 * The deepest workspace folder other than the one at `namedRoot` whose root holds `real` and lies below
 * `namedRoot` (a folder nested inside another); undefined when there is none. Roots are realpath'd.
 */
export function innermostFolder(folders: readonly WorkspaceFolderRef[], real: string, namedRoot: string): WorkspaceFolderRef | undefined {
  let best: WorkspaceFolderRef | undefined;
  for (const f of folders) {
    if (f.root === namedRoot || !isInside(namedRoot, f.root) || !isInside(f.root, real)) continue;
    if (!best || f.root.length > best.root.length) best = f;
  }
  return best;
}

/** True when `candidate` is `root` or below it. Both must be real paths; compared exactly (no case folding). */
export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return candidate.startsWith(prefix);
}

export async function realRoot(fs: FileSystemPort, folder: WorkspaceFolderRef): Promise<string> {
  try {
    return await fs.realpath(folder.root);
  } catch {
    throw new ToolFailure(`Workspace folder ${quote(folder.name)} is not accessible on disk.`);
  }
}

export function toSlashes(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** A path that does not exist yet: realpath of its deepest existing ancestor, plus the missing rest. */
async function resolveMissing(fs: FileSystemPort, root: string, segments: readonly string[], input: string): Promise<{ real: string; notAFolder?: string }> {
  for (let k = segments.length; k >= 0; k--) {
    const candidate = path.join(root, ...segments.slice(0, k));
    const stat = await fs.lstat(candidate);
    if (!stat) continue;
    let ancestor: string;
    try {
      ancestor = await fs.realpath(candidate);
    } catch (error) {
      if (stat.type === 'symlink' || isMissing(error) || errorCode(error) === 'ELOOP') {
        // Writing through a dangling link would create its target, wherever that is.
        throw new ToolRefusal(`${quote(input)} goes through a symbolic link whose target does not exist (${quote(segments.slice(0, k).join('/'))}).`);
      }
      throw error;
    }
    const real = path.join(ancestor, ...segments.slice(k));
    if (k < segments.length && (await fs.lstat(ancestor))?.type !== 'directory') return { real, notAFolder: segments.slice(0, k).join('/') };
    return { real };
  }
  throw new ToolFailure(`The workspace folder for ${quote(input)} is not accessible on disk.`);
}

/** " Did you mean `src/Foo.ts`?" for a name that differs only in case, else a pointer to the finders. */
async function suggestion(fs: FileSystemPort, folders: readonly WorkspaceFolderRef[], folder: WorkspaceFolderRef, missing: string): Promise<string> {
  const fallback = ' Check the path with list_files or search_files.';
  try {
    const dir = path.dirname(missing);
    const name = path.basename(missing).toLowerCase();
    const root = await realRoot(fs, folder);
    if (!isInside(root, dir)) return fallback;
    const hit = (await fs.readDirectory(dir)).find((e) => e.name.toLowerCase() === name);
    if (!hit) return fallback;
    return ` Did you mean ${quote(displayPathOf(folders, folder, toSlashes(path.relative(root, path.join(dir, hit.name)))))}?`;
  } catch {
    return fallback;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

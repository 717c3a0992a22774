// A before/after scan of the workspace around one command, so "Revert this turn" knows what the command
// created, modified or deleted. A scan rather than a file watcher: it is deterministic, needs no editor
// and sees every change made while the command ran (bench/commandScan.mjs measures its cost).
//
// Only files the agent tools may read are read. Ignored and secret files (the tools' IgnoreRules) are
// stat'ed, never read, so a change to one is reported but never restored. node_modules and .git folders
// are not walked at all. Contents are kept in memory under a per-file and a total cap; past either cap a
// file is reported as not restorable rather than silently dropped.
import { createHash } from 'node:crypto';
import { promises as fsp, type Stats } from 'node:fs';
import * as path from 'node:path';
import { IgnoreRules } from '../tools/ignoreRules';
import { createNodeFileSystem } from '../tools/nodeFileSystem';
import type { WorkspaceFolderRef } from '../tools/toolTypes';
import { displayPathOf } from '../tools/workspacePath';

/** A file bigger than this is never read: a change to it is reported as not restorable. */
export const MAX_SNAPSHOT_FILE_BYTES = 10 * 1024 * 1024;
/** Memory the kept contents of one snapshot may use. */
export const MAX_SNAPSHOT_TOTAL_BYTES = 50 * 1024 * 1024;
/** Folders never walked (dependencies, git internals): changes in them are not tracked. */
export const UNTRACKED_FOLDER_NAMES: readonly string[] = ['node_modules', '.git'];

export interface SnapshotOptions {
  /** claudeCompanion.tools.exclude, as the tools apply it. */
  readonly exclude: readonly string[];
  readonly allowSecrets: boolean;
  readonly maxFileBytes?: number;
  readonly maxTotalBytes?: number;
  /** False: record stats only (a git snapshot keeps the contents); the default reads and keeps them. */
  readonly keepContents?: boolean;
}

/** Why a file's pre-command state cannot be put back. */
export type UnrestorableReason = 'ignored' | 'tooLarge' | 'overTotalCap' | 'unreadable' | 'untrackedFolder' | 'redirected' | 'writeFailed';

export interface FileState {
  readonly kind: 'file' | 'symlink';
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly mode: number;
  /** A symbolic link's target (read with readlink, which reads no file). */
  readonly linkTarget?: string;
}

export interface ScannedFile {
  readonly absPath: string;
  /** Workspace-relative, folder name first in multi-root (what the tools and Revert show). */
  readonly displayPath: string;
  readonly folder: WorkspaceFolderRef;
  /** Folder-relative, `/` separators. */
  readonly relPath: string;
  readonly state: FileState;
  /** Inside a folder holding its own `.git` (a nested repository): the folder's git snapshot cannot take it. */
  readonly nestedRepo: boolean;
  /** Set when the file's content was not kept, so it cannot be restored. */
  readonly unrestorable?: UnrestorableReason;
  /** The bytes before the command (scan mode). */
  content?: Uint8Array;
  /** A digest of the bytes before the command, when the bytes themselves are kept elsewhere or dropped. */
  digest?: { readonly algorithm: DigestAlgorithm; readonly hex: string };
}

/** 'sha256' for contents over the total cap; the git ones are blob ids (see gitSnapshot.ts). */
export type DigestAlgorithm = 'sha256' | 'git-sha1' | 'git-sha256';

export interface WorkspaceSnapshot {
  readonly folders: readonly WorkspaceFolderRef[];
  readonly files: ReadonlyMap<string, ScannedFile>;
  /** Folders not walked, by display path: ignored ones, and node_modules and .git ('untrackedFolder'). */
  readonly skippedFolders: readonly SkippedFolder[];
}

export interface SkippedFolder {
  readonly path: string;
  readonly reason: Extract<UnrestorableReason, 'ignored' | 'untrackedFolder'>;
}

export interface ChangedFile {
  readonly absPath: string;
  readonly displayPath: string;
  /** The pre-command record; undefined for a created file. */
  readonly before: ScannedFile | undefined;
  /** For a created file whose inode was a deleted file's: that file's display path (a rename). */
  readonly renamedFrom?: string;
  /** Ignored or secret (before or after): never read, restored nor removed. */
  readonly ignored: boolean;
}

export interface WorkspaceDiff {
  readonly created: readonly ChangedFile[];
  readonly modified: readonly ChangedFile[];
  readonly deleted: readonly ChangedFile[];
}

/** Walks the workspace folders; with keepContents (the default) reads every readable file under the caps. */
export async function takeWorkspaceSnapshot(folders: readonly WorkspaceFolderRef[], options: SnapshotOptions): Promise<WorkspaceSnapshot> {
  const files = new Map<string, ScannedFile>();
  const skippedFolders: SkippedFolder[] = [];
  const maxFile = options.maxFileBytes ?? MAX_SNAPSHOT_FILE_BYTES;
  const budget = options.maxTotalBytes ?? MAX_SNAPSHOT_TOTAL_BYTES;
  const found = await walk(folders, options, skippedFolders);
  for (const entry of found) {
    if (files.has(entry.absPath)) continue; // a folder nested in another: the first one names it
    let unrestorable: UnrestorableReason | undefined = entry.ignored ? 'ignored' : undefined;
    if (!unrestorable && entry.state.kind === 'file' && entry.state.size > maxFile) unrestorable = 'tooLarge';
    const file: ScannedFile = { ...entry, ...(unrestorable ? { unrestorable } : {}) };
    files.set(entry.absPath, file);
  }
  skippedFolders.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const snapshot = { folders, files, skippedFolders };
  if (options.keepContents ?? true) await keepContents(snapshot, () => true, budget);
  return snapshot;
}

/**
 * Reads and keeps the bytes of the restorable regular files `wanted` picks, while `budget` lasts; past
 * it a file keeps only a digest (so a change is still told apart from a touch) and is not restorable.
 */
export async function keepContents(snapshot: WorkspaceSnapshot, wanted: (file: ScannedFile) => boolean, budget = MAX_SNAPSHOT_TOTAL_BYTES): Promise<void> {
  const files = snapshot.files as Map<string, ScannedFile>;
  // The budget is shared out by the sizes the scan saw, in path order, so which files fall past it does
  // not depend on directory order; the reads then run a few at a time.
  const jobs: { file: ScannedFile; keep: boolean }[] = [];
  for (const file of [...files.values()].sort((a, b) => (a.absPath < b.absPath ? -1 : 1))) {
    if (file.unrestorable || file.state.kind !== 'file' || file.content || !wanted(file)) continue;
    const keep = file.state.size <= budget;
    if (keep) budget -= file.state.size;
    jobs.push({ file, keep });
  }
  await inParallel(jobs, READS_AT_ONCE, async ({ file, keep }) => files.set(file.absPath, await readKept(file, keep)));
}

const READS_AT_ONCE = 16;

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Scans again and compares with `before`: stats first, bytes only where the stats differ. */
export async function diffWorkspace(before: WorkspaceSnapshot, options: SnapshotOptions): Promise<WorkspaceDiff> {
  const after = await walk(before.folders, options, []);
  const now = new Map(after.map((f) => [f.absPath, f]));
  const created: ChangedFile[] = [];
  const modified: ChangedFile[] = [];
  const deleted: ChangedFile[] = [];
  for (const [absPath, old] of before.files) {
    const current = now.get(absPath);
    const ignored = old.unrestorable === 'ignored' || current?.ignored === true;
    if (!current) {
      // Not seen is not gone: the command may have made its folder ignored (a .gitignore edit). Such a
      // file is not read now, and a change to it is not undone.
      const still = await stateOf(absPath);
      if (!still) deleted.push({ absPath, displayPath: old.displayPath, before: old, ignored });
      else if (!sameStats(old.state, still)) modified.push({ absPath, displayPath: old.displayPath, before: old, ignored: true });
    } else if (!(await sameFile(old, current.state))) modified.push({ absPath, displayPath: old.displayPath, before: old, ignored });
  }
  const deletedByIno = new Map(deleted.filter((d) => d.before!.state.ino !== 0).map((d) => [d.before!.state.ino, d.displayPath]));
  for (const current of after) {
    if (before.files.has(current.absPath)) continue;
    const from = deletedByIno.get(current.state.ino);
    created.push({ absPath: current.absPath, displayPath: current.displayPath, before: undefined, ignored: current.ignored, ...(from !== undefined ? { renamedFrom: from } : {}) });
  }
  const byPath = (a: ChangedFile, b: ChangedFile) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0);
  return { created: created.sort(byPath), modified: modified.sort(byPath), deleted: deleted.sort(byPath) };
}

/** The digest `algorithm` gives for `bytes` (git blob ids hash a "blob <size>\0" header first). */
export function digestOf(algorithm: DigestAlgorithm, bytes: Uint8Array): string {
  if (algorithm === 'sha256') return createHash('sha256').update(bytes).digest('hex');
  const hash = createHash(algorithm === 'git-sha1' ? 'sha1' : 'sha256');
  return hash.update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A file as the walk finds it, before its content is read. */
type Walked = Pick<ScannedFile, 'absPath' | 'displayPath' | 'folder' | 'relPath' | 'state' | 'nestedRepo'> & { readonly ignored: boolean };

async function walk(folders: readonly WorkspaceFolderRef[], options: SnapshotOptions, skipped: SkippedFolder[]): Promise<Walked[]> {
  const out: Walked[] = [];
  const fsPort = createNodeFileSystem();
  for (const folder of folders) {
    const rules = await IgnoreRules.load(fsPort, folder.root, { exclude: options.exclude, allowSecrets: options.allowSecrets });
    const visit = async (absDir: string, relDir: string, nestedRepo: boolean): Promise<void> => {
      let entries;
      try {
        entries = await fsp.readdir(absDir, { withFileTypes: true });
      } catch {
        return; // vanished or unreadable: nothing in it can be tracked
      }
      const inNested = nestedRepo || (relDir !== '' && entries.some((e) => e.name === '.git'));
      const stats = await Promise.all(
        entries.map(async (entry) => {
          const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
          const abs = path.join(absDir, entry.name);
          const isDir = entry.isDirectory();
          if (!isDir && !entry.isFile() && !entry.isSymbolicLink()) return undefined;
          const ignored = (await rules.reason(rel, isDir)) !== undefined;
          if (isDir) {
            if (ignored || UNTRACKED_FOLDER_NAMES.includes(entry.name)) {
              skipped.push({ path: `${displayPathOf(folders, folder, rel)}/`, reason: UNTRACKED_FOLDER_NAMES.includes(entry.name) ? 'untrackedFolder' : 'ignored' });
              return undefined;
            }
            return { dir: true as const, abs, rel };
          }
          const state = await stateOf(abs);
          return state ? { dir: false as const, abs, rel, state, ignored } : undefined;
        }),
      );
      const subdirs: { abs: string; rel: string }[] = [];
      for (const s of stats) {
        if (!s) continue;
        if (s.dir) subdirs.push(s);
        else out.push({ absPath: s.abs, displayPath: displayPathOf(folders, folder, s.rel), folder, relPath: s.rel, state: s.state, nestedRepo: inNested, ignored: s.ignored });
      }
      for (const d of subdirs) await visit(d.abs, d.rel, inNested);
    };
    await visit(folder.root, '', false);
  }
  return out;
}

/** lstat (and readlink for a link); undefined when the file vanished meanwhile. */
export async function stateOf(absPath: string): Promise<FileState | undefined> {
  let st: Stats;
  try {
    st = await fsp.lstat(absPath);
  } catch {
    return undefined;
  }
  const base = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, mode: st.mode };
  if (st.isSymbolicLink()) {
    try {
      return { kind: 'symlink', ...base, linkTarget: await fsp.readlink(absPath) };
    } catch {
      return undefined;
    }
  }
  return st.isFile() ? { kind: 'file', ...base } : undefined;
}

async function readKept(file: ScannedFile, keep: boolean): Promise<ScannedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(file.absPath);
  } catch {
    return { ...file, unrestorable: 'unreadable' };
  }
  if (!keep) return { ...file, unrestorable: 'overTotalCap', digest: { algorithm: 'sha256', hex: digestOf('sha256', bytes) } };
  return { ...file, content: bytes };
}

/** Same stats means unchanged (ctime cannot be set back); otherwise the bytes decide where we know them. */
async function sameFile(old: ScannedFile, now: FileState): Promise<boolean> {
  const was = old.state;
  if (was.kind !== now.kind) return false;
  if (was.kind === 'symlink') return was.linkTarget === now.linkTarget;
  if (sameStats(was, now)) return true;
  if (was.mode !== now.mode || (was.size !== now.size && (old.content || old.digest))) return false;
  if (!old.content && !old.digest) return false; // changed stats and nothing to compare with: say modified
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(old.absPath);
  } catch {
    return false;
  }
  if (old.content) return Buffer.from(old.content).equals(bytes);
  return digestOf(old.digest!.algorithm, bytes) === old.digest!.hex;
}

function sameStats(was: FileState, now: FileState): boolean {
  return was.kind === now.kind && was.size === now.size && was.mtimeMs === now.mtimeMs && was.ctimeMs === now.ctimeMs && was.ino === now.ino && was.mode === now.mode && was.linkTarget === now.linkTarget;
}

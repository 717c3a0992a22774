// What one run_command changed in the workspace, and putting it back: a scan before and after the
// command (workspaceSnapshot.ts) finds created, modified and deleted files; the pre-command bytes come
// from a git snapshot where the folder is a repository (gitSnapshot.ts) and from the scan's own copies
// elsewhere. Every file that cannot be put back is listed with why, so Revert can say so plainly.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FileCheckpoint } from '../chat/checkpoints';
import { t } from '../l10n';
import type { WorkspaceFolderRef } from '../tools/toolTypes';
import { type GitSnapshot, readSnapshotBlob, takeGitSnapshot } from './gitSnapshot';
import { type ChangedFile, diffWorkspace, keepContents, MAX_SNAPSHOT_TOTAL_BYTES, type ScannedFile, type SkippedFolder, type SnapshotOptions, takeWorkspaceSnapshot, type UnrestorableReason, type WorkspaceSnapshot } from './workspaceSnapshot';

export interface CommandSnapshotOptions extends SnapshotOptions {
  /** The git executable; false: never use git (the scan keeps every content). */
  readonly git?: string | false;
}

export interface CommandSnapshot {
  readonly workspace: WorkspaceSnapshot;
  /** Per folder root, where git took the snapshot. */
  readonly git: ReadonlyMap<string, GitSnapshot>;
  readonly options: CommandSnapshotOptions;
}

export interface Unrestorable {
  readonly path: string;
  readonly reason: UnrestorableReason;
}

export interface CommandChanges {
  readonly created: readonly ChangedFile[];
  readonly modified: readonly ChangedFile[];
  readonly deleted: readonly ChangedFile[];
  /** Changed files Revert cannot put back (display paths), with why. */
  readonly unrestorable: readonly Unrestorable[];
  /** Folders not scanned (ignored ones, node_modules, .git): changes in them are unknown, so never undone. */
  readonly notTracked: readonly SkippedFolder[];
  readonly snapshot: CommandSnapshot;
}

export type RestoreOutcome =
  | { readonly path: string; readonly result: 'restored' }
  /** A file the command created, removed. */
  | { readonly path: string; readonly result: 'removed' }
  | { readonly path: string; readonly result: 'failed'; readonly reason: UnrestorableReason; readonly detail?: string };

/** Before the command: scan, then keep pre-command bytes (git objects where possible, memory elsewhere). */
export async function snapshotBeforeCommand(folders: readonly WorkspaceFolderRef[], options: CommandSnapshotOptions): Promise<CommandSnapshot> {
  const workspace = await takeWorkspaceSnapshot(folders, { ...options, keepContents: false });
  const git = new Map<string, GitSnapshot>();
  if (options.git !== false) {
    for (const folder of folders) {
      const mine = [...workspace.files.values()].filter((f) => f.folder === folder && !f.unrestorable && !f.nestedRepo && f.state.kind === 'file');
      try {
        const snap = await takeGitSnapshot(folder.root, mine.map((f) => f.relPath), { git: options.git });
        git.set(folder.root, snap);
        for (const f of mine) {
          const blob = snap.blobs.get(f.relPath);
          if (blob) f.digest = { algorithm: snap.algorithm, hex: blob.oid };
        }
      } catch {
        // No git, or not a repository: the scan keeps these contents itself (below).
      }
    }
  }
  await keepContents(workspace, (f) => f.digest === undefined, options.maxTotalBytes ?? MAX_SNAPSHOT_TOTAL_BYTES);
  return { workspace, git, options };
}

/** After the command: what changed, and which of those changes cannot be put back. */
export async function changesAfterCommand(snapshot: CommandSnapshot): Promise<CommandChanges> {
  const diff = await diffWorkspace(snapshot.workspace, snapshot.options);
  const unrestorable: Unrestorable[] = [];
  for (const c of diff.created) if (c.ignored) unrestorable.push({ path: c.displayPath, reason: 'ignored' });
  for (const c of [...diff.modified, ...diff.deleted]) {
    const why = whyNotRestorable(c);
    if (why) unrestorable.push({ path: c.displayPath, reason: why });
  }
  return { ...diff, unrestorable, notTracked: snapshot.workspace.skippedFolders, snapshot };
}

/**
 * Puts every changed file back: created files are removed, modified and deleted ones get their
 * pre-command bytes (and mode). Ignored files are left alone. One outcome per changed file.
 */
export async function restoreCommandChanges(changes: CommandChanges): Promise<RestoreOutcome[]> {
  const out: RestoreOutcome[] = [];
  const fail = (c: ChangedFile, reason: UnrestorableReason, detail?: string) => out.push({ path: c.displayPath, result: 'failed', reason, ...(detail ? { detail } : {}) });
  // Created files go first: a rename's new name is removed before its old name is written back.
  const createdDirs = new Set<string>();
  for (const c of changes.created) {
    if (c.ignored) {
      fail(c, 'ignored');
      continue;
    }
    try {
      if (await redirected(c.absPath)) throw new RestoreRedirected();
      await fsp.unlink(c.absPath);
      out.push({ path: c.displayPath, result: 'removed' });
      createdDirs.add(path.dirname(c.absPath));
    } catch (error) {
      if (error instanceof RestoreRedirected) fail(c, 'redirected');
      else if (codeOf(error) === 'ENOENT') out.push({ path: c.displayPath, result: 'removed' });
      else fail(c, 'writeFailed', codeOf(error));
    }
  }
  await removeEmptyCreatedFolders(createdDirs, changes.snapshot.workspace);
  for (const c of [...changes.modified, ...changes.deleted]) {
    const why = whyNotRestorable(c);
    if (why) {
      fail(c, why);
      continue;
    }
    const before = c.before!;
    try {
      if (await redirected(c.absPath)) throw new RestoreRedirected();
      await fsp.mkdir(path.dirname(c.absPath), { recursive: true });
      if (before.state.kind === 'symlink') {
        await fsp.rm(c.absPath, { force: true });
        await fsp.symlink(before.state.linkTarget!, c.absPath);
      } else {
        const bytes = await beforeBytes(changes.snapshot, before);
        // A link put where the file was is replaced, never written through.
        if ((await fsp.lstat(c.absPath).catch(() => undefined))?.isSymbolicLink()) await fsp.unlink(c.absPath);
        await fsp.writeFile(c.absPath, bytes);
        await fsp.chmod(c.absPath, before.state.mode & 0o7777);
      }
      out.push({ path: c.displayPath, result: 'restored' });
    } catch (error) {
      if (error instanceof RestoreRedirected) fail(c, 'redirected');
      else fail(c, 'writeFailed', codeOf(error));
    }
  }
  return out;
}

/**
 * The changes as "Revert this turn" checkpoints (checkpoints.ts): `before` the pre-command bytes
 * (undefined for a created file), `after` what is on disk now, so revertPlan.ts asks before undoing
 * later work. Files that cannot be restored are left out; they are in `changes.unrestorable`.
 */
export async function commandCheckpoints(changes: CommandChanges): Promise<FileCheckpoint[]> {
  const out: FileCheckpoint[] = [];
  const now = async (absPath: string) => fsp.readFile(absPath).then((b) => new Uint8Array(b), () => undefined);
  for (const c of changes.created) if (!c.ignored) out.push({ absPath: c.absPath, before: undefined, after: await now(c.absPath) });
  for (const c of [...changes.modified, ...changes.deleted]) {
    if (whyNotRestorable(c) || c.before!.state.kind !== 'file') continue;
    try {
      out.push({ absPath: c.absPath, before: await beforeBytes(changes.snapshot, c.before!), after: await now(c.absPath) });
    } catch {
      // A blob git can no longer give (pruned): not restorable after all; restoreCommandChanges says so.
    }
  }
  return out;
}

/** In words for the user: why Revert left a file as the command made it. */
export function describeUnrestorable(reason: UnrestorableReason): string {
  switch (reason) {
    case 'ignored':
      return t('ignored or secret: Claude\'s tools may not read it, so its contents were not kept');
    case 'tooLarge':
      return t('too large to keep a copy of');
    case 'overTotalCap':
      return t('past the memory kept for copies before the command');
    case 'unreadable':
      return t('it could not be read before the command');
    case 'untrackedFolder':
      return t('changes inside this folder (dependencies or git\'s own files) are not tracked');
    case 'redirected':
      return t('its folder is now a symbolic link, so nothing was written through it');
    case 'writeFailed':
      return t('writing it back failed');
  }
}

class RestoreRedirected extends Error {
  override readonly name = 'RestoreRedirected';
}

function whyNotRestorable(c: ChangedFile): UnrestorableReason | undefined {
  if (c.ignored) return 'ignored';
  const before = c.before;
  if (!before) return undefined;
  if (before.unrestorable) return before.unrestorable;
  if (before.state.kind === 'symlink') return undefined;
  return before.content || before.digest?.algorithm.startsWith('git-') ? undefined : 'unreadable';
}

async function beforeBytes(snapshot: CommandSnapshot, file: ScannedFile): Promise<Uint8Array> {
  if (file.content) return file.content;
  const git = snapshot.git.get(file.folder.root);
  if (!git) throw new Error('no copy');
  return readSnapshotBlob(git, file.relPath, { git: snapshot.options.git || undefined });
}

/** The deepest existing folder above `absPath` is not where it was (a symbolic link now leads elsewhere). */
async function redirected(absPath: string): Promise<boolean> {
  let dir = path.dirname(absPath);
  for (;;) {
    try {
      return (await fsp.realpath(dir)) !== dir;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return false;
      dir = up;
    }
  }
}

/** Folders that only held created files, now empty: removed, so a deleted file of that name can return. */
async function removeEmptyCreatedFolders(dirs: ReadonlySet<string>, snapshot: WorkspaceSnapshot): Promise<void> {
  const keep = new Set<string>(snapshot.folders.map((f) => f.root));
  for (const f of snapshot.files.values()) for (let d = path.dirname(f.absPath); !keep.has(d) && d !== path.dirname(d); d = path.dirname(d)) keep.add(d);
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    for (let d = dir; !keep.has(d) && d !== path.dirname(d); d = path.dirname(d)) {
      if (!(await fsp.rmdir(d).then(() => true, () => false))) break;
    }
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

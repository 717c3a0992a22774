// The path every change takes once its new content is known: trust, the user's approval (unless
// auto-approved; protected files always ask), a check that the path still resolves where it did and that
// the file did not change meanwhile, the checkpoint, then the write.
// Nothing touches the disk before approval, so a refused, declined or failed change leaves no trace.
import * as path from 'node:path';
import { logFailure, NO_LOG } from '../log';
import { throwIfAborted } from './defineTool';
import { PROTECTED_ROOT_NAMES, protectedReason } from './protectedFiles';
import { MAX_READ_FILE_BYTES } from './readFile';
import { decodeText } from './textDecoding';
import { ToolFailure, ToolRefusal, declined, done, quote, refused } from './toolOutcome';
import type { FileSystemPort, ProposedWrite, ProtectedFolder, ToolContext, ToolOutcome } from './toolTypes';
import { isInside, realRoot, resolveToolPath, type ResolvedToolPath } from './workspacePath';

// l10n-exempt: the tool result the model gets; the panel shows its own notice
export const RESTRICTED_MODE_MESSAGE =
  'The workspace is not trusted; writes are disabled in Restricted Mode, so nothing was written. The user can trust the workspace (Manage Workspace Trust) to allow changes; until then, describe the change instead.';

export interface ProposedChange {
  readonly tool: ProposedWrite['tool'];
  readonly file: ResolvedToolPath;
  /** The path as the model wrote it: checked for protection too, and resolved again after the approval. */
  readonly requestedPath?: string;
  readonly before: Uint8Array | undefined;
  readonly after: string;
  /** What to tell the model and the tool card once the write is applied. */
  readonly doneMessage: string;
  readonly doneSummary: string;
}

export async function applyWithApproval(change: ProposedChange, ctx: ToolContext, toolUseId: string): Promise<ToolOutcome> {
  const shown = quote(change.file.displayPath);
  if (!ctx.trusted) return refused(RESTRICTED_MODE_MESSAGE, 'refused: Restricted Mode');
  const reason = await protectionOf(change.file, ctx.fs, change.requestedPath, ctx.protectedFolders);
  const write: ProposedWrite = {
    toolUseId,
    tool: change.tool,
    displayPath: change.file.displayPath,
    absPath: change.file.absPath,
    before: change.before,
    after: change.after,
    ...(reason ? { protectedReason: reason } : {}),
  };
  // A protected file changes how the editor or Claude behaves: the user sees it whatever auto-approval says.
  if (reason !== undefined || !ctx.autoApproveWrites) {
    throwIfAborted(ctx.signal);
    const decision = await ctx.approvals.requestApproval(write, ctx.signal);
    if (!decision.approved) {
      const why = decision.reason?.trim() ? ` Their reason: ${decision.reason.trim()}` : '';
      return declined(
        `The user declined the change to ${shown}; nothing was written.${why} Do not retry the same change without asking the user what they want instead.`,
        `declined: ${change.file.displayPath}`,
      );
    }
  }
  throwIfAborted(ctx.signal);
  // A symbolic link swapped while the user looked would send the approved content somewhere else.
  const moved = await movedSince(change, ctx);
  if (moved) return refused(moved, `refused: ${change.file.displayPath} moved`);
  // The proposal was computed from `before`; if the file moved on while the user looked, applying it
  // would silently drop someone's edit.
  const changed = `${shown} changed on disk while the change was waiting; nothing was written. Read it again and redo the change.`;
  const stat = await ctx.fs.lstat(change.file.absPath);
  // Not a regular file any more (a FIFO would block the read): changed, whatever it holds.
  if (stat && stat.type !== 'file') throw new ToolFailure(changed);
  if (!sameBytes(stat ? await ctx.fs.readFile(change.file.absPath) : undefined, change.before)) throw new ToolFailure(changed);
  await ctx.checkpoints.beforeWrite(change.file.absPath, change.before);
  await ctx.writer.apply(write);
  // Unreadable right after the write: recorded as such (Revert then treats the file as changed), and logged.
  const after = await ctx.fs.readFile(change.file.absPath).catch(logFailure(ctx.log ?? NO_LOG, 'warn', `Reading ${change.file.displayPath} back after writing it failed`));
  await ctx.checkpoints.afterWrite(change.file.absPath, after);
  return done(change.doneMessage, change.doneSummary);
}

/**
 * Why a write to `file` must be seen by the user: the path as written, where it resolves, or a protected
 * name at the folder's root that is a symbolic link to it (VS Code reads `.vscode` through the link), or
 * a protected folder the editor named (its own settings folder) that holds it.
 */
export async function protectionOf(file: ResolvedToolPath, fs: FileSystemPort, requestedPath?: string, folders: readonly ProtectedFolder[] = []): Promise<string | undefined> {
  const direct = protectedReason(file.relPath) ?? (requestedPath !== undefined ? protectedReason(requestedPath) : undefined);
  if (direct !== undefined) return direct;
  const holder = folders.find((f) => isInside(f.absPath, file.absPath));
  if (holder) return holder.why;
  const root = await realRoot(fs, file.folder);
  for (const name of PROTECTED_ROOT_NAMES) {
    const link = path.join(root, name);
    if ((await fs.lstat(link))?.type !== 'symlink') continue;
    let target: string;
    try {
      target = await fs.realpath(link);
    } catch {
      continue;
    }
    if (isInside(target, file.absPath)) return protectedReason(name);
  }
  return undefined;
}

/** Undefined when the change would still land where it was approved; else why it is refused (for the model). */
async function movedSince(change: ProposedChange, ctx: ToolContext): Promise<string | undefined> {
  const shown = quote(change.file.displayPath);
  const message = `${shown} now resolves to a different place than when the change was proposed (a symbolic link changed while it waited); nothing was written. Do not retry; tell the user.`;
  if ((await realLocation(ctx.fs, change.file.absPath)) !== change.file.absPath) return message;
  if (change.requestedPath === undefined) return undefined;
  try {
    const again = await resolveToolPath(change.requestedPath, ctx, { mustExist: false });
    return again.absPath === change.file.absPath ? undefined : message;
  } catch (error) {
    if (error instanceof ToolRefusal || error instanceof ToolFailure) return `${message} ${error.message}`;
    throw error;
  }
}

/** realpath of `absPath`, or of its deepest existing ancestor plus the rest; undefined for a dangling link. */
async function realLocation(fs: FileSystemPort, absPath: string): Promise<string | undefined> {
  const rest: string[] = [];
  for (let at = absPath; ; ) {
    if (await fs.lstat(at)) {
      try {
        return path.join(await fs.realpath(at), ...rest);
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(at);
    if (parent === at) return undefined;
    rest.unshift(path.basename(at));
    at = parent;
  }
}

/** Why an existing path cannot have its whole content replaced by a write (typed: callers word it). */
export type UnreplaceableKind = 'folder' | 'notRegular' | 'tooLarge' | 'binary';

export class UnreplaceableFile extends ToolFailure {
  constructor(
    readonly kind: UnreplaceableKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The bytes and text of the file a write would replace, or undefined when it does not exist yet. Folders,
 * FIFOs, devices and sockets, files over the read cap and binary files are refused before any byte is read
 * (a FIFO would block the read). Messages are written for the model, as write_file reports them.
 */
export async function readFileToReplace(file: ResolvedToolPath, fs: FileSystemPort, tool = 'write_file'): Promise<{ readonly bytes: Uint8Array; readonly text: string } | undefined> {
  const shown = quote(file.displayPath);
  if (file.type === undefined) return undefined;
  if (file.type === 'directory') throw new UnreplaceableFile('folder', `${shown} is a folder; give the path of a file inside it.`);
  if (file.type !== 'file') throw new UnreplaceableFile('notRegular', `${shown} is not a regular file.`);
  if ((file.size ?? 0) > MAX_READ_FILE_BYTES) throw new UnreplaceableFile('tooLarge', `${shown} is too large to replace with ${tool}.`);
  const bytes = await fs.readFile(file.absPath);
  const old = decodeText(bytes);
  if (old.kind === 'binary') throw new UnreplaceableFile('binary', `${shown} is a binary file; ${tool} only writes text and will not replace it.`);
  return { bytes, text: old.text };
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

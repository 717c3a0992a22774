// The path every change takes once its new content is known: trust, the user's approval (unless
// auto-approved), a last check that the file did not change meanwhile, the checkpoint, then the write.
// Nothing touches the disk before approval, so a refused, declined or failed change leaves no trace.
import { throwIfAborted } from './defineTool';
import { ToolFailure, declined, done, quote, refused } from './toolOutcome';
import type { FileSystemPort, ProposedWrite, ToolContext, ToolOutcome } from './toolTypes';
import type { ResolvedToolPath } from './workspacePath';

export const RESTRICTED_MODE_MESSAGE =
  'The workspace is not trusted; writes are disabled in Restricted Mode, so nothing was written. The user can trust the workspace (Manage Workspace Trust) to allow changes; until then, describe the change instead.';

export interface ProposedChange {
  readonly tool: ProposedWrite['tool'];
  readonly file: ResolvedToolPath;
  readonly before: Uint8Array | undefined;
  readonly after: string;
  /** What to tell the model and the tool card once the write is applied. */
  readonly doneMessage: string;
  readonly doneSummary: string;
}

export async function applyWithApproval(change: ProposedChange, ctx: ToolContext, toolUseId: string): Promise<ToolOutcome> {
  const shown = quote(change.file.displayPath);
  if (!ctx.trusted) return refused(RESTRICTED_MODE_MESSAGE, 'refused: Restricted Mode');
  const write: ProposedWrite = {
    toolUseId,
    tool: change.tool,
    displayPath: change.file.displayPath,
    absPath: change.file.absPath,
    before: change.before,
    after: change.after,
  };
  if (!ctx.autoApproveWrites) {
    throwIfAborted(ctx.signal);
    const decision = await ctx.approvals.requestApproval(write, ctx.signal);
    if (!decision.approved) {
      const reason = decision.reason?.trim() ? ` Their reason: ${decision.reason.trim()}` : '';
      return declined(
        `The user declined the change to ${shown}; nothing was written.${reason} Do not retry the same change without asking the user what they want instead.`,
        `declined: ${change.file.displayPath}`,
      );
    }
  }
  throwIfAborted(ctx.signal);
  // The proposal was computed from `before`; if the file moved on while the user looked, applying it
  // would silently drop someone's edit.
  const current = await currentBytes(ctx.fs, change.file.absPath);
  if (!sameBytes(current, change.before)) {
    throw new ToolFailure(`${shown} changed on disk while the change was waiting; nothing was written. Read it again and redo the change.`);
  }
  await ctx.checkpoints.beforeWrite(change.file.absPath, change.before);
  await ctx.writer.apply(write);
  return done(change.doneMessage, change.doneSummary);
}

async function currentBytes(fs: FileSystemPort, absPath: string): Promise<Uint8Array | undefined> {
  const stat = await fs.lstat(absPath);
  return stat ? fs.readFile(absPath) : undefined;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

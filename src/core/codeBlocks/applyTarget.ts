// Which file "Apply to File" writes: the path the code fence names (```ts path=src/a.ts), else the file
// in the active editor. Either way it must resolve inside a workspace folder (symbolic links count by
// where they point) and pass the same ignore and secret-file rules as the agent's write_file. Like
// write_file it refuses FIFOs, devices, binary files and files over the read cap, and says when the file is
// protected (its approval always shows why).
import * as path from 'node:path';
import { ToolFailure, ToolRefusal } from '../tools/toolOutcome';
import type { ToolContext } from '../tools/toolTypes';
import { UnreplaceableFile, protectionOf, readFileToReplace, type UnreplaceableKind } from '../tools/writeFlow';
import { resolveToolPath, type ResolvedToolPath } from '../tools/workspacePath';
import { MAX_READ_FILE_BYTES } from '../tools/readFile';
import { t } from '../l10n';

export type ApplyTarget =
  | {
      readonly ok: true;
      readonly file: ResolvedToolPath;
      /** The path resolved (resolve it again after the approval: it must land on the same file). */
      readonly input: string;
      /** The file's bytes now; undefined for a new file. */
      readonly before: Uint8Array | undefined;
      /** Set for a protected file: why it matters, in words for the user. */
      readonly protectedReason?: string;
    }
  | { readonly ok: false; readonly message: string };

export interface ApplyRequest {
  /** From the fence info: workspace-relative, or absolute inside a workspace folder. */
  readonly path?: string;
  /** Absolute path of the file in the active editor, if it is a file on disk. */
  readonly activeFile?: string;
}

type PathContext = Pick<ToolContext, 'folders' | 'fs' | 'exclude' | 'allowSecrets' | 'protectedFolders'>;

const noTarget = () => t('Apply to File needs a target: open the file the code is for in an editor (or ask Claude to name it in the code block, e.g. ```ts path=src/a.ts), then try again.');

/** An absolute path as a workspace path (`src/a.ts`, or `folder/src/a.ts` in multi-root), if it is inside a folder. */
export function workspaceRelative(absPath: string, folders: PathContext['folders'], pathApi: path.PlatformPath = path): string | undefined {
  for (const folder of folders) {
    const rel = pathApi.relative(folder.root, absPath);
    if (rel === '' || rel.startsWith('..') || pathApi.isAbsolute(rel)) continue;
    const slashes = rel.split(pathApi.sep).join('/');
    return folders.length > 1 ? `${folder.name}/${slashes}` : slashes;
  }
  return undefined;
}

export async function resolveApplyTarget(request: ApplyRequest, ctx: PathContext): Promise<ApplyTarget> {
  if (ctx.folders.length === 0) return { ok: false, message: t('Apply to File works on workspace files, and no folder is open. Open the folder the code belongs to, then try again.') };
  let input: string;
  const named = request.path?.trim();
  if (named) {
    if (path.isAbsolute(named) || /^[a-z]:[\\/]/i.test(named)) {
      const rel = workspaceRelative(named, ctx.folders);
      if (rel === undefined) return { ok: false, message: t('The code block names "{0}", which is outside the workspace; nothing was written. Apply to File only writes files inside the open workspace folders.', named) };
      input = rel;
    } else {
      input = named;
    }
  } else if (request.activeFile) {
    const rel = workspaceRelative(request.activeFile, ctx.folders);
    if (rel === undefined) return { ok: false, message: t('The file in the active editor ({0}) is outside the workspace; nothing was written. Apply to File only writes files inside the open workspace folders.', path.basename(request.activeFile)) };
    input = rel;
  } else {
    return { ok: false, message: noTarget() };
  }
  try {
    const file = await resolveToolPath(input, ctx, { mustExist: false });
    const before = (await readFileToReplace(file, ctx.fs))?.bytes;
    const protectedReason = await protectionOf(file, ctx.fs, input, ctx.protectedFolders);
    return { ok: true, file, input, before, ...(protectedReason ? { protectedReason } : {}) };
  } catch (error) {
    if (error instanceof UnreplaceableFile) return { ok: false, message: unreplaceableMessage(error.kind, named ?? input) };
    if (error instanceof ToolRefusal || error instanceof ToolFailure) return { ok: false, message: t('Apply to File did not write "{0}": {1}', named ?? input, error.message) };
    throw error;
  }
}

function unreplaceableMessage(kind: UnreplaceableKind, shown: string): string {
  switch (kind) {
    case 'folder':
      return t('"{0}" is a folder, not a file; nothing was written.', shown);
    case 'notRegular':
      return t('"{0}" is not a regular file (a pipe, device or socket); nothing was written. Apply to File only replaces ordinary text files.', shown);
    case 'tooLarge':
      return t('"{0}" is larger than {1} MB, too large to replace; nothing was written. Edit it in the editor instead.', shown, MAX_READ_FILE_BYTES / (1024 * 1024));
    case 'binary':
      return t('"{0}" is a binary file; nothing was written. Apply to File only replaces text files: name a text file in the code block.', shown);
  }
}

// Which file "Apply to File" writes: the path the code fence names (```ts path=src/a.ts), else the file
// in the active editor. Either way it must resolve inside a workspace folder (symbolic links count by
// where they point) and pass the same ignore and secret-file rules as the agent's write_file.
import * as path from 'node:path';
import { ToolFailure, ToolRefusal } from '../tools/toolOutcome';
import type { ToolContext } from '../tools/toolTypes';
import { resolveToolPath, type ResolvedToolPath } from '../tools/workspacePath';
import { t } from '../l10n';

export type ApplyTarget = { readonly ok: true; readonly file: ResolvedToolPath } | { readonly ok: false; readonly message: string };

export interface ApplyRequest {
  /** From the fence info: workspace-relative, or absolute inside a workspace folder. */
  readonly path?: string;
  /** Absolute path of the file in the active editor, if it is a file on disk. */
  readonly activeFile?: string;
}

type PathContext = Pick<ToolContext, 'folders' | 'fs' | 'exclude' | 'allowSecrets'>;

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
    if (file.type === 'directory') return { ok: false, message: t('"{0}" is a folder, not a file; nothing was written.', file.displayPath) };
    return { ok: true, file };
  } catch (error) {
    if (error instanceof ToolRefusal || error instanceof ToolFailure) return { ok: false, message: t('Apply to File did not write "{0}": {1}', named ?? input, error.message) };
    throw error;
  }
}

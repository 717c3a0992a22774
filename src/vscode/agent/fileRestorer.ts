// "Revert this turn" in the editor: reads files (an unsaved editor counts as a later change), asks in a
// modal before touching files changed since the turn, writes originals back and moves files the turn
// created to the trash. Where the file system has no trash (a remote or web host may not), it asks before
// deleting them for good and keeps them otherwise. The decisions are in core/chat/turnRevert.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ScriptedAnswers } from '../scriptedAnswers';
import type { FileCheckpoint } from '../../core/chat/checkpoints';
import type { ChangedFile, RevertPort } from '../../core/chat/turnRevert';

/** A question revert asked (what the integration tests check). */
export interface RevertQuestion {
  readonly kind: 'changed' | 'permanentDelete';
  /** Workspace-relative, as listed in the modal. */
  readonly paths: readonly string[];
}

/** The two modals; integration tests answer them through ScriptedAnswers.answerWith. */
export class RevertDialogs extends ScriptedAnswers<RevertQuestion> {
  async confirmChanged(paths: readonly string[]): Promise<boolean> {
    const button = vscode.l10n.t('Revert Anyway');
    return this.ask({ kind: 'changed', paths }, async () => {
      const message = vscode.l10n.t('These files changed after Claude\'s turn wrote them. Reverting the turn would overwrite or remove those later changes.');
      return (await vscode.window.showWarningMessage(message, { modal: true, detail: paths.join('\n') }, button)) === button;
    });
  }

  async confirmPermanentDelete(paths: readonly string[]): Promise<boolean> {
    const button = vscode.l10n.t('Delete Permanently');
    return this.ask({ kind: 'permanentDelete', paths }, async () => {
      const message = vscode.l10n.t('These files were created by the turn, but this file system has no trash to move them to. Delete them permanently, or keep them?');
      const keep = vscode.l10n.t('Keep Files');
      return (await vscode.window.showWarningMessage(message, { modal: true, detail: paths.join('\n') }, button, keep)) === button;
    });
  }

}

export class WorkspaceRevert implements RevertPort {
  constructor(private readonly dialogs: RevertDialogs) {}

  async readCurrent(absPath: string): Promise<Uint8Array | undefined> {
    const uri = vscode.Uri.file(absPath);
    if (await leadsElsewhere(absPath)) throw new RedirectedPath(absPath); // the plan counts it as changed
    // Unsaved edits are later work too: their text stands in for the bytes a save would write.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === uri.fsPath);
    if (open?.isDirty) return new TextEncoder().encode(open.getText());
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error; // unreadable: the plan counts it as changed
    }
  }

  confirmChanged(files: readonly ChangedFile[]): Promise<boolean> {
    return this.dialogs.confirmChanged(files.map((f) => (f.reason === 'missing' ? vscode.l10n.t('{0} (deleted since)', relative(f.absPath)) : relative(f.absPath))));
  }

  async restore(files: readonly FileCheckpoint[]): Promise<string> {
    let restored = 0;
    let trashed = 0;
    let deleted = 0;
    const noTrash: FileCheckpoint[] = [];
    const kept: string[] = [];
    const failures: string[] = [];
    for (const file of files) {
      const uri = vscode.Uri.file(file.absPath);
      if (file.before === undefined) {
        try {
          await vscode.workspace.fs.delete(uri, { useTrash: true, recursive: false });
          trashed++;
        } catch {
          // No trash here (or it refused): never fall back to a silent permanent delete.
          noTrash.push(file);
        }
        continue;
      }
      try {
        // Something put a symbolic link where the turn wrote (a script, a checkout): writing the original
        // through it would change a file elsewhere, perhaps outside the workspace.
        if (await leadsElsewhere(file.absPath)) throw new RedirectedPath(file.absPath);
        await vscode.workspace.fs.writeFile(uri, file.before);
        restored++;
      } catch (error) {
        failures.push(`${relative(file.absPath)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (noTrash.length) {
      if (await this.dialogs.confirmPermanentDelete(noTrash.map((f) => relative(f.absPath)))) {
        for (const file of noTrash) {
          try {
            await vscode.workspace.fs.delete(vscode.Uri.file(file.absPath), { useTrash: false, recursive: false });
            deleted++;
          } catch (error) {
            failures.push(`${relative(file.absPath)}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      } else {
        kept.push(...noTrash.map((f) => relative(f.absPath)));
      }
    }
    return summary(restored, trashed, deleted, kept, failures);
  }
}

/** The path the turn wrote now goes through a symbolic link (the file itself or a folder above it). */
export class RedirectedPath extends Error {
  constructor(readonly absPath: string) {
    super(vscode.l10n.t('it is now a symbolic link or inside one, so the original was not written through it'));
    this.name = 'RedirectedPath';
  }
}

async function leadsElsewhere(absPath: string): Promise<boolean> {
  try {
    if ((await fs.promises.lstat(absPath)).isSymbolicLink()) return true;
  } catch {
    // Missing: the folder above still decides where a write would land.
  }
  const folder = path.dirname(absPath);
  try {
    return (await fs.promises.realpath(folder)) !== folder;
  } catch {
    return false; // the folder is gone too: writing recreates it right here
  }
}

function relative(absPath: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.file(absPath));
}

function summary(restored: number, trashed: number, deleted: number, kept: readonly string[], failures: readonly string[]): string {
  const parts: string[] = [];
  if (restored || !(trashed || deleted || kept.length || failures.length)) parts.push(restored === 1 ? vscode.l10n.t('restored 1 file') : vscode.l10n.t('restored {0} files', restored));
  if (trashed) parts.push(trashed === 1 ? vscode.l10n.t('removed 1 created file (moved to the trash)') : vscode.l10n.t('removed {0} created files (moved to the trash)', trashed));
  if (deleted) parts.push(deleted === 1 ? vscode.l10n.t('removed 1 created file permanently') : vscode.l10n.t('removed {0} created files permanently', deleted));
  if (kept.length) parts.push(vscode.l10n.t('kept created files (no trash here; delete them yourself if you want them gone): {0}', kept.join(', ')));
  if (failures.length) parts.push(vscode.l10n.t('failed: {0}', failures.join('; ')));
  return parts.join(', ');
}

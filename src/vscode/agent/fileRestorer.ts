// "Revert this turn": writes each touched file's original bytes back and deletes files the turn created.
import * as vscode from 'vscode';
import type { FileCheckpoint } from '../../core/chat/checkpoints';

export async function restoreFiles(files: readonly FileCheckpoint[]): Promise<string> {
  let restored = 0;
  let removed = 0;
  const failures: string[] = [];
  for (const file of files) {
    const uri = vscode.Uri.file(file.absPath);
    try {
      if (file.before === undefined) {
        await vscode.workspace.fs.delete(uri, { useTrash: false });
        removed++;
      } else {
        await vscode.workspace.fs.writeFile(uri, file.before);
        restored++;
      }
    } catch (error) {
      failures.push(`${vscode.workspace.asRelativePath(uri)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const parts = [`restored ${restored} file${restored === 1 ? '' : 's'}`];
  if (removed) parts.push(`removed ${removed} created file${removed === 1 ? '' : 's'}`);
  if (failures.length) parts.push(`failed: ${failures.join('; ')}`);
  return parts.join(', ');
}

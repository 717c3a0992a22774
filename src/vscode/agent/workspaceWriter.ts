// Applies an approved write as a WorkspaceEdit and saves it, so the editor's Undo reverts it.
import * as vscode from 'vscode';
import type { ProposedWrite, WriterPort } from '../../core/tools/toolTypes';

export class WorkspaceWriter implements WriterPort {
  async apply(write: ProposedWrite): Promise<void> {
    const uri = vscode.Uri.file(write.absPath);
    const edit = new vscode.WorkspaceEdit();
    if (write.before === undefined) {
      // A new file (and its folders) is created with its content in one undoable step.
      edit.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(write.after) });
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not create ${write.displayPath}.`);
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    // The proposal was computed from the bytes on disk; unsaved edits in an editor would be lost.
    if (document.isDirty) throw new Error(`${write.displayPath} has unsaved changes in the editor. Save or revert them, then ask again.`);
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    edit.replace(uri, whole, write.after);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not apply the edit to ${write.displayPath}.`);
    if (!(await document.save())) throw new Error(`The change to ${write.displayPath} was applied but could not be saved.`);
  }
}

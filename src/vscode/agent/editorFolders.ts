// The editor's own data folder (user and machine settings, keybindings, extensions' storage). A workspace
// opened on the home folder contains it, and a write there could redirect the API key or turn on
// auto-approval, so its files always ask, like the protected names inside a workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProtectedFolder } from '../../core/tools/toolTypes';

/** globalStorageUri is `<data>/User/globalStorage/<extension id>`; `<data>` also holds remote Machine settings. */
export function editorProtectedFolders(globalStorageUri: vscode.Uri): () => readonly ProtectedFolder[] {
  let folders: readonly ProtectedFolder[] | undefined;
  return () => (folders ??= compute(globalStorageUri));
}

function compute(globalStorageUri: vscode.Uri): readonly ProtectedFolder[] {
  if (globalStorageUri.scheme !== 'file') return [];
  const data = path.resolve(globalStorageUri.fsPath, '..', '..', '..');
  let real = data;
  try {
    real = fs.realpathSync(data);
  } catch {
    // Not created yet: the lexical path is what a write would create.
  }
  return [{ absPath: real, why: vscode.l10n.t('This is the editor\'s own settings folder: its settings decide where your API key goes and what Claude may do without asking.') }];
}

// Workspace-relative review paths (the tools' form: folder name first in multi-root) back to editor URIs,
// on the workspace folder's own URI so diagnostics land on the documents the user has open.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { workspaceFolders } from '../agent/toolContext';

export function uriForReviewPath(displayPath: string): vscode.Uri | undefined {
  const refs = workspaceFolders();
  const segments = displayPath.split('/').filter((s) => s !== '' && s !== '.');
  const ref = refs.length > 1 ? refs.find((r) => r.name === segments[0]) : refs[0];
  if (!ref || segments.includes('..')) return undefined;
  const rel = refs.length > 1 ? segments.slice(1) : segments;
  const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file' && realpath(f.uri.fsPath) === ref.root);
  return folder ? vscode.Uri.joinPath(folder.uri, ...rel) : vscode.Uri.joinPath(vscode.Uri.file(ref.root), ...rel);
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

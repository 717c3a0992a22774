// What a review is told about the project: languages and frameworks detected from the manifests of the
// file's workspace folder, and the guidance in force (`.claude/review.md`, else the
// `claudeCompanion.review.systemPrompt` setting, else the built-in prompt).
import * as vscode from 'vscode';
import { detectProject, type ProjectFiles, type ProjectInfo } from '../../core/review/projectDetection';
import type { ReviewPromptOverrides } from '../../core/review/reviewPrompt';
import { readSetting } from '../settings';

export const REVIEW_GUIDANCE_FILE = '.claude/review.md';
const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface ReviewContext {
  readonly project: ProjectInfo;
  readonly overrides: ReviewPromptOverrides;
}

/** Files of a workspace folder, read through VS Code's file system (works for remote folders too). */
export function folderFiles(folder: vscode.Uri): ProjectFiles {
  return {
    readText: async (relativePath) => {
      try {
        const uri = vscode.Uri.joinPath(folder, ...relativePath.split('/'));
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type !== vscode.FileType.File || stat.size > MAX_MANIFEST_BYTES) return undefined;
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
  };
}

export async function reviewContextFor(uri: vscode.Uri): Promise<ReviewContext> {
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
  const setting = readSetting('review.systemPrompt', uri);
  if (!folder) return { project: { languages: [], frameworks: [], notes: [] }, overrides: { setting } };
  const files = folderFiles(folder.uri);
  // In Restricted Mode the workspace does not get to steer the reviewer (the setting is restricted too).
  const [project, workspaceFile] = await Promise.all([detectProject(files), vscode.workspace.isTrusted ? files.readText(REVIEW_GUIDANCE_FILE) : undefined]);
  return { project, overrides: { setting, ...(workspaceFile !== undefined ? { workspaceFile } : {}) } };
}

/** The path a review shows and sends: workspace-relative, with the folder name in multi-root workspaces. */
export function reviewPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

// Whether Claude's tools may read a document or a changed file, asked of the tools' own rules (confinement,
// secret patterns, tools.exclude, .claudeignore, .gitignore), and the modal that asks before a command
// sends such a file anyway (Review Current File, Review Selection, Add Selection to Chat).
import * as vscode from 'vscode';
import { ScriptedAnswers } from './scriptedAnswers';
import { mayShare, type AccessQuestion, type FileAccess, type SendAction } from '../core/files/accessGate';
import { readAgentSettings } from './agent/agentSettings';
import { workspaceFolders } from './agent/toolContext';
import { loadEngine } from './engineLoader';

/** A check of several files under one set of rules (one batch: rules are read once). */
export type AccessCheck = (uri: vscode.Uri) => Promise<FileAccess>;

export async function accessChecker(): Promise<AccessCheck> {
  const engine = await loadEngine();
  const settings = readAgentSettings();
  const check = engine.fileAccessChecker({ folders: workspaceFolders(), fs: engine.createNodeFileSystem(), exclude: settings.exclude, allowSecrets: settings.allowSecrets });
  return async (uri) => {
    // Text typed into an untitled editor comes from the user, not from a file.
    if (uri.scheme === 'untitled') return { allowed: true };
    if (uri.scheme !== 'file') return { allowed: false, reason: vscode.l10n.t('{0} is not a file on this computer\'s disk, so the workspace\'s file rules cannot be checked for it.', uri.toString(true)) };
    return check(uri.fsPath);
  };
}

/** The path the chat and the questions show: workspace-relative, the folder name first in multi-root. */
export function shownPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

const SEND_ANYWAY = (): string => vscode.l10n.t('Send Anyway');

/** The modal question; Cancel (or a dialog that cannot be shown) is a no. */
async function askInModal({ message, detail }: AccessQuestion): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, SEND_ANYWAY());
  return choice === SEND_ANYWAY();
}

/** The questions before sending a refused file; the extension's own tests script the answers (test API only). */
export class AccessDialogs extends ScriptedAnswers<AccessQuestion> {
  readonly askUser = (question: AccessQuestion): Promise<boolean> => this.ask(question, () => askInModal(question));
}

export const accessDialogs = new AccessDialogs();

/** True when `uri`'s text may be sent for `action`: the tools may read it, or the user chose Send Anyway. */
export async function confirmSend(uri: vscode.Uri, action: SendAction): Promise<boolean> {
  return mayShare(shownPath(uri), action, async () => (await accessChecker())(uri), accessDialogs.askUser);
}

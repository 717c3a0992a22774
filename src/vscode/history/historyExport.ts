// Export to Markdown: a save dialog (or a target given by the caller, e.g. a test), then the file.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { conversationMarkdown, exportFileName } from '../../core/history/markdownExport';
import type { ConversationHistory } from './conversationHistory';

/** Exports `id` (default: the open conversation); returns where it was written, or undefined if cancelled. */
export async function exportConversation(history: ConversationHistory, id?: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const conversationId = id ?? history.currentId;
  if (!conversationId) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude: there is no saved conversation to export yet.'));
    return undefined;
  }
  const stored = await history.load(conversationId);
  if (!stored) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, exportFileName(stored.title)),
      filters: { Markdown: ['md'] },
      title: vscode.l10n.t('Export Conversation as Markdown'),
    }));
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(conversationMarkdown(stored)));
  if (!target) {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Claude: exported "{0}" to {1}.', stored.title, vscode.workspace.asRelativePath(uri)), open).then((choice) => (choice === open ? vscode.window.showTextDocument(uri) : undefined));
  }
  return uri;
}

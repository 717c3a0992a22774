// Command handlers for the palette, menus and keybindings.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import type { ModelSource } from '../core/claude/turnStreamer';
import type { ApiKeyStore } from './apiKeyStore';
import type { WriteApprovals } from './agent/writeApprovals';
import type { ChatViewProvider } from './chatViewProvider';
import { confirmSend } from './fileAccess';
import { pickModel } from './modelPicker';
import type { RequestLog } from './requestLog';

export interface CommandServices {
  readonly session: ChatSession;
  readonly view: ChatViewProvider;
  readonly apiKeys: ApiKeyStore;
  readonly log: RequestLog;
  readonly models: ModelSource;
  readonly approvals: WriteApprovals;
}

const MAX_ATTACHMENT_CHARS = 100_000;

export function registerCommands({ session, view, apiKeys, log, models, approvals }: CommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('claudeCompanion.newChat', async () => {
      session.newChat();
      await view.reveal();
      await view.sendSnapshot();
    }),
    vscode.commands.registerCommand('claudeCompanion.stop', () => session.stop()),
    vscode.commands.registerCommand('claudeCompanion.setApiKey', async () => {
      if (await apiKeys.prompt()) void vscode.window.showInformationMessage(vscode.l10n.t('Claude: API key saved in secret storage.'));
    }),
    vscode.commands.registerCommand('claudeCompanion.clearApiKey', async () => {
      await apiKeys.clear();
      const stillFromEnv = await apiKeys.has();
      void vscode.window.showInformationMessage(
        stillFromEnv ? vscode.l10n.t('Claude: stored API key removed. ANTHROPIC_API_KEY from the environment is still used.') : vscode.l10n.t('Claude: API key removed.'),
      );
    }),
    vscode.commands.registerCommand('claudeCompanion.showLog', () => log.show()),
    vscode.commands.registerCommand('claudeCompanion.selectModel', () => pickModel(models)),
    vscode.commands.registerCommand('claudeCompanion.approveWrite', () => approvals.decideActive(true)),
    vscode.commands.registerCommand('claudeCompanion.rejectWrite', () => approvals.decideActive(false)),
    vscode.commands.registerCommand('claudeCompanion.addSelectionToChat', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Claude: open a file and select some code to add it to the chat.'));
        return;
      }
      const { document, selection } = editor;
      // The file rules of the tools: a secret or ignored file is attached only if the user says so.
      if (!(await confirmSend(document.uri, 'attach'))) return;
      // No selection: the whole file (bounded), which is what "add this file" usually means.
      const range = selection.isEmpty ? new vscode.Range(0, 0, document.lineCount, 0) : new vscode.Range(selection.start.line, 0, selection.end.line + 1, 0);
      let text = document.getText(range);
      if (text.length > MAX_ATTACHMENT_CHARS) text = `${text.slice(0, MAX_ATTACHMENT_CHARS)}\n… (truncated)`;
      const endLine = Math.max(range.start.line + 1, Math.min(document.lineCount, range.end.line));
      session.attach({
        path: vscode.workspace.asRelativePath(document.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
        startLine: range.start.line + 1,
        endLine,
        languageId: document.languageId,
        text: text.replace(/\n$/, ''),
      });
      await view.reveal();
    }),
  ];
}

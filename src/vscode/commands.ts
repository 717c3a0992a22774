// Command handlers for the palette, menus and keybindings.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import type { ModelSource } from '../core/claude/turnStreamer';
import type { ApiKeyStore } from './apiKeyStore';
import type { ChatViewProvider } from './chatViewProvider';
import { pickModel } from './modelPicker';
import type { RequestLog } from './requestLog';

export interface CommandServices {
  readonly session: ChatSession;
  readonly view: ChatViewProvider;
  readonly apiKeys: ApiKeyStore;
  readonly log: RequestLog;
  readonly models: ModelSource;
}

export function registerCommands({ session, view, apiKeys, log, models }: CommandServices): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('claudeCompanion.newChat', async () => {
      session.newChat();
      await view.reveal();
      await view.sendSnapshot();
    }),
    vscode.commands.registerCommand('claudeCompanion.stop', () => session.stop()),
    vscode.commands.registerCommand('claudeCompanion.setApiKey', async () => {
      if (await apiKeys.prompt()) void vscode.window.showInformationMessage('Claude: API key saved in secret storage.');
    }),
    vscode.commands.registerCommand('claudeCompanion.clearApiKey', async () => {
      await apiKeys.clear();
      const stillFromEnv = await apiKeys.has();
      void vscode.window.showInformationMessage(
        stillFromEnv ? 'Claude: stored API key removed. ANTHROPIC_API_KEY from the environment is still used.' : 'Claude: API key removed.',
      );
    }),
    vscode.commands.registerCommand('claudeCompanion.showLog', () => log.show()),
    vscode.commands.registerCommand('claudeCompanion.selectModel', () => pickModel(models)),
  ];
}

// Context management in the editor: its settings, the Compact Conversation command and the panel's
// Compact button, and the compactor the chat session runs before each request.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { Compactor } from '../core/context/compactor';
import { contextWindowOf } from '../core/context/contextMeter';
import type { CompactionSettings, ContextService } from '../core/context/contextService';
import { readCompactionSettings as readTableCompactionSettings } from '../core/settings/readers';
import type { ChatViewProvider } from './chatViewProvider';
import { settingsPort } from './settings';

export function readCompactionSettings(): CompactionSettings {
  return readTableCompactionSettings(settingsPort());
}

export function createCompactor(service: ContextService, log: { channel: vscode.LogOutputChannel }): Compactor {
  return new Compactor({ service, settings: readCompactionSettings, contextWindow: contextWindowOf, log: (message) => log.channel.info(message) });
}

export function registerCompaction(view: ChatViewProvider, session: ChatSession): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('claudeCompanion.compactConversation', async () => {
      await view.reveal();
      await session.compact();
    }),
    view.on('compact', () => session.compact()),
  ];
}

// Context management in the editor: its settings, the Compact Conversation command and the panel's
// Compact button, and the compactor the chat session runs before each request.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { Compactor } from '../core/context/compactor';
import { contextWindowOf } from '../core/context/contextMeter';
import { DEFAULT_COMPACTION_SETTINGS, type CompactionSettings, type ContextService } from '../core/context/contextService';
import type { ChatViewProvider } from './chatViewProvider';
import { CONFIG_SECTION } from './settings';

export function readCompactionSettings(): CompactionSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const d = DEFAULT_COMPACTION_SETTINGS;
  const threshold = config.get<number>('context.compactThreshold', d.threshold);
  const keep = config.get<number>('context.keepRecentMessages', d.keepRecentMessages);
  const model = config.get<string>('context.summaryModel', d.summaryModel).trim();
  return {
    threshold: Number.isFinite(threshold) && threshold > 0 && threshold < 1 ? threshold : d.threshold,
    keepRecentMessages: Number.isFinite(keep) && keep >= 2 ? Math.floor(keep) : d.keepRecentMessages,
    summaryModel: model || d.summaryModel,
  };
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

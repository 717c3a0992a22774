// Entry point: build services, register features, nothing else.
import * as vscode from 'vscode';
import { ClaudeClient } from './core/claude/claudeClient';
import { ChatSession } from './core/chat/chatSession';
import { ApiKeyStore } from './vscode/apiKeyStore';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chatViewProvider';
import { registerCommands } from './vscode/commands';
import { RequestLog } from './vscode/requestLog';
import { onSettingsChanged, readSettings } from './vscode/settings';
import type { CompanionApi } from './vscode/testApi';

export function activate(context: vscode.ExtensionContext): CompanionApi {
  const apiKeys = new ApiKeyStore(context.secrets);
  const log = new RequestLog();
  const view = new ChatViewProvider(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'));
  const client = new ClaudeClient({ getSettings: readSettings, getApiKey: () => apiKeys.get() });
  const session = new ChatSession(
    {
      client,
      currentModel: () => readSettings().model,
      hasApiKey: () => apiKeys.has(),
      onStreamingChanged: (streaming) => void vscode.commands.executeCommand('setContext', 'claudeCompanion.streaming', streaming),
      onRequestFinished: log.record,
    },
    view.post,
  );
  view.attach(session);

  context.subscriptions.push(
    apiKeys,
    log,
    view,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
    ...registerCommands({ session, view, apiKeys, log }),
    apiKeys.onDidChange(async () => view.post({ type: 'apiKey', hasApiKey: await apiKeys.has() })),
    onSettingsChanged(() => view.post({ type: 'model', model: readSettings().model })),
  );
  return { session };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

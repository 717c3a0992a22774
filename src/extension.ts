// Entry point: build services, register features, nothing else.
import * as vscode from 'vscode';
import { LazyTurnStreamer } from './core/claude/turnStreamer';
import { ChatSession } from './core/chat/chatSession';
import { ApiKeyStore } from './vscode/apiKeyStore';
import { loadEngine } from './vscode/engineLoader';
import { CHAT_VIEW_ID, ChatViewProvider } from './vscode/chatViewProvider';
import { registerCommands } from './vscode/commands';
import { RequestLog } from './vscode/requestLog';
import { logIncludesContent, onSettingsChanged, readSettings, registerUserScopeNotices } from './vscode/settings';
import { CostStatusBar } from './vscode/costStatusBar';
import { registerComposerOptions } from './vscode/composerOptions';
import { registerFileSearch } from './vscode/fileSearch';
import { accessDialogs } from './vscode/fileAccess';
import { registerCodeBlockActions } from './vscode/codeBlockActions';
import { registerLinkOpener } from './vscode/linkOpener';
import { registerViewPreferences } from './vscode/viewPreferences';
import { registerReview } from './vscode/review/registerReview';
import { ConversationHistory } from './vscode/history/conversationHistory';
import { registerHistory } from './vscode/history/registerHistory';
import { writesDisabledReason } from './vscode/agent/agentSettings';
import { RevertDialogs, WorkspaceRevert } from './vscode/agent/fileRestorer';
import { createAgentHooks, type EditorAgentHooks } from './vscode/agent/toolContext';
import { editorProtectedFolders } from './vscode/agent/editorFolders';
import { WriteApprovals } from './vscode/agent/writeApprovals';
import { testApiFor, type CompanionApi } from './vscode/testApi';
import { registerWorkspaceReview } from './vscode/review/workspaceReview';
import { ReviewFindings } from './vscode/review/reviewFindings';
import { createCompactor, registerCompaction } from './vscode/compaction';
import { setTranslator } from './core/l10n';

/** Saves what is not on disk yet when the window closes. */
let flushHistory: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): CompanionApi | undefined {
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const apiKeys = new ApiKeyStore(context.secrets);
  const log = new RequestLog(context.logUri);
  const costBar = new CostStatusBar();
  const client = new LazyTurnStreamer(async () => {
    const { ClaudeClient } = await loadEngine();
    return new ClaudeClient({ getSettings: readSettings, getApiKey: () => apiKeys.get(), onRequestLog: log.record, logContent: logIncludesContent });
  });
  const approvals = new WriteApprovals();
  const revertDialogs = new RevertDialogs();
  let hooks: Promise<EditorAgentHooks> | undefined;
  const protectedFolders = editorProtectedFolders(context.globalStorageUri);
  const agentHooks = () => (hooks ??= loadEngine().then((engine) => createAgentHooks(engine, approvals, protectedFolders)));
  const history = new ConversationHistory(context.globalStorageUri, context.workspaceState, context.storageUri);
  flushHistory = () => history.flush(true);
  const view = new ChatViewProvider(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), approvals, () => client.preload());
  const session = new ChatSession(
    {
      client,
      currentModel: () => readSettings().model,
      hasApiKey: () => apiKeys.has(),
      onStreamingChanged: (streaming) => void vscode.commands.executeCommand('setContext', 'claudeCompanion.streaming', streaming),
      onTotalsChanged: (totals) => costBar.update(totals),
      agent: agentHooks,
      revert: new WorkspaceRevert(revertDialogs),
      writesDisabledReason,
      compactor: createCompactor(client, log),
      onChanged: history.observe,
    },
    view.post,
  );
  view.attach(session);
  const reviewFindings = new ReviewFindings();

  context.subscriptions.push(
    apiKeys,
    registerUserScopeNotices(context.workspaceState, (message) => log.channel.warn(message)),
    log,
    costBar,
    view,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
    ...registerCommands({ session, view, apiKeys, log, models: client, approvals }),
    ...registerFileSearch(view, session),
    ...registerComposerOptions(view, client),
    approvals,
    vscode.workspace.onDidGrantWorkspaceTrust(() => view.post({ type: 'trust' })),
    apiKeys.onDidChange(async () => view.post({ type: 'apiKey', hasApiKey: await apiKeys.has() })),
    onSettingsChanged(() => view.post({ type: 'model', model: readSettings().model })),
    registerCodeBlockActions(view, approvals, protectedFolders),
    registerLinkOpener(view),
    registerViewPreferences(view),
    ...registerCompaction(view, session),
    ...registerReview({ session, view, client, findings: reviewFindings }),
    ...registerHistory({ history, session, view, extensionMode: context.extensionMode }),
  );
  const workspaceReview = registerWorkspaceReview(context, () => client.batches(), {
    clear: () => reviewFindings.clear(),
    publish: (uri, findings, text) => reviewFindings.publishReviewed(uri, findings, text),
  });
  // Only the extension's own tests get an API: other extensions could otherwise drive the chat and approvals.
  const api = { extensionMode: context.extensionMode, session, requestLog: log, approvals, searchEngine: async () => (await agentHooks()).searchEngine(), workspaceReview, history, revertDialogs, accessDialogs };
  return testApiFor(context.extensionMode, api);
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions (after this).
  return flushHistory?.();
}

// Entry point: build services, register features (each on its own: see vscode/features.ts), nothing else.
import * as vscode from 'vscode';
import { LazyTurnStreamer } from './core/claude/turnStreamer';
import { ChatSession } from './core/chat/chatSession';
import { ApiKeyStore } from './vscode/apiKeyStore';
import { loadEngine } from './vscode/engineLoader';
import { ChatViewProvider } from './vscode/chatViewProvider';
import { RequestLog } from './vscode/requestLog';
import { logIncludesContent, readSettings } from './vscode/settings';
import { CostStatusBar } from './vscode/costStatusBar';
import { accessDialogs } from './vscode/fileAccess';
import { ConversationHistory } from './vscode/history/conversationHistory';
import { writesDisabledReason } from './vscode/agent/agentSettings';
import { RevertDialogs, WorkspaceRevert } from './vscode/agent/fileRestorer';
import { createAgentHooks, type EditorAgentHooks } from './vscode/agent/toolContext';
import { editorProtectedFolders } from './vscode/agent/editorFolders';
import { WriteApprovals } from './vscode/agent/writeApprovals';
import { featureToBreak, testApiFor, type CompanionApi } from './vscode/testApi';
import type { WorkspaceReviewApi } from './vscode/review/workspaceReview';
import { ReviewFindings } from './vscode/review/reviewFindings';
import { createCompactor } from './vscode/compaction';
import { setTranslator } from './core/l10n';
import { channelLogger } from './vscode/log';
import { FeatureRegistry, FeatureUnavailableError } from './vscode/features';
import { COMPANION_FEATURES, type CompanionServices } from './vscode/companionFeatures';

/** Saves what is not on disk yet when the window closes. */
let flushHistory: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): CompanionApi | undefined {
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  // The extension's one log channel; the request log writes its lines there too.
  const channel = vscode.window.createOutputChannel('Claude Companion', { log: true });
  const log = channelLogger(channel);
  const apiKeys = new ApiKeyStore(context.secrets);
  const requestLog = new RequestLog(channel, context.logUri);
  const costBar = new CostStatusBar();
  const client = new LazyTurnStreamer(async () => {
    const { ClaudeClient } = await loadEngine();
    return new ClaudeClient({ getSettings: readSettings, getApiKey: () => apiKeys.get(), onRequestLog: requestLog.record, logContent: logIncludesContent, logger: log });
  }, log);
  const approvals = new WriteApprovals();
  const revertDialogs = new RevertDialogs();
  let hooks: Promise<EditorAgentHooks> | undefined;
  const protectedFolders = editorProtectedFolders(context.globalStorageUri);
  const agentHooks = () => (hooks ??= loadEngine().then((engine) => createAgentHooks(engine, approvals, protectedFolders, log)));
  const history = new ConversationHistory(context.globalStorageUri, context.workspaceState, context.storageUri, log);
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
      compactor: createCompactor(client, requestLog),
      onChanged: history.observe,
    },
    view.post,
  );
  view.attach(session);
  const reviewFindings = new ReviewFindings();
  context.subscriptions.push(channel, apiKeys, costBar, view, approvals);

  const services: CompanionServices = { context, session, view, apiKeys, requestLog, log, client, approvals, history, reviewFindings, protectedFolders, provided: {} };
  const features = new FeatureRegistry(COMPANION_FEATURES, services, {
    log,
    showLog: () => channel.show(true),
    breakFeature: featureToBreak(context.extensionMode, process.env),
  });
  context.subscriptions.push(features);

  // Only the extension's own tests get an API: other extensions could otherwise drive the chat and approvals.
  const workspaceReview: WorkspaceReviewApi = {
    persist: (record) => required(services.provided.workspaceReview).persist(record),
    resume: (options) => required(services.provided.workspaceReview).resume(options),
  };
  const api = { extensionMode: context.extensionMode, session, requestLog, approvals, searchEngine: async () => (await agentHooks()).searchEngine(), workspaceReview, history, revertDialogs, accessDialogs, features };
  return testApiFor(context.extensionMode, api);
}

function required<T>(provided: T | undefined): T {
  if (provided === undefined) throw new FeatureUnavailableError('workspaceReview');
  return provided;
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions (after this).
  return flushHistory?.();
}

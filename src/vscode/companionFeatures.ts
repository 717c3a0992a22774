// The extension's features, each registered on its own by features.ts: one that fails to start is
// reported and leaves the others working. `commands` lists what each contributes in package.json, so a
// failed feature's commands can still answer.
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import type { LazyTurnStreamer } from '../core/claude/turnStreamer';
import type { Logger } from '../core/log';
import type { ProtectedFolder } from '../core/tools/toolTypes';
import type { ApiKeyStore } from './apiKeyStore';
import type { WriteApprovals } from './agent/writeApprovals';
import { CHAT_VIEW_ID, type ChatViewProvider } from './chatViewProvider';
import { registerCodeBlockActions } from './codeBlockActions';
import { registerCommands } from './commands';
import { registerCompaction } from './compaction';
import { registerComposerOptions } from './composerOptions';
import type { Feature } from './features';
import { registerFileSearch } from './fileSearch';
import type { ConversationHistory } from './history/conversationHistory';
import { registerHistory } from './history/registerHistory';
import { registerLinkOpener } from './linkOpener';
import type { RequestLog } from './requestLog';
import type { ReviewFindings } from './review/reviewFindings';
import { registerReview } from './review/registerReview';
import { registerWorkspaceReview, type WorkspaceReviewApi } from './review/workspaceReview';
import { onSettingsChanged, readSettings, registerUserScopeNotices } from './settings';
import { registerViewPreferences } from './viewPreferences';

/** What the features are built on (made in activate()). */
export interface CompanionServices {
  readonly context: vscode.ExtensionContext;
  readonly session: ChatSession;
  readonly view: ChatViewProvider;
  readonly apiKeys: ApiKeyStore;
  readonly requestLog: RequestLog;
  /** The extension's log (the same channel as the request log). */
  readonly log: Logger;
  readonly client: LazyTurnStreamer;
  readonly approvals: WriteApprovals;
  readonly history: ConversationHistory;
  readonly reviewFindings: ReviewFindings;
  readonly protectedFolders: () => readonly ProtectedFolder[];
  /** What a feature hands back for the test API (undefined when that feature failed). */
  readonly provided: { workspaceReview?: WorkspaceReviewApi };
}

/** In the order they registered before features were separate (snapshot parts are added in this order). */
export const COMPANION_FEATURES: readonly Feature<CompanionServices>[] = [
  {
    id: 'userScopeNotices',
    label: () => vscode.l10n.t('Notices about settings ignored in a workspace'),
    register: ({ context, log }) => registerUserScopeNotices(context.workspaceState, (message) => log.warn(message)),
  },
  {
    id: 'chatView',
    label: () => vscode.l10n.t('The chat panel'),
    register: ({ view, apiKeys }) => [
      vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, view),
      vscode.workspace.onDidGrantWorkspaceTrust(() => view.post({ type: 'trust' })),
      apiKeys.onDidChange(async () => view.post({ type: 'apiKey', hasApiKey: await apiKeys.has() })),
      onSettingsChanged(() => view.post({ type: 'model', model: readSettings().model })),
    ],
  },
  {
    id: 'chatCommands',
    label: () => vscode.l10n.t('The chat commands'),
    commands: [
      'claudeCompanion.newChat',
      'claudeCompanion.stop',
      'claudeCompanion.setApiKey',
      'claudeCompanion.clearApiKey',
      'claudeCompanion.showLog',
      'claudeCompanion.selectModel',
      'claudeCompanion.approveWrite',
      'claudeCompanion.rejectWrite',
      'claudeCompanion.addSelectionToChat',
    ],
    register: ({ session, view, apiKeys, requestLog, client, approvals }) => registerCommands({ session, view, apiKeys, log: requestLog, models: client, approvals }),
  },
  { id: 'fileSearch', label: () => vscode.l10n.t('File mentions'), register: ({ view, session }) => registerFileSearch(view, session) },
  { id: 'composerOptions', label: () => vscode.l10n.t('The model and effort options'), register: ({ view, client }) => registerComposerOptions(view, client) },
  { id: 'codeBlockActions', label: () => vscode.l10n.t('Code block actions'), register: ({ view, approvals, protectedFolders }) => registerCodeBlockActions(view, approvals, protectedFolders) },
  { id: 'linkOpener', label: () => vscode.l10n.t('Links in the chat'), register: ({ view }) => registerLinkOpener(view) },
  { id: 'viewPreferences', label: () => vscode.l10n.t('Chat view preferences'), register: ({ view }) => registerViewPreferences(view) },
  {
    id: 'compaction',
    label: () => vscode.l10n.t('Conversation compaction'),
    commands: ['claudeCompanion.compactConversation'],
    register: ({ view, session }) => registerCompaction(view, session),
  },
  {
    id: 'review',
    label: () => vscode.l10n.t('Code review'),
    commands: ['claudeCompanion.reviewCurrentFile', 'claudeCompanion.reviewSelection', 'claudeCompanion.reviewChanges', 'claudeCompanion.clearReviewFindings'],
    register: ({ session, view, client, reviewFindings }) => registerReview({ session, view, client, findings: reviewFindings }),
  },
  {
    id: 'history',
    label: () => vscode.l10n.t('Conversation history'),
    commands: ['claudeCompanion.showHistory', 'claudeCompanion.exportConversation'],
    register: ({ history, session, view, context, log }) => registerHistory({ history, session, view, extensionMode: context.extensionMode, log }),
  },
  {
    id: 'workspaceReview',
    label: () => vscode.l10n.t('Workspace review'),
    commands: ['claudeCompanion.reviewWorkspace', 'claudeCompanion.cancelWorkspaceReview'],
    register: ({ context, client, reviewFindings, provided }) => {
      // Registers its commands into context.subscriptions itself.
      provided.workspaceReview = registerWorkspaceReview(context, () => client.batches(), {
        clear: () => reviewFindings.clear(),
        publish: (uri, findings, text) => reviewFindings.publishReviewed(uri, findings, text),
      });
    },
  },
];

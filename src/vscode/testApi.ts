// What activate() returns: lets integration tests drive and observe the chat without the webview. It and
// the commands' test-only arguments exist only while VS Code runs the extension's own tests
// (ExtensionMode.Test): any other extension can call getExtension().activate() or run a command with
// arguments, and must not get a way around the panel, a save dialog or a confirmation.
import type * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import type { WriteApprovals } from './agent/writeApprovals';
import type { RevertDialogs } from './agent/fileRestorer';
import type { AccessDialogs } from './fileAccess';
import type { RequestLog } from './requestLog';
import type { WorkspaceReviewApi } from './review/workspaceReview';
import type { ConversationHistory } from './history/conversationHistory';
import type { FeatureRegistry } from './features';
import { isTestMode } from './testMode';

// The Test-mode gates live in a leaf (features import them); kept reachable from here for callers.
export { exportTargetArgument, isTestMode, reviewWorkspaceArguments } from './testMode';

export interface CompanionApi {
  /** The mode VS Code runs the extension in (always Test: there is no API otherwise). */
  readonly extensionMode: vscode.ExtensionMode;
  readonly session: Pick<ChatSession, 'send' | 'stop' | 'retry' | 'newChat' | 'idle' | 'snapshot' | 'streaming' | 'revertTurn' | 'attach' | 'load' | 'compact'>;
  readonly approvals: Pick<WriteApprovals, 'decide' | 'pendingIds' | 'decideActive'>;
  /** Which search the tools use in this editor. */
  readonly searchEngine: () => Promise<string>;
  readonly requestLog: Pick<RequestLog, 'file' | 'flushed'>;
  /** The workspace review's resume entry point (what activation runs) and its stored record. */
  readonly workspaceReview: WorkspaceReviewApi;
  /** Conversation history, through the same calls the panel's list makes. */
  readonly history: Pick<ConversationHistory, 'state' | 'open' | 'delete' | 'undoDelete' | 'rename' | 'flush' | 'folder' | 'currentId'>;
  /** "Revert this turn"'s modals: scripted answers instead of dialogs, and the questions asked. */
  readonly revertDialogs: Pick<RevertDialogs, 'answerWith' | 'asked'>;
  /** The questions before a review or Add Selection sends a file the tools may not read: scripted answers, and the questions asked. */
  readonly accessDialogs: Pick<AccessDialogs, 'answerWith' | 'asked'>;
  /** Which features failed to start, and the error notifications about them (see features.ts). */
  readonly features: Pick<FeatureRegistry<unknown>, 'failures' | 'shown' | 'settled'>;
}

/** What activate() returns: the API in Test mode, nothing in Production or Development. */
export function testApiFor(mode: vscode.ExtensionMode, api: CompanionApi): CompanionApi | undefined {
  return isTestMode(mode) ? api : undefined;
}

/** An integration test sets this (in Test mode only) to the id of a feature that must fail at activation. */
export const BREAK_FEATURE_ENV = 'CLAUDE_COMPANION_TEST_BREAK_FEATURE';

/**
 * The feature the test-only switch breaks: read in Test mode only, so in any other mode no environment
 * variable can turn a feature off.
 */
export function featureToBreak(mode: vscode.ExtensionMode, env: Readonly<Record<string, string | undefined>>): string | undefined {
  return isTestMode(mode) ? env[BREAK_FEATURE_ENV] || undefined : undefined;
}

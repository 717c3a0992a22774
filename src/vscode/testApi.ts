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
import type { ReviewWorkspaceArgs, WorkspaceReviewApi } from './review/workspaceReview';
import type { ConversationHistory } from './history/conversationHistory';

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
}

/** vscode.ExtensionMode.Test; the enum's runtime value lives in the `vscode` module, which this file does not load. */
const EXTENSION_MODE_TEST: vscode.ExtensionMode.Test = 3;

export function isTestMode(mode: vscode.ExtensionMode): boolean {
  return mode === EXTENSION_MODE_TEST;
}

/** What activate() returns: the API in Test mode, nothing in Production or Development. */
export function testApiFor(mode: vscode.ExtensionMode, api: CompanionApi): CompanionApi | undefined {
  return isTestMode(mode) ? api : undefined;
}

/**
 * The Export command's target file argument (a Uri or path, which skips the save dialog): kept in Test
 * mode only. Otherwise a caller could have a conversation written anywhere without the user choosing it.
 */
export function exportTargetArgument(mode: vscode.ExtensionMode, target: unknown): unknown {
  return isTestMode(mode) ? target : undefined;
}

/**
 * The Review Workspace command's arguments: `confirm: false` (no cost confirmation) and `pollMs` are for
 * tests and kept in Test mode only; a glob is kept (the cost confirmation still shows it).
 */
export function reviewWorkspaceArguments(mode: vscode.ExtensionMode, args: ReviewWorkspaceArgs): ReviewWorkspaceArgs {
  if (isTestMode(mode)) return args;
  return args.glob === undefined ? {} : { glob: args.glob };
}

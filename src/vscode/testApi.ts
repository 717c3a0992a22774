// What activate() returns: lets integration tests drive and observe the chat without the webview.
import type { ChatSession } from '../core/chat/chatSession';
import type { WriteApprovals } from './agent/writeApprovals';
import type { RequestLog } from './requestLog';
import type { WorkspaceReviewApi } from './review/workspaceReview';
import type { ConversationHistory } from './history/conversationHistory';

export interface CompanionApi {
  readonly session: Pick<ChatSession, 'send' | 'stop' | 'retry' | 'newChat' | 'idle' | 'snapshot' | 'streaming' | 'revertTurn' | 'attach' | 'load' | 'compact'>;
  readonly approvals: Pick<WriteApprovals, 'decide' | 'pendingIds' | 'decideActive'>;
  /** Which search the tools use in this editor. */
  readonly searchEngine: () => Promise<string>;
  readonly requestLog: Pick<RequestLog, 'file' | 'flushed'>;
  /** The workspace review's resume entry point (what activation runs) and its stored record. */
  readonly workspaceReview: WorkspaceReviewApi;
  /** Conversation history, through the same calls the panel's list makes. */
  readonly history: Pick<ConversationHistory, 'state' | 'open' | 'delete' | 'undoDelete' | 'rename' | 'flush' | 'folder' | 'currentId'>;
}

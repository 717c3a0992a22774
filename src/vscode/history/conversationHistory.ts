// Conversation history in the editor: the store in the extension's global storage, the recorder that
// keeps the chat session on disk, which conversation each workspace had open (openConversation.ts), and
// what the history list does (open, delete with undo, rename). Nothing here reads a file during
// activate(): the open conversation comes back asynchronously right after (restoreOpen).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import { RestoreError } from '../../core/chat/restoredTurns';
import { isConversationId, type StoredConversation } from '../../core/history/conversationFile';
import { ConversationRecorder } from '../../core/history/conversationRecorder';
import { ConversationStore, ConversationUnavailable } from '../../core/history/conversationStore';
import type { HistoryEntry, HistoryState } from '../../shared/protocol';
import { HistoryReports } from './historyReports';
import { OpenConversation } from './openConversation';
import { logFailure, NO_LOG, type Logger } from '../../core/log';
/** Deleted conversations stay undoable this long; older ones are purged at activation. */
export const UNDO_WINDOW_MS = 10 * 60_000;

export class ConversationHistory {
  readonly store: ConversationStore;
  readonly recorder: ConversationRecorder;
  private session: ChatSession | undefined;
  private lastUndo: { token: string; title: string } | undefined;
  private readonly openConversation: OpenConversation;
  /** Until restoreOpen has run, the session's first (empty) conversation must not overwrite what was open. */
  private restoring = true;

  constructor(
    globalStorage: vscode.Uri,
    workspaceState: vscode.Memento,
    workspaceStorage: vscode.Uri | undefined,
    private readonly log: Logger = NO_LOG,
    private readonly reports = new HistoryReports(() => vscode.commands.executeCommand('claudeCompanion.showHistory'), log),
  ) {
    this.openConversation = new OpenConversation(workspaceState, workspaceStorage, log);
    this.store = new ConversationStore(path.join(globalStorage.fsPath, 'conversations'), { log });
    this.recorder = new ConversationRecorder(this.store, {
      onCurrentId: (id) => {
        if (!this.restoring) void this.openConversation.remember(id);
      },
      onForked: ({ to }) => void this.forked(to),
      onProblem: (problem) => this.reports.problems([problem]),
      onError: (error) => this.reports.saveFailed(error),
    }, { log });
  }

  /** ChatSessionDeps.onChanged (the session is built after this object and handed over with attach). */
  get observe(): ConversationRecorder['observe'] {
    return this.recorder.observe;
  }

  attach(session: ChatSession): void {
    this.session = session;
  }

  get folder(): string {
    return this.store.dir;
  }

  get currentId(): string | undefined {
    return this.recorder.currentId;
  }

  /** Reopens what this workspace had open before the reload, unless the user has started chatting meanwhile. */
  async restoreOpen(): Promise<void> {
    try {
      // Housekeeping: a failure leaves files for next time, so it is only logged.
      await this.store.cleanUp().catch(logFailure(this.log, 'warn', 'Cleaning up the conversation folder failed'));
      await this.store.purgeTrash(UNDO_WINDOW_MS).catch(logFailure(this.log, 'warn', 'Purging deleted conversations failed'));
      const id = await this.openConversation.read();
      if (!id || !this.recorder.currentIsEmpty) return;
      const stored = await this.loadOrReport(id);
      if (stored && this.recorder.currentIsEmpty && !this.session?.streaming) await this.openStored(stored);
    } finally {
      this.restoring = false;
      await this.openConversation.remember(this.recorder.currentId);
    }
  }

  /** The list as the panel shows it; store problems (set-aside files) are reported, never hidden. */
  async state(): Promise<HistoryState> {
    const { entries, problems } = await this.store.list();
    this.reports.problems(problems);
    const currentId = this.recorder.currentId;
    return {
      entries: entries.map(({ mtimeMs: _m, size: _s, ...entry }): HistoryEntry => entry),
      ...(currentId ? { currentId } : {}),
      ...(this.lastUndo ? { undo: this.lastUndo } : {}),
    };
  }

  /** Opens a saved conversation in the panel (the list closes: the session posts a snapshot). */
  async open(id: string): Promise<boolean> {
    if (!isConversationId(id) || !this.session) return false;
    if (id === this.recorder.currentId) return true;
    const stored = await this.loadOrReport(id);
    return stored ? this.openStored(stored) : false;
  }

  /**
   * Moves a conversation to the trash and remembers how to undo it. Deleting the open conversation
   * starts a new chat (its remaining saves are dropped, so it does not come back by itself).
   * Returns the undo token and whether the open conversation was the one deleted.
   */
  async delete(id: string): Promise<{ token: string; wasOpen: boolean } | undefined> {
    if (!isConversationId(id)) return undefined;
    const title = (await this.store.list()).entries.find((e) => e.id === id)?.title ?? id;
    const wasOpen = id === this.recorder.currentId;
    this.recorder.detach(id);
    if (wasOpen) this.session?.newChat();
    try {
      const token = await this.store.trash(id);
      this.lastUndo = { token, title };
      return { token, wasOpen };
    } catch (error) {
      if (error instanceof ConversationUnavailable) return undefined;
      throw error;
    }
  }

  async undoDelete(token: string): Promise<boolean> {
    try {
      await this.store.untrash(token);
      return true;
    } catch (error) {
      this.reports.undoFailed(error);
      return false;
    } finally {
      if (this.lastUndo?.token === token) this.lastUndo = undefined;
    }
  }

  async rename(id: string, title: string): Promise<void> {
    if (!isConversationId(id) || !title.trim()) return;
    await this.store.rename(id, title.slice(0, 200));
  }

  /** The newest state on disk of `id` (after saving what this window has not written yet). */
  async load(id: string): Promise<StoredConversation | undefined> {
    if (!isConversationId(id)) return undefined;
    await this.recorder.flush();
    return this.loadOrReport(id);
  }

  /** Saves everything now; at deactivation (`close`) later changes are ignored. */
  flush(close = false): Promise<void> {
    return this.recorder.flush({ close });
  }

  private async openStored(stored: StoredConversation): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    try {
      await this.recorder.open(stored, (messages, extra) => session.load(messages, extra));
      return true;
    } catch (error) {
      if (!(error instanceof RestoreError)) throw error;
      this.reports.cannotRestore(stored.title, error);
      return false;
    }
  }

  private async loadOrReport(id: string): Promise<StoredConversation | undefined> {
    try {
      return await this.store.load(id);
    } catch (error) {
      if (!(error instanceof ConversationUnavailable)) throw error;
      if (error.problem) this.reports.problems([error.problem]);
      return undefined;
    }
  }

  private async forked(to: string): Promise<void> {
    // Without the list, the notice names the conversation by its id.
    const title = (await this.store.list().catch(logFailure(this.log, 'warn', 'Listing conversations for the fork notice failed')))?.entries.find((e) => e.id === to)?.title ?? to;
    this.reports.forked(title);
  }
}

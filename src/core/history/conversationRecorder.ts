// Keeps every conversation of a chat session on disk as it happens: a question is saved at once (so a new
// chat becomes a file with its first message, never before), a streaming answer every `throttleMs`, and
// the end of every answer (done, stopped, failed) at once. Each conversation (transcript) remembers which
// file it is and which revision of it this window last wrote, so the store can merge with other windows.
import type { ConversationChange } from '../chat/chatSession';
import type { RestoreExtra, Transcript } from '../chat/transcript';
import type { ApiMessage } from '../claude/turnStreamer';
import type { StoredConversation } from './conversationFile';
import type { ConversationDraft, SaveOutcome, StoreProblem } from './conversationStore';
import { titleFor } from './historyIndex';
import { logFailure, NO_LOG, type Logger } from '../log';
import type { SaveBase } from './mergePolicy';

export interface RecorderStore {
  save(draft: ConversationDraft, base: SaveBase | undefined): Promise<SaveOutcome>;
  newId(): string;
}

export interface RecorderEvents {
  /** The open conversation's id: set by its first save or a fork, cleared by New Chat. */
  readonly onCurrentId?: (id: string | undefined) => void;
  /** Another window had continued the conversation differently; this window's turns went to `to`. */
  readonly onForked?: (fork: { readonly from: string; readonly to: string }) => void;
  readonly onProblem?: (problem: StoreProblem) => void;
  /** A save failed; it is retried after `retryMs`. */
  readonly onError?: (error: unknown) => void;
}

export interface RecorderOptions {
  /** Least time between saves while an answer streams (default 1.5 s). */
  readonly throttleMs?: number;
  /** Wait before retrying a failed save (default 5 s). */
  readonly retryMs?: number;
  readonly now?: () => number;
  readonly log?: Logger;
}

interface Entry {
  id?: string;
  base?: SaveBase;
  createdAt?: number;
  dirty: boolean;
  lastSavedAt: number;
  timer?: ReturnType<typeof setTimeout>;
  chain: Promise<void>;
}

export class ConversationRecorder {
  private readonly entries = new WeakMap<Transcript, Entry>();
  /** Conversations with unsaved changes (held until saved, even after New Chat replaced them). */
  private readonly unsaved = new Set<Transcript>();
  private current: Transcript | undefined;
  private opening: StoredConversation | undefined;
  /** Conversations deleted from this window: what is still unsaved of them is dropped. */
  private readonly detached = new Set<string>();
  private closed = false;

  constructor(
    private readonly store: RecorderStore,
    private readonly events: RecorderEvents = {},
    private readonly options: RecorderOptions = {},
  ) {}

  /** ChatSessionDeps.onChanged. */
  readonly observe = (transcript: Transcript, change: ConversationChange): void => {
    if (this.closed) return;
    if (change === 'opened') {
      const stored = this.opening;
      this.opening = undefined;
      this.entries.set(transcript, stored ? { ...newEntry(), id: stored.id, base: { revision: stored.revision, stableCount: stored.messages.length }, createdAt: stored.createdAt } : newEntry());
      this.current = transcript;
      this.events.onCurrentId?.(stored?.id);
      return;
    }
    const entry = this.entryOf(transcript);
    entry.dirty = true;
    this.unsaved.add(transcript);
    if (change === 'settled') {
      this.clearTimer(entry);
      void this.save(transcript);
    } else {
      this.schedule(transcript, Math.max(0, entry.lastSavedAt + (this.options.throttleMs ?? 1500) - this.now()));
    }
  };

  /** Opens a stored conversation through `load` (ChatSession.load), so its saves go back to its file. */
  async open(stored: StoredConversation, load: (messages: readonly ApiMessage[], extra: RestoreExtra) => Promise<unknown>): Promise<void> {
    this.opening = stored;
    this.detached.delete(stored.id);
    try {
      await load(stored.messages, {
        ...(stored.compactions ? { compactions: stored.compactions } : {}),
        ...(stored.interrupted ? { interrupted: true } : {}),
        ...(stored.totals ? { totals: stored.totals } : {}),
      });
    } finally {
      this.opening = undefined;
    }
  }

  /** The open conversation's id; undefined for a new chat not saved yet. */
  get currentId(): string | undefined {
    return this.current ? this.entries.get(this.current)?.id : undefined;
  }

  /** True when the open conversation has no turns (nothing would be lost by replacing it). */
  get currentIsEmpty(): boolean {
    return !this.current || this.current.turnCount === 0;
  }

  /** Stops saving conversation `id` (it was deleted), so a turn still ending does not write it back. */
  detach(id: string): void {
    this.detached.add(id);
  }

  /**
   * Saves every unsaved change now. With `close` (deactivation) later changes are ignored, so an answer
   * cut off by the window closing stays on disk as interrupted.
   */
  async flush({ close = false } = {}): Promise<void> {
    if (close) this.closed = true;
    await Promise.all([...this.unsaved].map((t) => this.save(t)));
  }

  private save(transcript: Transcript): Promise<void> {
    const entry = this.entryOf(transcript);
    this.clearTimer(entry);
    // write() reports its own failures; a throwing listener must not stop later saves, and is logged.
    entry.chain = entry.chain.then(() => this.write(transcript, entry)).catch(logFailure(this.options.log ?? NO_LOG, 'error', 'Saving the conversation failed unexpectedly'));
    return entry.chain;
  }

  private async write(transcript: Transcript, entry: Entry): Promise<void> {
    if (!entry.dirty) return;
    entry.dirty = false;
    if (entry.id !== undefined && this.detached.has(entry.id)) {
      this.unsaved.delete(transcript);
      return;
    }
    const state = transcript.persistedState();
    if (!entry.id) {
      if (state.messages.length === 0) {
        this.unsaved.delete(transcript);
        return;
      }
      entry.id = this.store.newId();
      entry.createdAt = this.now();
    }
    const firstSave = entry.base === undefined;
    // The throttle counts from the start of a save: deltas during a slow write wait for the next slot.
    entry.lastSavedAt = this.now();
    try {
      const outcome = await this.store.save(
        {
          id: entry.id,
          title: titleFor(state.messages),
          createdAt: entry.createdAt ?? this.now(),
          ...(state.model ? { model: state.model } : {}),
          messages: state.messages,
          stableCount: state.stableCount,
          interrupted: state.interrupted,
          ...(transcript.totals.requests > 0 ? { totals: transcript.totals } : {}),
          ...(transcript.compactions.length ? { compactions: [...transcript.compactions] } : {}),
        },
        entry.base,
      );
      for (const problem of outcome.problems) this.events.onProblem?.(problem);
      const forked = outcome.forkedFrom !== undefined;
      entry.id = outcome.id;
      entry.base = outcome.base;
      if (forked) this.events.onForked?.({ from: outcome.forkedFrom as string, to: outcome.id });
      if (transcript === this.current && (firstSave || forked)) this.events.onCurrentId?.(entry.id);
    } catch (error) {
      entry.dirty = true;
      this.events.onError?.(error);
      if (!this.closed) this.schedule(transcript, this.options.retryMs ?? 5000);
      return;
    }
    if (!entry.dirty && entry.timer === undefined) this.unsaved.delete(transcript);
  }

  private schedule(transcript: Transcript, delayMs: number): void {
    const entry = this.entryOf(transcript);
    if (entry.timer !== undefined) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.save(transcript);
    }, delayMs);
  }

  private clearTimer(entry: Entry): void {
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  private entryOf(transcript: Transcript): Entry {
    let entry = this.entries.get(transcript);
    if (!entry) this.entries.set(transcript, (entry = newEntry()));
    return entry;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function newEntry(): Entry {
  return { dirty: false, lastSavedAt: 0, chain: Promise.resolve() };
}

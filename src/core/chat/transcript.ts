// The host-owned conversation: what the panel shows (turns) and what the API is sent (history).
import type { BlockSnapshot, ChatSnapshot, CompactionSnapshot, ContextMeter, TurnSnapshot } from '../../shared/protocol';
import { usageSnapshot } from '../usage/usageSnapshot';
import { EMPTY_TOTALS, type UsageTotals } from '../usage/usageTotals';
import type { ApiMessage } from '../claude/turnStreamer';
import type { AssistantBlock } from '../claude/streamEvents';
import type { Compaction } from '../context/compactionTypes';
import { markInterrupted } from './interruptedTurn';
import { restoredTurns } from './restoredTurns';
import { windowTurnIds } from './turnIds';
import type { MutableBlock, MutableTurn, NewTurnId } from './turnTypes';
import { activeCompaction } from '../context/compactedView';
import { hasBlock } from '../context/messageShape';

/** What a stored conversation carries besides its messages. */
export interface RestoreExtra {
  readonly compactions?: readonly Compaction[];
  /** The last answer never finished (the window closed mid-answer): the restored turns say so. */
  readonly interrupted?: boolean;
  readonly totals?: UsageTotals;
}

/** What a save writes (see persistedState). */
export interface PersistedState {
  readonly messages: readonly ApiMessage[];
  /** Leading messages that are settled history; a partial answer may follow them. */
  readonly stableCount: number;
  readonly interrupted: boolean;
  readonly model?: string;
}

export class Transcript {
  private turns: MutableTurn[] = [];
  private history: ApiMessage[] = [];
  /** Tokens and cost of every request in this conversation. */
  totals: UsageTotals = EMPTY_TOTALS;
  /** How full the context window was at the latest request. */
  context: ContextMeter | undefined;
  /** Summaries standing in for the oldest messages in what is sent (the history keeps them all). */
  compactions: Compaction[] = [];
  /** Old tool results before this history index are sent trimmed (see context/compactor.ts). */
  trimmedThrough = 0;

  /** `newId` names every turn; the window-wide source keeps ids unique across conversations. */
  constructor(private readonly newId: NewTurnId = windowTurnIds.take) {}

  /**
   * A transcript holding a stored conversation: `messages` become the API history as they are, and the
   * turns the panel shows are rebuilt from them, with new ids. Throws RestoreError on a malformed message.
   */
  static restore(messages: readonly ApiMessage[], extra: RestoreExtra = {}, newId: NewTurnId = windowTurnIds.take): Transcript {
    const t = new Transcript(newId);
    t.turns = restoredTurns(messages, newId);
    if (extra.interrupted) markInterrupted(t.turns, newId);
    t.history = [...messages];
    t.compactions = [...(extra.compactions ?? [])];
    if (extra.totals) t.totals = extra.totals;
    return t;
  }

  /**
   * The conversation as a save should write it: the history, plus while an answer streams the text shown
   * so far (as Stop would keep it; thinking without its signature and unfinished tool calls cannot be sent
   * back, so they are left out and the history stays valid).
   */
  persistedState(): PersistedState {
    // Only the newest turn can be streaming: Send waits for the answer to end.
    const last = this.turns.at(-1);
    const streaming = last?.status === 'streaming' ? last : undefined;
    const partial = streaming ? this.partialText(streaming) : '';
    const messages: ApiMessage[] = [...this.history];
    if (partial.trim()) messages.push({ role: 'assistant', content: [{ type: 'text', text: partial }] });
    const model = [...this.turns].reverse().find((t) => t.role === 'assistant' && t.model)?.model;
    return { messages, stableCount: this.history.length, interrupted: streaming !== undefined || this.awaitingAnswer(), ...(model ? { model } : {}) };
  }

  /** `content` overrides what the API is sent (e.g. attachments before the text); `text` is what is shown. */
  addUserTurn(text: string, content?: readonly unknown[]): MutableTurn {
    const turn: MutableTurn = { id: this.newId(), role: 'user', blocks: [{ kind: 'text', text, done: true }], status: 'done', totals: EMPTY_TOTALS };
    this.turns.push(turn);
    this.history.push({ role: 'user', content: content ?? text });
    return turn;
  }

  addAssistantTurn(model: string): MutableTurn {
    const turn: MutableTurn = { id: this.newId(), role: 'assistant', blocks: [], status: 'streaming', model, totals: EMPTY_TOTALS };
    this.turns.push(turn);
    return turn;
  }

  /** Records the assistant's final content in the API history (thinking blocks keep their signatures). */
  commitAssistant(content: readonly AssistantBlock[]): void {
    if (content.length > 0) this.history.push({ role: 'assistant', content });
  }

  /** Messages an agent turn added (assistant content and tool results), exactly as the API returned them. */
  appendMessages(messages: readonly ApiMessage[]): void {
    for (const m of messages) {
      // The API rejects empty text blocks in later requests; they carry nothing anyway.
      if (typeof m.content === 'string' || m.role !== 'assistant') {
        this.history.push(m);
        continue;
      }
      const content = m.content.filter((b) => !isEmptyText(b));
      if (content.length) this.history.push({ role: m.role, content });
    }
  }

  /** After a stop, keep what the user already saw so the next question has that context. */
  commitPartialText(turn: MutableTurn): void {
    const text = this.partialText(turn);
    if (text.trim()) this.history.push({ role: 'assistant', content: [{ type: 'text', text }] });
  }

  /** Text of the turn's blocks not yet in the history. */
  private partialText(turn: MutableTurn): string {
    return turn.blocks
      .slice(turn.committedBlocks ?? 0)
      .filter((b) => b.kind === 'text')
      .map((b) => b.text)
      .join('');
  }

  get turnCount(): number {
    return this.turns.length;
  }

  apiMessages(): readonly ApiMessage[] {
    return this.history;
  }

  /** True when the last API message is the user's, i.e. a retry can re-ask without repeating it. */
  awaitingAnswer(): boolean {
    return this.history.at(-1)?.role === 'user';
  }

  lastTurn(): MutableTurn | undefined {
    return this.turns.at(-1);
  }

  turn(id: string): MutableTurn | undefined {
    return findTurn(this.turns, id);
  }

  snapshot(streaming: boolean, hasApiKey: boolean, model: string): ChatSnapshot {
    const compactions = this.compactionSnapshots();
    return { turns: this.turns.map(toSnapshot), streaming, hasApiKey, model, totals: usageSnapshot(this.totals), attachments: [], ...(compactions.length ? { compactions } : {}) };
  }

  /** The panel's view of each compaction that still fits the history, placed before the first turn sent in full. */
  compactionSnapshots(): CompactionSnapshot[] {
    return this.compactions.flatMap((c, i) => {
      if (activeCompaction(this.history, [c]) !== c) return [];
      const beforeTurnId = this.userTurnAt(c.throughMessage)?.id;
      return [{ id: `c${i + 1}`, summary: c.summary, messages: c.throughMessage, model: c.model, ...(beforeTurnId ? { beforeTurnId } : {}) }];
    });
  }

  /** The user turn whose message is history[index]: user turns and the messages people wrote pair up in order. */
  private userTurnAt(index: number): MutableTurn | undefined {
    let written = 0;
    for (let i = 0; i < index; i++) if (this.history[i]?.role === 'user' && !hasBlock(this.history[i], 'tool_result')) written++;
    return this.turns.filter((t) => t.role === 'user')[written];
  }
}

export function blockSnapshot(block: MutableBlock): BlockSnapshot {
  return {
    kind: block.kind,
    text: block.text,
    done: block.done,
    ...(block.toolName !== undefined ? { toolName: block.toolName } : {}),
    ...(block.tool !== undefined ? { tool: block.tool } : {}),
  };
}

function findTurn(turns: readonly MutableTurn[], id: string): MutableTurn | undefined {
  return turns.find((t) => t.id === id);
}

export function toSnapshot(turn: MutableTurn): TurnSnapshot {
  const snap: { -readonly [K in keyof TurnSnapshot]: TurnSnapshot[K] } = {
    id: turn.id,
    role: turn.role,
    blocks: turn.blocks.map(blockSnapshot),
    status: turn.status,
  };
  if (turn.model !== undefined) snap.model = turn.model;
  if (turn.stopReason !== undefined) snap.stopReason = turn.stopReason;
  if (turn.usage !== undefined) snap.usage = turn.usage;
  if (turn.error !== undefined) snap.error = turn.error;
  if (turn.fallback !== undefined) snap.fallback = turn.fallback;
  if (turn.endNotice !== undefined) snap.endNotice = turn.endNotice;
  if (turn.canRevert) snap.canRevert = true;
  return snap;
}

function isEmptyText(block: unknown): boolean {
  const b = block as { type?: unknown; text?: unknown };
  return b.type === 'text' && typeof b.text === 'string' && b.text.trim() === '';
}

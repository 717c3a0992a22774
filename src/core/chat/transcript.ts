// The host-owned conversation: what the panel shows (turns) and what the API is sent (history).
import type { BlockSnapshot, ChatSnapshot, ErrorInfo, TurnSnapshot, TurnStatus, UsageSnapshot } from '../../shared/protocol';
import { usageSnapshot } from '../usage/usageSnapshot';
import { EMPTY_TOTALS, type UsageTotals } from '../usage/usageTotals';
import type { ApiMessage } from '../claude/turnStreamer';
import type { AssistantBlock, ContentKind } from '../claude/streamEvents';

interface MutableBlock {
  kind: ContentKind;
  text: string;
  done: boolean;
  toolName?: string;
}

export interface MutableTurn {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  blocks: MutableBlock[];
  status: TurnStatus;
  model?: string;
  stopReason?: string | null;
  usage?: UsageSnapshot;
  error?: ErrorInfo;
  fallback?: { from: string; reason: string };
}

export class Transcript {
  private turns: MutableTurn[] = [];
  private history: ApiMessage[] = [];
  private nextId = 1;
  /** Tokens and cost of every request in this conversation. */
  totals: UsageTotals = EMPTY_TOTALS;

  addUserTurn(text: string): MutableTurn {
    const turn: MutableTurn = { id: this.newId(), role: 'user', blocks: [{ kind: 'text', text, done: true }], status: 'done' };
    this.turns.push(turn);
    this.history.push({ role: 'user', content: text });
    return turn;
  }

  addAssistantTurn(model: string): MutableTurn {
    const turn: MutableTurn = { id: this.newId(), role: 'assistant', blocks: [], status: 'streaming', model };
    this.turns.push(turn);
    return turn;
  }

  /** Records the assistant's final content in the API history (thinking blocks keep their signatures). */
  commitAssistant(content: readonly AssistantBlock[]): void {
    if (content.length > 0) this.history.push({ role: 'assistant', content });
  }

  /** After a stop, keep what the user already saw so the next question has that context. */
  commitPartialText(turn: MutableTurn): void {
    const text = turn.blocks.filter((b) => b.kind === 'text').map((b) => b.text).join('');
    if (text.trim()) this.history.push({ role: 'assistant', content: [{ type: 'text', text }] });
  }

  apiMessages(): readonly ApiMessage[] {
    return this.history;
  }

  /** True when the last API message is the user's, i.e. a retry can re-ask without repeating it. */
  awaitingAnswer(): boolean {
    return this.history.at(-1)?.role === 'user';
  }

  snapshot(streaming: boolean, hasApiKey: boolean, model: string): ChatSnapshot {
    return { turns: this.turns.map(toSnapshot), streaming, hasApiKey, model, totals: usageSnapshot(this.totals) };
  }

  private newId(): string {
    return `t${this.nextId++}`;
  }
}

export function blockSnapshot(block: MutableBlock): BlockSnapshot {
  return block.toolName === undefined
    ? { kind: block.kind, text: block.text, done: block.done }
    : { kind: block.kind, text: block.text, done: block.done, toolName: block.toolName };
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
  return snap;
}

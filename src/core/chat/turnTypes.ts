// The chat's base types: a turn as the host keeps it while it streams, and where a turn's messages go.
// A leaf: it imports nothing from chat/, so the transcript and its helpers (restoredTurns,
// interruptedTurn, turnEvents) can all depend on it without depending on each other.
import type { EndNotice, ErrorInfo, HostToWebview, ToolState, TurnStatus, UsageSnapshot } from '../../shared/protocol';
import type { ContentKind } from '../claude/streamEvents';
import type { UsageTotals } from '../usage/usageTotals';

export interface MutableBlock {
  kind: ContentKind;
  text: string;
  done: boolean;
  toolName?: string;
  tool?: ToolState;
}

export interface MutableTurn {
  readonly id: string;
  readonly role: 'user' | 'assistant';
  blocks: MutableBlock[];
  status: TurnStatus;
  model?: string;
  stopReason?: string | null;
  usage?: UsageSnapshot;
  /** Tokens and cost of this turn's requests (several in a tool loop). */
  totals: UsageTotals;
  error?: ErrorInfo;
  fallback?: { from: string; reason: string };
  endNotice?: EndNotice;
  canRevert?: boolean;
  /** Blocks already in the API history (agent turns commit message by message). */
  committedBlocks?: number;
}

/** Where a turn's messages go: structural messages, and text deltas (batched on the way, see DeltaCoalescer). */
export interface TurnOutput {
  send(message: HostToWebview): void;
  append(turnId: string, index: number, text: string): void;
}

/** Hands out turn ids. */
export type NewTurnId = () => string;

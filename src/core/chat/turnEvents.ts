// How a streamed turn changes: stream events applied to the host's turn and sent on to the panel as
// protocol messages (text as coalesced deltas), and the message that ends a turn.
import type { HostToWebview } from '../../shared/protocol';
import type { ClaudeStreamEvent } from '../claude/streamEvents';
import { blockSnapshot } from './transcript';
import type { MutableTurn, TurnOutput } from './turnTypes';

/** Applies one stream event to `turn` and tells the panel. This is the hot path: keep it cheap. */
export function applyStreamEvent(out: TurnOutput, turn: MutableTurn, event: ClaudeStreamEvent): void {
  switch (event.type) {
    case 'messageStart':
      turn.model = event.model;
      return;
    case 'blockStart': {
      const block = { kind: event.kind, text: '', done: false, ...(event.toolName !== undefined ? { toolName: event.toolName } : {}) };
      turn.blocks[event.index] = block;
      out.send({ type: 'blockStarted', turnId: turn.id, index: event.index, block: blockSnapshot(block) });
      return;
    }
    case 'textDelta':
    case 'thinkingDelta':
      appendText(out, turn, event.index, event.text);
      return;
    case 'toolInputDelta':
      appendText(out, turn, event.index, event.partialJson);
      return;
    case 'signature':
      return;
    case 'retrying':
      out.send({ type: 'turnNotice', turnId: turn.id, notice: { kind: 'retrying', model: event.model, ...event.notice } });
      return;
    case 'fallback':
      turn.fallback ??= { from: event.from, reason: event.reason };
      turn.model = event.to;
      out.send({ type: 'turnNotice', turnId: turn.id, notice: { kind: 'fallback', from: event.from, to: event.to, reason: event.reason } });
      return;
    case 'blockStop': {
      const block = turn.blocks[event.index];
      if (block) block.done = true;
      out.send({ type: 'blockStopped', turnId: turn.id, index: event.index });
      return;
    }
  }
}

function appendText(out: TurnOutput, turn: MutableTurn, index: number, text: string): void {
  const block = turn.blocks[index];
  if (!block || !text) return;
  block.text += text;
  out.append(turn.id, index, text);
}

/** The `turnEnded` message for a turn that has just ended. */
export function turnEndedMessage(turn: MutableTurn): HostToWebview {
  return {
    type: 'turnEnded',
    turnId: turn.id,
    status: turn.status === 'streaming' ? 'done' : turn.status,
    ...(turn.model ? { model: turn.model } : {}),
    ...(turn.stopReason !== undefined ? { stopReason: turn.stopReason } : {}),
    ...(turn.usage ? { usage: turn.usage } : {}),
    ...(turn.error ? { error: turn.error } : {}),
    ...(turn.fallback ? { fallback: turn.fallback } : {}),
    ...(turn.endNotice ? { endNotice: turn.endNotice } : {}),
    ...(turn.canRevert ? { canRevert: true } : {}),
  };
}

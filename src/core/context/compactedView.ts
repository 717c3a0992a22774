// What is sent once a conversation has been compacted: the latest summary as a user message, a short
// assistant acknowledgement (the API wants user and assistant to alternate), then the history from the
// summary's boundary on, with old large tool results trimmed. The history itself never changes.
import type { ApiMessage } from '../claude/turnStreamer';
import type { Compaction } from './compactionTypes';
import { opensTurn } from './messageShape';
import { trimToolResults } from './toolResultTrim';

/** The compaction state a transcript keeps next to its history. */
export interface CompactionState {
  /** Oldest first; the last valid one is in effect. */
  readonly compactions: Compaction[];
  /** Tool results in messages before this index (and after the summary) are sent trimmed. */
  trimmedThrough: number;
}

// l10n-exempt: an assistant turn in the request sent to the model, never shown
export const SUMMARY_ACK = 'Understood. I have the summary of our earlier conversation and will continue from there.';

export function summaryMessage(compaction: Compaction): ApiMessage {
  const text =
    `This conversation was compacted to fit the context window: the summary below stands for the first ${compaction.throughMessage} messages, ` +
    'which are no longer shown to you. Continue from it and from the messages that follow.\n\n' +
    `<conversation_summary>\n${compaction.summary}\n</conversation_summary>`;
  return { role: 'user', content: [{ type: 'text', text }] };
}

/** The compaction in effect: the latest one whose boundary still fits the history (a stored one may not). */
export function activeCompaction(history: readonly ApiMessage[], compactions: readonly Compaction[]): Compaction | undefined {
  for (let i = compactions.length - 1; i >= 0; i--) {
    const c = compactions[i]!;
    if (c.throughMessage > 0 && c.throughMessage < history.length && opensTurn(history, c.throughMessage) && c.summary.trim()) return c;
  }
  return undefined;
}

export function compactedMessages(history: readonly ApiMessage[], state: CompactionState): ApiMessage[] {
  const active = activeCompaction(history, state.compactions);
  const from = active?.throughMessage ?? 0;
  const kept = trimToolResults(history, from, state.trimmedThrough).slice(from);
  return active ? [summaryMessage(active), { role: 'assistant', content: [{ type: 'text', text: SUMMARY_ACK }] }, ...kept] : kept;
}

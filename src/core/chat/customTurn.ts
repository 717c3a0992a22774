// A chat turn answered by its own request instead of the chat's (a code review: its own system prompt,
// its own tool). The session shows it like any turn; the answer decides what is sent and streamed.
import type { ErrorInfo, TurnStatus } from '../../shared/protocol';
import type { AssistantBlock, ClaudeStreamEvent, TurnUsage } from '../claude/streamEvents';

export interface CustomTurnIo {
  readonly signal: AbortSignal;
  /** Shows a stream event in the turn, as the chat's own requests do. */
  readonly apply: (event: ClaudeStreamEvent) => void;
  /** Replaces a block's text (when streamed text had to be corrected) and resends the chat. */
  readonly replaceBlockText: (index: number, text: string) => void;
  /** Counts one request's usage for the turn, the chat and the status bar. */
  readonly countUsage: (model: string, usage: TurnUsage) => void;
}

export interface CustomAnswerResult {
  /** What the conversation history keeps of the answer (follow-ups see it). */
  readonly content: readonly AssistantBlock[];
  readonly model: string;
  readonly stopReason: string | null;
}

/** Runs the turn's request; rejects with a TurnFailure (a Stop is one with `userAbort`). */
export type CustomAnswer = (io: CustomTurnIo) => Promise<CustomAnswerResult>;

/** How a custom turn ended. */
export interface CustomTurnEnd {
  readonly status: Exclude<TurnStatus, 'streaming'>;
  readonly error?: ErrorInfo;
}

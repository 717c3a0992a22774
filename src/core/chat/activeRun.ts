// One run of the chat session, an answer or a compaction, bound to the conversation it started on.
// Everything the run tells the panel (deltas, tool cards, turnEnded, usage, compaction status) goes
// through it, and it drops all of it once it is no longer the session's run on the session's
// conversation: a Stop that the stream has not noticed yet, or New Chat or a load that replaced the
// conversation, must never let a late event land on another conversation.
import type { HostToWebview } from '../../shared/protocol';
import type { CustomAnswer } from './customTurn';
import type { Transcript } from './transcript';
import type { TurnOutput } from './turnTypes';

/** What the session is doing: one run at a time, so answering and compacting never overlap. */
export type SessionState = 'idle' | 'answering' | 'compacting';

export type RunKind = Exclude<SessionState, 'idle'>;

/**
 * What answers a turn, and so what Retry repeats: the chat's own request (through the agent loop when
 * there are tools), or a custom answer such as a review with its own prompt and tool.
 */
export type Answerer = { readonly kind: 'chat' } | { readonly kind: 'custom'; readonly answer: CustomAnswer };

export const CHAT_ANSWER: Answerer = { kind: 'chat' };

/** The side of the session a run reports to (see SessionRuns). */
export interface RunOwner {
  readonly out: TurnOutput;
  isCurrent(run: ActiveRun): boolean;
}

export class ActiveRun implements TurnOutput {
  private readonly controller = new AbortController();

  constructor(
    readonly kind: RunKind,
    readonly transcript: Transcript,
    /** How an answering run answers (undefined for a compaction). */
    readonly answerer: Answerer | undefined,
    private readonly owner: RunOwner,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Still the session's run, on the session's conversation: only then does the panel hear from it. */
  get current(): boolean {
    return this.owner.isCurrent(this);
  }

  abort(): void {
    this.controller.abort();
  }

  send(message: HostToWebview): void {
    if (this.current) this.owner.out.send(message);
  }

  append(turnId: string, index: number, text: string): void {
    if (this.current) this.owner.out.append(turnId, index, text);
  }
}

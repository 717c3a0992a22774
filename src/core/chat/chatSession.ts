// Runs chat turns: user text in, streamed assistant turn out, as protocol messages for the panel.
// Owns the transcript; the panel only ever renders what this sends.
import type { ChatSnapshot, HostToWebview, UsageSnapshot } from '../../shared/protocol';
import { usageSnapshot } from '../usage/usageSnapshot';
import { EMPTY_TOTALS, addUsage } from '../usage/usageTotals';
import type { ClaudeStreamEvent, TurnResult } from '../claude/streamEvents';
import { TurnFailure, type TurnStreamer } from '../claude/turnStreamer';
import { DeltaCoalescer, type PostMessage } from './deltaCoalescer';
import { Transcript, blockSnapshot, type MutableTurn } from './transcript';

export interface ChatSessionDeps {
  readonly client: TurnStreamer;
  readonly currentModel: () => string;
  readonly hasApiKey: () => Promise<boolean>;
  readonly onStreamingChanged?: (streaming: boolean) => void;
  /** Conversation usage after each request (and after New Chat), e.g. for the status bar. */
  readonly onTotalsChanged?: (totals: UsageSnapshot) => void;
}

export class ChatSession {
  private transcript = new Transcript();
  private readonly out: DeltaCoalescer;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly deps: ChatSessionDeps,
    post: PostMessage,
  ) {
    this.out = new DeltaCoalescer(post);
  }

  get streaming(): boolean {
    return this.controller !== undefined;
  }

  /** Starts a turn. Ignored while a turn is streaming (the panel disables Send meanwhile). */
  send(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || this.streaming) return this.running ?? Promise.resolve();
    const userTurn = this.transcript.addUserTurn(text);
    this.out.send({ type: 'turnAdded', turn: { id: userTurn.id, role: 'user', blocks: [{ kind: 'text', text, done: true }], status: 'done' } });
    return this.startAnswer();
  }

  /** Asks again after an error: the user's message is still the last one in the history. */
  retry(): Promise<void> {
    if (this.streaming || !this.transcript.awaitingAnswer()) return this.running ?? Promise.resolve();
    return this.startAnswer();
  }

  stop(): void {
    this.controller?.abort();
  }

  /** A turn still finishing writes into the old transcript, never the new one. */
  newChat(): void {
    this.stop();
    this.transcript = new Transcript();
    this.deps.onTotalsChanged?.(usageSnapshot(EMPTY_TOTALS));
  }

  /** Resolves when the current turn (if any) has finished. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async snapshot(): Promise<ChatSnapshot> {
    this.out.flush();
    return this.transcript.snapshot(this.streaming, await this.deps.hasApiKey(), this.deps.currentModel());
  }

  private startAnswer(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    this.setStreaming(true);
    const turn = this.transcript.addAssistantTurn(this.deps.currentModel());
    this.out.send({ type: 'turnAdded', turn: { id: turn.id, role: 'assistant', blocks: [], status: 'streaming', model: this.deps.currentModel() } });
    this.running = this.runTurn(this.transcript, turn, controller).finally(() => {
      this.controller = undefined;
      this.running = undefined;
      this.setStreaming(false);
    });
    return this.running;
  }

  private async runTurn(transcript: Transcript, turn: MutableTurn, controller: AbortController): Promise<void> {
    try {
      const result = await this.deps.client.streamTurn({ messages: transcript.apiMessages(), signal: controller.signal, onEvent: (event) => this.apply(turn, event) });
      this.finish(transcript, turn, result);
    } catch (error) {
      const failure = TurnFailure.is(error) ? error : unexpectedFailure(error);
      for (const block of turn.blocks) block.done = true;
      if (failure.userAbort) {
        turn.status = 'stopped';
        transcript.commitPartialText(turn);
        this.out.send({ type: 'turnEnded', turnId: turn.id, status: 'stopped' });
      } else {
        turn.status = 'error';
        turn.error = failure.info;
        this.out.send({ type: 'turnEnded', turnId: turn.id, status: 'error', error: failure.info });
      }
    }
  }

  private apply(turn: MutableTurn, event: ClaudeStreamEvent): void {
    switch (event.type) {
      case 'messageStart':
        turn.model = event.model;
        return;
      case 'blockStart': {
        const block = { kind: event.kind, text: '', done: false, ...(event.toolName !== undefined ? { toolName: event.toolName } : {}) };
        turn.blocks[event.index] = block;
        this.out.send({ type: 'blockStarted', turnId: turn.id, index: event.index, block: blockSnapshot(block) });
        return;
      }
      case 'textDelta':
      case 'thinkingDelta':
        this.appendText(turn, event.index, event.text);
        return;
      case 'toolInputDelta':
        this.appendText(turn, event.index, event.partialJson);
        return;
      case 'signature':
        return;
      case 'retrying':
        this.out.send({ type: 'turnNotice', turnId: turn.id, notice: { kind: 'retrying', model: event.model, ...event.notice } });
        return;
      case 'fallback':
        turn.fallback ??= { from: event.from, reason: event.reason };
        turn.model = event.to;
        this.out.send({ type: 'turnNotice', turnId: turn.id, notice: { kind: 'fallback', from: event.from, to: event.to, reason: event.reason } });
        return;
      case 'blockStop': {
        const block = turn.blocks[event.index];
        if (block) block.done = true;
        this.out.send({ type: 'blockStopped', turnId: turn.id, index: event.index });
        return;
      }
    }
  }

  private appendText(turn: MutableTurn, index: number, text: string): void {
    const block = turn.blocks[index];
    if (!block || !text) return;
    block.text += text;
    this.out.append(turn.id, index, text);
  }

  private finish(transcript: Transcript, turn: MutableTurn, result: TurnResult): void {
    turn.status = 'done';
    turn.model = result.model;
    turn.stopReason = result.stopReason;
    turn.usage = usageSnapshot(addUsage(EMPTY_TOTALS, result.model, result.usage));
    transcript.commitAssistant(result.content);
    transcript.totals = addUsage(transcript.totals, result.model, result.usage);
    const ended: HostToWebview = {
      type: 'turnEnded',
      turnId: turn.id,
      status: 'done',
      model: result.model,
      stopReason: result.stopReason,
      usage: turn.usage,
      ...(turn.fallback ? { fallback: turn.fallback } : {}),
    };
    this.out.send(ended);
    if (transcript === this.transcript) {
      const totals = usageSnapshot(transcript.totals);
      this.out.send({ type: 'totals', totals });
      this.deps.onTotalsChanged?.(totals);
    }
  }

  private setStreaming(streaming: boolean): void {
    this.out.send({ type: 'streaming', streaming });
    this.deps.onStreamingChanged?.(streaming);
  }
}

function unexpectedFailure(error: unknown): TurnFailure {
  const detail = error instanceof Error ? error.message : String(error);
  return new TurnFailure({ kind: 'unexpected', title: 'Something went wrong.', detail, actions: ['retry', 'showLog'] }, false, { cause: error });
}

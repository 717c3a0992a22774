// Runs chat turns: user text in, streamed assistant turn out, as protocol messages for the panel.
// Owns the transcript; the panel only ever renders what this sends.
import type { ChatSnapshot, HostToWebview } from '../../shared/protocol';
import type { ClaudeStreamEvent, TurnResult } from '../claude/streamEvents';
import { TurnFailure, type TurnStreamer } from '../claude/turnStreamer';
import { DeltaCoalescer, type PostMessage } from './deltaCoalescer';
import { Transcript, blockSnapshot, type MutableTurn } from './transcript';

export interface RequestRecord {
  readonly model: string;
  readonly startedAt: number;
  readonly firstTokenMs?: number;
  readonly totalMs: number;
  readonly outcome: 'done' | 'stopped' | 'error';
  readonly stopReason?: string | null;
  readonly errorKind?: string;
  readonly inputTokens?: number;
  readonly outputTokens?: number;
  readonly requestId?: string;
}

export interface ChatSessionDeps {
  readonly client: TurnStreamer;
  readonly currentModel: () => string;
  readonly hasApiKey: () => Promise<boolean>;
  readonly onStreamingChanged?: (streaming: boolean) => void;
  readonly onRequestFinished?: (record: RequestRecord) => void;
  readonly now?: () => number;
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
    const now = this.deps.now ?? Date.now;
    const startedAt = now();
    let firstTokenAt: number | undefined;
    const onEvent = (event: ClaudeStreamEvent) => {
      if (firstTokenAt === undefined && (event.type === 'textDelta' || event.type === 'thinkingDelta')) firstTokenAt = now();
      this.apply(turn, event);
    };
    try {
      const result = await this.deps.client.streamTurn({ messages: transcript.apiMessages(), signal: controller.signal, onEvent });
      this.finish(transcript, turn, result);
      this.deps.onRequestFinished?.({
        model: result.model,
        startedAt,
        ...(firstTokenAt !== undefined ? { firstTokenMs: firstTokenAt - startedAt } : {}),
        totalMs: now() - startedAt,
        outcome: 'done',
        stopReason: result.stopReason,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
      });
    } catch (error) {
      const failure = TurnFailure.is(error) ? error : unexpectedFailure(error);
      const stopped = failure.userAbort;
      for (const block of turn.blocks) block.done = true;
      if (stopped) {
        turn.status = 'stopped';
        transcript.commitPartialText(turn);
        this.out.send({ type: 'turnEnded', turnId: turn.id, status: 'stopped' });
      } else {
        const info = failure.info;
        turn.status = 'error';
        turn.error = info;
        this.out.send({ type: 'turnEnded', turnId: turn.id, status: 'error', error: info });
      }
      this.deps.onRequestFinished?.({
        model: turn.model ?? this.deps.currentModel(),
        startedAt,
        ...(firstTokenAt !== undefined ? { firstTokenMs: firstTokenAt - startedAt } : {}),
        totalMs: now() - startedAt,
        outcome: stopped ? 'stopped' : 'error',
        ...(stopped ? {} : { errorKind: failure.info.kind }),
      });
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
    turn.usage = {
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      cacheReadTokens: result.usage.cacheReadTokens,
      cacheWriteTokens: result.usage.cacheWriteTokens,
    };
    transcript.commitAssistant(result.content);
    const ended: HostToWebview = { type: 'turnEnded', turnId: turn.id, status: 'done', model: result.model, stopReason: result.stopReason, usage: turn.usage };
    this.out.send(ended);
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

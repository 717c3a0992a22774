// Runs chat turns: user text in, streamed assistant turn out (through the agent loop when the editor
// supplies tools), as protocol messages for the panel. Owns the transcript; the panel only renders it.
import type { ChatSnapshot, ImageUpload, UsageSnapshot } from '../../shared/protocol';
import type { ClaudeStreamEvent, TurnUsage } from '../claude/streamEvents';
import { TurnFailure, type ApiMessage, type TurnStreamer } from '../claude/turnStreamer';
import { contextWindowOf, meterFromUsage } from '../context/contextMeter';
import { usageSnapshot } from '../usage/usageSnapshot';
import { EMPTY_TOTALS, addUsage } from '../usage/usageTotals';
import { CHAT_ANSWER, type ActiveRun, type Answerer, type SessionState } from './activeRun';
import { endNoticeFor, runAgentAnswer, type AgentHooks } from './agentTurn';
import { PendingAttachments, attachmentLabel, type Attachment } from './attachments';
import { ImageRejected } from './imageBlocks';
import { buildUserMessage } from './userMessage';
import { CheckpointStore } from './checkpoints';
import { revertFiles, type RevertPort } from './turnRevert';
import type { CustomAnswer, CustomTurnEnd } from './customTurn';
import { DeltaCoalescer, type PostMessage } from './deltaCoalescer';
import type { Compactor } from '../context/compactor';
import { SessionCompaction } from './sessionCompaction';
import { SessionRuns } from './sessionRuns';
import type { ApiToolParam } from '../claude/apiTypes';
import { Transcript, type RestoreExtra } from './transcript';
import { applyStreamEvent, turnEndedMessage } from './turnEvents';
import type { MutableTurn } from './turnTypes';
import { t } from '../l10n';

/**
 * How a conversation changed, for persistence: `opened` (it became the current one: New Chat, a load, or
 * the first one), `progress` (an answer is streaming; save now and then), `settled` (a question was
 * asked or an answer ended; save now).
 */
export type ConversationChange = 'opened' | 'progress' | 'settled';

export interface ChatSessionDeps {
  readonly client: TurnStreamer;
  readonly currentModel: () => string;
  readonly hasApiKey: () => Promise<boolean>;
  readonly onStreamingChanged?: (streaming: boolean) => void;
  /** Conversation usage after each request (and after New Chat), e.g. for the status bar. */
  readonly onTotalsChanged?: (totals: UsageSnapshot) => void;
  /** Workspace tools (loaded on first use); without them a turn is a single request. */
  readonly agent?: () => Promise<AgentHooks>;
  /** "Revert this turn": reads files, asks about later changes, restores (without it, revert is off). */
  readonly revert?: RevertPort;
  /** Why writes are off (Restricted Mode), shown in the panel. */
  readonly writesDisabledReason?: () => string | undefined;
  /** The model's context window in tokens (the fetched catalog may know better than the built-in table). */
  readonly contextWindow?: (model: string) => number;
  /** Context management: summaries and trimming once the conversation nears the window (off without it). */
  readonly compactor?: Compactor;
  /** Told about every change to a conversation (the transcript may no longer be the current one). */
  readonly onChanged?: (transcript: Transcript, change: ConversationChange) => void;
}

export class ChatSession {
  private transcript = new Transcript();
  private readonly out: DeltaCoalescer;
  private readonly checkpoints = new CheckpointStore();
  /** Turns being reverted: a second request for one (a double click) must not restore twice. */
  private readonly reverting = new Set<string>();
  private readonly attachments = new PendingAttachments();
  /** The session's state: the run (an answer or a compaction) in progress, if any. */
  private readonly runs: SessionRuns;
  private readonly compaction: SessionCompaction | undefined;

  constructor(
    private readonly deps: ChatSessionDeps,
    post: PostMessage,
  ) {
    this.out = new DeltaCoalescer(post);
    this.runs = new SessionRuns({ out: this.out, transcript: () => this.transcript, onState: (state) => this.setStreaming(state !== 'idle') });
    if (deps.compactor) {
      this.compaction = new SessionCompaction({
        compactor: deps.compactor,
        currentModel: deps.currentModel,
        contextWindow: (model) => (deps.contextWindow ?? contextWindowOf)(model),
        onTotalsChanged: (t) => deps.onTotalsChanged?.(usageSnapshot(t.totals)),
      });
    }
    this.deps.onChanged?.(this.transcript, 'opened');
  }

  /** Idle, answering or compacting: one run at a time. */
  get state(): SessionState {
    return this.runs.state;
  }

  /** Busy (answering or compacting): Send, Compact and Revert wait. */
  get streaming(): boolean {
    return this.runs.state !== 'idle';
  }

  /**
   * Starts a turn. Ignored while a turn is streaming (the panel disables Send meanwhile). Images that
   * the API would refuse refuse the whole send: the panel gets `sendRefused` and keeps what was typed.
   */
  send(text: string, images: readonly ImageUpload[] = []): Promise<void> {
    const trimmed = text.trim();
    if ((!trimmed && images.length === 0) || this.streaming) return this.runs.running();
    let message;
    try {
      message = buildUserMessage(text, this.attachments.list(), images);
    } catch (error) {
      if (!(error instanceof ImageRejected)) throw error;
      this.out.send({ type: 'sendRefused', reason: error.message });
      return Promise.resolve();
    }
    if (this.attachments.take().length) this.postAttachments();
    const userTurn = this.transcript.addUserTurn(message.shown, message.content);
    this.out.send({ type: 'turnAdded', turn: { id: userTurn.id, role: 'user', blocks: [{ kind: 'text', text: message.shown, done: true }], status: 'done' } });
    this.deps.onChanged?.(this.transcript, 'settled');
    return this.startAnswer(CHAT_ANSWER);
  }

  /**
   * Runs a turn answered by `answer` (e.g. a code review with its own system prompt and tool): the user
   * turn shows `shown`, the history gets `content`. Resolves with how it ended; undefined when a turn is
   * already streaming (nothing was started).
   */
  async runCustomTurn(shown: string, content: string | readonly unknown[], answer: CustomAnswer): Promise<CustomTurnEnd | undefined> {
    if (this.streaming) return undefined;
    const userTurn = this.transcript.addUserTurn(shown, typeof content === 'string' ? [{ type: 'text', text: content }] : content);
    this.out.send({ type: 'turnAdded', turn: { id: userTurn.id, role: 'user', blocks: [{ kind: 'text', text: shown, done: true }], status: 'done' } });
    const transcript = this.transcript;
    await this.startAnswer({ kind: 'custom', answer });
    const turn = transcript.lastTurn();
    return { status: turn?.status === 'streaming' || !turn ? 'error' : turn.status, ...(turn?.error ? { error: turn.error } : {}) };
  }

  /** Attaches context (e.g. the editor selection) to the next message. */
  attach(attachment: Omit<Attachment, 'id'>): void {
    this.attachments.add(attachment);
    this.postAttachments();
  }

  removeAttachment(id: string): void {
    this.attachments.remove(id);
    this.postAttachments();
  }

  private postAttachments(): void {
    this.out.send({ type: 'attachments', attachments: this.attachments.list().map((a) => ({ id: a.id, label: attachmentLabel(a) })) });
  }

  /**
   * Asks again after an error: the user's message is still the last one in the history. The answer runs
   * as the failed one did (a review again after a failed review); in a conversation just opened, as chat.
   */
  retry(): Promise<void> {
    if (this.streaming || !this.transcript.awaitingAnswer()) return this.runs.running();
    return this.startAnswer(this.runs.retryAnswerer(this.transcript));
  }

  stop(): void {
    this.runs.stop();
  }

  /**
   * Summarizes the older messages now (the Compact Conversation command and the panel's button), keeping
   * the recent ones in full. Busy like a turn meanwhile: Send is off and Stop cancels it.
   */
  compact(): Promise<void> {
    const compaction = this.compaction;
    if (!compaction || this.streaming) return this.runs.running();
    const started = this.runs.start('compacting', this.transcript, undefined, async (run) => {
      run.send({ type: 'compacting', active: true });
      await compaction.compactNow(run).then(
        () => undefined,
        () => run.send({ type: 'compacting', active: false }),
      );
    });
    return started ?? this.runs.running();
  }

  /**
   * A run still finishing writes into the old transcript, never the new one, and the panel no longer
   * hears from it: the session is idle at once.
   */
  newChat(): void {
    this.runs.detach();
    this.transcript = new Transcript();
    this.checkpoints.clear();
    this.deps.onTotalsChanged?.(usageSnapshot(EMPTY_TOTALS));
    this.deps.onChanged?.(this.transcript, 'opened');
  }

  /**
   * Replaces the conversation with a stored one (API messages, oldest first) and posts a snapshot so the
   * panel shows it. Stops a streaming turn first, like New Chat. Throws RestoreError on a malformed
   * message, leaving the current conversation as it was.
   */
  async load(messages: readonly ApiMessage[], extra?: RestoreExtra): Promise<number> {
    const restored = Transcript.restore(messages, extra);
    this.runs.detach();
    this.transcript = restored;
    this.checkpoints.clear();
    this.deps.onTotalsChanged?.(usageSnapshot(restored.totals));
    this.deps.onChanged?.(restored, 'opened');
    this.out.send({ type: 'snapshot', chat: await this.snapshot() });
    return restored.turnCount;
  }

  /**
   * Restores every file the turn wrote to its bytes before the turn (created files go to the trash).
   * Files changed since the turn wrote them are listed for the user first; refused while a turn or
   * compaction runs. Resolves with the summary, or undefined when nothing was reverted.
   */
  async revertTurn(turnId: string): Promise<string | undefined> {
    const turn = this.transcript.turn(turnId);
    const port = this.deps.revert;
    if (!turn || !port || !this.checkpoints.has(turnId)) return undefined;
    if (this.reverting.has(turnId)) return undefined;
    this.reverting.add(turnId);
    const result = await revertFiles(this.checkpoints.files(turnId), port, () => this.streaming).finally(() => this.reverting.delete(turnId));
    if (result.kind !== 'reverted') {
      this.out.send({ type: 'revertDeclined', turnId, reason: result.kind });
      return undefined;
    }
    const summary = result.summary;
    this.checkpoints.forget(turnId);
    turn.canRevert = false;
    this.out.send({ type: 'turnReverted', turnId, summary });
    return summary;
  }

  /** Resolves when every run has finished, including one New Chat or a load detached. */
  idle(): Promise<void> {
    return this.runs.idle();
  }

  async snapshot(): Promise<ChatSnapshot> {
    this.out.flush();
    const snap = {
      ...this.transcript.snapshot(this.streaming, await this.deps.hasApiKey(), this.deps.currentModel()),
      attachments: this.attachments.list().map((a) => ({ id: a.id, label: attachmentLabel(a) })),
    };
    const reason = this.deps.writesDisabledReason?.();
    const context = this.transcript.context;
    return { ...snap, ...(reason ? { writesDisabledReason: reason } : {}), ...(context ? { context } : {}) };
  }

  private startAnswer(answerer: Answerer): Promise<void> {
    const started = this.runs.start('answering', this.transcript, answerer, async (run) => {
      const model = this.deps.currentModel();
      const turn = run.transcript.addAssistantTurn(model);
      run.send({ type: 'turnAdded', turn: { id: turn.id, role: 'assistant', blocks: [], status: 'streaming', model } });
      try {
        await this.answer(run, turn, answerer);
      } finally {
        // Saved whether or not it is still the open conversation.
        this.deps.onChanged?.(run.transcript, 'settled');
      }
    });
    return started ?? this.runs.running();
  }

  private async answer(run: ActiveRun, turn: MutableTurn, answerer: Answerer): Promise<void> {
    const { transcript, signal } = run;
    const progress = () => this.deps.onChanged?.(transcript, 'progress');
    const apply = (t: MutableTurn, event: ClaudeStreamEvent) => {
      applyStreamEvent(run, t, event);
      progress();
    };
    const compaction = this.compaction;
    const prepareMessages = compaction
      ? (messages: readonly ApiMessage[], tools?: readonly ApiToolParam[]) => compaction.prepare(run, messages, tools)
      : undefined;
    try {
      if (answerer.kind === 'custom') {
        const result = await answerer.answer({
          signal,
          apply: (event) => apply(turn, event),
          replaceBlockText: (index, text) => this.replaceBlockText(run, turn, index, text),
          countUsage: (model, usage) => this.countUsage(run, turn, model, usage),
        });
        transcript.commitAssistant(result.content);
        turn.stopReason = result.stopReason;
        this.endTurn(run, turn, 'done', result.model);
      } else if (this.deps.agent) {
        const hooks = await this.deps.agent();
        const result = await runAgentAnswer(hooks, this.deps.client, transcript, turn, signal, {
          out: run,
          applyStream: apply,
          onRequestDone: (t, e) => {
            this.countUsage(run, t, e.model, e.usage);
            progress();
          },
          checkpoints: this.checkpoints,
          ...(prepareMessages ? { prepareMessages } : {}),
        });
        turn.stopReason = result.reason;
        const notice = endNoticeFor(result.reason, result.detail);
        if (notice) turn.endNotice = notice;
        this.endTurn(run, turn, 'done', result.model);
      } else {
        const messages = prepareMessages ? await prepareMessages(transcript.apiMessages()) : transcript.apiMessages();
        const result = await this.deps.client.streamTurn({ messages, signal, onEvent: (event) => apply(turn, event) });
        this.countUsage(run, turn, result.model, result.usage);
        transcript.commitAssistant(result.content);
        turn.stopReason = result.stopReason;
        this.endTurn(run, turn, 'done', result.model);
      }
    } catch (error) {
      const failure = TurnFailure.is(error) ? error : unexpectedFailure(error);
      for (const block of turn.blocks) block.done = true;
      if (failure.userAbort) {
        transcript.commitPartialText(turn);
        this.endTurn(run, turn, 'stopped');
      } else {
        turn.error = failure.info;
        this.endTurn(run, turn, 'error');
      }
    }
  }

  private endTurn(run: ActiveRun, turn: MutableTurn, status: 'done' | 'stopped' | 'error', model?: string): void {
    turn.status = status;
    if (model) turn.model = model;
    if (this.checkpoints.has(turn.id)) turn.canRevert = true;
    run.send(turnEndedMessage(turn));
  }

  /** Adds one request's usage to the turn and the conversation, and tells the status bar. */
  private countUsage(run: ActiveRun, turn: MutableTurn, model: string, usage: TurnUsage): void {
    const transcript = run.transcript;
    turn.totals = addUsage(turn.totals, model, usage);
    turn.usage = usageSnapshot(turn.totals);
    transcript.totals = addUsage(transcript.totals, model, usage);
    transcript.context = meterFromUsage(usage, (this.deps.contextWindow ?? contextWindowOf)(model));
    if (!run.current) return;
    const totals = usageSnapshot(transcript.totals);
    run.send({ type: 'totals', totals });
    run.send({ type: 'context', context: transcript.context });
    this.deps.onTotalsChanged?.(totals);
  }

  private replaceBlockText(run: ActiveRun, turn: MutableTurn, index: number, text: string): void {
    const block = turn.blocks[index];
    if (!block || block.text === text) return;
    block.text = text;
    if (run.current) void this.snapshot().then((chat) => run.send({ type: 'snapshot', chat }));
  }

  private setStreaming(streaming: boolean): void {
    this.out.send({ type: 'streaming', streaming });
    this.deps.onStreamingChanged?.(streaming);
  }
}

function unexpectedFailure(error: unknown): TurnFailure {
  const detail = error instanceof Error ? error.message : String(error);
  return new TurnFailure({ kind: 'unexpected', title: t('Something went wrong.'), detail, actions: ['retry', 'showLog'] }, false, { cause: error });
}

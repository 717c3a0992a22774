// Runs one assistant turn through the agent loop and reflects it in the transcript and the panel:
// streamed blocks, tool cards (running → awaiting approval → done/failed/declined), usage, end notices.
import type { EndNotice, ToolState } from '../../shared/protocol';
import { runAgentTurn } from '../agent/agentLoop';
import type { AgentEndReason, AgentEvent, AgentLimits, AgentResult, PrepareMessages } from '../agent/agentTypes';
import type { ClaudeStreamEvent } from '../claude/streamEvents';
import type { TurnStreamer } from '../claude/turnStreamer';
import { t } from '../l10n';
import type { ApprovalPort, ToolContext, ToolOutcome, ToolSpec } from '../tools/toolTypes';
import { costOf } from '../usage/pricing';
import type { CheckpointStore } from './checkpoints';
import type { Transcript } from './transcript';
import type { MutableTurn, TurnOutput } from './turnTypes';

/** What the editor supplies so turns can use workspace tools. */
export interface AgentHooks {
  readonly tools: () => readonly ToolSpec[];
  /** Builds the tool context for one turn; `approvals` and `checkpoints` are the session's wrappers. */
  readonly createContext: (signal: AbortSignal, parts: Pick<ToolContext, 'approvals' | 'checkpoints'>) => ToolContext;
  readonly limits: () => AgentLimits;
  /** Validating runner from the tools module (ajv); the loop calls spec.run directly without it. */
  readonly runTool?: (spec: ToolSpec, input: unknown, ctx: ToolContext, toolUseId: string) => Promise<ToolOutcome>;
  /** The editor's approval UI (diff view + buttons). */
  readonly approvals: ApprovalPort;
  /** False when reads need the user's OK too (claudeCompanion.agent.autoApprove.reads). */
  readonly autoApproveReads: () => boolean;
  /** Asks the user to allow one read (Approve/Reject on the tool card); settles false on abort. */
  readonly confirmRead: (toolUseId: string, signal: AbortSignal) => Promise<boolean>;
}

const RESULT_CAP = 20_000;

export interface AgentTurnIo {
  /** The run's output: it drops what a run no longer current sends. */
  readonly out: TurnOutput;
  readonly applyStream: (turn: MutableTurn, event: ClaudeStreamEvent) => void;
  readonly onRequestDone: (turn: MutableTurn, event: Extract<AgentEvent, { type: 'requestDone' }>) => void;
  readonly checkpoints: CheckpointStore;
  /** Context management before each request (see AgentRunOptions.prepareMessages). */
  readonly prepareMessages?: PrepareMessages;
}

export async function runAgentAnswer(
  hooks: AgentHooks,
  streamer: TurnStreamer,
  transcript: Transcript,
  turn: MutableTurn,
  signal: AbortSignal,
  io: AgentTurnIo,
): Promise<AgentResult> {
  const blockOf = new Map<string, number>();
  const setTool = (index: number, tool: ToolState) => {
    const block = turn.blocks[index];
    if (block) block.tool = tool;
    io.out.send({ type: 'toolUpdate', turnId: turn.id, index, tool });
  };
  const approvals: ApprovalPort = {
    requestApproval: async (write, s) => {
      const index = blockOf.get(write.toolUseId);
      const why = write.protectedReason ? { protectedReason: write.protectedReason } : {};
      if (index !== undefined) setTool(index, { toolUseId: write.toolUseId, status: 'awaiting_approval', summary: write.before ? t('wants to change this file') : t('wants to create this file'), hasDiff: true, ...why });
      const decision = await hooks.approvals.requestApproval(write, s);
      if (index !== undefined) setTool(index, { toolUseId: write.toolUseId, status: 'running', hasDiff: true, summary: decision.approved ? t('approved, writing…') : t('declined') });
      return decision;
    },
  };
  const checkpoints = {
    beforeWrite: async (absPath: string, before: Uint8Array | undefined) => io.checkpoints.record(turn.id, absPath, before),
    afterWrite: async (absPath: string, after: Uint8Array | undefined) => io.checkpoints.recordWritten(turn.id, absPath, after),
  };
  const context = hooks.createContext(signal, { approvals, checkpoints });
  const execute = hooks.runTool ?? ((spec: ToolSpec, input: unknown, ctx: ToolContext, id: string) => spec.run(input, ctx, id));
  const askReads = !hooks.autoApproveReads();
  const runTool = async (spec: ToolSpec, input: unknown, ctx: ToolContext, toolUseId: string): Promise<ToolOutcome> => {
    if (askReads && spec.kind === 'read') {
      const index = blockOf.get(toolUseId);
      if (index !== undefined) setTool(index, { toolUseId, status: 'awaiting_approval', summary: t('wants to run {0}', spec.name) });
      if (!(await hooks.confirmRead(toolUseId, ctx.signal))) {
        return { content: 'The user declined this call. Do not repeat it without asking them.', isError: true, status: 'declined', summary: 'declined' };
      }
      if (index !== undefined) setTool(index, { toolUseId, status: 'running' });
    }
    return execute(spec, input, ctx, toolUseId);
  };

  return runAgentTurn({
    streamer,
    // A copy: the transcript's history grows while the loop runs (messagesAdded below), and the loop adds
    // its own new messages after this history itself.
    history: [...transcript.apiMessages()],
    tools: hooks.tools(),
    context,
    limits: hooks.limits(),
    signal,
    costOf: (model, usage) => costOf(model, usage)?.total,
    runTool,
    ...(io.prepareMessages ? { prepareMessages: io.prepareMessages } : {}),
    onEvent: (event) => {
      switch (event.type) {
        case 'stream':
          io.applyStream(turn, event.event);
          return;
        case 'requestDone':
          io.onRequestDone(turn, event);
          return;
        case 'messagesAdded':
          // Appended as they happen, so tool work done before a Stop or an error stays in the history.
          transcript.appendMessages(event.messages);
          turn.committedBlocks = turn.blocks.length;
          return;
        case 'toolStarted':
          blockOf.set(event.toolUseId, event.blockIndex);
          setTool(event.blockIndex, { toolUseId: event.toolUseId, status: 'running' });
          return;
        case 'toolFinished': {
          const { outcome } = event;
          const result = outcome.content.length > RESULT_CAP ? `${outcome.content.slice(0, RESULT_CAP)}\n… (${outcome.content.length - RESULT_CAP} more characters)` : outcome.content;
          const status = outcome.status === 'done' ? 'done' : outcome.status;
          const prior = turn.blocks[event.blockIndex]?.tool;
          setTool(event.blockIndex, { toolUseId: event.toolUseId, status, summary: outcome.summary, result, ...(prior?.hasDiff ? { hasDiff: true } : {}) });
          return;
        }
      }
    },
  });
}

/** What the panel says when a turn ended for a reason other than a normal finish. */
export function endNoticeFor(reason: AgentEndReason, detail: string | undefined): EndNotice | undefined {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return undefined;
    case 'max_tokens':
      return { reason, text: detail ?? t('The answer reached the output limit (maxTokens).'), actions: ['continue', 'openSettings'] };
    case 'refusal':
      return { reason, text: detail ?? t('Claude declined to continue with this request.'), actions: ['newChat'] };
    case 'context_exceeded':
      return { reason, text: detail ?? t('The conversation no longer fits in the model\'s context window.'), actions: ['newChat'] };
    case 'max_iterations':
    case 'cost_limit':
    case 'repeated_failure':
      return { reason, text: detail ?? t('The task stopped at a limit.'), actions: ['continue', 'openSettings'] };
  }
}

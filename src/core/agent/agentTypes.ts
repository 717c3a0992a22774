// The agent loop's contract with the chat session: what goes in, which events come out, how it ends.
import type { ClaudeStreamEvent, TurnUsage } from '../claude/streamEvents';
import type { ApiToolParam } from '../claude/apiTypes';
import type { ApiMessage, TurnStreamer } from '../claude/turnStreamer';
import type { ToolContext, ToolOutcome, ToolSpec } from '../tools/toolTypes';
import { defaultOf } from '../settings/settingsTable';

export interface AgentLimits {
  /** Model requests per user turn. */
  readonly maxIterations: number;
  /** US$ per user turn; 0 means no limit. The loop stops *before* a request that would pass it. */
  readonly maxCostPerTaskUsd: number;
  /** The same call (tool name + input) failing this many times in a row stops the loop. */
  readonly maxRepeatedFailures: number;
}

/** The table's defaults (src/core/settings/settingsTable.ts); a task is capped at US$2 unless the user says otherwise. */
export const DEFAULT_LIMITS: AgentLimits = {
  maxIterations: defaultOf('agent.maxIterations'),
  maxCostPerTaskUsd: defaultOf('agent.maxCostPerTaskUsd'),
  maxRepeatedFailures: 3,
};

export type AgentEvent =
  /**
   * A stream event of one model request. Block indexes are already offset so that they keep counting up
   * across the requests of one user turn (the panel shows one continuous turn).
   */
  | { readonly type: 'stream'; readonly event: ClaudeStreamEvent }
  | { readonly type: 'requestDone'; readonly iteration: number; readonly model: string; readonly usage: TurnUsage; readonly stopReason: string | null }
  | { readonly type: 'toolStarted'; readonly blockIndex: number; readonly toolUseId: string; readonly name: string; readonly input: unknown }
  | { readonly type: 'toolFinished'; readonly blockIndex: number; readonly toolUseId: string; readonly outcome: ToolOutcome }
  /**
   * Messages just appended to the conversation, always in groups that keep the history valid (an assistant
   * message together with the user message holding its tool results). Together they equal
   * AgentResult.newMessages; when the turn ends in a TurnFailure (Stop, network) they are the only record of
   * the tool work already done, so the session can keep them.
   */
  | { readonly type: 'messagesAdded'; readonly messages: readonly ApiMessage[] };

/** Why the loop ended. Everything but `end_turn`/`stop_sequence` tells the user something. */
export type AgentEndReason =
  | 'end_turn'
  | 'stop_sequence'
  | 'max_tokens' // offer Continue
  | 'refusal' // show the refusal
  | 'context_exceeded' // say what to do (new chat / compact)
  | 'max_iterations'
  | 'cost_limit'
  | 'repeated_failure';

export interface AgentResult {
  readonly reason: AgentEndReason;
  /** Words for the panel when the reason is not a normal end. */
  readonly detail?: string;
  /** Messages this turn added to the conversation (assistant turns and tool results), in API shape. */
  readonly newMessages: readonly ApiMessage[];
  /** The model that answered last. */
  readonly model: string;
  /** Set when a fallback model answered the last request. */
  readonly fallbackFrom?: string;
}

export interface AgentRunOptions {
  readonly streamer: TurnStreamer;
  /** The conversation so far, ending with the user's new message. */
  readonly history: readonly ApiMessage[];
  readonly tools: readonly ToolSpec[];
  /** Built once per turn by the adapter (ports, settings, trust, the turn's abort signal). */
  readonly context: ToolContext;
  readonly limits: AgentLimits;
  readonly signal: AbortSignal;
  readonly onEvent: (event: AgentEvent) => void;
  /** Price of one request so far, for the cost limit (model id → US$); undefined when unknown. */
  readonly costOf: (model: string, usage: TurnUsage) => number | undefined;
  /**
   * Runs one call (the tools module's validating runner; must not throw). Defaults to `spec.run` inside a
   * try/catch, without input validation.
   */
  readonly runTool?: RunTool;
  /**
   * Turns the conversation so far into what the next request sends (context management: summaries,
   * trimmed tool results). Called before every request; rejects only with a TurnFailure. Default: as is.
   */
  readonly prepareMessages?: PrepareMessages;
}

export type PrepareMessages = (messages: readonly ApiMessage[], tools: readonly ApiToolParam[]) => Promise<readonly ApiMessage[]>;

export type RunTool = (spec: ToolSpec, input: unknown, ctx: ToolContext, toolUseId: string) => Promise<ToolOutcome>;

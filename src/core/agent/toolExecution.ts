// Runs the tool_use blocks of one assistant message: consecutive reads together, each write alone and in
// order, so a write never races a read of the same file. Results come back in tool_use order, exactly one
// per call, whatever happened (thrown, unknown tool, Stop).
import { t } from '../l10n';
import type { ToolContext, ToolOutcome, ToolSpec } from '../tools/toolTypes';
import type { AgentEvent, RunTool } from './agentTypes';

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly input: unknown;
  /** Index of the tool_use block in the turn's (offset) block numbering, for the panel's tool card. */
  readonly blockIndex: number;
}

export interface ToolCallResult {
  readonly call: ToolCall;
  readonly outcome: ToolOutcome;
}

export interface ToolRunEnv {
  readonly tools: readonly ToolSpec[];
  readonly context: ToolContext;
  readonly signal: AbortSignal;
  readonly runTool?: RunTool;
  readonly onEvent: (event: AgentEvent) => void;
}

/** The default runner: no validation, but a throwing tool still becomes an is_error result. */
export const runToolSafely: RunTool = async (spec, input, ctx, toolUseId) => {
  try {
    return await spec.run(input, ctx, toolUseId);
  } catch (error) {
    return thrownOutcome(spec.name, error);
  }
};

export async function executeToolCalls(calls: readonly ToolCall[], env: ToolRunEnv): Promise<ToolCallResult[]> {
  const byName = new Map(env.tools.map((t) => [t.name, t] as const));
  const outcomes = new Map<number, ToolOutcome>();
  const started = new Set<number>();
  let finalized = false;
  const finish = (index: number, outcome: ToolOutcome) => {
    // A tool that settles after Stop was already reported as cancelled; its late outcome is dropped.
    if (finalized) return;
    outcomes.set(index, outcome);
    const call = calls[index]!;
    env.onEvent({ type: 'toolFinished', blockIndex: call.blockIndex, toolUseId: call.id, outcome });
  };
  const start = async (index: number): Promise<void> => {
    const call = calls[index]!;
    started.add(index);
    env.onEvent({ type: 'toolStarted', blockIndex: call.blockIndex, toolUseId: call.id, name: call.name, input: call.input });
    finish(index, await runOne(call, byName.get(call.name), env));
  };

  const stopped = whenAborted(env.signal);
  try {
    for (const batch of batches(calls, byName)) {
      if (env.signal.aborted) break;
      // Racing Stop means a tool that ignores its signal cannot hold the loop.
      await Promise.race([Promise.all(batch.map(start)), stopped.promise]);
    }
  } finally {
    finalized = true;
    stopped.dispose();
  }
  return calls.map((call, index) => {
    const outcome = outcomes.get(index);
    if (outcome) return { call, outcome };
    const cancelled: ToolOutcome = started.has(index)
      ? { content: 'Cancelled: the user stopped the task while this call was running.', isError: true, status: 'failed', summary: 'stopped' }
      : notRunOutcome('the user stopped the task', 'stopped');
    env.onEvent({ type: 'toolFinished', blockIndex: call.blockIndex, toolUseId: call.id, outcome: cancelled });
    return { call, outcome: cancelled };
  });
}

/** Results for calls that will not run (the answer was cut off, refused…), so the history stays valid. */
export function skipToolCalls(calls: readonly ToolCall[], why: string, onEvent: (event: AgentEvent) => void): ToolCallResult[] {
  return calls.map((call) => {
    const outcome = notRunOutcome(why, 'not run');
    onEvent({ type: 'toolFinished', blockIndex: call.blockIndex, toolUseId: call.id, outcome });
    return { call, outcome };
  });
}

/** The user message answering one assistant message: one tool_result per tool_use, in tool_use order. */
export function toolResultsMessage(results: readonly ToolCallResult[]) {
  return {
    role: 'user' as const,
    content: results.map(({ call, outcome }) => ({
      type: 'tool_result',
      tool_use_id: call.id,
      content: outcome.content,
      ...(outcome.isError ? { is_error: true } : {}),
    })),
  };
}

/** Indexes of calls grouped into runs: consecutive reads share a batch, a write is a batch of its own. */
function batches(calls: readonly ToolCall[], byName: ReadonlyMap<string, ToolSpec>): number[][] {
  const out: number[][] = [];
  let reads: number[] = [];
  calls.forEach((call, index) => {
    // Unknown tools do nothing, so they can go with the reads.
    if (byName.get(call.name)?.kind !== 'write') {
      reads.push(index);
      return;
    }
    if (reads.length > 0) out.push(reads);
    reads = [];
    out.push([index]);
  });
  if (reads.length > 0) out.push(reads);
  return out;
}

async function runOne(call: ToolCall, spec: ToolSpec | undefined, env: ToolRunEnv): Promise<ToolOutcome> {
  if (!spec) {
    const available = env.tools.map((t) => t.name).join(', ') || 'none';
    return { content: `unknown tool ${call.name}; available: ${available}`, isError: true, status: 'failed', summary: t('unknown tool {0}', call.name) };
  }
  // Guarded even for a runner that promises not to throw: a tool failure must never end the loop.
  try {
    return await (env.runTool ?? runToolSafely)(spec, call.input, env.context, call.id);
  } catch (error) {
    return thrownOutcome(spec.name, error);
  }
}

function thrownOutcome(name: string, error: unknown): ToolOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return { content: `The ${name} tool failed: ${message}`, isError: true, status: 'failed', summary: `failed: ${message}` };
}

function notRunOutcome(why: string, summary: string): ToolOutcome {
  return { content: `Not run: ${why}.`, isError: true, status: 'failed', summary };
}

/** A promise that resolves on abort, with its listener removable so batches do not pile up listeners. */
function whenAborted(signal: AbortSignal): { promise: Promise<void>; dispose: () => void } {
  let onAbort = () => {};
  const promise = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

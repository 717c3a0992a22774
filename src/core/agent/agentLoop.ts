// The agent loop of one user turn: stream a request, run the tool_use blocks, send every result back in one
// user message, repeat until the model ends its turn or a limit stops it. Assistant content goes back
// exactly as the API returned it (thinking signatures and redacted thinking intact).
import type { AssistantBlock, TurnResult } from '../claude/streamEvents';
import type { ApiMessage } from '../claude/apiTypes';
import { stoppedFailure } from '../claude/turnFailure';
import { apiToolParams } from '../tools/apiToolParams';
import type { AgentEndReason, AgentResult, AgentRunOptions } from './agentTypes';
import { BlockOffsets } from './blockOffsets';
import { CostMeter } from './costEstimate';
import { skippedToolsReason, stopAction } from './endReasons';
import { RepeatedFailureTracker } from './failureTracker';
import { executeToolCalls, skipToolCalls, toolResultsMessage, type ToolCall, type ToolCallResult } from './toolExecution';

export async function runAgentTurn(options: AgentRunOptions): Promise<AgentResult> {
  const { limits, signal, onEvent } = options;
  const definitions = apiToolParams(options.tools);
  const offsets = new BlockOffsets();
  const meter = new CostMeter(limits.maxCostPerTaskUsd, options.costOf);
  const failures = new RepeatedFailureTracker(limits.maxRepeatedFailures);
  const maxIterations = Math.max(1, Math.floor(limits.maxIterations));
  const newMessages: ApiMessage[] = [];
  const append = (...messages: ApiMessage[]) => {
    newMessages.push(...messages);
    onEvent({ type: 'messagesAdded', messages });
  };
  let last: TurnResult | undefined;
  const end = (reason: AgentEndReason, detail?: string): AgentResult => ({
    reason,
    ...(detail !== undefined ? { detail } : {}),
    newMessages,
    model: last?.model ?? '',
    ...(last?.fallbackFrom !== undefined ? { fallbackFrom: last.fallbackFrom } : {}),
  });
  // newMessages[sentUpTo..] are the messages the previous request did not include (for the cost estimate).
  let sentUpTo = 0;

  for (let iteration = 1; ; iteration++) {
    if (signal.aborted) throw stoppedFailure();
    if (last) {
      if (iteration > maxIterations) {
        return end('max_iterations', `Stopped after ${maxIterations} model requests, the per-task limit (claudeCompanion.agent.maxIterations). Continue to let Claude carry on.`);
      }
      const overBudget = meter.exceeded(last.model, last.usage, newMessages.slice(sentUpTo));
      if (overBudget) return end('cost_limit', overBudget);
    }
    sentUpTo = newMessages.length;

    // Rejects only with a TurnFailure; a Stop mid-stream arrives as one with userAbort and goes straight up.
    const conversation = [...options.history, ...newMessages];
    const messages = options.prepareMessages ? await options.prepareMessages(conversation, definitions) : conversation;
    if (signal.aborted) throw stoppedFailure();
    const result = await options.streamer.streamTurn({
      messages,
      ...(definitions.length > 0 ? { tools: definitions } : {}),
      signal,
      onEvent: (event) => onEvent({ type: 'stream', event: offsets.shift(event) }),
    });
    last = result;
    meter.add(result.model, result.usage);
    onEvent({ type: 'requestDone', iteration, model: result.model, usage: result.usage, stopReason: result.stopReason });
    const calls = toolCallsOf(result.content, offsets);
    offsets.next(result);
    const assistant: ApiMessage = { role: 'assistant', content: result.content };

    const action = stopAction(result, calls.length > 0);
    if (action.kind === 'resume') {
      append(assistant);
      continue;
    }
    if (action.kind === 'end') {
      // Tool calls that will not run still get results, or the next request would be rejected.
      if (calls.length > 0) append(assistant, toolResultsMessage(skipToolCalls(calls, skippedToolsReason(action.reason), onEvent)));
      else if (result.content.length > 0) append(assistant);
      return end(action.reason, action.detail);
    }

    const results = await executeToolCalls(calls, { tools: options.tools, context: options.context, signal, onEvent, ...(options.runTool ? { runTool: options.runTool } : {}) });
    append(assistant, toolResultsMessage(results));
    if (signal.aborted) throw stoppedFailure();
    const repeated = firstRepeatedFailure(failures, results);
    if (repeated) return end('repeated_failure', repeated);
  }
}

function toolCallsOf(content: readonly AssistantBlock[], offsets: BlockOffsets): ToolCall[] {
  const calls: ToolCall[] = [];
  content.forEach((block, position) => {
    if (block.type === 'tool_use') calls.push({ id: block.id, name: block.name, input: block.input, blockIndex: offsets.toolBlockIndex(block.id, position) });
  });
  return calls;
}

function firstRepeatedFailure(tracker: RepeatedFailureTracker, results: readonly ToolCallResult[]): string | undefined {
  let detail: string | undefined;
  // Every result is recorded (not just up to the first hit) so the streaks stay right.
  for (const { call, outcome } of results) {
    const hit = tracker.record(call.name, call.input, outcome.isError || outcome.countsAsFailure === true);
    detail ??= hit && `Stopped: the same ${hit.name} call failed ${hit.count} times in a row. Check the tool's last error, then rephrase the task or continue.`;
  }
  return detail;
}


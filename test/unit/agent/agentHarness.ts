// Shared pieces for the agent loop tests: the real ClaudeClient against the fake API, small fake tools and
// a stub ToolContext (the loop only hands it through).
import { runAgentTurn } from '../../../src/core/agent/agentLoop';
import { DEFAULT_LIMITS, type AgentEvent, type AgentLimits, type AgentResult, type AgentRunOptions } from '../../../src/core/agent/agentTypes';
import { ClaudeClient } from '../../../src/core/claude/claudeClient';
import { DEFAULT_SETTINGS, type ClaudeSettings } from '../../../src/core/claude/settings';
import type { ApiMessage } from '../../../src/core/claude/turnStreamer';
import type { ApprovalPort, CheckpointPort, FileSystemPort, SearchPort, ToolContext, ToolOutcome, ToolSpec, WriterPort } from '../../../src/core/tools/toolTypes';
import { costOf } from '../../../src/core/usage/pricing';
import { text, type FakeAnthropic, type RecordedRequest } from '../../fake-anthropic';
import { useFakeAnthropic } from '../../support/useFakeAnthropic';

/** The suite's fake API (see useFakeAnthropic): reset before every test, answering `Done.` when nothing is queued. */
export const useAgentFake = () => useFakeAnthropic({ defaultScenario: text('Done.') });

export function stubContext(signal: AbortSignal): ToolContext {
  const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not used in these tests')) });
  return {
    folders: [],
    fs: unused as FileSystemPort,
    search: unused as SearchPort,
    approvals: unused as ApprovalPort,
    writer: unused as WriterPort,
    checkpoints: unused as CheckpointPort,
    exclude: [],
    allowSecrets: false,
    trusted: true,
    autoApproveWrites: false,
    signal,
  };
}

export const done = (content: string): ToolOutcome => ({ content, isError: false, status: 'done', summary: content });
export const failed = (content: string): ToolOutcome => ({ content, isError: true, status: 'failed', summary: content });

const schema = { type: 'object' as const, properties: { text: { type: 'string' } } };

export function tool(name: string, kind: 'read' | 'write', run: ToolSpec['run']): ToolSpec {
  return { name, description: `The ${name} test tool.`, inputSchema: schema, kind, run };
}

/** A read tool answering `echo: <text>`; `calls` records every input it ran with. */
export function echoTool(calls: unknown[] = []): ToolSpec {
  return tool('echo', 'read', async (input) => {
    calls.push(input);
    return done(`echo: ${String((input as { text?: unknown }).text)}`);
  });
}

export const boomTool = tool('boom', 'read', async () => {
  throw new Error('disk on fire');
});

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Resolves once `n` parties have arrived. Running sequentially would deadlock, so a guard timer settles it
 * as `false` (not concurrent) instead of hanging the test; it proves nothing by sleeping.
 */
export function barrier(n: number, guardMs = 3000): () => Promise<boolean> {
  let arrived = 0;
  const all = deferred<boolean>();
  return () => {
    arrived += 1;
    if (arrived === n) all.resolve(true);
    const guard = new Promise<boolean>((r) => setTimeout(() => r(false), guardMs).unref());
    return Promise.race([all.promise, guard]);
  };
}

export interface Run {
  readonly promise: Promise<AgentResult>;
  readonly events: AgentEvent[];
  readonly controller: AbortController;
}

export interface RunOptions extends Partial<Omit<AgentRunOptions, 'limits'>> {
  readonly limits?: Partial<AgentLimits>;
  readonly settings?: Partial<ClaudeSettings>;
  readonly controller?: AbortController;
}

export function startRun(fake: FakeAnthropic, opts: RunOptions = {}): Run {
  const controller = opts.controller ?? new AbortController();
  const events: AgentEvent[] = [];
  const settings: ClaudeSettings = { ...DEFAULT_SETTINGS, apiBaseUrl: fake.url, maxRetries: 0, requestTimeoutSeconds: 10, fallbackModels: [], ...opts.settings };
  const { settings: _s, controller: _c, limits, ...rest } = opts;
  const promise = runAgentTurn({
    streamer: new ClaudeClient({ getSettings: () => settings, getApiKey: async () => 'sk-test' }),
    history: [{ role: 'user', content: 'Please do the task.' }],
    tools: [echoTool()],
    context: stubContext(controller.signal),
    signal: controller.signal,
    onEvent: (e) => events.push(e),
    costOf: (model, usage) => costOf(model, usage)?.total,
    ...rest,
    limits: { ...DEFAULT_LIMITS, ...limits },
  });
  // Tests that expect a rejection attach their own handler; this keeps an early one from going unhandled.
  promise.catch(() => undefined);
  return { promise, events, controller };
}

type Block = Record<string, unknown>;

/** A request's messages without the cache breakpoints the client adds (they are not the loop's). */
export function messagesOf(request: RecordedRequest | undefined): ApiMessage[] {
  const body = request?.body as { messages: ApiMessage[] };
  return body.messages.map((m) => (typeof m.content === 'string' ? m : { role: m.role, content: (m.content as Block[]).map(({ cache_control: _cc, ...rest }) => rest) }));
}

export function addedMessages(events: readonly AgentEvent[]): ApiMessage[] {
  return events.flatMap((e) => (e.type === 'messagesAdded' ? [...e.messages] : []));
}

export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

// Builders for scenarios (see types.ts for the shapes). All builders return plain objects that can be
// tweaked or written by hand.
import type {
  BlockSpec,
  BlocksScenario,
  HttpErrorScenario,
  MessageOptions,
  RefusalCategory,
  RefusalScenario,
  ReplayScenario,
  StaticScenario,
  StreamFault,
  TextScenario,
  ThinkingScenario,
  ToolCall,
  ToolUseScenario,
} from './types';

/** Scenarios that produce a 200 response and can carry a fault or pacing. */
export type StreamingScenario = Exclude<StaticScenario, HttpErrorScenario>;

/** Long enough for faults "after N deltas" with N up to ~10 (3 words per delta). */
export const FAULT_TEXT =
  'The quick brown fox jumps over the lazy dog while the patient cat watches from the warm windowsill, ' +
  'counting every leap and wondering why anyone would bother to jump over a dog that is so clearly asleep.';

/** A text answer, chunked into deltas of a few words (or exactly the given deltas when an array). */
export function text(answer: string | string[], opts: MessageOptions = {}): TextScenario {
  return { ...opts, kind: 'text', text: answer };
}

/** Thinking (thinking_delta chunks, then one signature_delta) followed by a text answer. */
export function thinking(
  thoughts: string | string[],
  answer: string | string[],
  opts: MessageOptions & { signature?: string } = {},
): ThinkingScenario {
  return { ...opts, kind: 'thinking', thinking: thoughts, text: answer };
}

/** A redacted_thinking block (complete in content_block_start, no deltas) followed by a text answer. */
export function redactedThinking(
  data: string,
  answer: string | string[],
  opts: MessageOptions = {},
): ThinkingScenario {
  return { ...opts, kind: 'thinking', redacted: data, text: answer };
}

/** One or several parallel tool_use blocks, optionally after a thinking and/or a text block; stop_reason tool_use. */
export function toolUse(
  calls: ToolCall | ToolCall[],
  opts: MessageOptions & { text?: string | string[]; thinking?: string | string[] } = {},
): ToolUseScenario {
  return { ...opts, kind: 'tool_use', calls: Array.isArray(calls) ? calls : [calls] };
}

/**
 * A code review's answer: one `report_findings` tool_use (see CONTRACT.md, "Review findings") whose input
 * streams in JSON chunks, optionally after a text block.
 */
export function reportFindings(
  report: { summary: string; findings: Array<{ severity: string; line: number; endLine?: number; title: string; detail: string; suggestion?: string }> } | Record<string, unknown>,
  opts: MessageOptions & { text?: string | string[]; id?: string } = {},
): ToolUseScenario {
  const { id, ...rest } = opts;
  return toolUse({ name: 'report_findings', input: report, ...(id !== undefined ? { id } : {}) }, rest);
}

/** stop_reason refusal with stop_details {type:'refusal', category, explanation}. */
export function refusal(
  opts: MessageOptions & { text?: string | string[]; category?: RefusalCategory; explanation?: string | null } = {},
): RefusalScenario {
  return { ...opts, kind: 'refusal' };
}

/** Any sequence of blocks, e.g. `message([{type:'thinking', thinking:'…'}, {type:'tool_use', name, input}])`. */
export function message(content: BlockSpec[], opts: MessageOptions = {}): BlocksScenario {
  return { ...opts, kind: 'message', content };
}

/** Sends a transcript file's bytes verbatim as a 200 `text/event-stream` body. */
export function replayFile(
  file: string,
  opts: { tokensPerSecond?: number; fault?: StreamFault } = {},
): ReplayScenario {
  return { ...opts, kind: 'replay', file };
}

/** Sends raw SSE text verbatim as a 200 `text/event-stream` body. */
export function replaySse(
  sse: string,
  opts: { tokensPerSecond?: number; fault?: StreamFault } = {},
): ReplayScenario {
  return { ...opts, kind: 'replay', sse };
}

/**
 * An HTTP error response: `{"type":"error","error":{"type","message"},"request_id"}` with the error.type the
 * API uses for `status` (429 rate_limit_error, 529 overloaded_error, …) unless `errorType` is given.
 */
export function httpError(
  status: number,
  opts: { errorType?: string; message?: string; headers?: Record<string, string>; errorCode?: string } = {},
): HttpErrorScenario {
  return { ...opts, kind: 'http_error', status };
}

/** `event: error` (default overloaded_error / "Overloaded") after `afterDeltas` content_block_delta events. */
export function midStreamError<T extends StreamingScenario = TextScenario>(
  afterDeltas: number,
  base?: T,
  opts: { errorType?: string; message?: string } = {},
): T {
  const fault: StreamFault = { type: 'error_event', afterDeltas, ...opts };
  return { ...(base ?? (text(FAULT_TEXT) as T)), fault };
}

/** Destroys the socket after `afterEvents` SSE events (pings not counted; 0 = before any response headers). */
export function dropConnection<T extends StreamingScenario = TextScenario>(afterEvents: number, base?: T): T {
  return { ...(base ?? (text(FAULT_TEXT) as T)), fault: { type: 'drop', afterEvents } };
}

/**
 * Sends headers and `afterEvents` events, then nothing until the client aborts or the server closes.
 * `beforeHeaders: true` withholds the headers too; `keepAlivePingMs` keeps pinging while stalled.
 */
export function stall<T extends StreamingScenario = TextScenario>(
  afterEvents: number,
  base?: T,
  opts: { beforeHeaders?: boolean; keepAlivePingMs?: number } = {},
): T {
  return { ...(base ?? (text(FAULT_TEXT) as T)), fault: { type: 'stall', afterEvents, ...opts } };
}

/** Overrides pacing: one delta chunk ≈ one token, `tokensPerSecond` of them per second. */
export function paced<T extends StreamingScenario>(tokensPerSecond: number, base: T): T {
  return { ...base, tokensPerSecond };
}

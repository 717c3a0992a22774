// Shared types of the fake Anthropic Messages API server (no runtime code).
import type { FakeBatches } from './batch-types';

/** JSON value as parsed from a request body. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How a request's response ended (filled in as it happens; `pending` while the response is open). */
export type RequestOutcome =
  | 'pending'
  | 'completed' // the whole response was written
  | 'client_closed' // the client went away before the response finished (abort, timeout)
  | 'dropped' // the server destroyed the socket on purpose (dropConnection fault)
  | 'server_closed'; // FakeAnthropic.close() ended it (e.g. a stalled stream)

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  /** Request headers, names lower-cased, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Parsed JSON body; the raw string when it is not JSON; `undefined` when empty. */
  body: unknown;
  /** `Date.now()` when the request's body had been read. */
  receivedAt: number;
  /** The `request-id` header the fake answered with. */
  requestId: string;
  /** HTTP status sent (0 until headers are sent or when the socket was dropped before headers). */
  status: number;
  outcome: RequestOutcome;
  /** Kind of the scenario that answered it (`messages` requests only), e.g. `text`, `http_error`. */
  scenario?: string;
}

/** Body of a `POST /v1/messages` request, loosely typed (validated at runtime). */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  messages: Array<{ role: string; content: unknown }>;
  system?: unknown;
  tools?: unknown[];
  stream?: boolean;
  thinking?: { type: string; budget_tokens?: number; display?: string };
  [key: string]: unknown;
}

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export type RefusalCategory = 'cyber' | 'bio' | 'frontier_llm' | 'reasoning_extraction' | 'general_harms' | null;

export interface StopDetails {
  type: 'refusal';
  category: RefusalCategory;
  explanation: string | null;
  [key: string]: unknown;
}

/** Usage numbers a scenario may pin; anything left out is computed deterministically. */
export interface UsageOverrides {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
  ephemeral_5m_input_tokens?: number;
  ephemeral_1h_input_tokens?: number;
  thinking_tokens?: number;
}

/** Something to break while streaming. Pings are never counted as events. */
export type StreamFault =
  /** After `afterDeltas` content_block_delta events, send `event: error` and end the body (no message_stop). */
  | { type: 'error_event'; afterDeltas: number; errorType?: string; message?: string }
  /** After `afterEvents` events (message_start counts as 1), destroy the socket. */
  | { type: 'drop'; afterEvents: number }
  /**
   * After `afterEvents` events, go silent until the client aborts or the server closes.
   * `afterEvents: 0` sends only the headers; `beforeHeaders` sends nothing at all (exercises header timeouts);
   * `keepAlivePingMs` keeps sending pings while stalled.
   */
  | { type: 'stall'; afterEvents: number; beforeHeaders?: boolean; keepAlivePingMs?: number };

/** A content block the fake should generate. */
export type BlockSpec =
  /** `text` as a string is chunked into deltas of `wordsPerChunk` words; an array gives the exact deltas. */
  | { type: 'text'; text: string | string[] }
  | { type: 'thinking'; thinking: string | string[]; signature?: string }
  | { type: 'redacted_thinking'; data: string }
  /** `input` is JSON-encoded and streamed in `jsonChunkSize`-character input_json_delta chunks (or the exact `chunks`). */
  | { type: 'tool_use'; name: string; input: unknown; id?: string; chunks?: string[] };

/** Options shared by every generated (non-replay) message scenario. */
export interface MessageOptions {
  /** Model reported back (default: the requested model). */
  model?: string;
  /** Message id (default: random `msg_...`). */
  id?: string;
  stopReason?: StopReason;
  stopSequence?: string | null;
  stopDetails?: StopDetails | null;
  usage?: UsageOverrides;
  /** Pacing override in delta chunks per second (0 = as fast as possible). */
  tokensPerSecond?: number;
  /** Words per text/thinking delta (default 3). */
  wordsPerChunk?: number;
  /** Characters per input_json_delta (default 16). */
  jsonChunkSize?: number;
  /** Send a ping every N ms while the stream is open (besides the one after message_start). */
  pingIntervalMs?: number;
  fault?: StreamFault;
}

export interface TextScenario extends MessageOptions {
  kind: 'text';
  text: string | string[];
}

export interface ThinkingScenario extends MessageOptions {
  kind: 'thinking';
  /** Thinking text; omitted when `redacted` is given. */
  thinking?: string | string[];
  signature?: string;
  /** Send a redacted_thinking block with this `data` instead of a thinking block. */
  redacted?: string;
  text: string | string[];
}

export interface ToolCall {
  name: string;
  input: unknown;
  id?: string;
  /** Exact input_json_delta chunks after the leading `""` (default: JSON.stringify(input) cut up). */
  chunks?: string[];
}

export interface ToolUseScenario extends MessageOptions {
  kind: 'tool_use';
  calls: ToolCall[];
  /** Optional text block before the tool_use blocks. */
  text?: string | string[];
  /** Optional thinking block first. */
  thinking?: string | string[];
}

export interface RefusalScenario extends MessageOptions {
  kind: 'refusal';
  /** Text streamed before the refusal (default: an empty text block, as the API sends). */
  text?: string | string[];
  category?: RefusalCategory;
  explanation?: string | null;
}

/** Free-form list of blocks, e.g. thinking → text → tool_use. */
export interface BlocksScenario extends MessageOptions {
  kind: 'message';
  content: BlockSpec[];
}

export interface ReplayScenario {
  kind: 'replay';
  /** Path of an SSE transcript to send byte for byte. */
  file?: string;
  /** Raw SSE text to send verbatim (when no `file`). */
  sse?: string;
  /** Pacing of the content_block_delta events. */
  tokensPerSecond?: number;
  fault?: StreamFault;
}

export interface HttpErrorScenario {
  kind: 'http_error';
  status: number;
  /** `error.type` (default from the status, per the API's table). */
  errorType?: string;
  message?: string;
  /** Extra response headers, e.g. `retry-after`, `retry-after-ms`, `x-should-retry`. */
  headers?: Record<string, string>;
  /** Adds `error.details.error_code`. */
  errorCode?: string;
}

export type StaticScenario =
  | TextScenario
  | ThinkingScenario
  | ToolUseScenario
  | RefusalScenario
  | BlocksScenario
  | ReplayScenario
  | HttpErrorScenario;

/** A scenario, or a function choosing one from the request (its body is the parsed request). */
export type Scenario = StaticScenario | ((req: RecordedRequest) => Scenario);

export interface FakeAnthropicOptions {
  /** Port to bind on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** When set, any other key gets 401. */
  apiKey?: string;
  /** Default pacing in delta chunks per second; 0 (default) = as fast as possible. */
  tokensPerSecond?: number;
  /** Simulate prompt caching (default true); false reports every prompt as uncached input. */
  cache?: boolean;
  /** Clock for cache TTLs in ms (default Date.now); inject one to expire entries without waiting. */
  now?: () => number;
}

/** One live prompt-cache entry (a prefix written at a breakpoint). */
export interface CacheEntryInfo {
  model: string;
  ttl: '5m' | '1h';
  /** Tokens of the cached prefix when it was written. */
  tokens: number;
  /** Expiry on the server's clock (`now()` ms); reads push it back by the TTL. */
  expiresAt: number;
}

/** The fake's prompt cache (per server, keyed by model + prefix). */
export interface FakePromptCache {
  readonly enabled: boolean;
  /** Number of unexpired entries. */
  readonly size: number;
  /** Copies of the unexpired entries. */
  entries(): CacheEntryInfo[];
  clear(): void;
}

export interface FakeAnthropic {
  /** `http://127.0.0.1:PORT`, usable as the SDK's baseURL. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order (live array; `reset()` empties it in place). */
  readonly requests: RecordedRequest[];
  /** The next `POST /v1/messages` calls consume these in order. */
  enqueue(...scenarios: Scenario[]): void;
  /** Scenarios still queued. */
  pending(): number;
  /** Answer used when the queue is empty (default: `You said: <last user text>`). */
  setDefault(scenario: Scenario): void;
  /** Resolves with the log once at least `n` requests were recorded; rejects after `timeoutMs` (default 5000). */
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Resolves once request `index` (0-based, in `requests`) is no longer pending. */
  waitForOutcome(index: number, timeoutMs?: number): Promise<RequestOutcome>;
  /** Prompt cache state (see FakeAnthropicOptions.cache / .now). */
  readonly cache: FakePromptCache;
  /** Message Batches: script outcomes, end batches, inspect them (see batch-types.ts). */
  readonly batches: FakeBatches;
  /** Clears the queue, the request log, the prompt cache and the batches (the default scenario is kept). */
  reset(): void;
  /** Closes the server and destroys open sockets, stalled streams included. */
  close(): Promise<void>;
}

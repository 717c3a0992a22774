// The Messages API shapes the rest of the code speaks (structural, no SDK types). A leaf of types only:
// requestBuilder, turnStreamer and contextService all import it, so none of them imports another for a type.

/** Message history in API shape. Kept structural so callers do not depend on SDK types. */
export interface ApiMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string | readonly unknown[];
}

export interface CacheControl {
  readonly type: 'ephemeral';
  readonly ttl?: '5m' | '1h';
}

/** One entry of a request's `tools` array (the API's tool param), e.g. from `apiToolParams(WORKSPACE_TOOLS)`. */
export interface ApiToolParam {
  readonly name: string;
  readonly description?: string;
  readonly input_schema: { readonly type: 'object'; readonly [key: string]: unknown };
  readonly cache_control?: CacheControl;
}

/** `tool` / `any` force a tool call (the API allows that only with thinking off). */
export type ToolChoice = { readonly type: 'auto' | 'any' | 'none' } | { readonly type: 'tool'; readonly name: string };

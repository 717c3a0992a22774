// Places prompt-cache breakpoints (at most 4) so that every request of a tool loop reads the previous
// request's prefix from cache:
//   1. after tools + system (stable for the whole conversation);
//   2. on the latest message (the newest tool results or user turn): written now, read next request;
//   3. on the previous request's latest message, where its breakpoint wrote the cache: an exact hit even
//      when more than 20 blocks (the API's look-back) were added since, e.g. after many parallel tools.
// Breakpoints whose prefix is below the model's minimum cacheable length are left out (they would not
// cache). The fourth slot stays free: an extra mark changes no price but turns string content into
// blocks, which costs a few tokens on every request (measured in `npm run bench`).
import type { ApiMessage, CacheControl } from './apiTypes';
import type { MessageParams } from './requestBuilder';
import { tokensForChars } from '../../shared/tokenEstimate';

export const MAX_BREAKPOINTS = 4;
const EPHEMERAL: CacheControl = { type: 'ephemeral' };

/** Minimum cacheable prompt length per model (anthropic-api.md §5; Haiku 5.5 is our assumption). */
export function minCacheableTokens(model: string): number {
  if (model.startsWith('claude-opus-5') || model.startsWith('claude-sonnet-5-5') || model.startsWith('claude-fable') || model.startsWith('claude-mythos')) return 512;
  if (model.startsWith('claude-haiku-5-5')) return 1024;
  return 1024;
}

/** Same estimate the rest of the product uses before the API counts: ~4 characters per token. */
export function estimateTokens(value: unknown): number {
  return tokensForChars(JSON.stringify(value).length);
}

type Block = Record<string, unknown>;

function blocksOf(message: ApiMessage): Block[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : (message.content as Block[]);
}

/** Returns a copy of `params` with breakpoints placed; the input is not modified. */
export function placeCacheBreakpoints(params: MessageParams, minTokens = minCacheableTokens(params.model)): MessageParams {
  const messages = params.messages;
  const userIndexes = messages.map((m, i) => (m.role === 'user' ? i : -1)).filter((i) => i >= 0);
  const latest = userIndexes.at(-1);
  const previous = userIndexes.at(-2);

  // Prefix sizes: tools → system → messages, in the order the API matches them.
  const headTokens = estimateTokens(params.tools ?? []) + estimateTokens(params.system);
  const messageEnd: number[] = [];
  let running = headTokens;
  for (const m of messages) {
    running += estimateTokens(blocksOf(m));
    messageEnd.push(running);
  }

  const targets = new Set<number>();
  for (const i of [latest, previous]) if (i !== undefined && messageEnd[i]! >= minTokens) targets.add(i);
  const cacheHead = headTokens >= minTokens && params.system.length > 0;
  // Message breakpoints in priority order, within the slots left after the head.
  const chosen = [latest, previous].filter((i, k, all): i is number => i !== undefined && targets.has(i) && all.indexOf(i) === k);
  const slots = MAX_BREAKPOINTS - (cacheHead ? 1 : 0);
  const marked = new Set(chosen.slice(0, slots));

  const system = cacheHead ? params.system.map((b, i, all) => (i === all.length - 1 ? { ...b, cache_control: EPHEMERAL } : b)) : params.system;
  const withMarks = messages.map((m, i) => {
    if (!marked.has(i)) return m;
    const blocks = blocksOf(m);
    return { role: m.role, content: blocks.map((b, k) => (k === blocks.length - 1 ? { ...b, cache_control: EPHEMERAL } : b)) };
  });
  return { ...params, system, messages: withMarks };
}

/** Counts cache_control markers in a request (for tests and the request log). */
export function countBreakpoints(params: MessageParams): number {
  let n = params.system.filter((b) => b.cache_control).length + (params.tools ?? []).filter((t) => t.cache_control).length;
  for (const m of params.messages) if (typeof m.content !== 'string') n += m.content.filter((b) => (b as Block)['cache_control']).length;
  return n;
}

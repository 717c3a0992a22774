// Cache breakpoints of a request: block-level `cache_control` markers plus the top-level one (automatic
// caching), validated with the API's rules and messages.
import { HttpFailure } from './errors';
import type { FlatPrompt, PromptBlock } from './prompt';

export type CacheTtl = '5m' | '1h';

export interface Breakpoint {
  /** Index of the marked block in FlatPrompt.blocks. */
  index: number;
  ttl: CacheTtl;
}

export const MAX_BREAKPOINTS = 4;
export const TTL_MS: Readonly<Record<CacheTtl, number>> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/** Blocks that cannot carry cache_control themselves (they are still cached as part of a prefix). */
const UNMARKABLE = new Set(['thinking', 'redacted_thinking']);

function bad(message: string): never {
  throw new HttpFailure(400, message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks one `cache_control` value and returns its TTL (default 5m). */
function ttlOf(cc: unknown, where: string): CacheTtl {
  if (!isObject(cc)) bad(`${where}: Input should be a valid dictionary`);
  if (cc.type !== 'ephemeral') bad(`${where}.type: Input should be 'ephemeral'`);
  const ttl = cc.ttl ?? '5m';
  if (ttl !== '5m' && ttl !== '1h') bad(`${where}.ttl: Input should be '5m' or '1h'`);
  return ttl;
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function markable(b: PromptBlock): boolean {
  return !(b.section === 'messages' && UNMARKABLE.has(b.type));
}

/**
 * The request's breakpoints in prefix order. Throws a 400 invalid_request_error for a bad marker, a marker
 * on a thinking block, more than 4 breakpoints, a top-level TTL that contradicts the target block's, or a
 * 1h breakpoint after a 5m one. Assumption (not in the reference): the top-level marker uses one of the 4
 * slots unless its target block is already marked with the same TTL.
 */
export function collectBreakpoints(body: { cache_control?: unknown }, prompt: FlatPrompt): Breakpoint[] {
  const found: Array<Breakpoint & { where: string }> = [];
  prompt.blocks.forEach((b, index) => {
    if (!present(b.cacheControl)) return;
    const where = `${b.path}.cache_control`;
    if (!markable(b)) bad(`${b.path}.${b.type}.cache_control: Extra inputs are not permitted`);
    found.push({ index, ttl: ttlOf(b.cacheControl, where), where });
  });
  if (present(body.cache_control)) {
    const ttl = ttlOf(body.cache_control, 'cache_control');
    let target = prompt.blocks.length - 1;
    while (target >= 0 && !markable(prompt.blocks[target]!)) target--;
    const same = found.find((f) => f.index === target);
    if (same && same.ttl !== ttl) {
      bad(`Top-level cache_control has ttl='${ttl}' but the target block already has cache_control with ttl='${same.ttl}'`);
    }
    if (!same && target >= 0) found.push({ index: target, ttl, where: 'cache_control' });
  }
  if (found.length > MAX_BREAKPOINTS) {
    bad(`A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${found.length}.`);
  }
  let seen5m = false;
  for (const f of found) {
    if (f.ttl === '5m') seen5m = true;
    else if (seen5m) {
      bad(
        `${f.where}.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. ` +
          'Note that blocks are processed in the following order: `tools`, `system`, `messages`.',
      );
    }
  }
  return found.map(({ index, ttl }) => ({ index, ttl }));
}

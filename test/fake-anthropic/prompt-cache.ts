// Prompt-cache simulation: entries keyed by model + prefix hash, 20-block lookback, TTLs on an injectable
// clock, and the usage split (input / cache read / cache creation 5m + 1h) the real API reports.
import { createHash } from 'node:crypto';
import { collectBreakpoints, TTL_MS, type CacheTtl } from './breakpoints';
import { minCacheableTokens } from './models';
import { flattenPrompt, type FlatPrompt } from './prompt';
import type { CacheEntryInfo, FakePromptCache } from './types';

/** How many block boundaries a breakpoint checks, itself included (the API's 20-block lookback). */
export const LOOKBACK_BLOCKS = 20;

/** Input-side usage of one request. input + creation + read = the prompt's uncached token count. */
export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  ephemeral_5m_input_tokens: number;
  ephemeral_1h_input_tokens: number;
}

interface Entry {
  model: string;
  ttl: CacheTtl;
  tokens: number;
  expiresAt: number;
}

export function uncachedUsage(totalTokens: number): CacheUsage {
  return {
    input_tokens: totalTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    ephemeral_5m_input_tokens: 0,
    ephemeral_1h_input_tokens: 0,
  };
}

/** Cache keys of the prefixes ending at blocks 0..last: model + a hash chained over the blocks' identities. */
function prefixKeys(model: string, prompt: FlatPrompt, last: number): string[] {
  const keys: string[] = [];
  let h = createHash('sha256').update(model).digest('hex');
  for (let j = 0; j <= last; j++) {
    h = createHash('sha256').update(h).update('\n').update(prompt.blocks[j]!.identity).digest('hex');
    keys.push(`${model}:${h}`);
  }
  return keys;
}

export class PromptCache implements FakePromptCache {
  private readonly store = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    readonly enabled: boolean,
  ) {}

  get size(): number {
    this.purge(this.now());
    return this.store.size;
  }

  entries(): CacheEntryInfo[] {
    this.purge(this.now());
    return [...this.store.values()].map((e) => ({ ...e }));
  }

  clear(): void {
    this.store.clear();
  }

  private purge(t: number): void {
    for (const [k, e] of this.store) if (e.expiresAt <= t) this.store.delete(k);
  }

  /**
   * Serves one (already validated) request: finds the longest cached prefix any breakpoint reaches within
   * its lookback (refreshing that entry's TTL), writes an entry for every longer breakpoint whose prefix
   * reaches the model's minimum, and returns the usage split.
   */
  apply(body: { model: string; cache_control?: unknown; tools?: unknown; system?: unknown; messages?: unknown }): CacheUsage {
    const prompt = flattenPrompt(body);
    const breakpoints = collectBreakpoints(body, prompt);
    if (!this.enabled || breakpoints.length === 0) return uncachedUsage(prompt.totalTokens);
    const t = this.now();
    this.purge(t);
    const keys = prefixKeys(body.model, prompt, breakpoints.at(-1)!.index);

    let hit = -1;
    for (const bp of breakpoints) {
      for (let j = bp.index; j > bp.index - LOOKBACK_BLOCKS && j > hit; j--) {
        if (this.store.has(keys[j]!)) {
          hit = j;
          break;
        }
      }
    }
    const read = hit >= 0 ? prompt.blocks[hit]!.prefixTokens : 0;
    if (hit >= 0) {
      const e = this.store.get(keys[hit]!)!;
      e.expiresAt = t + TTL_MS[e.ttl];
    }

    const min = minCacheableTokens(body.model);
    const usage = uncachedUsage(prompt.totalTokens);
    usage.cache_read_input_tokens = read;
    let covered = read;
    for (const bp of breakpoints) {
      const tokens = prompt.blocks[bp.index]!.prefixTokens;
      if (bp.index <= hit || tokens < min) continue;
      // The tokens between the previous written breakpoint (or the hit) and this one take this one's TTL.
      const segment = tokens - covered;
      if (bp.ttl === '1h') usage.ephemeral_1h_input_tokens += segment;
      else usage.ephemeral_5m_input_tokens += segment;
      covered = tokens;
      this.store.set(keys[bp.index]!, { model: body.model, ttl: bp.ttl, tokens, expiresAt: t + TTL_MS[bp.ttl] });
    }
    usage.cache_creation_input_tokens = usage.ephemeral_5m_input_tokens + usage.ephemeral_1h_input_tokens;
    usage.input_tokens = prompt.totalTokens - covered;
    return usage;
  }
}

// Input-side usage numbers of a generated answer: the cache simulation's split, with a scenario's pins on top.
import type { CacheUsage } from './prompt-cache';
import type { UsageOverrides } from './types';

/**
 * `input_tokens` and `cache_read_input_tokens` fall back to the simulation one by one. Pinning any cache
 * creation number (total, 5m or 1h) replaces the simulated creation split as a whole: 5m = pinned 5m, else
 * the pinned total, else 0; 1h = pinned 1h, else 0; total = pinned total, else 5m + 1h.
 */
export function resolveInputUsage(u: UsageOverrides, sim: CacheUsage): CacheUsage {
  const pinsCreation =
    u.cache_creation_input_tokens !== undefined ||
    u.ephemeral_5m_input_tokens !== undefined ||
    u.ephemeral_1h_input_tokens !== undefined;
  const c5 = pinsCreation ? (u.ephemeral_5m_input_tokens ?? u.cache_creation_input_tokens ?? 0) : sim.ephemeral_5m_input_tokens;
  const c1 = pinsCreation ? (u.ephemeral_1h_input_tokens ?? 0) : sim.ephemeral_1h_input_tokens;
  return {
    input_tokens: u.input_tokens ?? sim.input_tokens,
    cache_creation_input_tokens: pinsCreation ? (u.cache_creation_input_tokens ?? c5 + c1) : sim.cache_creation_input_tokens,
    cache_read_input_tokens: u.cache_read_input_tokens ?? sim.cache_read_input_tokens,
    ephemeral_5m_input_tokens: c5,
    ephemeral_1h_input_tokens: c1,
  };
}

// Which models to try, in order, and which failures move the turn to the next one.
import type { ErrorInfo } from '../../shared/protocol';

/**
 * The selected model first, then the models after it in the fallback chain (Opus → Sonnet → Haiku by
 * default: falling "down" the chain, never up). A model outside the chain falls back to the whole chain.
 */
export function fallbackCandidates(model: string, chain: readonly string[]): string[] {
  const at = chain.indexOf(model);
  const rest = at >= 0 ? chain.slice(at + 1) : chain.filter((m) => m !== model);
  return [model, ...new Set(rest)];
}

/** Overload, timeouts, server errors and a stalled stream (before any content) move to the next model. */
export function shouldFallBack(info: ErrorInfo): boolean {
  return info.kind === 'overloaded' || info.kind === 'server' || info.kind === 'timeout' || info.kind === 'stalled' || info.kind === 'circuit_open';
}

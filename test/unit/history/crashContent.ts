// Deterministic conversation versions for the crash and concurrency tests: version v of conversation
// `id` always has the same bytes, so a file read after a kill can be compared exactly.
import type { ApiMessage } from '../../../src/core/claude/turnStreamer';

/** FNV-1a: a stable number from a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** 1 KB to 64 KB: big enough that a kill often lands inside a write, small enough to keep 1,000 kills quick. */
export function versionMessages(id: string, v: number): ApiMessage[] {
  const size = 1024 + (hash(`${id}:${v}`) % (63 * 1024));
  const unit = `${id} v${v} ${hash(`${v}:${id}`).toString(36)} · `;
  return [
    { role: 'user', content: `${id} version ${v}` },
    { role: 'assistant', content: [{ type: 'text', text: unit.repeat(Math.ceil(size / unit.length)).slice(0, size) }] },
  ];
}

export function versionOf(messages: readonly ApiMessage[]): number {
  const m = /^\S+ version (\d+)$/.exec(String(messages[0]?.content ?? ''));
  if (!m) throw new Error(`not a versioned conversation: ${String(messages[0]?.content).slice(0, 80)}`);
  return Number(m[1]);
}

/** mulberry32: a small seeded PRNG, so a failing run can be repeated with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

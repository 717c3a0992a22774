// Where a compaction cuts the history: everything before the boundary is summarized, everything from it
// on is sent as it is. The cut keeps the API's rules by construction: it lands on a user message the
// person wrote, so no tool_use is separated from its tool_result, and every assistant message after it
// (thinking blocks and their signatures included, the current tool loop's above all) goes back untouched.
import type { ApiMessage } from '../claude/turnStreamer';
import { opensTurn } from './messageShape';

/**
 * The first message to keep in full when the last `keepRecent` messages must stay, moved earlier until
 * it opens a turn. Undefined when that leaves nothing new to summarize after `after` (the previous
 * compaction's boundary) — e.g. one long agent turn fills the whole recent window.
 */
export function compactionBoundary(messages: readonly ApiMessage[], keepRecent: number, after = 0): number | undefined {
  let start = messages.length - Math.max(1, Math.floor(keepRecent));
  while (start > after && !opensTurn(messages, start)) start--;
  return start > after ? start : undefined;
}

/** Where old tool results may be trimmed up to: everything older than the last `keepRecent` messages. */
export function trimBoundary(messages: readonly ApiMessage[], keepRecent: number): number {
  return Math.max(0, messages.length - Math.max(1, Math.floor(keepRecent)));
}

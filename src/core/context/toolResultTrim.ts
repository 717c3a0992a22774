// Trimming old tool results: a file read forty messages ago is rarely worth its tokens again. Replacing
// the content keeps the tool_result block (and its pairing with the tool_use) and leaves thinking alone.
import type { ApiMessage } from '../claude/turnStreamer';
import type { Block } from './messageShape';

/** Tool results longer than this (characters of their content) are trimmed once they are old. */
export const TRIM_TOOL_RESULTS_OVER = 2000;

export function trimmedNote(chars: number): string {
  return `[trimmed: ${chars} chars]`;
}

/** Characters of a tool result's content (text as is, other blocks by their JSON). */
export function toolResultChars(content: unknown): number {
  if (content === undefined) return 0;
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return JSON.stringify(content).length;
  return content.reduce<number>((n, c: unknown) => {
    const b = c as Block | null;
    return n + (b && b['type'] === 'text' && typeof b['text'] === 'string' ? b['text'].length : JSON.stringify(c).length);
  }, 0);
}

/**
 * A copy of `messages` where tool_result blocks in messages [from, to) with more than `overChars`
 * characters carry a short note instead. Messages that change are new objects; the others are shared.
 */
export function trimToolResults(messages: readonly ApiMessage[], from: number, to: number, overChars = TRIM_TOOL_RESULTS_OVER): ApiMessage[] {
  return messages.map((m, i) => {
    if (i < from || i >= to || m.role !== 'user' || typeof m.content === 'string') return m;
    let changed = false;
    const content = m.content.map((b: unknown) => {
      const block = b as Block | null;
      if (!block || block['type'] !== 'tool_result') return b;
      const chars = toolResultChars(block['content']);
      if (chars <= overChars) return b;
      changed = true;
      return { ...block, content: trimmedNote(chars) };
    });
    return changed ? { role: m.role, content } : m;
  });
}

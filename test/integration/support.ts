// Shared pieces of the integration suites (not a suite itself: index.ts loads only *.test.js).
import * as assert from 'node:assert/strict';
import type { ChatSnapshot, TurnSnapshot } from '../../src/shared/protocol';

export const EXTENSION_ID = 'claude-companion.claude-companion';

/** Polls `probe` every 20 ms until it returns something other than undefined or false, and returns that. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The chat's latest assistant turn (fails the test when there is none). */
export function lastAssistant(chat: ChatSnapshot): TurnSnapshot {
  const turn = [...chat.turns].reverse().find((t) => t.role === 'assistant');
  assert.ok(turn, 'an assistant turn exists');
  return turn;
}

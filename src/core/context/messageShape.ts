// Small structural helpers over API messages (content is a string or a list of plain-JSON blocks).
import type { ApiMessage } from '../claude/turnStreamer';

export type Block = Readonly<Record<string, unknown>>;

export function blocksOf(message: ApiMessage | undefined): Block[] {
  if (!message || typeof message.content === 'string') return [];
  return message.content.filter((b): b is Block => typeof b === 'object' && b !== null);
}

export function hasBlock(message: ApiMessage | undefined, type: string): boolean {
  return blocksOf(message).some((b) => b['type'] === type);
}

/**
 * True when `messages[index]` can open the part of a conversation that is sent in full: a user message
 * the person wrote (no tool_result, which would need the tool_use before it), not answering an
 * assistant message's tool calls either.
 */
export function opensTurn(messages: readonly ApiMessage[], index: number): boolean {
  const message = messages[index];
  if (message?.role !== 'user' || hasBlock(message, 'tool_result')) return false;
  const previous = messages[index - 1];
  return !(previous?.role === 'assistant' && hasBlock(previous, 'tool_use'));
}

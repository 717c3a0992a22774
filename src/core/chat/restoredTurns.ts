// Rebuilds what the panel shows from a stored API history (e.g. a saved conversation): one user turn per
// message the person typed, one assistant turn per answer, where an agent answer spans several assistant
// messages joined by tool results. Tool results set their card's status; they are not turns of their own.
import type { ToolState } from '../../shared/protocol';
import type { ApiMessage } from '../claude/turnStreamer';
import { EMPTY_TOTALS } from '../usage/usageTotals';
import type { MutableBlock, MutableTurn } from './turnTypes';

/** A stored history that cannot be shown or resent, with which message is wrong. */
export class RestoreError extends Error {
  constructor(
    readonly messageIndex: number,
    detail: string,
  ) {
    super(`cannot restore message ${messageIndex}: ${detail}`);
    this.name = 'RestoreError';
  }
}

type Block = Record<string, unknown>;

const RESULT_TEXT_LIMIT = 4000;

/** Turns for `messages`, with ids from `newId`. Throws RestoreError on a message the API would not accept. */
export function restoredTurns(messages: readonly ApiMessage[], newId: () => string): MutableTurn[] {
  const turns: MutableTurn[] = [];
  /** The assistant turn tool results and follow-up assistant messages belong to, while a tool loop runs. */
  let open: MutableTurn | undefined;
  messages.forEach((m, i) => {
    if (m.role !== 'user' && m.role !== 'assistant') throw new RestoreError(i, `unknown role ${String(m.role)}`);
    const blocks = contentBlocks(m, i);
    if (m.role === 'user') {
      const results = blocks.filter((b) => b['type'] === 'tool_result');
      if (open && results.length > 0 && results.length === blocks.length) {
        for (const r of results) applyResult(open, r);
        return;
      }
      open = undefined;
      turns.push({ id: newId(), role: 'user', blocks: [{ kind: 'text', text: userText(blocks), done: true }], status: 'done', totals: EMPTY_TOTALS });
      return;
    }
    if (!open) {
      open = { id: newId(), role: 'assistant', blocks: [], status: 'done', totals: EMPTY_TOTALS };
      turns.push(open);
    }
    for (const b of blocks) {
      const block = assistantBlock(b);
      if (block) open.blocks.push(block);
    }
    // An answer without tool calls ends the turn; one with tool calls continues after their results.
    if (!blocks.some((b) => b['type'] === 'tool_use')) open = undefined;
  });
  return turns;
}

function contentBlocks(m: ApiMessage, index: number): Block[] {
  if (typeof m.content === 'string') return [{ type: 'text', text: m.content }];
  if (!Array.isArray(m.content)) throw new RestoreError(index, 'content is neither a string nor an array');
  return m.content.map((b) => {
    if (typeof b !== 'object' || b === null || typeof (b as Block)['type'] !== 'string') throw new RestoreError(index, 'a content block has no type');
    return b as Block;
  });
}

/** What the person typed (attachments and images show as a short label, as when they were sent). */
function userText(blocks: readonly Block[]): string {
  return blocks
    .map((b) => (b['type'] === 'text' ? String(b['text'] ?? '') : b['type'] === 'image' ? '[image]' : b['type'] === 'document' ? '[document]' : ''))
    .filter((s) => s !== '')
    .join('\n');
}

function assistantBlock(b: Block): MutableBlock | undefined {
  switch (b['type']) {
    case 'text':
      return { kind: 'text', text: String(b['text'] ?? ''), done: true };
    case 'thinking':
      return { kind: 'thinking', text: String(b['thinking'] ?? ''), done: true };
    case 'redacted_thinking':
      return { kind: 'redacted_thinking', text: '', done: true };
    case 'tool_use': {
      const id = String(b['id'] ?? '');
      return { kind: 'tool_use', text: JSON.stringify(b['input'] ?? {}), done: true, toolName: String(b['name'] ?? 'tool'), tool: { toolUseId: id, status: 'done' } };
    }
    default:
      return undefined;
  }
}

function applyResult(turn: MutableTurn, r: Block): void {
  const id = r['tool_use_id'];
  const block = turn.blocks.find((b) => b.kind === 'tool_use' && b.tool?.toolUseId === id);
  if (!block || !block.tool) return;
  const result = resultText(r['content']);
  const tool: ToolState = { toolUseId: block.tool.toolUseId, status: r['is_error'] === true ? 'failed' : 'done', ...(result ? { result } : {}) };
  block.tool = tool;
}

function resultText(content: unknown): string {
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((c: unknown) => (typeof c === 'object' && c !== null && (c as Block)['type'] === 'text' ? String((c as Block)['text'] ?? '') : '')).join('')
        : '';
  return text.length > RESULT_TEXT_LIMIT ? `${text.slice(0, RESULT_TEXT_LIMIT)}…` : text;
}

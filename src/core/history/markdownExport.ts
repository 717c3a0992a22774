// A stored conversation as a Markdown document: the user's messages and Claude's answers in order, with
// thinking folded in <details>, tool calls and their results as fenced blocks.
import type { ApiMessage } from '../claude/turnStreamer';
import type { StoredConversation } from './conversationFile';

type Block = Record<string, unknown>;

export function conversationMarkdown(conversation: StoredConversation): string {
  const out: string[] = [`# ${oneLine(conversation.title)}`, ''];
  out.push(`_${conversation.messages.length} messages · created ${isoDate(conversation.createdAt)} · updated ${isoDate(conversation.updatedAt)}${conversation.model ? ` · ${conversation.model}` : ''}_`, '');
  let speaker: 'user' | 'assistant' | undefined;
  for (const message of conversation.messages) {
    const blocks = blocksOf(message);
    const onlyResults = message.role === 'user' && blocks.length > 0 && blocks.every((b) => b['type'] === 'tool_result');
    // Tool results belong to Claude's turn (as in the panel), not to a new "You" section.
    const role = onlyResults ? 'assistant' : message.role;
    if (role !== speaker) out.push(role === 'user' ? '## You' : '## Claude', '');
    speaker = role;
    for (const block of blocks) out.push(...blockMarkdown(block), '');
  }
  if (conversation.interrupted) out.push('_(The last answer was interrupted before it finished.)_', '');
  return `${out.join('\n').trimEnd()}\n`;
}

function blockMarkdown(b: Block): string[] {
  switch (b['type']) {
    case 'text':
      return [String(b['text'] ?? '')];
    case 'thinking':
      return ['<details><summary>Thinking</summary>', '', String(b['thinking'] ?? ''), '', '</details>'];
    case 'redacted_thinking':
      return ['_(redacted thinking)_'];
    case 'tool_use':
      return [`**Tool: ${oneLine(String(b['name'] ?? 'tool'))}**`, '', ...fenced(JSON.stringify(b['input'] ?? {}, null, 2), 'json')];
    case 'tool_result':
      return [b['is_error'] === true ? '**Result (error):**' : '**Result:**', '', ...fenced(resultText(b['content']), '')];
    case 'image':
      return ['_[image]_'];
    case 'document':
      return ['_[document]_'];
    default:
      return [];
  }
}

/** A code fence longer than any backtick run inside, so the content cannot close it. */
export function fenced(text: string, language: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, text, fence];
}

function blocksOf(message: ApiMessage): Block[] {
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return message.content.filter((b): b is Block => typeof b === 'object' && b !== null);
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((c: Block) => (c?.['type'] === 'text' ? String(c['text'] ?? '') : c?.['type'] === 'image' ? '[image]' : '')).join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** A file name for the export: the title, kept to safe characters. */
export function exportFileName(title: string): string {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${base || 'conversation'}.md`;
}

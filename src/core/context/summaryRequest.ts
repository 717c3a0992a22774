// The request that summarizes old messages, for a cheaper model. The old messages go in as plain text
// (one line per block, long ones shortened): that request then has no tool pairing or thinking
// signatures to get wrong, and costs a fraction of replaying the blocks.
import type { ApiMessage } from '../claude/turnStreamer';
import { blocksOf, type Block } from './messageShape';
import { toolResultChars } from './toolResultTrim';

export const SUMMARY_MAX_TOKENS = 4096;
/** Longest single block in the transcript given to the summarizer (characters, before shortening). */
const BLOCK_CHARS = 4000;
/** Upper bound on the whole transcript given to the summarizer. */
const TRANSCRIPT_CHARS = 600_000;

// l10n-exempt: the summary request's system prompt, for the model
export const SUMMARY_SYSTEM =
  'You summarize a conversation between a user and Claude, an AI assistant working in the user\'s code editor, so that ' +
  'the conversation can continue without the original messages. Keep what is needed to carry on: the user\'s goals and ' +
  'requests, decisions and preferences, facts learned about the code (file paths, names, errors, commands), what was ' +
  'changed and what is still open. Drop small talk and anything superseded. Write concise Markdown bullet points ' +
  'under short headings, in the language of the conversation, with no preamble.';

export interface SummaryPrompt {
  readonly system: string;
  readonly prompt: string;
}

export function summaryPrompt(messages: readonly ApiMessage[], previousSummary?: string): SummaryPrompt {
  const transcript = clip(messages.map(renderMessage).filter((s) => s !== '').join('\n\n'), TRANSCRIPT_CHARS);
  const earlier = previousSummary?.trim()
    ? `An earlier part of the conversation was already summarized; fold it into your summary:\n<earlier_summary>\n${previousSummary.trim()}\n</earlier_summary>\n\n`
    : '';
  const prompt = `${earlier}Summarize this conversation:\n<conversation>\n${transcript}\n</conversation>`;
  return { system: SUMMARY_SYSTEM, prompt };
}

function renderMessage(message: ApiMessage): string {
  const who = message.role === 'user' ? 'User' : 'Claude';
  if (typeof message.content === 'string') return `${who}: ${clip(message.content, BLOCK_CHARS)}`;
  return blocksOf(message)
    .map((b) => renderBlock(who, b))
    .filter((s) => s !== '')
    .join('\n');
}

function renderBlock(who: string, b: Block): string {
  switch (b['type']) {
    case 'text':
      return `${who}: ${clip(String(b['text'] ?? ''), BLOCK_CHARS)}`;
    case 'image':
      return `${who}: [image]`;
    case 'document':
      return `${who}: [document]`;
    case 'tool_use':
      return `Claude called ${String(b['name'])} ${clip(JSON.stringify(b['input'] ?? {}), BLOCK_CHARS)}`;
    case 'tool_result': {
      const label = b['is_error'] === true ? 'Tool error' : 'Tool result';
      return `${label}: ${clip(resultText(b['content']), BLOCK_CHARS)}`;
    }
    default:
      // Thinking is the model's scratch work (and signed); the summary does not need it.
      return '';
  }
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts = content.map((c: unknown) => {
    const b = c as Block | null;
    if (b?.['type'] === 'text') return String(b['text'] ?? '');
    return b?.['type'] === 'image' ? '[image]' : `[${toolResultChars([c])} chars]`;
  });
  return parts.join('\n');
}

/** Keeps the start and the end of a long text, which usually say the most. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 40) / 2);
  return `${text.slice(0, half)}\n… [${text.length - 2 * half} characters left out] …\n${text.slice(-half)}`;
}

// The history list's index (`index.json`): one entry per conversation file, enough to show the list without
// reading every conversation. It is only a cache: entries carry the file's mtime and size, and the store
// re-reads any file that changed, appeared or vanished, so a missing, corrupt or stale index heals itself.
import type { HistoryEntry } from '../../shared/protocol';
import type { ApiMessage } from '../claude/turnStreamer';
import { t } from '../l10n';
import type { StoredConversation } from './conversationFile';

export const INDEX_SCHEMA = 1;

/** A history list entry (as the panel shows it) plus what tells whether its file changed since. */
export interface IndexEntry extends HistoryEntry {
  /** The conversation file as it was when this entry was made. */
  readonly mtimeMs: number;
  readonly size: number;
}

export interface HistoryIndex {
  readonly schema: typeof INDEX_SCHEMA;
  readonly entries: readonly IndexEntry[];
}

const TITLE_MAX = 60;
const PREVIEW_MAX = 140;

export function entryFor(conversation: StoredConversation, file: { mtimeMs: number; size: number }): IndexEntry {
  const last = conversation.messages.at(-1);
  return {
    id: conversation.id,
    title: conversation.title || titleFor(conversation.messages),
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messageCount: conversation.messages.length,
    preview: last ? clip(messageText(last), PREVIEW_MAX) : '',
    ...(conversation.interrupted ? { interrupted: true } : {}),
    mtimeMs: file.mtimeMs,
    size: file.size,
  };
}

/** A title from the first thing the user typed: its first line, whitespace collapsed, cut at a word. */
export function titleFor(messages: readonly ApiMessage[]): string {
  const first = messages.find((m) => m.role === 'user');
  const text = first ? messageText(first, true) : '';
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return clip(line, TITLE_MAX) || t('Untitled conversation');
}

/** The readable text of a message; with `typedOnly`, just what the user typed (attachments come first). */
export function messageText(message: ApiMessage, typedOnly = false): string {
  if (typeof message.content === 'string') return message.content;
  const parts: string[] = [];
  for (const block of message.content) {
    const b = block as { type?: unknown; text?: unknown };
    if (b.type === 'text' && typeof b.text === 'string') parts.push(b.text);
  }
  return typedOnly ? (parts.at(-1) ?? '') : parts.join('\n');
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export function parseIndex(text: string): HistoryIndex | undefined {
  try {
    const value = JSON.parse(text) as Partial<HistoryIndex>;
    if (value?.schema !== INDEX_SCHEMA || !Array.isArray(value.entries)) return undefined;
    const valid = value.entries.every((e) => typeof e?.id === 'string' && typeof e.title === 'string' && typeof e.updatedAt === 'number' && typeof e.mtimeMs === 'number' && typeof e.size === 'number');
    return valid ? (value as HistoryIndex) : undefined;
  } catch {
    return undefined;
  }
}

export function serializeIndex(entries: Iterable<IndexEntry>): string {
  const sorted = [...entries].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  return `${JSON.stringify({ schema: INDEX_SCHEMA, entries: sorted } satisfies HistoryIndex)}\n`;
}

// The on-disk shape of one conversation (`<id>.json` in the store) and how older shapes are brought up to
// date. `messages` is the full API history, never compacted; compactions ride along opaquely.
import type { ApiMessage } from '../claude/turnStreamer';
import type { Compaction } from '../context/compactionTypes';
import type { UsageTotals } from '../usage/usageTotals';

export const CURRENT_SCHEMA = 1;

export interface StoredConversation {
  readonly schema: typeof CURRENT_SCHEMA;
  readonly id: string;
  readonly title: string;
  /** The user renamed it: the title is no longer derived from the first message. */
  readonly titleIsCustom?: boolean;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Bumped by every save; a window whose last-seen revision differs knows another window wrote. */
  readonly revision: number;
  readonly model?: string;
  readonly messages: readonly ApiMessage[];
  /** The last answer did not finish (the window closed mid-answer, or it failed): restore says so. */
  readonly interrupted?: boolean;
  readonly totals?: UsageTotals;
  readonly compactions?: readonly Compaction[];
}

/** The file is not a conversation we can read (bad JSON, wrong shape): it is set aside, not dropped. */
export class ConversationFormatError extends Error {
  override readonly name = 'ConversationFormatError';
}

/** Written by a newer version of the extension: left alone (not set aside) and not shown. */
export class NewerSchemaError extends Error {
  override readonly name = 'NewerSchemaError';
  constructor(readonly schema: number) {
    super(`conversation schema ${schema} is newer than this version of the extension reads (${CURRENT_SCHEMA})`);
  }
}

type Raw = Record<string, unknown>;

/**
 * Upgrades from schema n to n+1. v0 is the draft format that predates the schema field: ISO-8601
 * `created`/`updated` strings, no revision, no title for untitled chats.
 */
const MIGRATIONS: Readonly<Record<number, (raw: Raw) => Raw>> = {
  0: (raw) => {
    const { created, updated, ...rest } = raw;
    const createdAt = isoToEpoch(created) ?? 0;
    return { ...rest, schema: 1, createdAt, updatedAt: isoToEpoch(updated) ?? createdAt, revision: 1, title: typeof raw['title'] === 'string' ? raw['title'] : '' };
  },
};

/** Parses and validates a conversation file's text, migrating older schemas to the current one. */
export function parseConversation(text: string): StoredConversation {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConversationFormatError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(raw)) throw new ConversationFormatError('not a JSON object');
  return validate(migrate(raw));
}

export function migrate(raw: Raw): Raw {
  let current = raw;
  let schema = schemaOf(current);
  if (schema > CURRENT_SCHEMA) throw new NewerSchemaError(schema);
  while (schema < CURRENT_SCHEMA) {
    const step = MIGRATIONS[schema];
    if (!step) throw new ConversationFormatError(`no migration from schema ${schema}`);
    current = step(current);
    schema = schemaOf(current);
  }
  return current;
}

export function serializeConversation(conversation: StoredConversation): string {
  return `${JSON.stringify(conversation)}\n`;
}

function schemaOf(raw: Raw): number {
  const schema = raw['schema'];
  if (schema === undefined) return 0;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 0) throw new ConversationFormatError('bad schema field');
  return schema;
}

function validate(raw: Raw): StoredConversation {
  const fail = (what: string): never => {
    throw new ConversationFormatError(what);
  };
  if (typeof raw['id'] !== 'string' || !isConversationId(raw['id'])) fail('bad id');
  if (typeof raw['title'] !== 'string') fail('bad title');
  for (const key of ['createdAt', 'updatedAt', 'revision']) if (typeof raw[key] !== 'number' || !Number.isFinite(raw[key])) fail(`bad ${key}`);
  const messages = raw['messages'];
  if (!Array.isArray(messages)) return fail('messages is not an array');
  messages.forEach((m: unknown, i) => {
    if (!isObject(m) || (m['role'] !== 'user' && m['role'] !== 'assistant')) fail(`message ${i} has no valid role`);
    const content = (m as Raw)['content'];
    if (typeof content !== 'string' && !Array.isArray(content)) fail(`message ${i} has no valid content`);
  });
  if (raw['compactions'] !== undefined && !Array.isArray(raw['compactions'])) fail('compactions is not an array');
  if (raw['totals'] !== undefined && !isObject(raw['totals'])) fail('totals is not an object');
  return raw as unknown as StoredConversation;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Ids name files: lower-case letters, digits and dashes only (ids also arrive from the webview). */
export function isConversationId(id: string): boolean {
  return ID.test(id);
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isoToEpoch(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** A new id: time first (base 36, so names sort roughly by creation), then randomness. */
export function newConversationId(now: number, random: () => string): string {
  return `${now.toString(36)}-${random()}`;
}

// Request validation for /v1/messages and /v1/messages/count_tokens, and the input-token estimate.
import { collectBreakpoints } from './breakpoints';
import { HttpFailure } from './errors';
import { checkImageBlock } from './images';
import { findModel } from './models';
import { flattenPrompt } from './prompt';
import type { MessagesRequestBody } from './types';

const MAX_OUTPUT_TOKENS = 128_000;
const REMOVED_SAMPLING_FIELDS = ['temperature', 'top_p', 'top_k'] as const;
const ROLES = new Set(['user', 'assistant', 'system']);
const THINKING_TYPES = new Set(['enabled', 'adaptive', 'disabled', 'between_tools']);
const EFFORTS = new Set(['low', 'medium', 'high', 'xhigh', 'max']);

export interface ValidationOptions {
  /** Refuse two user or two assistant messages in a row (see checkAlternation). */
  readonly strictRoles?: boolean;
}

/**
 * Deterministic input-token estimate: ceil(chars / 4) of the JSON of tools + system + messages, leaving out
 * each block's own `cache_control` key (see prompt.ts). count_tokens, the uncached usage and the prompt
 * cache's prefix counts all use this one tokenizer.
 */
export function estimateInputTokens(body: { system?: unknown; messages?: unknown; tools?: unknown }): number {
  return flattenPrompt(body).totalTokens;
}

/** Validates block-level and top-level `cache_control` (400 on bad markers, >4 breakpoints, 1h after 5m). */
function checkCacheControl(body: Record<string, unknown>): void {
  collectBreakpoints(body, flattenPrompt(body));
}

function bad(message: string): never {
  throw new HttpFailure(400, message);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function blocksOf(content: unknown): Record<string, unknown>[] {
  return Array.isArray(content) ? content.filter(isObject) : [];
}

function checkMessages(messages: unknown, opts: ValidationOptions): void {
  if (messages === undefined) bad('messages: Field required');
  if (!Array.isArray(messages)) bad('messages: Input should be a valid list');
  if (messages.length === 0) bad('messages: at least one message is required');
  messages.forEach((m: unknown, i: number) => {
    if (!isObject(m)) bad(`messages.${i}: Input should be a valid dictionary`);
    if (typeof m.role !== 'string' || !ROLES.has(m.role)) {
      bad(`messages.${i}.role: Input should be 'user', 'assistant' or 'system'`);
    }
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) {
      bad(`messages.${i}.content: Input should be a valid string or list of content blocks`);
    }
    if (Array.isArray(m.content)) {
      m.content.forEach((b: unknown, j: number) => {
        if (!isObject(b) || typeof b.type !== 'string') bad(`messages.${i}.content.${j}.type: Field required`);
        if (b.type === 'image') checkImageBlock(b, `messages.${i}.content.${j}`);
        // Images can also come back inside tool results.
        if (b.type === 'tool_result' && Array.isArray(b.content)) {
          b.content.forEach((c: unknown, k: number) => {
            if (isObject(c) && c.type === 'image') checkImageBlock(c, `messages.${i}.content.${j}.content.${k}`);
          });
        }
      });
    }
  });
  if ((messages[0] as { role: string }).role !== 'user') bad('messages: first message must use the "user" role');
  const list = messages as Array<{ role: string; content: unknown }>;
  list.forEach((_m, i) => checkToolResults(list, i));
  list.forEach((_m, i) => checkToolUsesAnswered(list, i));
  checkUniqueToolUseIds(list);
  if (opts.strictRoles) checkAlternation(messages as Array<{ role: string }>);
}

/** Every tool_use of message i must be answered by a tool_result in the very next message (the API's own wording). */
function checkToolUsesAnswered(messages: Array<{ role: string; content: unknown }>, i: number): void {
  const m = messages[i]!;
  if (m.role !== 'assistant' || i === messages.length - 1) return;
  const next = messages[i + 1]!;
  const answered = new Set(next.role === 'user' ? blocksOf(next.content).filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id) : []);
  const missing = blocksOf(m.content)
    .filter((b) => b.type === 'tool_use' && !answered.has(b.id))
    .map((b) => String(b.id));
  if (missing.length > 0) {
    bad(
      `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
        'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    );
  }
}

/** A tool_use id may appear once in the whole conversation (a resent message would repeat it). */
function checkUniqueToolUseIds(messages: Array<{ role: string; content: unknown }>): void {
  const seen = new Set<unknown>();
  messages.forEach((m, i) => {
    blocksOf(m.content).forEach((b, j) => {
      if (b.type !== 'tool_use') return;
      if (seen.has(b.id)) bad(`messages.${i}.content.${j}: \`tool_use\` ids must be unique`);
      seen.add(b.id);
    });
  });
}

/**
 * Strict user/assistant alternation (opt-in, FakeAnthropicOptions.strictRoles). Today's API merges two
 * user or two assistant messages in a row instead of refusing them; a client whose requests must keep the
 * conversation's shape (e.g. after compaction) tests against this stricter rule. `system` messages are
 * left out of the sequence.
 */
function checkAlternation(messages: Array<{ role: string }>): void {
  let previous: string | undefined;
  messages.forEach((m, i) => {
    if (m.role === 'system') return;
    if (m.role === previous) bad(`messages.${i}: roles must alternate between "user" and "assistant", but found multiple "${m.role}" roles in a row`);
    previous = m.role;
  });
}

/** Each tool_result of message i must answer a tool_use id of the assistant message right before it. */
function checkToolResults(messages: Array<{ role: string; content: unknown }>, i: number): void {
  const m = messages[i]!;
  const results = blocksOf(m.content).filter((b) => b.type === 'tool_result');
  if (results.length === 0) return;
  const prev = messages[i - 1];
  const ids = new Set(
    prev?.role === 'assistant'
      ? blocksOf(prev.content)
          .filter((b) => b.type === 'tool_use')
          .map((b) => b.id)
      : [],
  );
  for (const [j, r] of results.entries()) {
    if (typeof r.tool_use_id !== 'string' || !ids.has(r.tool_use_id)) {
      bad(
        `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(r.tool_use_id)}. ` +
          'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
      );
    }
  }
}

function checkCommon(body: Record<string, unknown>, opts: ValidationOptions): void {
  for (const field of REMOVED_SAMPLING_FIELDS) {
    if (field in body) bad(`${field}: this parameter is not supported with anthropic-version 2026-10-21; remove it`);
  }
  if (body.model === undefined) bad('model: Field required');
  if (typeof body.model !== 'string' || body.model === '') bad('model: Input should be a valid string');
  checkMessages(body.messages, opts);
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    bad('system: Input should be a valid string or list of text blocks');
  }
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) bad('tools: Input should be a valid list');
    body.tools.forEach((t: unknown, i: number) => {
      if (!isObject(t) || typeof t.name !== 'string') bad(`tools.${i}.name: Field required`);
      const custom = t.type === undefined || t.type === 'custom';
      if (custom && !isObject(t.input_schema)) bad(`tools.${i}.input_schema: Field required`);
    });
  }
  checkCacheControl(body);
  checkToolChoice(body);
  const effort = isObject(body.output_config) ? body.output_config.effort : undefined;
  if (effort !== undefined && (typeof effort !== 'string' || !EFFORTS.has(effort))) {
    bad("output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'");
  }
}

function checkThinking(body: Record<string, unknown>, maxTokens: number | undefined): void {
  const t = body.thinking;
  if (t === undefined) return;
  if (!isObject(t) || typeof t.type !== 'string' || !THINKING_TYPES.has(t.type)) {
    bad("thinking.type: Input should be 'enabled', 'adaptive', 'disabled' or 'between_tools'");
  }
  if (t.type !== 'enabled') return;
  const budget = t.budget_tokens;
  if (typeof budget !== 'number' || !Number.isInteger(budget)) bad('thinking.enabled.budget_tokens: Field required');
  if (budget < 1024) bad('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  if (maxTokens !== undefined && budget >= maxTokens) bad('`max_tokens` must be greater than `thinking.budget_tokens`');
}

const TOOL_CHOICE_TYPES = new Set(['auto', 'any', 'tool', 'none']);

/** tool_choice shape; a named tool must be defined; forcing a tool is refused with thinking on (as the API does). */
function checkToolChoice(body: Record<string, unknown>): void {
  const choice = body.tool_choice;
  if (choice === undefined) return;
  if (!isObject(choice) || typeof choice.type !== 'string' || !TOOL_CHOICE_TYPES.has(choice.type)) {
    bad("tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
  }
  if (choice.type === 'tool') {
    if (typeof choice.name !== 'string') bad('tool_choice.tool.name: Field required');
    const names = Array.isArray(body.tools) ? body.tools.filter(isObject).map((t) => t.name) : [];
    if (!names.includes(choice.name)) bad(`tool_choice: tool \`${choice.name}\` not found in \`tools\``);
  }
  const thinking = isObject(body.thinking) ? body.thinking.type : undefined;
  if ((choice.type === 'tool' || choice.type === 'any') && (thinking === 'enabled' || thinking === 'adaptive')) {
    bad('Thinking may not be enabled when tool_choice forces tool use.');
  }
}

function checkModelExists(model: string): void {
  if (!findModel(model)) throw new HttpFailure(404, `model: ${model}`);
}

/** Throws an HttpFailure (400 / 404) when the body is not an acceptable Messages request. */
export function validateMessagesRequest(body: unknown, opts: ValidationOptions = {}): MessagesRequestBody {
  if (!isObject(body)) bad('request body must be a JSON object');
  checkCommon(body, opts);
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined) bad('max_tokens: Field required');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 0) {
    bad('max_tokens: Input should be a valid non-negative integer');
  }
  if (maxTokens > MAX_OUTPUT_TOKENS) {
    bad(`max_tokens: ${maxTokens} > ${MAX_OUTPUT_TOKENS}, which is the maximum allowed number of output tokens for ${String(body.model)}`);
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') bad('stream: Input should be a valid boolean');
  checkThinking(body, maxTokens);
  checkModelExists(body.model as string);
  return body as MessagesRequestBody;
}

/** Same rules minus `max_tokens` and `stream`. */
export function validateCountTokensRequest(body: unknown, opts: ValidationOptions = {}): MessagesRequestBody {
  if (!isObject(body)) bad('request body must be a JSON object');
  checkCommon(body, opts);
  checkThinking(body, undefined);
  checkModelExists(body.model as string);
  return body as MessagesRequestBody;
}

// Turns a generated scenario into the exact SSE events to stream and the Message a non-streaming call returns.
import { createHash } from 'node:crypto';
import { newId } from './errors';
import { uncachedUsage, type CacheUsage } from './prompt-cache';
import { chunkChars, chunkWords, pingEvent, sseEvent, type WireChunk } from './sse';
import { estimateInputTokens } from './validate';
import type {
  BlockSpec,
  HttpErrorScenario,
  MessagesRequestBody,
  ReplayScenario,
  StaticScenario,
  StopDetails,
  StopReason,
} from './types';
import { resolveInputUsage } from './usage';

/** Scenarios whose events the fake generates itself. */
export type GeneratedScenario = Exclude<StaticScenario, ReplayScenario | HttpErrorScenario>;

export interface ResponsePlan {
  /** The whole stream: message_start, ping, blocks, message_delta, message_stop. */
  chunks: WireChunk[];
  /** The assembled Message (non-streaming body). */
  message: Record<string, unknown>;
  /** Number of content_block_delta events (the "tokens" that pacing spaces out). */
  deltaCount: number;
}

const DEFAULT_WORDS_PER_CHUNK = 3;
const DEFAULT_JSON_CHUNK = 16;

interface Content {
  blocks: BlockSpec[];
  stopReason: StopReason;
  stopDetails: StopDetails | null;
}

function contentOf(s: GeneratedScenario): Content {
  switch (s.kind) {
    case 'text':
      return { blocks: [{ type: 'text', text: s.text }], stopReason: 'end_turn', stopDetails: null };
    case 'thinking': {
      const first: BlockSpec =
        s.redacted !== undefined
          ? { type: 'redacted_thinking', data: s.redacted }
          : { type: 'thinking', thinking: s.thinking ?? '', ...(s.signature !== undefined && { signature: s.signature }) };
      return { blocks: [first, { type: 'text', text: s.text }], stopReason: 'end_turn', stopDetails: null };
    }
    case 'tool_use': {
      const blocks: BlockSpec[] = [];
      if (s.thinking !== undefined) blocks.push({ type: 'thinking', thinking: s.thinking });
      if (s.text !== undefined) blocks.push({ type: 'text', text: s.text });
      for (const c of s.calls) blocks.push({ type: 'tool_use', ...c });
      return { blocks, stopReason: 'tool_use', stopDetails: null };
    }
    case 'refusal':
      return {
        blocks: [{ type: 'text', text: s.text ?? '' }],
        stopReason: 'refusal',
        stopDetails: {
          type: 'refusal',
          category: s.category === undefined ? 'general_harms' : s.category,
          explanation: s.explanation === undefined ? 'This request was refused due to policy.' : s.explanation,
        },
      };
    case 'message':
      return {
        blocks: s.content,
        stopReason: s.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn',
        stopDetails: null,
      };
  }
}

/** Deterministic fake signature derived from the thinking text. */
export function fakeSignature(thinkingText: string): string {
  const digest = createHash('sha256').update(thinkingText).digest('hex').slice(0, 40);
  return Buffer.from(`fake-signature:${digest}`).toString('base64');
}

interface BlockOut {
  start: Record<string, unknown>;
  deltas: Record<string, unknown>[];
  final: Record<string, unknown>;
  thinkingTokens: number;
}

function renderBlock(b: BlockSpec, s: GeneratedScenario, omitThinking: boolean): BlockOut {
  const words = s.wordsPerChunk ?? DEFAULT_WORDS_PER_CHUNK;
  const pieces = (v: string | string[]) => (Array.isArray(v) ? v : chunkWords(v, words));
  switch (b.type) {
    case 'text': {
      const chunks = pieces(b.text);
      return {
        start: { type: 'text', text: '' },
        deltas: chunks.map((t) => ({ type: 'text_delta', text: t })),
        final: { type: 'text', text: chunks.join(''), citations: null },
        thinkingTokens: 0,
      };
    }
    case 'thinking': {
      const full = pieces(b.thinking);
      const chunks = omitThinking ? [] : full;
      const signature = b.signature ?? fakeSignature(full.join(''));
      const deltas = [
        ...chunks.map((t) => ({ type: 'thinking_delta', thinking: t })),
        { type: 'signature_delta', signature },
      ];
      return {
        start: { type: 'thinking', thinking: '', signature: '' },
        deltas,
        final: { type: 'thinking', thinking: chunks.join(''), signature },
        thinkingTokens: deltas.length,
      };
    }
    case 'redacted_thinking':
      return {
        start: { type: 'redacted_thinking', data: b.data },
        deltas: [],
        final: { type: 'redacted_thinking', data: b.data },
        thinkingTokens: 1,
      };
    case 'tool_use': {
      const id = b.id ?? newId('toolu');
      const input = b.input ?? {};
      const chunks = b.chunks ?? chunkChars(JSON.stringify(input), s.jsonChunkSize ?? DEFAULT_JSON_CHUNK);
      const caller = { type: 'direct' };
      return {
        start: { type: 'tool_use', id, name: b.name, input: {}, caller },
        // The API's first input_json_delta is an empty string.
        deltas: ['', ...chunks].map((p) => ({ type: 'input_json_delta', partial_json: p })),
        final: { type: 'tool_use', id, name: b.name, input, caller },
        thinkingTokens: 0,
      };
    }
  }
}

/**
 * Builds the stream and the assembled message for `s` answering `req`. `cache` is the prompt-cache split of
 * the input tokens (default: all uncached); the scenario's `usage` pins override it.
 */
export function planMessage(s: GeneratedScenario, req: MessagesRequestBody, cache?: CacheUsage): ResponsePlan {
  const content = contentOf(s);
  // max_tokens: 0 pre-warms the cache and generates nothing.
  const blocks = req.max_tokens === 0 ? [] : content.blocks;
  const stopReason = s.stopReason ?? (req.max_tokens === 0 ? 'max_tokens' : content.stopReason);
  const stopDetails = s.stopDetails !== undefined ? s.stopDetails : content.stopDetails;
  const omitThinking = req.thinking?.display === 'omitted';
  const rendered = blocks.map((b) => renderBlock(b, s, omitThinking));

  const deltaCount = rendered.reduce((n, r) => n + r.deltas.length, 0);
  const hasThinking = blocks.some((b) => b.type === 'thinking' || b.type === 'redacted_thinking');
  const u = s.usage ?? {};
  const input = resolveInputUsage(u, cache ?? uncachedUsage(estimateInputTokens(req)));
  const inputTokens = input.input_tokens;
  const cacheCreation5m = input.ephemeral_5m_input_tokens;
  const cacheCreation1h = input.ephemeral_1h_input_tokens;
  const cacheCreation = input.cache_creation_input_tokens;
  const cacheRead = input.cache_read_input_tokens;
  const outputTokens = u.output_tokens ?? deltaCount + blocks.filter((b) => b.type === 'redacted_thinking').length;
  const thinkingTokens = u.thinking_tokens ?? rendered.reduce((n, r) => n + r.thinkingTokens, 0);
  const details = hasThinking || u.thinking_tokens !== undefined ? { output_tokens_details: { thinking_tokens: thinkingTokens } } : {};

  const startUsage = {
    input_tokens: inputTokens,
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: cacheCreation5m, ephemeral_1h_input_tokens: cacheCreation1h },
    output_tokens: 1,
    service_tier: 'standard',
    inference_geo: 'global',
  };
  const id = s.id ?? newId('msg');
  const model = s.model ?? req.model;
  const stop = { stop_reason: stopReason, stop_sequence: s.stopSequence ?? null, stop_details: stopDetails };

  const chunks: WireChunk[] = [
    sseEvent('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: startUsage,
      },
    }),
    pingEvent(),
  ];
  rendered.forEach((r, index) => {
    chunks.push(sseEvent('content_block_start', { type: 'content_block_start', index, content_block: r.start }));
    for (const delta of r.deltas) {
      chunks.push(sseEvent('content_block_delta', { type: 'content_block_delta', index, delta }));
    }
    chunks.push(sseEvent('content_block_stop', { type: 'content_block_stop', index }));
  });
  chunks.push(
    sseEvent('message_delta', {
      type: 'message_delta',
      delta: stop,
      usage: {
        input_tokens: inputTokens,
        cache_creation_input_tokens: cacheCreation,
        cache_read_input_tokens: cacheRead,
        output_tokens: outputTokens,
        ...details,
      },
    }),
    sseEvent('message_stop', { type: 'message_stop' }),
  );

  const message = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: rendered.map((r) => r.final),
    container: null,
    ...stop,
    usage: { ...startUsage, output_tokens: outputTokens, ...details },
    diagnostics: null,
  };
  return { chunks, message, deltaCount };
}

// Model catalogue served by GET /v1/models and used to check `model` in /v1/messages.
import { HttpFailure } from './errors';

const yes = { supported: true } as const;
const no = { supported: false } as const;

function capabilities(line: 'opus' | 'sonnet' | 'haiku') {
  return {
    batch: yes,
    citations: yes,
    code_execution: yes,
    context_management: {
      supported: true,
      clear_thinking_20251015: yes,
      clear_tool_uses_20250919: yes,
      compact_20260112: yes,
    },
    effort: { supported: true, low: yes, medium: yes, high: yes, xhigh: line === 'haiku' ? no : yes, max: yes },
    image_input: yes,
    pdf_input: yes,
    server_tools: { supported: true, code_execution: yes, web_search: yes },
    structured_outputs: yes,
    thinking: {
      supported: true,
      types: {
        adaptive: yes,
        // Opus 5.5 thinks adaptively all the time.
        enabled: line === 'opus' ? no : yes,
        disabled: line === 'opus' ? no : yes,
        between_tools: yes,
      },
    },
  };
}

export type FakeModelInfo = ReturnType<typeof modelInfo>;

function modelInfo(id: string, display_name: string, line: 'opus' | 'sonnet' | 'haiku', created_at: string) {
  return {
    id,
    type: 'model' as const,
    display_name,
    created_at,
    capabilities: capabilities(line),
    deprecated_at: null,
    lifecycle: 'active' as const,
    line,
    max_input_tokens: 1_000_000,
    max_tokens: 128_000,
    retires_at: null,
  };
}

/** Newest first, as the API lists them. */
export const MODELS: readonly FakeModelInfo[] = [
  modelInfo('claude-haiku-5-5', 'Claude Haiku 5.5', 'haiku', '2026-10-07T00:00:00Z'),
  modelInfo('claude-sonnet-5-5', 'Claude Sonnet 5.5', 'sonnet', '2026-09-29T00:00:00Z'),
  modelInfo('claude-opus-5-5', 'Claude Opus 5.5', 'opus', '2026-09-22T00:00:00Z'),
];

export const MODEL_IDS: readonly string[] = MODELS.map((m) => m.id);

export function findModel(id: string): FakeModelInfo | undefined {
  return MODELS.find((m) => m.id === id);
}

/**
 * Shortest prompt prefix (tokens) that prompt caching will store, per model. Opus 5.5 and Sonnet 5.5: 512
 * (secondary sources quoting the docs). Haiku 5.5: the reference found no figure; 1,024 is OUR ASSUMPTION.
 * Kept out of FakeModelInfo because GET /v1/models does not report it.
 */
export const MIN_CACHEABLE_TOKENS: Readonly<Record<string, number>> = {
  'claude-opus-5-5': 512,
  'claude-sonnet-5-5': 512,
  'claude-haiku-5-5': 1024,
};

export function minCacheableTokens(model: string): number {
  return MIN_CACHEABLE_TOKENS[model] ?? 1024;
}

/** One page of `GET /v1/models` (`limit` 1–1000, default 20; `after_id` / `before_id` cursors). */
export function listModels(query: Record<string, string>): {
  data: FakeModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
} {
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new HttpFailure(400, 'limit: Input should be an integer between 1 and 1000');
  }
  if (query.after_id !== undefined && query.before_id !== undefined) {
    throw new HttpFailure(400, 'after_id and before_id cannot both be set');
  }
  const cursorIndex = (id: string): number => {
    const i = MODEL_IDS.indexOf(id);
    if (i < 0) throw new HttpFailure(404, `model: ${id}`);
    return i;
  };
  let data: FakeModelInfo[];
  let hasMore: boolean;
  if (query.before_id !== undefined) {
    const end = cursorIndex(query.before_id);
    const start = Math.max(0, end - limit);
    data = MODELS.slice(start, end);
    hasMore = start > 0;
  } else {
    const start = query.after_id !== undefined ? cursorIndex(query.after_id) + 1 : 0;
    data = MODELS.slice(start, start + limit);
    hasMore = start + limit < MODELS.length;
  }
  return {
    data,
    has_more: hasMore,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
  };
}

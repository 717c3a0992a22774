// What the product needs to know about a model: limits and capabilities drive requests, the context
// meter and the pickers. Parsed defensively from GET /v1/models; a built-in table stands in when that fails.

export type ThinkingType = 'adaptive' | 'enabled' | 'disabled';
export type Effort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';
export const EFFORTS: readonly Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];

export interface ModelInfo {
  readonly id: string;
  readonly displayName: string;
  readonly contextWindow: number;
  readonly maxOutputTokens: number;
  readonly thinkingTypes: readonly ThinkingType[];
  readonly efforts: readonly Effort[];
  readonly vision: boolean;
  /** Where this came from: the API's model list or our built-in table. */
  readonly source: 'api' | 'builtin';
}

const ALL_THINKING: readonly ThinkingType[] = ['adaptive', 'enabled', 'disabled'];

/** Current models (anthropic-api.md §5), used when the model list cannot be fetched. */
export const BUILT_IN_MODELS: readonly ModelInfo[] = [
  { id: 'claude-opus-5-5', displayName: 'Claude Opus 5.5', contextWindow: 1_000_000, maxOutputTokens: 128_000, thinkingTypes: ['adaptive'], efforts: EFFORTS, vision: true, source: 'builtin' },
  { id: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5', contextWindow: 1_000_000, maxOutputTokens: 128_000, thinkingTypes: ALL_THINKING, efforts: EFFORTS, vision: true, source: 'builtin' },
  { id: 'claude-haiku-5-5', displayName: 'Claude Haiku 5.5', contextWindow: 1_000_000, maxOutputTokens: 128_000, thinkingTypes: ALL_THINKING, efforts: ['low', 'medium', 'high', 'max'], vision: true, source: 'builtin' },
];

/** A model we know nothing about: assume the common limits and let the API be the judge. */
export function unknownModel(id: string): ModelInfo {
  return { id, displayName: id, contextWindow: 200_000, maxOutputTokens: 64_000, thinkingTypes: ALL_THINKING, efforts: EFFORTS, vision: true, source: 'builtin' };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const supported = (v: unknown): boolean => isObject(v) && v['supported'] === true;

/** Parses one entry of GET /v1/models. Returns undefined for entries without an id. */
export function parseModelInfo(raw: unknown): ModelInfo | undefined {
  if (!isObject(raw) || typeof raw['id'] !== 'string') return undefined;
  const id = raw['id'];
  const builtin = BUILT_IN_MODELS.find((m) => m.id === id) ?? unknownModel(id);
  const caps = isObject(raw['capabilities']) ? raw['capabilities'] : undefined;
  const thinking = caps && isObject(caps['thinking']) && isObject(caps['thinking']['types']) ? caps['thinking']['types'] : undefined;
  const effort = caps && isObject(caps['effort']) ? caps['effort'] : undefined;
  const num = (key: string, fallback: number) => (typeof raw[key] === 'number' && (raw[key] as number) > 0 ? (raw[key] as number) : fallback);
  return {
    id,
    displayName: typeof raw['display_name'] === 'string' ? raw['display_name'] : builtin.displayName,
    contextWindow: num('max_input_tokens', builtin.contextWindow),
    maxOutputTokens: num('max_tokens', builtin.maxOutputTokens),
    thinkingTypes: thinking ? ALL_THINKING.filter((t) => supported(thinking[t])) : builtin.thinkingTypes,
    efforts: effort ? (effort['supported'] === false ? [] : EFFORTS.filter((e) => supported(effort[e]))) : builtin.efforts,
    vision: caps && 'image_input' in caps ? supported(caps['image_input']) : builtin.vision,
    source: 'api',
  };
}

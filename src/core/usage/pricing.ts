// Prices in US$ per million tokens (anthropic-api.md §5). Cache writes are 1.25× input (5 min) or 2×
// (1 h); reads 0.1×. Haiku 5.5 is tiered by prompt size. The Batch API halves everything.

export interface PriceRow {
  readonly input: number;
  readonly output: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  readonly cacheRead: number;
}

const fromInput = (input: number, output: number, readMultiplier = 0.1): PriceRow => ({
  input,
  output,
  cacheWrite5m: input * 1.25,
  cacheWrite1h: input * 2,
  cacheRead: input * readMultiplier,
});

interface ModelPricing {
  readonly base: PriceRow;
  /** Applies to a whole request whose prompt is larger than `aboveTokens`. */
  readonly tier?: { readonly aboveTokens: number; readonly row: PriceRow };
}

const PRICING: Readonly<Record<string, ModelPricing>> = {
  'claude-opus-5-5': { base: fromInput(4, 20) },
  'claude-sonnet-5-5': { base: fromInput(2, 10) },
  'claude-haiku-5-5': { base: fromInput(0.1, 0.5), tier: { aboveTokens: 100_000, row: fromInput(0.5, 2.5) } },
  'claude-opus-5': { base: fromInput(5, 25) },
  'claude-sonnet-5': { base: fromInput(2, 10) },
  'claude-fable-5-1': { base: fromInput(10, 50, 0.025) },
  'claude-fable-5-2': { base: fromInput(8, 40) },
};

export interface BillableUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  /** All cache writes; `cacheWrite1hTokens` of them at the 1-hour price. */
  readonly cacheWriteTokens: number;
  readonly cacheWrite1hTokens?: number;
}

export interface Cost {
  readonly input: number;
  readonly output: number;
  readonly cacheWrite: number;
  readonly cacheRead: number;
  readonly total: number;
}

export const ZERO_COST: Cost = { input: 0, output: 0, cacheWrite: 0, cacheRead: 0, total: 0 };

/** Known dated ids (`claude-x-5-5-20261001`) price as their base id. */
function pricingFor(model: string): ModelPricing | undefined {
  if (PRICING[model]) return PRICING[model];
  const base = Object.keys(PRICING).filter((id) => model.startsWith(`${id}-`)).sort((a, b) => b.length - a.length)[0];
  return base ? PRICING[base] : undefined;
}


/** Cost of one request in US$, or undefined for a model without a known price. */
export function costOf(model: string, usage: BillableUsage, opts: { batch?: boolean } = {}): Cost | undefined {
  const pricing = pricingFor(model);
  if (!pricing) return undefined;
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const row = pricing.tier && prompt > pricing.tier.aboveTokens ? pricing.tier.row : pricing.base;
  const scale = (opts.batch ? 0.5 : 1) / 1_000_000;
  const oneHour = Math.min(usage.cacheWrite1hTokens ?? 0, usage.cacheWriteTokens);
  const input = usage.inputTokens * row.input * scale;
  const output = usage.outputTokens * row.output * scale;
  const cacheWrite = ((usage.cacheWriteTokens - oneHour) * row.cacheWrite5m + oneHour * row.cacheWrite1h) * scale;
  const cacheRead = usage.cacheReadTokens * row.cacheRead * scale;
  return { input, output, cacheWrite, cacheRead, total: input + output + cacheWrite + cacheRead };
}

export function addCost(a: Cost, b: Cost): Cost {
  return { input: a.input + b.input, output: a.output + b.output, cacheWrite: a.cacheWrite + b.cacheWrite, cacheRead: a.cacheRead + b.cacheRead, total: a.total + b.total };
}

export { formatUsd } from '../../shared/money';

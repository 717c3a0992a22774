// The prompt as the cache sees it: tools → system → messages flattened into blocks, with token counts.
//
// Token counting: the fake's tokenizer is "ceil(chars / 4) of the request's JSON", where the JSON is the
// compact serialization of `tools`, `system` and `messages` with every block's own `cache_control` key left
// out (so marking a block never changes any count). The prefix up to the end of block j counts
// ceil(charsUpTo(j) / 4) tokens; a block's share is the difference between its boundary and the previous
// one, so the JSON punctuation and the `{"role":…,"content":` framing before a block belong to that block,
// and the closing `]}]` after the last block is the uncached tail. The whole prompt counts
// ceil(totalChars / 4): the same number count_tokens and the uncached usage report.

export type PromptSection = 'tools' | 'system' | 'messages';

export interface PromptBlock {
  section: PromptSection;
  /** Where the block sits in the request, for error messages: `tools.2`, `system.0`, `messages.3.content.1`. */
  path: string;
  /** Block type (`text`, `tool_use`, `thinking`, …; `tool` for tool definitions, `text` for string content). */
  type: string;
  /** Chars of the serialized prompt up to and including this block. */
  endChars: number;
  /** Tokens of the prefix that ends with this block: ceil(endChars / 4). */
  prefixTokens: number;
  /** Identity of the block for the cache key (string content normalized to a text block, no cache_control). */
  identity: string;
  /** The block's `cache_control` value as sent (undefined when absent). */
  cacheControl: unknown;
}

export interface FlatPrompt {
  blocks: PromptBlock[];
  totalChars: number;
  totalTokens: number;
}

export function tokensForChars(chars: number): number {
  return Math.ceil(chars / 4);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A block without its own `cache_control` key (nested values are left alone). */
function withoutCacheControl(block: unknown): unknown {
  if (!isObject(block) || !('cache_control' in block)) return block;
  const { cache_control: _omit, ...rest } = block;
  return rest;
}

function json(v: unknown): string {
  // JSON.stringify(undefined) is undefined; inside arrays the API-side JSON has null there.
  return JSON.stringify(v) ?? 'null';
}

/** Builds the serialized prompt piece by piece, remembering where each block ends. */
class Builder {
  private chars = 0;
  readonly blocks: PromptBlock[] = [];

  raw(s: string): void {
    this.chars += s.length;
  }

  block(section: PromptSection, path: string, value: unknown, extraIdentity = ''): void {
    const stripped = withoutCacheControl(value);
    this.raw(json(stripped));
    const normalized = typeof stripped === 'string' ? { type: 'text', text: stripped } : stripped;
    const type = section === 'tools' ? 'tool' : isObject(stripped) && typeof stripped.type === 'string' ? stripped.type : 'text';
    this.blocks.push({
      section,
      path,
      type,
      endChars: this.chars,
      prefixTokens: tokensForChars(this.chars),
      identity: `${section}${extraIdentity}:${json(normalized)}`,
      cacheControl: isObject(value) ? value.cache_control : undefined,
    });
  }

  /** `[b0,b1,…]` with each element a block. */
  blockArray(section: PromptSection, path: string, items: unknown[], extraIdentity = ''): void {
    this.raw('[');
    items.forEach((item, i) => {
      if (i > 0) this.raw(',');
      this.block(section, `${path}.${i}`, item, extraIdentity);
    });
    this.raw(']');
  }

  get totalChars(): number {
    return this.chars;
  }
}

function addMessage(b: Builder, m: unknown, i: number): void {
  if (!isObject(m)) return b.raw(json(m));
  const identity = `#${i}:${json(m.role)}`;
  const keys = Object.keys(m).filter((k) => m[k] !== undefined);
  b.raw('{');
  keys.forEach((k, n) => {
    if (n > 0) b.raw(',');
    b.raw(`${json(k)}:`);
    const v = m[k];
    if (k !== 'content') b.raw(json(v));
    else if (typeof v === 'string') b.block('messages', `messages.${i}.content`, v, identity);
    else if (Array.isArray(v)) b.blockArray('messages', `messages.${i}.content`, v, identity);
    else b.raw(json(v));
  });
  b.raw('}');
}

/** Flattens a request body in prefix order (tools → system → messages). Never throws. */
export function flattenPrompt(body: { tools?: unknown; system?: unknown; messages?: unknown }): FlatPrompt {
  const b = new Builder();
  if (body.tools !== undefined) {
    if (Array.isArray(body.tools)) b.blockArray('tools', 'tools', body.tools);
    else b.raw(json(body.tools));
  }
  if (body.system !== undefined) {
    if (typeof body.system === 'string') b.block('system', 'system', body.system);
    else if (Array.isArray(body.system)) b.blockArray('system', 'system', body.system);
    else b.raw(json(body.system));
  }
  const messages = body.messages ?? [];
  if (Array.isArray(messages)) {
    b.raw('[');
    messages.forEach((m: unknown, i: number) => {
      if (i > 0) b.raw(',');
      addMessage(b, m, i);
    });
    b.raw(']');
  } else {
    b.raw(json(messages));
  }
  return { blocks: b.blocks, totalChars: b.totalChars, totalTokens: tokensForChars(b.totalChars) };
}

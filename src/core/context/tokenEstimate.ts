// A local token estimate for when count_tokens is unavailable (or not worth a request): about four
// characters per token of the request's JSON, with images counted by what the API charges for them
// rather than by their base64 size.
import type { ApiMessage } from '../claude/turnStreamer';
import { tokensForChars } from '../../shared/tokenEstimate';

export { CHARS_PER_TOKEN } from '../../shared/tokenEstimate';

/** Our images are downscaled to 1568 px on the long edge: at most ~1,600 tokens each (anthropic-api.md §6). */
export const IMAGE_TOKENS = 1600;

export interface EstimateInput {
  readonly system?: string;
  readonly tools?: readonly unknown[];
  readonly messages: readonly ApiMessage[];
}

export function estimateTokens({ system, tools, messages }: EstimateInput): number {
  let images = 0;
  const json = JSON.stringify({ system: system ?? '', tools: tools ?? [], messages }, (_key, value: unknown) => {
    const block = value as { type?: unknown } | null;
    if (typeof value === 'object' && block !== null && block.type === 'image') {
      images++;
      return 0;
    }
    return value;
  });
  return tokensForChars(json.length) + images * IMAGE_TOKENS;
}

// The two non-chat requests context management makes: count_tokens for what the next request would
// send, and a plain (non-streaming, short) summary request to a cheaper model.
import type Anthropic from '@anthropic-ai/sdk';
import type { AnthropicClient } from './sdkClient';
import type { SummaryRequest, SummaryResult } from '../context/contextService';
import type { ModelInfo } from '../models/modelInfo';
import type { MessageParams } from './requestBuilder';
import { toUsage } from './streamAttempt';

/** count_tokens takes the request minus the generation fields. */
export async function countTokens(anthropic: AnthropicClient, params: MessageParams, signal: AbortSignal | undefined): Promise<number> {
  const { model, system, messages, tools, thinking, output_config } = params;
  const body = { model, system, messages, ...(tools ? { tools } : {}), ...(thinking ? { thinking } : {}), ...(output_config ? { output_config } : {}) };
  const counted = await anthropic.messages.countTokens(body as unknown as Anthropic.MessageCountTokensParams, signal ? { signal } : {});
  return counted.input_tokens;
}

export async function summarize(anthropic: AnthropicClient, model: ModelInfo, request: SummaryRequest): Promise<SummaryResult & { requestId?: string }> {
  const params = {
    model: model.id,
    max_tokens: Math.min(request.maxTokens, model.maxOutputTokens),
    system: request.system,
    messages: [{ role: 'user' as const, content: request.prompt }],
    // A summary needs no extended thinking; models that always think decide for themselves.
    ...(model.thinkingTypes.includes('disabled') ? { thinking: { type: 'disabled' as const } } : {}),
  };
  const message = await anthropic.messages.create(params as Anthropic.MessageCreateParamsNonStreaming, { signal: request.signal });
  const text = message.content
    .filter((b): b is Anthropic.TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('\n');
  return { text, model: message.model, usage: toUsage(message.usage), ...(message._request_id ? { requestId: message._request_id } : {}) };
}

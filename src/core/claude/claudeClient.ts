// The only module that talks to @anthropic-ai/sdk. Callers ask for a turn and get typed events back.
import Anthropic from '@anthropic-ai/sdk';
import type { ClaudeSettings } from './settings';
import { systemPromptFor } from './settings';
import type { AssistantBlock, ClaudeStreamEvent, TurnResult, TurnUsage } from './streamEvents';
import { MissingApiKeyError, StalledStreamError, isUserAbort, toErrorInfo } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import { TurnFailure, type TurnRequest, type TurnStreamer } from './turnStreamer';

export interface ClaudeClientDeps {
  readonly getSettings: () => ClaudeSettings;
  readonly getApiKey: () => Promise<string | undefined>;
}

export class ClaudeClient implements TurnStreamer {
  private cached: { key: string; client: Anthropic } | undefined;

  constructor(private readonly deps: ClaudeClientDeps) {}

  /** Streams one assistant turn. Resolves with the assembled message; rejects with a TurnFailure. */
  async streamTurn(request: TurnRequest): Promise<TurnResult> {
    try {
      return await this.stream(request);
    } catch (error) {
      const userAbort = request.signal.aborted && isUserAbort(error);
      throw new TurnFailure(toErrorInfo(error), userAbort, { cause: error });
    }
  }

  private async stream(request: TurnRequest): Promise<TurnResult> {
    const settings = this.deps.getSettings();
    const client = await this.client(settings);
    // Our own controller: aborted by the caller's signal or by the idle watchdog.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) forwardAbort();
    request.signal.addEventListener('abort', forwardAbort, { once: true });
    const watchdog = new IdleWatchdog(settings.requestTimeoutSeconds * 1000, () => controller.abort(new StalledStreamError(settings.requestTimeoutSeconds)));

    try {
      const stream = client.messages.stream(
        {
          model: settings.model,
          max_tokens: settings.maxTokens,
          system: systemPromptFor(settings),
          messages: request.messages as Anthropic.MessageParam[],
        },
        { signal: controller.signal },
      );
      // Idle time counts from the response headers; before that the SDK's own timeout and retries apply.
      stream.on('connect', () => watchdog.start());
      for await (const event of stream) {
        watchdog.touch();
        const mapped = mapEvent(event);
        if (mapped) request.onEvent(mapped);
      }
      const message = await stream.finalMessage();
      return toTurnResult(message);
    } catch (error) {
      // The SDK reports our watchdog abort as a user abort; surface the real cause.
      if (controller.signal.reason instanceof StalledStreamError) throw controller.signal.reason;
      throw error;
    } finally {
      watchdog.stop();
      request.signal.removeEventListener('abort', forwardAbort);
    }
  }

  private async client(settings: ClaudeSettings): Promise<Anthropic> {
    const apiKey = await this.deps.getApiKey();
    if (!apiKey) throw new MissingApiKeyError();
    const cacheKey = JSON.stringify([apiKey, settings.apiBaseUrl, settings.maxRetries, settings.requestTimeoutSeconds]);
    if (this.cached?.key !== cacheKey) {
      this.cached = {
        key: cacheKey,
        client: new Anthropic({
          apiKey,
          baseURL: settings.apiBaseUrl.trim() || undefined,
          maxRetries: settings.maxRetries,
          timeout: settings.requestTimeoutSeconds * 1000,
        }),
      };
    }
    return this.cached.client;
  }
}

function mapEvent(event: Anthropic.MessageStreamEvent): ClaudeStreamEvent | undefined {
  switch (event.type) {
    case 'message_start':
      return { type: 'messageStart', messageId: event.message.id, model: event.message.model };
    case 'content_block_start': {
      const block = event.content_block;
      switch (block.type) {
        case 'text':
        case 'thinking':
        case 'redacted_thinking':
          return { type: 'blockStart', index: event.index, kind: block.type };
        case 'tool_use':
          return { type: 'blockStart', index: event.index, kind: 'tool_use', toolName: block.name, toolUseId: block.id };
        default:
          return undefined;
      }
    }
    case 'content_block_delta': {
      const delta = event.delta;
      switch (delta.type) {
        case 'text_delta':
          return { type: 'textDelta', index: event.index, text: delta.text };
        case 'thinking_delta':
          return { type: 'thinkingDelta', index: event.index, text: delta.thinking };
        case 'signature_delta':
          return { type: 'signature', index: event.index };
        case 'input_json_delta':
          return { type: 'toolInputDelta', index: event.index, partialJson: delta.partial_json };
        default:
          return undefined;
      }
    }
    case 'content_block_stop':
      return { type: 'blockStop', index: event.index };
    default:
      return undefined;
  }
}

function toTurnResult(message: Anthropic.Message): TurnResult {
  const content: AssistantBlock[] = [];
  for (const block of message.content) {
    switch (block.type) {
      case 'text':
        content.push({ type: 'text', text: block.text });
        break;
      case 'thinking':
        content.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
        break;
      case 'redacted_thinking':
        content.push({ type: 'redacted_thinking', data: block.data });
        break;
      case 'tool_use':
        content.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input });
        break;
      default:
        break;
    }
  }
  return { messageId: message.id, model: message.model, content, stopReason: message.stop_reason, usage: toUsage(message.usage) };
}

function toUsage(usage: Anthropic.Usage): TurnUsage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    thinkingTokens: usage.output_tokens_details?.thinking_tokens ?? 0,
  };
}

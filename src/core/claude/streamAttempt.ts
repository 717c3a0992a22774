// One streamed request to one model: the SDK's retries (observed for a countdown), the idle watchdog, and
// the SDK's events mapped to ours. Failures come back classified, with whether any content had arrived.
import type Anthropic from '@anthropic-ai/sdk';
import type { AnthropicClient } from './sdkClient';
import type { Middleware } from '@anthropic-ai/sdk';
import type { ErrorInfo } from '../../shared/protocol';
import { StalledStreamError, isUserAbort, toErrorInfo } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import type { MessageParams } from './requestBuilder';
import { retryNotice, type RetryNotice } from './retryNotice';
import type { AssistantBlock, ClaudeStreamEvent, TurnResult, TurnUsage } from './streamEvents';

export interface AttemptOptions {
  readonly signal: AbortSignal;
  readonly idleTimeoutMs: number;
  readonly maxRetries: number;
  readonly onEvent: (event: ClaudeStreamEvent) => void;
  readonly onRetry: (notice: RetryNotice) => void;
  readonly now: () => number;
}

export interface AttemptStats {
  readonly requestId?: string;
  readonly retries: number;
  readonly timeToFirstTokenMs?: number;
  readonly status?: number;
}

export class AttemptFailure extends Error {
  override readonly name = 'AttemptFailure';
  constructor(
    readonly info: ErrorInfo,
    readonly userAbort: boolean,
    /** True once any content delta arrived: the turn can no longer move to another model. */
    readonly contentStarted: boolean,
    readonly stats: AttemptStats,
    options: { cause: unknown },
  ) {
    super(info.title, options);
  }
}

export async function streamAttempt(anthropic: AnthropicClient, params: MessageParams, opts: AttemptOptions): Promise<{ result: TurnResult; stats: AttemptStats }> {
  const started = opts.now();
  const controller = new AbortController();
  const forwardAbort = () => controller.abort(opts.signal.reason);
  if (opts.signal.aborted) forwardAbort();
  opts.signal.addEventListener('abort', forwardAbort, { once: true });
  const watchdog = new IdleWatchdog(opts.idleTimeoutMs, () => controller.abort(new StalledStreamError(opts.idleTimeoutMs / 1000)));
  let retries = 0;
  let requestId: string | undefined;
  let firstTokenAt: number | undefined;
  let lastStatus: number | undefined;
  let attemptStarted = started;

  // Sees every HTTP attempt inside the SDK's retry loop, before the SDK sleeps.
  const observeRetries: Middleware = async (request, next) => {
    retries = Number(request.headers.get('x-stainless-retry-count') ?? 0);
    // Time to first token counts from the attempt that answered, not from before a retry wait.
    attemptStarted = opts.now();
    const response = await next(request);
    lastStatus = response.status;
    requestId = response.headers.get('request-id') ?? requestId;
    if (!response.ok) {
      const notice = retryNotice(response.status, response.headers, retries, opts.maxRetries);
      if (notice) opts.onRetry(notice);
    }
    return response;
  };

  const stats = (): AttemptStats => ({
    retries,
    ...(requestId ? { requestId } : {}),
    ...(firstTokenAt !== undefined ? { timeToFirstTokenMs: firstTokenAt - attemptStarted } : {}),
    ...(lastStatus !== undefined ? { status: lastStatus } : {}),
  });

  try {
    // The SDK's types lag the API here and there (e.g. effort); the body is ours and validated by tests.
    const stream = anthropic.messages.stream(params as unknown as Anthropic.MessageStreamParams, { signal: controller.signal, middleware: [observeRetries] });
    // Idle time counts from the response headers; before that the SDK's own timeout and retries apply.
    stream.on('connect', () => watchdog.start());
    for await (const event of stream) {
      watchdog.touch();
      const mapped = mapEvent(event);
      if (!mapped) continue;
      if (firstTokenAt === undefined && (mapped.type === 'textDelta' || mapped.type === 'thinkingDelta' || mapped.type === 'toolInputDelta')) firstTokenAt = opts.now();
      opts.onEvent(mapped);
    }
    const message = await stream.finalMessage();
    return { result: toTurnResult(message), stats: stats() };
  } catch (error) {
    // The SDK reports our watchdog abort as a user abort; surface the real cause.
    const cause = controller.signal.reason instanceof StalledStreamError ? controller.signal.reason : error;
    const userAbort = opts.signal.aborted && isUserAbort(error);
    const s = stats();
    const errorStatus = (cause as { status?: unknown }).status;
    throw new AttemptFailure(toErrorInfo(cause), userAbort, firstTokenAt !== undefined, typeof errorStatus === 'number' ? { ...s, status: errorStatus } : s, { cause });
  } finally {
    watchdog.stop();
    opts.signal.removeEventListener('abort', forwardAbort);
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
  const details = (message as { stop_details?: { category?: string | null; explanation?: string | null } | null }).stop_details;
  return {
    messageId: message.id,
    model: message.model,
    content,
    stopReason: message.stop_reason,
    usage: toUsage(message.usage),
    ...(details ? { stopDetails: { category: details.category ?? null, explanation: details.explanation ?? null } } : {}),
  };
}

export function toUsage(usage: Anthropic.Usage): TurnUsage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    cacheWrite1hTokens: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    thinkingTokens: usage.output_tokens_details?.thinking_tokens ?? 0,
  };
}

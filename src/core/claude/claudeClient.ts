// The only entry point to Claude: builds the request from settings and model capabilities, places cache
// breakpoints, streams it, and walks the fallback chain on overload, timeouts or an open breaker. The
// SDK is imported by this bundle (dist/engine.js) only.
import { AnthropicClient } from './sdkClient';
import type { ErrorInfo } from '../../shared/protocol';
import { ModelCatalog, type ModelList } from '../models/modelCatalog';
import { sdkBatchesPort } from '../review/batchSdkPort';
import type { BatchesPort } from '../review/batchTypes';
import { parseModelInfo, type ModelInfo } from '../models/modelInfo';
import { costOf } from '../usage/pricing';
import { placeCacheBreakpoints, countBreakpoints } from './cachePlanner';
import { CircuitBreaker } from './circuitBreaker';
import { apiOriginOnly, checkApiBaseUrl } from './apiBaseUrl';
import { MissingApiKeyError, isUserAbort, toErrorInfo } from './errors';
import { countTokens, summarize } from './contextRequests';
import type { SummaryRequest, SummaryResult, TokenCountRequest } from '../context/contextService';
import { fallbackCandidates, shouldFallBack } from './fallbackPolicy';
import { buildMessageParams, type MessageParams } from './requestBuilder';
import type { RequestRecord } from './requestRecord';
import { systemPromptFor, type ClaudeSettings } from './settings';
import { AttemptFailure, streamAttempt } from './streamAttempt';
import type { TurnResult } from './streamEvents';
import { TurnFailure } from './turnFailure';
import type { BatchSource, ClaudeService, TurnRequest } from './turnStreamer';
import { t } from '../l10n';
import { NO_LOG, type Logger } from '../log';
import { sdkLogOptions } from './sdkLogger';

export interface ClaudeClientDeps {
  readonly getSettings: () => ClaudeSettings;
  readonly getApiKey: () => Promise<string | undefined>;
  /** Receives one record per HTTP request sequence (one per model tried). */
  readonly onRequestLog?: (record: RequestRecord) => void;
  /** Whether the request log may include message content (off by default). */
  readonly logContent?: () => boolean;
  readonly now?: () => number;
  readonly breaker?: CircuitBreaker;
  /** The extension's log: the SDK's own logger writes there (sdkLogger.ts). */
  readonly logger?: Logger;
}

export class ClaudeClient implements ClaudeService, BatchSource {
  private cached: { key: string; client: AnthropicClient } | undefined;
  private readonly breaker: CircuitBreaker;
  readonly models: ModelCatalog;

  constructor(private readonly deps: ClaudeClientDeps) {
    this.breaker = deps.breaker ?? new CircuitBreaker(5, 30_000, deps.now);
    this.models = new ModelCatalog({ fetchModels: () => this.fetchModels(), ...(deps.now ? { now: deps.now } : {}) });
  }

  listModels(): Promise<ModelList> {
    return this.models.list();
  }

  /** The Message Batches API on the same SDK client (key, apiBaseUrl, retries and timeout as for chat). */
  async batches(): Promise<BatchesPort> {
    return sdkBatchesPort((await this.client(this.deps.getSettings())).messages.batches);
  }

  async streamTurn(request: TurnRequest): Promise<TurnResult> {
    const settings = this.deps.getSettings();
    let anthropic: AnthropicClient;
    try {
      anthropic = await this.client(settings);
    } catch (error) {
      throw new TurnFailure(toErrorInfo(error), false, { cause: error });
    }
    const candidates = fallbackCandidates(settings.model, settings.fallbackModels);
    let fallbackFrom: { model: string; reason: string } | undefined;
    let lastFailure: TurnFailure | undefined;

    for (const model of candidates) {
      if (!this.breaker.tryAcquire(model)) {
        const reason = `${model} failed repeatedly; paused for ${this.breaker.retryInSeconds(model)} s`;
        lastFailure ??= new TurnFailure(breakerInfo(model, this.breaker.retryInSeconds(model)), false);
        fallbackFrom = this.announceFallback(request, fallbackFrom, model, candidates, reason);
        continue;
      }
      try {
        const result = await this.attempt(anthropic, settings, model, request, fallbackFrom);
        this.breaker.recordSuccess(model);
        return fallbackFrom ? { ...result, fallbackFrom: fallbackFrom.model } : result;
      } catch (error) {
        const failure = error as AttemptFailure;
        if (failure.userAbort) {
          this.breaker.release(model);
          throw new TurnFailure(failure.info, true, { cause: failure.cause });
        }
        if (countsAgainstModel(failure.info)) this.breaker.recordFailure(model);
        else this.breaker.release(model);
        lastFailure = new TurnFailure(failure.info, false, { cause: failure.cause });
        if (failure.contentStarted || !shouldFallBack(failure.info)) throw lastFailure;
        fallbackFrom = this.announceFallback(request, fallbackFrom, model, candidates, fallbackReason(model, failure.info));
      }
    }
    throw lastFailure ?? new TurnFailure(toErrorInfo(new Error('No model to send the request to.')), false);
  }

  /** Tells the listener the next candidate takes over, and remembers the first model that failed. */
  private announceFallback(request: TurnRequest, current: { model: string; reason: string } | undefined, model: string, candidates: readonly string[], reason: string) {
    const next = candidates[candidates.indexOf(model) + 1];
    if (next) request.onEvent({ type: 'fallback', from: model, to: next, reason });
    return current ?? { model, reason };
  }

  private async attempt(anthropic: AnthropicClient, settings: ClaudeSettings, model: string, request: TurnRequest, fallbackFrom: { model: string; reason: string } | undefined): Promise<TurnResult> {
    const now = this.deps.now ?? Date.now;
    const info: ModelInfo = this.models.get(model);
    const params: MessageParams = placeCacheBreakpoints(
      buildMessageParams({
        settings,
        model: info,
        system: request.system ?? systemPromptFor(settings),
        messages: request.messages,
        ...(request.tools ? { tools: request.tools } : {}),
        ...(request.toolChoice ? { toolChoice: request.toolChoice } : {}),
      }),
    );
    const started = now();
    const base = {
      time: new Date(started).toISOString(),
      model,
      cacheBreakpoints: countBreakpoints(params),
      ...(fallbackFrom ? { fallbackFrom: fallbackFrom.model, fallbackReason: fallbackFrom.reason } : {}),
      ...(this.deps.logContent?.() ? { request: params } : {}),
    };
    try {
      const { result, stats } = await streamAttempt(anthropic, params, {
        signal: request.signal,
        idleTimeoutMs: settings.requestTimeoutSeconds * 1000,
        maxRetries: settings.maxRetries,
        onEvent: request.onEvent,
        onRetry: (notice) => request.onEvent({ type: 'retrying', model, notice }),
        now,
      });
      const u = result.usage;
      this.deps.onRequestLog?.({
        ...base,
        ...stats,
        outcome: 'done',
        stopReason: result.stopReason,
        inputTokens: u.inputTokens,
        outputTokens: u.outputTokens,
        cacheReadTokens: u.cacheReadTokens,
        cacheWriteTokens: u.cacheWriteTokens,
        thinkingTokens: u.thinkingTokens,
        ...(costOf(result.model, u) ? { costUsd: Math.round(costOf(result.model, u)!.total * 1e8) / 1e8 } : {}),
        totalMs: now() - started,
      });
      return result;
    } catch (error) {
      const failure = error instanceof AttemptFailure ? error : new AttemptFailure(toErrorInfo(error), false, false, { retries: 0 }, { cause: error });
      this.deps.onRequestLog?.({
        ...base,
        ...failure.stats,
        outcome: failure.userAbort ? 'stopped' : 'error',
        ...(failure.userAbort ? {} : { errorType: failure.info.kind }),
        totalMs: now() - started,
      });
      throw failure;
    }
  }

  /** Input tokens of the request `streamTurn` would send for these messages (count_tokens). */
  async countTokens(request: TokenCountRequest): Promise<number> {
    const settings = this.deps.getSettings();
    const anthropic = await this.client(settings);
    const info = this.models.get(settings.model);
    const params = buildMessageParams({ settings, model: info, system: systemPromptFor(settings), messages: request.messages, ...(request.tools ? { tools: request.tools } : {}) });
    const now = this.deps.now ?? Date.now;
    const started = now();
    const base = { time: new Date(started).toISOString(), kind: 'count_tokens' as const, model: info.id, retries: 0, cacheBreakpoints: 0 };
    try {
      const tokens = await countTokens(anthropic, params, request.signal);
      this.deps.onRequestLog?.({ ...base, outcome: 'done', inputTokens: tokens, totalMs: now() - started });
      return tokens;
    } catch (error) {
      const info = toErrorInfo(error);
      this.deps.onRequestLog?.({ ...base, outcome: isUserAbort(error) ? 'stopped' : 'error', errorType: info.kind, ...(info.status ? { status: info.status } : {}), totalMs: now() - started });
      throw error;
    }
  }

  /** A short non-streaming request to `request.model` (no fallbacks: the caller copes without a summary). */
  async summarize(request: SummaryRequest): Promise<SummaryResult> {
    const settings = this.deps.getSettings();
    const now = this.deps.now ?? Date.now;
    const started = now();
    const base = { time: new Date(started).toISOString(), kind: 'summary' as const, model: request.model, retries: 0, cacheBreakpoints: 0 };
    try {
      const anthropic = await this.client(settings);
      const result = await summarize(anthropic, this.models.get(request.model), request);
      const u = result.usage;
      const cost = costOf(result.model, u);
      this.deps.onRequestLog?.({
        ...base,
        ...(result.requestId ? { requestId: result.requestId } : {}),
        outcome: 'done',
        inputTokens: u.inputTokens,
        outputTokens: u.outputTokens,
        cacheReadTokens: u.cacheReadTokens,
        cacheWriteTokens: u.cacheWriteTokens,
        ...(cost ? { costUsd: Math.round(cost.total * 1e8) / 1e8 } : {}),
        totalMs: now() - started,
      });
      return { text: result.text, model: result.model, usage: result.usage };
    } catch (error) {
      const info = toErrorInfo(error);
      const userAbort = isUserAbort(error) || request.signal.aborted;
      this.deps.onRequestLog?.({ ...base, outcome: userAbort ? 'stopped' : 'error', errorType: info.kind, ...(info.status ? { status: info.status } : {}), totalMs: now() - started });
      throw new TurnFailure(info, userAbort, { cause: error });
    }
  }

  private async fetchModels(): Promise<readonly ModelInfo[]> {
    const anthropic = await this.client(this.deps.getSettings());
    const models: ModelInfo[] = [];
    for await (const raw of anthropic.models.list({ limit: 100 })) {
      const info = parseModelInfo(raw);
      if (info) models.push(info);
    }
    return models;
  }

  private async client(settings: ClaudeSettings): Promise<AnthropicClient> {
    // Refuse an unsafe address before the key is even read, so nothing can leave with it.
    const baseURL = checkApiBaseUrl(settings.apiBaseUrl);
    const apiKey = await this.deps.getApiKey();
    if (!apiKey) throw new MissingApiKeyError();
    const cacheKey = JSON.stringify([apiKey, settings.apiBaseUrl, settings.maxRetries, settings.requestTimeoutSeconds]);
    if (this.cached?.key !== cacheKey) {
      const client: AnthropicClient = new AnthropicClient({
        apiKey,
        baseURL,
        maxRetries: settings.maxRetries,
        timeout: settings.requestTimeoutSeconds * 1000,
        // The key's headers go with every request: never to another origin (e.g. a batch's results_url).
        middleware: [apiOriginOnly(() => new URL(client.baseURL).origin)],
        ...sdkLogOptions(this.deps.logger ?? NO_LOG, this.deps.logContent),
      });
      this.cached = { key: cacheKey, client };
      this.models.invalidate();
    }
    return this.cached.client;
  }
}

/** Failures that say something about the model's health (not the user's key, input or network). */
function countsAgainstModel(info: ErrorInfo): boolean {
  return info.kind === 'overloaded' || info.kind === 'server' || info.kind === 'timeout' || info.kind === 'stalled';
}

function fallbackReason(model: string, info: ErrorInfo): string {
  switch (info.kind) {
    case 'overloaded':
      return `${model} is overloaded`;
    case 'timeout':
    case 'stalled':
      return `${model} timed out`;
    default:
      return `${model} failed (${info.status ?? info.kind})`;
  }
}

function breakerInfo(model: string, seconds: number): ErrorInfo {
  return {
    kind: 'circuit_open',
    title: t('Requests to {0} are paused after repeated failures.', model),
    detail: t('They resume in {0} s. Retry then, or select another model.', seconds),
    actions: ['retry', 'selectModel'],
  };
}

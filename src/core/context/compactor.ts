// Keeps long conversations inside the model's context window. Before a request it counts what would be
// sent (count_tokens when close enough to matter, a local estimate otherwise or when counting fails);
// past the threshold it first trims old large tool results, and if that is not enough has a cheaper
// model summarize everything before the recent messages. The history is never changed: the compaction
// is recorded next to it (CompactionState) and applied to what is sent.
import type { ApiMessage, ApiToolParam } from '../claude/apiTypes';
import type { TurnUsage } from '../claude/streamEvents';
import { TurnFailure, stoppedFailure } from '../claude/turnFailure';
import { compactionBoundary, trimBoundary } from './compactionBoundary';
import type { Compaction } from './compactionTypes';
import { activeCompaction, compactedMessages, type CompactionState } from './compactedView';
import type { CompactionSettings, ContextService } from './contextService';
import { SUMMARY_MAX_TOKENS, summaryPrompt } from './summaryRequest';
import { estimateTokens } from './tokenEstimate';

/** Below this share of the limit the local estimate decides alone (no count_tokens request). */
export const EXACT_COUNT_FROM = 0.5;

export interface CompactorDeps {
  readonly service?: ContextService;
  readonly settings: () => CompactionSettings;
  readonly contextWindow: (model: string) => number;
  /** Diagnostics (count_tokens unavailable, summary failed…); never shown as errors. */
  readonly log?: (message: string) => void;
  readonly now?: () => number;
}

export interface PrepareRequest {
  readonly state: CompactionState;
  /** The full history, oldest first. */
  readonly messages: readonly ApiMessage[];
  readonly tools?: readonly ApiToolParam[];
  readonly model: string;
  readonly signal: AbortSignal;
  /** The user asked: compact whatever can be, regardless of the threshold. */
  readonly force?: boolean;
  readonly onCompacting?: (active: boolean) => void;
  readonly onCompacted?: (compaction: Compaction) => void;
  /** Usage of the summary request (it is billed like any other). */
  readonly onSummaryUsage?: (model: string, usage: TurnUsage) => void;
}

export type CompactionOutcome = 'none' | 'trimmed' | 'summarized' | 'nothing_to_compact' | 'failed';

export interface Prepared {
  /** What to send. */
  readonly messages: ApiMessage[];
  readonly outcome: CompactionOutcome;
  /** Token count of `messages` when one was made, and whether it came from count_tokens. */
  readonly tokens?: number;
  readonly exact?: boolean;
  /** Why the summary failed (outcome `failed`), in words. */
  readonly detail?: string;
}

export class Compactor {
  constructor(private readonly deps: CompactorDeps) {}

  async prepare(request: PrepareRequest): Promise<Prepared> {
    const { state, messages, force } = request;
    const settings = this.deps.settings();
    const limit = Math.max(1, Math.floor(settings.threshold * this.deps.contextWindow(request.model)));
    let view = compactedMessages(messages, state);
    if (!force) {
      const count = await this.count(view, request);
      if (count.tokens < limit) return { messages: view, outcome: 'none', ...count };
    }

    const trimTo = trimBoundary(messages, settings.keepRecentMessages);
    let trimmed = false;
    if (trimTo > state.trimmedThrough) {
      const before = view;
      state.trimmedThrough = trimTo;
      view = compactedMessages(messages, state);
      trimmed = view.some((m, i) => m !== before[i]);
      if (trimmed && !force) {
        const count = await this.count(view, request);
        if (count.tokens < limit) {
          this.deps.log?.(`context: trimmed old tool results, now ${count.tokens} of ${limit} tokens`);
          return { messages: view, outcome: 'trimmed', ...count };
        }
      }
    }

    const previous = activeCompaction(messages, state.compactions);
    const boundary = compactionBoundary(messages, settings.keepRecentMessages, previous?.throughMessage ?? 0);
    if (boundary === undefined) {
      if (!force) this.deps.log?.('context: over the compaction threshold, but the recent messages alone fill it; nothing older to summarize');
      return { messages: view, outcome: trimmed ? 'trimmed' : 'nothing_to_compact' };
    }
    const summarized = await this.summarize(request, settings.summaryModel, messages.slice(previous?.throughMessage ?? 0, boundary), boundary, previous);
    if (typeof summarized === 'string') return { messages: view, outcome: 'failed', detail: summarized };
    const compaction = summarized;
    state.compactions.push(compaction);
    request.onCompacted?.(compaction);
    return { messages: compactedMessages(messages, state), outcome: 'summarized' };
  }

  /** count_tokens once the estimate says the limit is near; the estimate when that fails or is not worth it. */
  private async count(view: readonly ApiMessage[], request: PrepareRequest): Promise<{ tokens: number; exact: boolean }> {
    const estimate = estimateTokens({ messages: view, ...(request.tools ? { tools: request.tools } : {}) });
    const limit = this.deps.settings().threshold * this.deps.contextWindow(request.model);
    const service = this.deps.service;
    if (!service || estimate < limit * EXACT_COUNT_FROM) return { tokens: estimate, exact: false };
    try {
      const tokens = await service.countTokens({ messages: view, ...(request.tools ? { tools: request.tools } : {}), signal: request.signal });
      return { tokens, exact: true };
    } catch (error) {
      if (request.signal.aborted) throw stoppedFailure();
      this.deps.log?.(`context: count_tokens unavailable (${describe(error)}); using the estimate of ${estimate} tokens`);
      return { tokens: estimate, exact: false };
    }
  }

  /** The new compaction, or why there is none. */
  private async summarize(request: PrepareRequest, model: string, old: readonly ApiMessage[], boundary: number, previous: Compaction | undefined): Promise<Compaction | string> {
    const service = this.deps.service;
    if (!service) return 'no summary model is available';
    const { system, prompt } = summaryPrompt(old, previous?.summary);
    request.onCompacting?.(true);
    try {
      const result = await service.summarize({ model, system, prompt, maxTokens: SUMMARY_MAX_TOKENS, signal: request.signal });
      request.onSummaryUsage?.(result.model, result.usage);
      if (!result.text.trim()) {
        this.deps.log?.('context: the summary came back empty; sending the conversation uncompacted');
        return `${result.model} returned an empty summary`;
      }
      return { summary: result.text.trim(), throughMessage: boundary, model: result.model, createdAt: (this.deps.now ?? Date.now)() };
    } catch (error) {
      if (request.signal.aborted || (TurnFailure.is(error) && error.userAbort)) throw stoppedFailure();
      this.deps.log?.(`context: summarizing with ${model} failed (${describe(error)}); sending the conversation uncompacted`);
      return describe(error);
    } finally {
      request.onCompacting?.(false);
    }
  }
}

function describe(error: unknown): string {
  if (TurnFailure.is(error)) return `${error.info.kind}${error.info.status ? ` ${error.info.status}` : ''}: ${error.info.title}`;
  return error instanceof Error ? error.message : String(error);
}
